# An alias is imported as namespace/function_name/alias_name.
terraform import scf_function_alias.live default/api/live
