# A layer version with shared Python libraries, and a function that binds it.
# Changing the zip's content (or any argument) publishes a new version; the
# function then moves to it in place.
resource "scf_layer_version" "libs" {
  layer_name          = "shared-libs"
  description         = "Helpers shared by the order functions"
  compatible_runtimes = ["Python3.9", "Python3.10"]
  license_info        = "MIT"

  content = {
    zip_file = "${path.module}/layer.zip"
  }
}

resource "scf_function" "orders" {
  name    = "orders"
  handler = "index.main_handler"
  runtime = "Python3.9"

  code = {
    zip_file = "${path.module}/function.zip"
  }

  layers = [{
    name    = scf_layer_version.libs.layer_name
    version = scf_layer_version.libs.layer_version
  }]
}
