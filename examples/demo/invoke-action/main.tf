# The last step of the demo on Terraform 1.14 or later: an action that
# invokes the demo's hello function, run on demand with
#
#   terraform apply -invoke=action.scf_function_invoke.hello
#
# A root module of its own, so that the CLIs older than 1.14, which do not
# know `action` blocks, can still run the rest of the demo.

terraform {
  required_version = ">= 1.14.0"

  required_providers {
    scf = {
      source = "scfprovider/scf"
    }
  }
}

provider "scf" {}

variable "namespace" {
  description = "Namespace of the demo's functions."
  type        = string
  default     = "demo"
}

action "scf_function_invoke" "hello" {
  config {
    function_name = "hello"
    namespace     = var.namespace
    payload       = jsonencode({ name = "newcomer" })
  }
}
