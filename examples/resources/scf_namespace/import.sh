# A namespace is imported by its name.
terraform import scf_namespace.orders orders
