# Every version of every layer of the region. Layers belong to the region,
# not to a namespace.
list "scf_layer_version" "all" {
  provider = scf
}

# Only the versions of one layer, with their full configuration.
list "scf_layer_version" "common_libs" {
  provider         = scf
  include_resource = true

  config {
    layer_name = "common-libs"
  }
}
