# Provisioned concurrency is imported by <namespace>/<function_name>/<qualifier>.
terraform import scf_provisioned_concurrency.api default/api/1
