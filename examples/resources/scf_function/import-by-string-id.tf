# Terraform 1.5 and later can import in configuration. `code` may be left out
# of the resource block to keep the deployed code.
import {
  to = scf_function.hello
  id = "default/hello-world"
}
