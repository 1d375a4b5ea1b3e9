resource "scf_namespace" "orders" {
  name        = "orders"
  description = "Functions of the orders team"
}

# The function names its namespace through a reference, so Terraform creates
# the namespace first and, on destroy, deletes the function before the
# namespace (the service deletes only empty namespaces).
resource "scf_function" "checkout" {
  name      = "checkout"
  namespace = scf_namespace.orders.name
  runtime   = "Python3.9"
  handler   = "index.main_handler"

  code = {
    zip_file = "${path.module}/checkout.zip"
  }
}
