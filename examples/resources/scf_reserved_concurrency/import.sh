# The reserved concurrency of a function is imported by <namespace>/<function_name>.
terraform import scf_reserved_concurrency.reports default/reports
