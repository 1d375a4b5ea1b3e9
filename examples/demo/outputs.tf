output "function_ids" {
  description = "Terraform IDs of the functions, <namespace>/<name>."
  value       = { for f in [scf_function.hello, scf_function.greeter, scf_function.reporter] : f.name => f.id }
}

output "hello" {
  description = "What the service reports about the hello function."
  value = {
    function_id = scf_function.hello.function_id
    status      = scf_function.hello.status
    code_size   = scf_function.hello.code_size
    code_sha256 = scf_function.hello.code_sha256
  }
}

output "layer" {
  description = "The layer version the demo published, as <layer_name>/<layer_version>."
  value       = scf_layer_version.greetings.id
}
