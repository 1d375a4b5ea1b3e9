# Terraform 1.12 and later can import by the resource identity instead of the ID.
import {
  to = scf_layer_version.libs
  identity = {
    layer_name    = "shared-libs"
    layer_version = 1
  }
}
