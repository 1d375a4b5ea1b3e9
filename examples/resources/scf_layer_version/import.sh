# A layer version is imported by "<layer_name>/<layer_version>". The API
# cannot return the content, so leave `content` out of the configuration of
# an imported version, or set it to the same zip.
terraform import scf_layer_version.libs shared-libs/1
