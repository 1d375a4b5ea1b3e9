# Terraform 1.14 or later. Run on demand with:
#   terraform apply -invoke=action.scf_function_invoke.smoke_test
action "scf_function_invoke" "smoke_test" {
  config {
    function_name = scf_function.hello.name
    namespace     = scf_function.hello.namespace
    payload       = jsonencode({ name = "smoke test" })
  }
}

# Or after every deployment of new code: the apply fails if the function
# raises an error or runs past its timeout.
resource "terraform_data" "deployed_code" {
  input = scf_function.hello.code_sha256

  lifecycle {
    action_trigger {
      events  = [after_create, after_update]
      actions = [action.scf_function_invoke.smoke_test]
    }
  }
}
