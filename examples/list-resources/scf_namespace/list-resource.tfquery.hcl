# Every namespace of the region (but `default`), with its description, for
# `terraform query -generate-config-out=namespaces.tf`.
list "scf_namespace" "all" {
  provider         = scf
  include_resource = true
}
