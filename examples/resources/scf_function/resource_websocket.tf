# A web function that serves WebSocket connections, lets one instance take
# several requests at once, and has a fixed intranet IP inside its VPC.
resource "scf_function" "chat" {
  name        = "chat-gateway"
  type        = "HTTP"
  runtime     = "Nodejs18.15"
  handler     = "index.main_handler"
  memory_size = 512
  timeout     = 120

  code = {
    zip_file = "${path.module}/chat.zip"
  }
  install_dependency = true

  protocol_type = "WS" # replaces the function when changed
  protocol_params = {
    ws_params = { idle_timeout = 600 }
  }

  instance_concurrency_config = {
    max_concurrency = 20
    dynamic_enabled = true
  }

  vpc_config = {
    vpc_id    = "vpc-demo0001"
    subnet_id = "subnet-demo0001"
  }
  intranet_config = {
    ip_fixed = "ENABLE"
  }
}

output "chat_host" {
  value = scf_function.chat.access_info.host
}

output "chat_intranet_ips" {
  value = scf_function.chat.intranet_config.ip_addresses
}
