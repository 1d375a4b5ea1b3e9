resource "scf_function" "api" {
  name    = "api"
  runtime = "Python3.9"
  handler = "index.main_handler"

  code = {
    zip_file = "${path.module}/api.zip"
  }
}

# $LATEST cannot have provisioned concurrency: publish a version first.
resource "scf_function_version" "api" {
  function_name     = scf_function.api.name
  namespace         = scf_function.api.namespace
  description       = "release"
  function_revision = scf_function.api.code_sha256
}

# Keeps 4 instances of the published version started, 20 on weekdays from
# 9:00 and none from 22:00 until the next morning.
resource "scf_provisioned_concurrency" "api" {
  function_name               = scf_function.api.name
  namespace                   = scf_function.api.namespace
  qualifier                   = scf_function_version.api.version
  provisioned_concurrency_num = 4

  scheduled_actions = [
    {
      name                        = "working-hours"
      provisioned_concurrency_num = 20
      cron_expression             = "0 0 9 * * MON-FRI *"
    },
    {
      name                        = "night"
      provisioned_concurrency_num = 0
      cron_expression             = "0 0 22 * * * *"
    },
  ]

  timeouts = {
    create = "30m"
  }
}
