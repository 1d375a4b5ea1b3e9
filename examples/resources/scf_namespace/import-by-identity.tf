# Terraform 1.12 and later can import by the resource identity instead of the ID.
import {
  to       = scf_namespace.orders
  identity = { name = "orders" }
}
