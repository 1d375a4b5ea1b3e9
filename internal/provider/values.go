package provider

import (
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// Conversions between the framework's values and the API's, shared by every
// object of the provider: null and unknown values are not sent, and values
// the service reports at their default read as null where the configuration
// left them out.

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

// stringMap reads a map of strings; empty for a null or unknown map.
func stringMap(m types.Map, diags *diag.Diagnostics) map[string]string {
	out := map[string]string{}
	if m.IsNull() || m.IsUnknown() {
		return out
	}
	for k, v := range m.Elements() {
		s, ok := v.(types.String)
		if !ok {
			addProviderBug(diags, summaryProviderBug, fmt.Sprintf("a map of strings holds a %T", v))
			return out
		}
		out[k] = s.ValueString()
	}
	return out
}

// flattenStringMap is null for no values where the model had none, so
// leaving the attribute out plans cleanly, and an empty map where it had one.
func flattenStringMap(values map[string]string, prior types.Map, diags *diag.Diagnostics) types.Map {
	if len(values) == 0 && (prior.IsNull() || prior.IsUnknown()) {
		return types.MapNull(types.StringType)
	}
	elems := make(map[string]attr.Value, len(values))
	for k, v := range values {
		elems[k] = types.StringValue(v)
	}
	m, d := types.MapValue(types.StringType, elems)
	diags.Append(d...)
	return m
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

func stringList(values []string, diags *diag.Diagnostics) types.List {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	l, d := types.ListValue(types.StringType, elems)
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

func nullIfUnknown(s types.String) types.String {
	if s.IsUnknown() {
		return types.StringNull()
	}
	return s
}

// known reports whether an object holds a value.
func known(obj types.Object) bool { return !obj.IsNull() && !obj.IsUnknown() }

const (
	apiTrue  = "TRUE"
	apiFalse = "FALSE"
)
