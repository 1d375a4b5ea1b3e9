# The versions of a layer that work with Python 3.9, newest first; an
# unknown layer gives an empty list.
data "scf_layer_versions" "libs" {
  layer_name         = "shared-libs"
  compatible_runtime = "Python3.9"
}

output "newest_python_libs" {
  value = try(data.scf_layer_versions.libs.layer_versions[0].layer_version, null)
}
