package validators

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Diagnostic summaries, fixed per rule so users and tests can rely on them.
const (
	SummaryFunctionName = "Invalid Function Name"
	SummaryNamespace    = "Invalid Namespace"
	SummaryHandler      = "Invalid Handler"
	SummaryDescription  = "Invalid Description"
	SummaryMemorySize   = "Invalid Memory Size"
	SummaryEnvironment  = "Invalid Environment"
	SummaryZipFile      = "Invalid Zip File"
	SummaryLargeZipFile = "Zip File Too Large For Inline Upload"
	SummaryLayerName    = "Invalid Layer Name"
)

// stringRule adapts a pure Check function to validator.String.
type stringRule struct {
	summary  string
	desc     string
	markdown string
	check    func(string) error
}

var _ validator.String = stringRule{}

func (v stringRule) Description(context.Context) string         { return v.desc }
func (v stringRule) MarkdownDescription(context.Context) string { return v.markdown }

func (v stringRule) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := v.check(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.Append(violationOf(v.summary, req.Path, err).ErrorAt(req.Path))
	}
}

// FunctionName validates a function name: 2-60 letters, digits, "-" and "_",
// starting with a letter and not ending with "-" or "_".
func FunctionName() validator.String {
	return stringRule{
		summary: SummaryFunctionName,
		desc: `value must be 2-60 characters of letters, digits, "-" and "_", ` +
			`start with a letter and not end with "-" or "_"`,
		markdown: "value must be 2-60 characters of letters, digits, `-` and `_`, " +
			"start with a letter and not end with `-` or `_`",
		check: CheckFunctionName,
	}
}

// LayerName validates a layer name: 1-64 letters, digits, "-" and "_",
// starting with a letter and not ending with "-" or "_".
func LayerName() validator.String {
	return stringRule{
		summary: SummaryLayerName,
		desc: `value must be 1-64 characters of letters, digits, "-" and "_", ` +
			`start with a letter and not end with "-" or "_"`,
		markdown: "value must be 1-64 characters of letters, digits, `-` and `_`, " +
			"start with a letter and not end with `-` or `_`",
		check: CheckLayerName,
	}
}

// Namespace validates a namespace name: 1-30 letters, digits, "-" and "_".
func Namespace() validator.String {
	return stringRule{
		summary:  SummaryNamespace,
		desc:     `value must be 1-30 characters of letters, digits, "-" and "_"`,
		markdown: "value must be 1-30 characters of letters, digits, `-` and `_`",
		check:    CheckNamespace,
	}
}

// ManagedNamespace validates the name of a namespace the provider creates:
// the namespace rule, and not "default".
func ManagedNamespace() validator.String {
	return stringRule{
		summary:  SummaryNamespace,
		desc:     `value must be 1-30 characters of letters, digits, "-" and "_", and not "default"`,
		markdown: "value must be 1-30 characters of letters, digits, `-` and `_`, and not `default`",
		check:    CheckManagedNamespace,
	}
}

// NamespaceDescription validates a namespace description: at most 1000
// characters.
func NamespaceDescription() validator.String {
	return stringRule{
		summary:  SummaryDescription,
		desc:     "value must be at most 1000 characters",
		markdown: "value must be at most 1000 characters",
		check:    CheckNamespaceDescription,
	}
}

// Description validates a function description: at most 1000 characters of
// letters, digits, spaces, commas, periods, newlines and the Chinese comma and
// full stop.
func Description() validator.String {
	return stringRule{
		summary: SummaryDescription,
		desc: `value must be at most 1000 characters of letters (including Chinese), digits, spaces, ` +
			`",", ".", newlines, "，" and "。"`,
		markdown: "value must be at most 1000 characters of letters (including Chinese), digits, spaces, " +
			"`,`, `.`, newlines, `，` and `。`",
		check: CheckDescription,
	}
}

// Timeout validates the execution timeout in seconds (1-900). It is the
// library validator; it exists so the resource can name every rule here.
func Timeout() validator.Int64 { return int64validator.Between(1, 900) }

// InitTimeout validates the initialisation timeout in seconds (1-300).
func InitTimeout() validator.Int64 { return int64validator.Between(1, 300) }
