# Terraform 1.5 and later can import in configuration.
import {
  to = scf_namespace.orders
  id = "orders"
}
