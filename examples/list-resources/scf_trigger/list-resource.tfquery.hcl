# Every timer trigger of every function, in every namespace.
list "scf_trigger" "timers" {
  provider = scf

  config {
    type = "timer"
  }
}

# Every trigger of one function, with its full configuration.
list "scf_trigger" "orders" {
  provider         = scf
  include_resource = true

  config {
    namespace     = "team-a"
    function_name = "orders"
  }
}
