# Every function with a reserved concurrency quota, in every namespace,
# with its quota.
list "scf_reserved_concurrency" "all" {
  provider         = scf
  include_resource = true
}
