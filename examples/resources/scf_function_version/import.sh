# A function version is imported as namespace/function_name/version.
terraform import scf_function_version.orders default/orders/3
