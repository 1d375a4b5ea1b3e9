# A function inside a VPC, with a CFS file system mounted at /mnt/data and a
# dead letter queue for failed asynchronous invocations.
resource "scf_function" "in_vpc" {
  name    = "in-vpc"
  runtime = "Python3.9"
  handler = "index.main_handler"
  role    = "SCF_QcsRole"

  code = {
    zip_file = "${path.module}/hello.zip"
  }

  vpc_config = {
    vpc_id    = "vpc-demo0001"
    subnet_id = "subnet-demo0001"
  }

  public_net_config = {
    public_net_status = "DISABLE"
  }

  cfs_config = {
    cfs_ins_list = [{
      user_id          = "10000"
      user_group_id    = "10000"
      cfs_id           = "cfs-demo0001"
      mount_ins_id     = "cfs-demo0001-mount"
      local_mount_dir  = "/mnt/data"
      remote_mount_dir = "/"
    }]
  }

  dead_letter_config = {
    type = "CMQ-QUEUE"
    name = "dlq-demo"
  }

  cls_logset_id = "cls-logset-demo"
  cls_topic_id  = "cls-topic-demo"
}
