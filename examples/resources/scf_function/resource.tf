resource "scf_function" "hello" {
  name        = "hello-world"
  namespace   = "default"
  runtime     = "Python3.9"
  handler     = "index.main_handler"
  description = "Says hello"
  memory_size = 256
  timeout     = 10

  code = {
    zip_file = "${path.module}/hello.zip"
  }

  environment = {
    GREETING = "hello"
  }

  layers = [
    { name = "common-libs", version = 2 },
  ]

  tags = {
    team = "platform"
  }

  timeouts = {
    create = "10m"
  }
}
