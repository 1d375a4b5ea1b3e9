# Reads a function, whether Terraform manages it or it was made elsewhere
# (the console, another configuration).
data "scf_function" "hello" {
  name      = "hello-world"
  namespace = "default"
}

output "hello_runtime" {
  value = data.scf_function.hello.runtime
}

# The SHA-256 of the deployed code package; for an image function, the
# image's digest (see image_config and resolved_image_uri).
output "hello_code_sha256" {
  value = data.scf_function.hello.code_sha256
}
