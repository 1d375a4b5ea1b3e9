# A web function (Type HTTP) with a fixed public IP.
resource "scf_function" "web" {
  name        = "web-api"
  type        = "HTTP"
  runtime     = "Nodejs16.13"
  handler     = "index.main_handler"
  memory_size = 512
  timeout     = 30

  code = {
    zip_file = "${path.module}/web.zip"
  }

  public_net_config = {
    public_net_status = "ENABLE"
    eip_config        = { eip_status = "ENABLE" }
  }
}
