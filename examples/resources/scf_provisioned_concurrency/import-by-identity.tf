# Terraform 1.12 and later can import by the resource identity instead of the
# ID; namespace may be left out for "default".
import {
  to = scf_provisioned_concurrency.api
  identity = {
    function_name = "api"
    qualifier     = "1"
  }
}
