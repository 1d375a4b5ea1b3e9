package provider

import (
	"context"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
)

// Conversions between the framework's values and the API's, shared by every
// object of the provider: null and unknown values are not sent, and values
// the service reports at their default read as null where the configuration
// left them out.

// objectAs converts a known, non-null object into its model; ok is false
// for null or unknown objects so callers treat them as "not configured".
func objectAs[T any](ctx context.Context, obj types.Object, diags *diag.Diagnostics) (model T, ok bool) {
	if obj.IsNull() || obj.IsUnknown() {
		return model, false
	}
	diags.Append(obj.As(ctx, &model, basetypes.ObjectAsOptions{})...)
	return model, !diags.HasError()
}

// stringPtr returns nil for null or unknown values, so they are not sent.
func stringPtr(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}

func int64Ptr(v types.Int64) *int64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	n := v.ValueInt64()
	return &n
}

func ptr[T any](v T) *T { return &v }

func stringMap(ctx context.Context, m types.Map, diags *diag.Diagnostics) map[string]string {
	out := map[string]string{}
	if !m.IsNull() && !m.IsUnknown() {
		diags.Append(m.ElementsAs(ctx, &out, false)...)
	}
	return out
}

func flattenStringMap(ctx context.Context, values map[string]string, prior types.Map, diags *diag.Diagnostics) types.Map {
	if len(values) == 0 && (prior.IsNull() || prior.IsUnknown()) {
		return types.MapNull(types.StringType)
	}
	m, d := types.MapValueFrom(ctx, types.StringType, values)
	diags.Append(d...)
	return m
}

func objectValue(ctx context.Context, attrTypes map[string]attr.Type, model any, diags *diag.Diagnostics) types.Object {
	obj, d := types.ObjectValueFrom(ctx, attrTypes, model)
	diags.Append(d...)
	return obj
}

func emptyAsNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// serviceTimeRFC3339 converts the service's "2006-01-02 15:04:05" China
// Standard Time stamps into RFC 3339; unparsable values are kept verbatim.
func serviceTimeRFC3339(s string) string {
	t, err := time.ParseInLocation(time.DateTime, s, chinaStandardTime)
	if err != nil {
		return s
	}
	return t.Format(time.RFC3339)
}

var chinaStandardTime = time.FixedZone("CST", 8*60*60)

// apiFlag turns a bool into the API's "TRUE"/"FALSE"; nil for null or unknown.
func apiFlag(b types.Bool) *string {
	if b.IsNull() || b.IsUnknown() {
		return nil
	}
	if b.ValueBool() {
		return ptr(apiTrue)
	}
	return ptr(apiFalse)
}

func boolPtr(b types.Bool) *bool {
	if b.IsNull() || b.IsUnknown() {
		return nil
	}
	v := b.ValueBool()
	return &v
}

func uint64Ptr(v types.Int64) *uint64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	n := uint64(v.ValueInt64()) //nolint:gosec // validators keep it positive
	return &n
}

// The *UnlessDefault helpers read a setting as null when the model had it
// null and the service reports its default: an unset attribute plans cleanly.
func stringUnlessEmpty(was types.String, v string) types.String {
	if was.IsNull() && v == "" {
		return types.StringNull()
	}
	return types.StringValue(v)
}

func boolUnlessDefault(was types.Bool, v, def bool) types.Bool {
	if was.IsNull() && v == def {
		return types.BoolNull()
	}
	return types.BoolValue(v)
}

func int64UnlessDefault(was types.Int64, v, def int64) types.Int64 {
	if was.IsNull() && v == def {
		return types.Int64Null()
	}
	return types.Int64Value(v)
}

func stringList(ctx context.Context, values []string, diags *diag.Diagnostics) types.List {
	if values == nil {
		values = []string{}
	}
	l, d := types.ListValueFrom(ctx, types.StringType, values)
	diags.Append(d...)
	return l
}

func listValue[T any](ctx context.Context, attrTypes map[string]attr.Type, elems []T, diags *diag.Diagnostics) types.List {
	l, d := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: attrTypes}, elems)
	diags.Append(d...)
	return l
}

func deref(s *string) string { return derefOr(s, "") }

func derefOr[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

// known reports whether an object holds a value.
func known(obj types.Object) bool { return !obj.IsNull() && !obj.IsUnknown() }

// stringAttr returns a string attribute of an object; null when the object
// has no value or no such string attribute. Together with objectAttr and
// codeFromObject it reads nested values without the framework's reflection.
func stringAttr(obj types.Object, name string) types.String {
	if v, ok := obj.Attributes()[name].(types.String); ok {
		return v
	}
	return types.StringNull()
}

// objectAttr returns an object attribute of an object, or a null object.
func objectAttr(obj types.Object, name string) types.Object {
	if v, ok := obj.Attributes()[name].(types.Object); ok {
		return v
	}
	return types.ObjectNull(nil)
}
