variable "db_password" {
  type      = string
  sensitive = true
}

# Terraform 1.10 and later: an ephemeral variable is never written to the
# plan or state, which suits a write-only argument.
variable "payment_api_token" {
  type      = string
  sensitive = true
  ephemeral = true
}

resource "scf_function" "orders" {
  name    = "orders-api"
  runtime = "Python3.9"
  handler = "index.main_handler"

  code = {
    zip_file = "${path.module}/orders.zip"
  }

  # Shown in plans.
  environment = {
    STAGE = "prod"
  }

  # Sensitive: never shown in plan or apply output, kept in state, and
  # drift is planned.
  secret_environment = {
    DB_PASSWORD = var.db_password
  }

  # Write-only (Terraform 1.11 and later): never in plan or state. Increment
  # the version to send the values again after rotating them.
  secret_environment_wo = {
    PAYMENT_API_TOKEN = var.payment_api_token
  }
  secret_environment_wo_version = 1
}
