# Terraform 1.12 and later can import by the resource identity instead of the
# ID; namespace may be left out for "default".
import {
  to = scf_function_version.orders
  identity = {
    namespace     = "default"
    function_name = "orders"
    version       = "3"
  }
}
