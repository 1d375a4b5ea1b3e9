# A trigger is imported as <namespace>/<function_name>/<type>/<name>; a COS
# trigger's name is its bucket's domain.
terraform import scf_trigger.nightly default/report/timer/nightly
terraform import scf_trigger.uploads default/report/cos/photos-1250000000.cos.ap-guangzhou.myqcloud.com
terraform import scf_trigger.api default/report/apigw/report-api
terraform import scf_trigger.url default/report/http/report-url
