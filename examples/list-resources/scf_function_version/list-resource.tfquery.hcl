# Every published version of every function, in every namespace.
list "scf_function_version" "all" {
  provider = scf
}

# The versions of one function of namespace team-a.
list "scf_function_version" "orders" {
  provider = scf

  config {
    namespace     = "team-a"
    function_name = "orders"
  }
}
