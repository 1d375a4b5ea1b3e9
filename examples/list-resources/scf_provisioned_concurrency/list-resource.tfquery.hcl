# Every version with provisioned concurrency of the functions of namespace
# team-a.
list "scf_provisioned_concurrency" "team_a" {
  provider = scf

  config {
    namespace = "team-a"
  }
}
