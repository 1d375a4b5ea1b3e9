# Terraform 1.12 and later can import by the resource identity instead of
# the ID. namespace defaults to "default"; qualifier is needed only when the
# function has triggers of this type and name on several qualifiers.
import {
  to = scf_trigger.nightly
  identity = {
    function_name = "report"
    type          = "timer"
    name          = "nightly"
  }
}
