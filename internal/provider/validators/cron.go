package validators

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/scfprovider/terraform-provider-scf/internal/scfcron"
)

// SummaryCron is the summary of every cron expression diagnostic.
const SummaryCron = "Invalid Cron Expression"

// Cron validates a timer trigger's seven-field cron expression.
func Cron() validator.String { return cronValidator{} }

type cronValidator struct{}

func (cronValidator) Description(context.Context) string {
	return "value must be a seven-field cron expression: second minute hour day-of-month month day-of-week year"
}

func (v cronValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (cronValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	expr := req.ConfigValue.ValueString()
	if err := scfcron.Check(expr); err != nil {
		resp.Diagnostics.Append(Violation{
			Summary: SummaryCron, Path: req.Path,
			Problem: fmt.Sprintf("cron expression %q is invalid: %v", expr, err), Rule: scfcron.Rule,
		}.ErrorAt(req.Path))
	}
}
