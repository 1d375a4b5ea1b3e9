# A function whose code is a container image. The runtime is CustomImage by
# default and there is no handler; the image's command and args start it.
resource "scf_function" "image" {
  name        = "orders-worker"
  type        = "HTTP"
  memory_size = 1024
  timeout     = 60

  code = {
    image_config = {
      image_type = "personal"
      # A tag, or a tag pinned with @sha256:<digest>. The service reports the
      # digest it resolved in resolved_image_uri; that is not a change.
      image_uri  = "ccr.ccs.tencentyun.com/my-namespace/orders:v1"
      command    = "python"
      args       = "-u app.py"
      image_port = 8080
    }
  }
}

output "deployed_image" {
  value = scf_function.image.resolved_image_uri
}
