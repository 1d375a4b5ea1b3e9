resource "scf_function" "orders" {
  name    = "orders"
  handler = "index.main_handler"
  runtime = "Python3.9"
  code    = { zip_file = "${path.module}/orders.zip" }
}

# A new version is published whenever the function's code changes.
resource "scf_function_version" "orders" {
  function_name     = scf_function.orders.name
  description       = "release"
  function_revision = scf_function.orders.code_sha256

  # Publish the new version and move aliases to it before the old one is
  # deleted: the API refuses to delete a version an alias routes to.
  lifecycle {
    create_before_destroy = true
  }
}
