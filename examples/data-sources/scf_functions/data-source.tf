# The platform team's Python web functions whose names start with "api-".
# Every filter is optional; all of those given must match.
data "scf_functions" "platform_api" {
  namespace   = "default"
  name_prefix = "api-"
  runtime     = "Python3.9"
  type        = "HTTP"
  tags = {
    team = "platform"
  }
}

output "platform_api_functions" {
  value = [for f in data.scf_functions.platform_api.functions : f.name]
}
