# Every function of the region whose name starts with "orders-" and that
# carries the tag team = "payments", with its full configuration, for
# `terraform query -generate-config-out=functions.tf`.
list "scf_function" "orders" {
  provider         = scf
  include_resource = true
  limit            = 500

  config {
    name_prefix = "orders-"
    tags        = { team = "payments" }
  }
}

# Only the functions of one namespace that failed to update.
list "scf_function" "failed_updates" {
  provider = scf

  config {
    namespace = "team-a"
    status    = "UpdateFailed"
  }
}
