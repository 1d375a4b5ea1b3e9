variable "namespace" {
  description = "Name of the namespace the demo creates for the hello and greeter functions."
  type        = string
  default     = "demo"
}

variable "reporter_memory_size" {
  description = "Memory of the reporter function in MB: 64, or 128 to 3072 in steps of 128. invalid.tfvars sets 100 to show the provider's plan-time validation."
  type        = number
  default     = 256
}

variable "tags" {
  description = "Tags put on every function."
  type        = map(string)
  default = {
    team  = "platform"
    stage = "demo"
  }
}
