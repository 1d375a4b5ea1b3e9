package validators

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/scfprovider/terraform-provider-scf/internal/codezip"
)

type zipFileValidator struct{}

// ZipFile validates a local zip path with codezip.Check: it must be a
// readable, non-empty zip archive of at most 50 MiB ("~/" is expanded). It
// warns when the base64-encoded zip would exceed the 10 MiB request limit.
func ZipFile() validator.String { return zipFileValidator{} }

func (zipFileValidator) Description(context.Context) string {
	return `value must be the path of a readable, non-empty zip archive of at most 50 MiB ("~/" is expanded)`
}

func (zipFileValidator) MarkdownDescription(context.Context) string {
	return "value must be the path of a readable, non-empty zip archive of at most 50 MiB (`~/` is expanded)"
}

func (zipFileValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	info, err := codezip.Check(req.ConfigValue.ValueString())
	if err != nil {
		resp.Diagnostics.Append(ZipFileViolation(SummaryZipFile, req.Path, err).ErrorAt(req.Path))
		return
	}
	if codezip.ExceedsRequestBody(info.Size) {
		resp.Diagnostics.Append(Violation{
			Summary: SummaryLargeZipFile,
			Path:    req.Path,
			Problem: fmt.Sprintf("zip file %q is %d bytes (%s); base64-encoded it becomes %d bytes, more than the API's "+
				"%d-byte (10 MiB) limit on a signed request body, so an inline upload will likely be rejected",
				info.Path, info.Size, codezip.HumanSize(info.Size), codezip.EncodedSize(info.Size),
				int64(codezip.MaxRequestBodyBytes)),
			Rule: "for packages this large, upload the zip to COS and deploy it from there instead, " +
				"with code.cos_bucket_name and code.cos_object_name",
		}.WarningAt(req.Path))
	}
}
