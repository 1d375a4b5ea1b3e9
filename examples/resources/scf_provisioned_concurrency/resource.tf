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

# Keeps 4 instances of the published version started.
resource "scf_provisioned_concurrency" "api" {
  function_name               = scf_function.api.name
  namespace                   = scf_function.api.namespace
  qualifier                   = scf_function_version.api.version
  provisioned_concurrency_num = 4

  timeouts = {
    create = "30m"
  }
}
