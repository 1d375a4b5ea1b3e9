# Terraform 1.12 and later can import by the resource identity instead of the
# ID; namespace may be left out for "default".
import {
  to = scf_function_alias.live
  identity = {
    function_name = "api"
    name          = "live"
  }
}
