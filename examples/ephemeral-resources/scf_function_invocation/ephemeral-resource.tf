# Ask a function for a value during the run, without keeping its answer in
# the plan or the state (Terraform 1.10 or later).
ephemeral "scf_function_invocation" "settings" {
  function_name = "config-service"
  namespace     = "platform"
  qualifier     = "live"
  payload       = jsonencode({ environment = "staging" })
}

# Ephemeral values can configure a provider, or be written through
# write-only arguments; here the answer configures another provider.
provider "example" {
  token = jsondecode(ephemeral.scf_function_invocation.settings.result).token
}
