# The estate of tencentcloud.tf, written for this provider, with a moved
# block for each object: the plan moves them all and changes nothing.

moved {
  from = tencentcloud_scf_namespace.team
  to   = scf_namespace.team
}

resource "scf_namespace" "team" {
  name        = "mig-ns"
  description = "made by tencentcloud"
}

moved {
  from = tencentcloud_scf_layer.libs
  to   = scf_layer_version.libs
}

resource "scf_layer_version" "libs" {
  layer_name          = "mig-libs"
  compatible_runtimes = ["Python3.9"]
  description         = "libs"
  content             = { zip_file = "${path.module}/layer.zip" }
}

moved {
  from = tencentcloud_scf_function.fn
  to   = scf_function.fn
}

resource "scf_function" "fn" {
  name        = "mig-fn"
  namespace   = scf_namespace.team.name
  handler     = "index.main"
  runtime     = "Python3.9"
  memory_size = 256
  timeout     = 30
  code        = { zip_file = "${path.module}/fn.zip" }
  environment = { STAGE = "prod" }
  layers = [
    { name = scf_layer_version.libs.layer_name, version = scf_layer_version.libs.layer_version },
  ]
}

# The function's inline trigger is not moved with it (the move warns and
# names its import ID): import it as an scf_trigger of its own.
import {
  to = scf_trigger.inline_tick
  id = "mig-ns/mig-fn/timer/inline-tick"
}

resource "scf_trigger" "inline_tick" {
  namespace     = scf_namespace.team.name
  function_name = scf_function.fn.name
  name          = "inline-tick"
  qualifier     = "$LATEST"
  timer         = { cron_expression = "0 */5 * * * * *" }
}

moved {
  from = tencentcloud_scf_function_version.v1
  to   = scf_function_version.v1
}

resource "scf_function_version" "v1" {
  namespace     = scf_namespace.team.name
  function_name = scf_function.fn.name
  description   = "release 1"
}

moved {
  from = tencentcloud_scf_function_alias.live
  to   = scf_function_alias.live
}

resource "scf_function_alias" "live" {
  namespace        = scf_namespace.team.name
  function_name    = scf_function.fn.name
  name             = "live"
  function_version = scf_function_version.v1.version
  description      = "live traffic"
}

moved {
  from = tencentcloud_scf_trigger.nightly
  to   = scf_trigger.nightly
}

resource "scf_trigger" "nightly" {
  namespace     = scf_namespace.team.name
  function_name = scf_function.fn.name
  name          = "nightly"
  qualifier     = "$DEFAULT"
  timer         = { cron_expression = "0 0 2 * * * *" }
}

moved {
  from = tencentcloud_scf_reserved_concurrency_config.rc
  to   = scf_reserved_concurrency.rc
}

resource "scf_reserved_concurrency" "rc" {
  namespace                = scf_namespace.team.name
  function_name            = scf_function.fn.name
  reserved_concurrency_mem = 1024
}

moved {
  from = tencentcloud_scf_provisioned_concurrency_config.pc
  to   = scf_provisioned_concurrency.pc
}

resource "scf_provisioned_concurrency" "pc" {
  namespace                   = scf_namespace.team.name
  function_name               = scf_function.fn.name
  qualifier                   = scf_function_version.v1.version
  provisioned_concurrency_num = 2
}
