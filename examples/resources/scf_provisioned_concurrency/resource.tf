resource "scf_function" "api" {
  name    = "api"
  runtime = "Python3.9"
  handler = "index.main_handler"

  code = {
    zip_file = "${path.module}/api.zip"
  }
}

# Keeps 4 instances of version 1 of the function started. The version must
# be published already: $LATEST cannot have provisioned concurrency.
resource "scf_provisioned_concurrency" "api" {
  function_name               = scf_function.api.name
  namespace                   = scf_function.api.namespace
  qualifier                   = "1"
  provisioned_concurrency_num = 4

  timeouts = {
    create = "30m"
  }
}
