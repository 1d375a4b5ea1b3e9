package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Upgrades never replace. A state written before an attribute existed holds
// null for it; when the attribute has a default, the framework plans null
// to the default, which is a change, and a replacement where the attribute
// requires one (async_run_enable did exactly that). The framework passes a
// state of the schema's own version through unchanged, so the only place a
// provider can read that null as the default is a state upgrade.
//
// So: a resource that gains an attribute with a default bumps its schema
// version, and keeps upgradeFillingDefaults for every earlier version. An
// attribute with a default is never null in a state the framework wrote
// (the default fills it at plan), so a null there always means "written
// before the attribute existed", and the default is what the service has
// been using all along. TestAccUpgradesPlanNoChange plans the states that
// earlier versions recorded (testdata/upgrade) and fails when a bump is
// missing.

// upgradersFillingDefaults returns, for a schema of version current, an
// upgrader from every earlier version that fills defaults.
func upgradersFillingDefaults(s schema.Schema, v vocabulary) map[int64]resource.StateUpgrader {
	upgraders := map[int64]resource.StateUpgrader{}
	for version := range s.Version {
		upgraders[version] = resource.StateUpgrader{StateUpgrader: upgradeFillingDefaults(s, v.unable("Upgrade"))}
	}
	return upgraders
}

// upgradeFillingDefaults reads a state of an earlier version with today's
// schema (attributes it lacks are null, attributes since removed are
// dropped) and puts each null attribute that has a static default to that
// default, at any depth of nested attributes.
func upgradeFillingDefaults(s schema.Schema, summary string) func(context.Context, resource.UpgradeStateRequest, *resource.UpgradeStateResponse) {
	return func(ctx context.Context, req resource.UpgradeStateRequest, resp *resource.UpgradeStateResponse) {
		if req.RawState == nil {
			resp.Diagnostics.AddError(summary, "The state to upgrade is missing. This is a bug in Terraform or the provider.")
			return
		}
		typ := s.Type().TerraformType(ctx)
		raw, err := req.RawState.UnmarshalWithOpts(typ, tfprotov6.UnmarshalOpts{
			ValueFromJSONOpts: tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true},
		})
		if err != nil {
			resp.Diagnostics.AddError(summary,
				fmt.Sprintf("The state in Terraform's state file does not read as today's schema: %s.", err))
			return
		}
		filled, diags := fillDefaults(ctx, summary, s.Attributes, path.Empty(), raw)
		resp.Diagnostics.Append(diags...)
		if diags.HasError() {
			return
		}
		dv, err := tfprotov6.NewDynamicValue(typ, filled)
		if err != nil {
			resp.Diagnostics.AddError(summary, err.Error())
			return
		}
		resp.DynamicValue = &dv
	}
}

// fillDefaults fills the null attributes of the object v that have a
// default, and recurses into the nested attributes that are set.
func fillDefaults(ctx context.Context, summary string, attrs map[string]schema.Attribute, at path.Path, v tftypes.Value) (tftypes.Value, diag.Diagnostics) {
	var diags diag.Diagnostics
	if !v.IsKnown() || v.IsNull() {
		return v, diags
	}
	var values map[string]tftypes.Value
	if err := v.As(&values); err != nil {
		diags.AddError(summary, fmt.Sprintf("%s: %s", at, err))
		return v, diags
	}
	for name, a := range attrs {
		p := at.AtName(name)
		value := values[name]
		if value.IsNull() {
			if def, ok, d := defaultOf(ctx, summary, p, a); ok {
				values[name] = def
			} else {
				diags.Append(d...)
			}
			continue
		}
		var nested map[string]schema.Attribute
		switch a := a.(type) {
		case schema.SingleNestedAttribute:
			nested = a.Attributes
		case schema.ListNestedAttribute:
			nested = a.NestedObject.Attributes
		case schema.SetNestedAttribute:
			nested = a.NestedObject.Attributes
		case schema.MapNestedAttribute:
			nested = a.NestedObject.Attributes
		}
		if nested == nil {
			continue
		}
		if _, isObject := a.(schema.SingleNestedAttribute); isObject {
			filled, d := fillDefaults(ctx, summary, nested, p, value)
			diags.Append(d...)
			values[name] = filled
			continue
		}
		// A collection of objects: fill each element.
		filled, err := tftypes.Transform(value, func(ep *tftypes.AttributePath, ev tftypes.Value) (tftypes.Value, error) {
			if len(ep.Steps()) != 1 {
				return ev, nil
			}
			f, d := fillDefaults(ctx, summary, nested, p, ev)
			diags.Append(d...)
			return f, nil
		})
		if err != nil {
			diags.AddError(summary, fmt.Sprintf("%s: %s", p, err))
			continue
		}
		values[name] = filled
	}
	return tftypes.NewValue(v.Type(), values), diags
}

// defaultOf is the static default of a, if it has one.
func defaultOf(ctx context.Context, summary string, p path.Path, a schema.Attribute) (tftypes.Value, bool, diag.Diagnostics) {
	var (
		value interface {
			ToTerraformValue(context.Context) (tftypes.Value, error)
		}
		diags diag.Diagnostics
	)
	switch a := a.(type) {
	case schema.StringAttribute:
		if a.Default == nil {
			return tftypes.Value{}, false, nil
		}
		var resp defaults.StringResponse
		a.Default.DefaultString(ctx, defaults.StringRequest{Path: p}, &resp)
		value, diags = resp.PlanValue, resp.Diagnostics
	case schema.Int64Attribute:
		if a.Default == nil {
			return tftypes.Value{}, false, nil
		}
		var resp defaults.Int64Response
		a.Default.DefaultInt64(ctx, defaults.Int64Request{Path: p}, &resp)
		value, diags = resp.PlanValue, resp.Diagnostics
	case schema.BoolAttribute:
		if a.Default == nil {
			return tftypes.Value{}, false, nil
		}
		var resp defaults.BoolResponse
		a.Default.DefaultBool(ctx, defaults.BoolRequest{Path: p}, &resp)
		value, diags = resp.PlanValue, resp.Diagnostics
	default:
		return tftypes.Value{}, false, nil
	}
	if diags.HasError() {
		return tftypes.Value{}, false, diags
	}
	tv, err := value.ToTerraformValue(ctx)
	if err != nil {
		diags.AddError(summary, fmt.Sprintf("%s: the default does not convert: %s", p, err))
		return tftypes.Value{}, false, diags
	}
	return tv, true, diags
}
