# The last step of the demo on Terraform 1.10 to 1.13: an ephemeral resource
# invokes the demo's hello function during `terraform apply`, and a
# provisioner writes the answer to answer.json, which the demo prints. The
# answer never reaches the plan or the state (an ephemeral value may be used
# in a provisioner, not in a resource argument).

terraform {
  required_version = ">= 1.10.0"

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

ephemeral "scf_function_invocation" "hello" {
  function_name = "hello"
  namespace     = var.namespace
  payload       = jsonencode({ name = "newcomer" })
}

resource "terraform_data" "answer" {
  provisioner "local-exec" {
    # python3 writes the file itself: no shell is involved.
    interpreter = ["python3", "-c", "import os, sys; open(sys.argv[1], 'w').write(os.environ['ANSWER'] + '\\n')"]
    command     = "${path.module}/answer.json"
    environment = { ANSWER = ephemeral.scf_function_invocation.hello.result }
  }
}
