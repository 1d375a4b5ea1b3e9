package validators

import (
	"context"
	"fmt"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

type memorySizeValidator struct{}

// MemorySize validates memory in MB: 64, or 128 to 3072 in steps of 128.
func MemorySize() validator.Int64 { return memorySizeValidator{} }

func (memorySizeValidator) Description(context.Context) string {
	return "value must be 64, or 128 to 3072 in steps of 128 (MB)"
}

func (v memorySizeValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (memorySizeValidator) ValidateInt64(_ context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := CheckMemorySize(req.ConfigValue.ValueInt64()); err != nil {
		resp.Diagnostics.Append(violationOf(SummaryMemorySize, req.Path, err).ErrorAt(req.Path))
	}
}

type environmentValidator struct{}

// Environment validates a map of environment variables: names start with a
// letter and hold only letters, digits and "_"; names plus values total at
// most 4096 bytes. Messages never include values.
func Environment() validator.Map { return environmentValidator{} }

func (environmentValidator) Description(context.Context) string {
	return `variable names must start with a letter and contain only letters, digits and "_"; ` +
		`names and values together must be at most 4096 bytes`
}

func (environmentValidator) MarkdownDescription(context.Context) string {
	return "variable names must start with a letter and contain only letters, digits and `_`; " +
		"names and values together must be at most 4096 bytes"
}

func (environmentValidator) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	elems := req.ConfigValue.Elements()
	keys := slices.Sorted(maps.Keys(elems))
	// Each bad name is reported at its own element, which Terraform can
	// show, so a map written over several lines points at the right one.
	for _, k := range keys {
		for _, err := range envKeyErrors([]string{k}) {
			p := req.Path.AtMapKey(k)
			resp.Diagnostics.Append(violationOf(SummaryEnvironment, p, err).ErrorAt(p))
		}
	}

	// The total is only meaningful once every value is known; an unknown
	// value (e.g. another resource's output) could be any length.
	lens := make(map[string]int, len(elems))
	for _, k := range keys {
		sv, ok := elems[k].(basetypes.StringValuable)
		if !ok {
			p := req.Path.AtMapKey(k)
			resp.Diagnostics.Append(Violation{
				Summary: SummaryEnvironment,
				Path:    p,
				Problem: fmt.Sprintf("Environment() validates a map of strings, but this variable holds a %T", elems[k]),
				Rule:    "this is a bug in the provider; please report it",
			}.ErrorAt(p))
			return
		}
		s, diags := sv.ToStringValue(ctx)
		resp.Diagnostics.Append(diags...)
		if diags.HasError() || s.IsUnknown() {
			return
		}
		lens[k] = len(s.ValueString()) // null counts as empty
	}
	if err := envSizeError(lens); err != nil {
		resp.Diagnostics.Append(violationOf(SummaryEnvironment, req.Path, err).ErrorAt(req.Path))
	}
}

type handlerValidator struct {
	runtime path.Expression
}

// Handler validates a handler against the format required by the runtime
// found at the given path in the configuration (merged with the handler's own
// path, so relative expressions work inside nested blocks). A null runtime
// means the API default, Python2.7; an unknown runtime skips validation.
func Handler(runtime path.Expression) validator.String { return handlerValidator{runtime: runtime} }

func (handlerValidator) Description(context.Context) string {
	return `value must match the runtime: "package.Class::method" for Java8; "file.function" or a single name ` +
		`for Go; no whitespace for CustomRuntime; otherwise "file.function"; 2-60 characters`
}

func (handlerValidator) MarkdownDescription(context.Context) string {
	return "value must match the runtime: `package.Class::method` for Java8; `file.function` or a single name " +
		"for Go; no whitespace for CustomRuntime; otherwise `file.function`; 2-60 characters"
}

func (v handlerValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	runtimes, ok := v.runtimes(ctx, req, resp)
	if !ok {
		return
	}
	for _, rt := range runtimes {
		if err := CheckHandler(rt, req.ConfigValue.ValueString()); err != nil {
			resp.Diagnostics.Append(violationOf(SummaryHandler, req.Path, err).ErrorAt(req.Path))
			return
		}
	}
}

// runtimes resolves the runtime values the handler must satisfy; ok is false
// when validation must be skipped because a runtime is not known yet.
func (v handlerValidator) runtimes(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) ([]string, bool) {
	expr := req.PathExpression.Merge(v.runtime)
	if rt, ok := rootString(req.Config.Raw, expr); ok {
		// A top-level runtime is read straight from the configuration:
		// PathMatches walks the schema, and this runs for every function.
		if !rt.IsKnown() {
			return nil, false
		}
		var s string
		if !rt.IsNull() && rt.As(&s) != nil {
			return nil, false
		}
		return []string{s}, true // null gives "", the default runtime
	}
	paths, diags := req.Config.PathMatches(ctx, expr)
	resp.Diagnostics.Append(diags...)
	if diags.HasError() {
		return nil, false
	}
	if len(paths) == 0 {
		return []string{DefaultRuntime}, true
	}
	var out []string
	for _, p := range paths {
		// PathMatches returns a null or unknown parent instead of the
		// runtime itself; its type is not a string, so stay silent.
		if !expr.Matches(p) {
			return nil, false
		}
		var rt types.String
		diags := req.Config.GetAttribute(ctx, p, &rt)
		resp.Diagnostics.Append(diags...)
		if diags.HasError() || rt.IsUnknown() {
			return nil, false
		}
		out = append(out, rt.ValueString()) // null gives "", the default runtime
	}
	return out, true
}

// rootString returns the value of a top-level string attribute named by an
// expression such as path.MatchRoot("runtime"); ok is false for any other
// expression or value.
func rootString(raw tftypes.Value, expr path.Expression) (tftypes.Value, bool) {
	steps := expr.Resolve().Steps()
	if len(steps) != 1 {
		return tftypes.Value{}, false
	}
	name, ok := steps[0].(path.ExpressionStepAttributeNameExact)
	if !ok {
		return tftypes.Value{}, false
	}
	var values map[string]tftypes.Value
	if !raw.IsKnown() || raw.IsNull() || raw.As(&values) != nil {
		return tftypes.Value{}, false
	}
	v, found := values[string(name)]
	if !found || !v.Type().Is(tftypes.String) {
		return tftypes.Value{}, false
	}
	return v, true
}
