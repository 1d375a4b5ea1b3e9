# Code stored in COS: the bucket name is given without its -<appid> suffix.
resource "scf_function" "from_cos" {
  name        = "from-cos"
  runtime     = "Nodejs12.16"
  handler     = "index.main_handler"
  code_source = "Cos"

  code = {
    cos_bucket_name   = "scf-code"
    cos_object_name   = "/demo/code.zip"
    cos_bucket_region = "ap-guangzhou"
  }
}
