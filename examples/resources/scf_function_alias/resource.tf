resource "scf_function" "api" {
  name    = "api"
  handler = "index.main_handler"
  runtime = "Python3.9"
  code    = { zip_file = "${path.module}/api.zip" }
}

resource "scf_function_version" "stable" {
  function_name     = scf_function.api.name
  description       = "stable"
  function_revision = "stable"
}

resource "scf_function_version" "canary" {
  function_name     = scf_function.api.name
  description       = "canary"
  function_revision = scf_function.api.code_sha256
  depends_on        = [scf_function_version.stable]
}

# 90% of invocations go to the stable version, 10% to the canary.
resource "scf_function_alias" "live" {
  function_name    = scf_function.api.name
  name             = "live"
  function_version = scf_function_version.stable.version
  routing_config = {
    additional_version_weights = [{
      version = scf_function_version.canary.version
      weight  = 0.1
    }]
  }
}

# Invocations whose RoutingKey carries {"User": "<0 to 40>"} go to the canary,
# the others to the stable version.
resource "scf_function_alias" "beta" {
  function_name    = scf_function.api.name
  name             = "beta"
  function_version = scf_function_version.stable.version
  routing_config = {
    additional_version_matches = [{
      version    = scf_function_version.canary.version
      key        = "invoke.headers.User"
      method     = "range"
      expression = "[0,40]"
    }]
  }
}
