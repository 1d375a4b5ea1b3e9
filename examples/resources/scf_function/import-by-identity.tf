# Terraform 1.12 and later can import by resource identity: `name`, and
# `namespace` when it is not `default`. `code` may be left out of the
# resource block to keep the deployed code.
import {
  to = scf_function.hello
  identity = {
    namespace = "default"
    name      = "hello-world"
  }
}
