package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// rootValues are the top-level attributes of a configuration, plan or state,
// decoded once. ValidateConfig and ModifyPlan read them instead of calling
// GetAttribute per attribute: every GetAttribute copies the schema's map of
// top-level attributes to find one, and Terraform validates and plans every
// instance of a configuration (see plan_fast.go). A value missing or of
// another type reads as null.
type rootValues map[string]tftypes.Value

func rootsOf(raw tftypes.Value) rootValues {
	var values map[string]tftypes.Value
	if !raw.IsKnown() || raw.IsNull() || raw.As(&values) != nil {
		return nil
	}
	return values
}

func (r rootValues) str(ctx context.Context, name string) types.String {
	if v, err := types.StringType.ValueFromTerraform(ctx, r[name]); err == nil {
		if s, ok := v.(types.String); ok {
			return s
		}
	}
	return types.StringNull()
}

func (r rootValues) boolean(ctx context.Context, name string) types.Bool {
	if v, err := types.BoolType.ValueFromTerraform(ctx, r[name]); err == nil {
		if b, ok := v.(types.Bool); ok {
			return b
		}
	}
	return types.BoolNull()
}

func (r rootValues) int64(ctx context.Context, name string) types.Int64 {
	if v, err := types.Int64Type.ValueFromTerraform(ctx, r[name]); err == nil {
		if n, ok := v.(types.Int64); ok {
			return n
		}
	}
	return types.Int64Null()
}

func (r rootValues) object(ctx context.Context, name string, attrTypes map[string]attr.Type) types.Object {
	if v, err := (types.ObjectType{AttrTypes: attrTypes}).ValueFromTerraform(ctx, r[name]); err == nil {
		if o, ok := v.(types.Object); ok {
			return o
		}
	}
	return types.ObjectNull(attrTypes)
}

// setRoots replaces top-level attributes of raw in one pass, where
// SetAttribute would rebuild the whole value for each.
func setRoots(ctx context.Context, raw *tftypes.Value, values map[string]attr.Value) error {
	var current map[string]tftypes.Value
	if err := raw.As(&current); err != nil {
		return err
	}
	for name, v := range values {
		tv, err := v.ToTerraformValue(ctx)
		if err != nil {
			return err
		}
		current[name] = tv
	}
	*raw = tftypes.NewValue(raw.Type(), current)
	return nil
}
