# The namespaces whose name contains "team-", sorted by name.
data "scf_namespaces" "teams" {
  name_contains = "team-"
}

output "team_namespaces" {
  value = [for ns in data.scf_namespaces.teams.namespaces : ns.name]
}
