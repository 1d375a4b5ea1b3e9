package validators

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// SummaryRetired is the warning of an attribute whose API field is retired.
const SummaryRetired = "Retired Attribute"

type retiredValidator struct{ field, instead string }

// Retired warns when the attribute is set: the API has retired field, and
// instead says what to use. It takes the place of a schema deprecation
// message for an attribute nested in another, because Terraform 1.5 and
// OpenTofu 1.6 drop deprecated nested attributes from their own copy of the
// provider's schema when they generate configuration, and then fail on
// every value that holds one.
func Retired(field, instead string) validator.String { return retiredValidator{field, instead} }

func (v retiredValidator) Description(context.Context) string {
	return "the API has retired " + v.field + "; " + v.instead
}

func (v retiredValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v retiredValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() {
		return
	}
	resp.Diagnostics.Append(Violation{
		Summary: SummaryRetired,
		Path:    req.Path,
		Problem: "the SCF API has retired " + v.field + "; the value is still sent",
		Rule:    v.instead,
	}.WarningAt(req.Path))
}
