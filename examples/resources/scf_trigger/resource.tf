resource "scf_function" "report" {
  name    = "report"
  runtime = "Python3.9"
  handler = "index.main_handler"

  code = {
    zip_file = "${path.module}/report.zip"
  }
}

# Every weekday at 02:00 (seconds, minutes, hours, day of month, month,
# day of week, year). Changing the schedule, enable, description or
# custom_argument updates the trigger in place.
resource "scf_trigger" "nightly" {
  function_name   = scf_function.report.name
  name            = "nightly"
  description     = "Weekday report"
  custom_argument = "{\"scope\":\"daily\"}"

  timer = {
    cron_expression = "0 0 2 * * MON-FRI *"
  }
}

# Runs on every .csv uploaded under incoming/. The trigger's name is the
# bucket's domain, photos-1250000000.cos.<region>.myqcloud.com.
resource "scf_trigger" "uploads" {
  function_name = scf_function.report.name

  cos = {
    bucket = "photos-1250000000"
    event  = "cos:ObjectCreated:*"
    filter = {
      prefix = "incoming/"
      suffix = ".csv"
    }
  }
}

# Batches of up to 500 messages of topic "orders".
resource "scf_trigger" "orders" {
  function_name = scf_function.report.name

  ckafka = {
    instance_id = "ckafka-abcd1234"
    topic       = "orders"
    max_msg_num = 500
  }
}

# POST requests to an API of an existing API Gateway service, published to
# its test environment. Any change replaces the trigger.
resource "scf_trigger" "api" {
  function_name = scf_function.report.name
  name          = "report-api"

  apigw = {
    service_id    = "service-abcd1234"
    environment   = "test"
    method        = "POST"
    auth_required = true
  }
}

# A public function URL for the $DEFAULT alias, callable from one site.
# Its settings change in place.
resource "scf_trigger" "url" {
  function_name = scf_function.report.name
  name          = "report-url"

  http = {
    auth_type       = "NONE"
    enable_intranet = false
    enable_extranet = true
    cors = {
      origins = ["https://reports.example.com"]
      methods = ["GET", "POST"]
    }
  }
}
