# Newcomer demo: a namespace, a layer version, three functions, releases of
# one of them (two versions and a weighted alias) and a timer trigger, managed
# by the scf provider and run against the bundled fake SCF server by
# .ci/demo.sh (`make demo`). See README.md.

terraform {
  required_version = ">= 1.5.0"

  required_providers {
    scf = {
      source = "scfprovider/scf"
    }
  }
}

# Region, credentials and endpoint come from the environment that .ci/demo.sh
# sets up: TENCENTCLOUD_REGION, TENCENTCLOUD_SECRET_ID, TENCENTCLOUD_SECRET_KEY
# and SCF_ENDPOINT (the address of the local scf-fake).
provider "scf" {}

# The namespace of the hello and greeter functions. They name it through
# scf_namespace.demo.name, so Terraform creates it before them and, on
# destroy, deletes them before it: the service deletes only empty namespaces.
resource "scf_namespace" "demo" {
  name        = var.namespace
  description = "Namespace of the newcomer demo"
}

# A layer version with a helper module both functions in the namespace load.
# New content in libs.zip publishes a new version, and they move to it in place.
resource "scf_layer_version" "greetings" {
  layer_name          = "common-greetings"
  description         = "Greeting helpers shared by the demo functions"
  compatible_runtimes = ["Python3.9", "Nodejs12.16"]

  content = {
    zip_file = "${path.module}/code/libs.zip"
  }
}

# A Python function in the custom namespace, with zip code, environment
# variables, two layers and tags.
resource "scf_function" "hello" {
  name        = "hello"
  namespace   = scf_namespace.demo.name
  runtime     = "Python3.9"
  handler     = "index.main_handler"
  description = "Greets the caller"
  memory_size = 128
  timeout     = 10

  code = {
    zip_file = "${path.module}/code/hello.zip"
  }

  environment = {
    GREETING = "hello"
  }

  layers = [
    { name = "common-libs", version = 2 },
    { name = scf_layer_version.greetings.layer_name, version = scf_layer_version.greetings.layer_version },
  ]

  tags = var.tags
}

# A Node.js function in the same namespace, bound to an older version of the
# fixture layer and to the demo's own layer.
resource "scf_function" "greeter" {
  name        = "greeter"
  namespace   = scf_namespace.demo.name
  runtime     = "Nodejs12.16"
  handler     = "index.main_handler"
  description = "Greets the caller, loudly"
  memory_size = 256

  code = {
    zip_file = "${path.module}/code/greeter.zip"
  }

  environment = {
    STYLE = "loud"
  }

  layers = [
    { name = "common-libs", version = 1 },
    { name = scf_layer_version.greetings.layer_name, version = scf_layer_version.greetings.layer_version },
  ]

  tags = merge(var.tags, { component = "greeter" })
}

# A function in the `default` namespace (no `namespace` argument). Its memory
# size comes from a variable: invalid.tfvars sets it to a value the provider
# rejects at plan time.
resource "scf_function" "reporter" {
  name        = "reporter"
  runtime     = "Python3.9"
  handler     = "index.main_handler"
  description = "Counts the records of an event"
  memory_size = var.reporter_memory_size
  timeout     = 30

  code = {
    zip_file = "${path.module}/code/reporter.zip"
  }

  environment = {
    REPORT_SOURCE = "demo"
  }

  tags = var.tags
}

# Releases of hello: a stable version, and a canary published whenever the
# code changes. The canary is published after the stable one, so the
# versions are numbered in that order.
resource "scf_function_version" "hello_stable" {
  function_name     = scf_function.hello.name
  namespace         = scf_function.hello.namespace
  description       = "stable release"
  function_revision = "stable"
}

resource "scf_function_version" "hello_canary" {
  function_name     = scf_function.hello.name
  namespace         = scf_function.hello.namespace
  description       = "canary release"
  function_revision = scf_function.hello.code_sha256
  depends_on        = [scf_function_version.hello_stable]

  # Publish the new canary, and move the alias to it, before the old one is
  # deleted: the API refuses to delete a version an alias routes to.
  lifecycle {
    create_before_destroy = true
  }
}

# The alias callers invoke: 90% of invocations run the stable version, 10%
# the canary.
resource "scf_function_alias" "hello_live" {
  function_name    = scf_function.hello.name
  namespace        = scf_function.hello.namespace
  name             = "live"
  description      = "What callers invoke"
  function_version = scf_function_version.hello_stable.version
  routing_config = {
    additional_version_weights = [{
      version = scf_function_version.hello_canary.version
      weight  = 0.1
    }]
  }
}

# Runs reporter every weekday at 02:00: seconds, minutes, hours, day of
# month, month, day of week, year.
resource "scf_trigger" "reporter_nightly" {
  function_name = scf_function.reporter.name
  name          = "nightly"
  description   = "Weekday report"

  timer = {
    cron_expression = "0 0 2 * * MON-FRI *"
  }
}
