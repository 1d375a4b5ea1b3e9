package provider

import (
	"errors"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// layerVersionDiagnostics is the vocabulary of scf_layer_version: "Unable to
// Publish SCF Layer Version", and the layer actions' codes at its
// attributes.
var layerVersionDiagnostics = vocabulary{noun: "SCF Layer Version", hints: layerAPIErrorHints}

// layerAPIErrorHints are the codes of the layer version actions, and the
// shared codes whose attribute differs for scf_layer_version. Codes not
// listed borrow the advice of apiErrorHints, never its attribute, which
// names a function's attributes.
var layerAPIErrorHints = map[string]apiErrorHint{
	"FailedOperation.PublishLayerVersion":              {advice: "The service could not publish the layer version. " + hintRetry},
	"FailedOperation.DeleteLayerVersion":               {advice: "The service could not delete the layer version. " + hintRetry},
	"FailedOperation.OperationConflict":                {advice: "Another operation on this layer version is in progress. Wait for it to finish and run the command again."},
	"InvalidParameterValue.LayerName":                  {attribute: path.Root("layer_name"), advice: "Use 1 to 64 letters, digits, `-` and `_`, starting with a letter and not ending with `-` or `_`."},
	"InvalidParameterValue.Name":                       {attribute: path.Root("layer_name"), advice: "Use 1 to 64 letters, digits, `-` and `_`, starting with a letter and not ending with `-` or `_`."},
	"InvalidParameterValue.CompatibleRuntimes":         {attribute: path.Root("compatible_runtimes"), advice: "Name at least one function runtime, each once."},
	"InvalidParameterValue.Runtime":                    {attribute: path.Root("compatible_runtimes"), advice: "Use function runtimes, such as `Python3.9` or `Nodejs18.15`."},
	"InvalidParameterValue.Description":                {attribute: path.Root("description"), advice: "Use at most 1,000 characters."},
	"InvalidParameterValue.Content":                    {attribute: path.Root("content"), advice: "Give a zip file or a COS object, and make sure it is a standard zip archive of at most 50 MB."},
	"InvalidParameterValue.ZipFileBase64BinasciiError": {attribute: path.Root("content").AtName("zip_file"), advice: "The zip could not be decoded; this is a provider bug, please report it with the RequestId."},
	"InvalidParameterValue.Cos":                        {attribute: path.Root("content").AtName("cos_object_name"), advice: "Check that the COS bucket, object and region exist and that the object can be read."},
	"InvalidParameterValue.CosBucketName":              {attribute: path.Root("content").AtName("cos_bucket_name"), advice: "Use the bucket name without the `-<appid>` suffix."},
	"InvalidParameterValue.CosObjectName":              {attribute: path.Root("content").AtName("cos_object_name"), advice: "The object name starts with `/` and ends in `.zip`."},
	"InvalidParameterValue.CosBucketRegion":            {attribute: path.Root("content").AtName("cos_bucket_region"), advice: "Use a region such as `ap-guangzhou`; it is needed only to tell `ap-beijing` from `ap-beijing-1`."},
	"LimitExceeded.LayerVersions":                      {attribute: path.Root("layer_name"), advice: "The layer has as many versions as the quota allows. Delete versions no function needs, or ask for a higher quota."},
	"ResourceInUse.LayerVersion":                       {advice: "The layer version is still being published or is in use. Wait and run the command again."},
	"ResourceNotFound.LayerVersion":                    {advice: "The layer version does not exist (any more)."},
	"UnsupportedOperation.Cos":                         {attribute: path.Root("content"), advice: "The service cannot read layer content from this COS object; upload the zip inline with `zip_file`, or use a bucket in this region."},
	"RequestSizeLimitExceeded":                         {attribute: path.Root("content").AtName("zip_file"), advice: "The request was larger than the API accepts (10 MB); upload large layers to COS and use `cos_bucket_name`/`cos_object_name`."},
}

// addLayerError is the layer version's addAPIError: its waits' errors in its
// own words, everything else with its hints.
func addLayerError(diags *diag.Diagnostics, summary, action string, err error) {
	var (
		status   *scfapi.LayerStatusError
		adoption *scfapi.LayerAdoptionError
		timeout  *scfapi.WaitTimeoutError
	)
	switch {
	case errors.As(err, &status):
		diags.AddError(summary, fmt.Sprintf("While %s: %s.\n\nA version that failed to publish is kept in state as tainted, "+
			"so the next apply deletes it and publishes again; check the content and the runtimes first.", action, status.Error()))
	case errors.As(err, &adoption):
		diags.AddError(summary, fmt.Sprintf("While %s: %s.", action, adoption.Error()))
	case errors.As(err, &timeout):
		diags.AddError(summary, fmt.Sprintf("While %s: %s.\n\nA version still publishing is kept in state as tainted, so the next apply replaces it. "+
			"If it routinely takes this long, raise the `timeouts` of the resource.", action, timeout.Error()))
	default:
		layerVersionDiagnostics.addAPIError(diags, summary, action, err)
	}
}
