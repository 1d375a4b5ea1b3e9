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
