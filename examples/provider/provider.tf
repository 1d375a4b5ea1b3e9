# Credentials come from TENCENTCLOUD_SECRET_ID / TENCENTCLOUD_SECRET_KEY
# (or ~/.tencentcloud/credentials) when they are not set here.
provider "scf" {
  region = "ap-guangzhou"

  # Optional: slow down one action for a shared account, and retry more.
  rate_limits = {
    CreateFunction = 5
  }
  max_retries = 10
}
