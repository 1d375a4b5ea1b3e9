# The aliases of every function of namespace team-a, with their routing,
# for `terraform query -generate-config-out=aliases.tf`.
list "scf_function_alias" "team_a" {
  provider         = scf
  include_resource = true

  config {
    namespace = "team-a"
  }
}
