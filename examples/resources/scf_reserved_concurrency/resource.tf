resource "scf_function" "reports" {
  name    = "reports"
  runtime = "Python3.9"
  handler = "index.main_handler"

  code = {
    zip_file = "${path.module}/reports.zip"
  }
}

# Sets aside 2,048 MB of the account's concurrency quota for the function,
# which is also the most its instances may use together (16 instances of
# 128 MB). 0 would stop the function.
resource "scf_reserved_concurrency" "reports" {
  function_name            = scf_function.reports.name
  namespace                = scf_function.reports.namespace
  reserved_concurrency_mem = 2048
}
