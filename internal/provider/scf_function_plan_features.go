package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// planRuntime plans the runtime: the configured one, or the default for the
// kind of code (CustomImage for an image); an image function gets an empty
// handler. A changed runtime replaces the function, which this plans too
// because the default is not static. An unset init_timeout gets the
// service's default for the runtime, which is not static either.
func planRuntime(ctx context.Context, config, prior rootValues, planCode types.Object, creating bool, sets map[string]attr.Value, resp *resource.ModifyPlanResponse) {
	configured, configuredHandler := config.str(ctx, "runtime"), config.str(ctx, "handler")
	configuredInitTimeout, current := config.int64(ctx, "init_timeout"), prior.str(ctx, "runtime")
	image := objectAttr(planCode, "image_config")
	planned := configured
	if configured.IsNull() {
		switch {
		case planCode.IsUnknown() || image.IsUnknown():
			planned = types.StringUnknown()
			if !creating {
				planned = current // the kind of code rarely changes; the plan after it shows the replacement
			}
		case known(image):
			planned = types.StringValue(runtimeCustomImage)
		case planCode.IsNull() && !creating:
			planned = current // code left out after an import: the deployed function stays
		default:
			planned = types.StringValue(defaultRuntime)
		}
	}
	sets["runtime"] = planned
	if known(image) && configuredHandler.IsNull() {
		sets["handler"] = types.StringValue("")
	}
	// The service gives an image function 90 s to start and other functions
	// 65 s. A static default of 65 would differ from every image function
	// made elsewhere, and the framework would then plan the whole function
	// as changing even where this corrects init_timeout.
	if configuredInitTimeout.IsNull() && !planned.IsUnknown() {
		initTimeout := types.Int64Value(defaultInitTimeout)
		if planned.ValueString() == runtimeCustomImage {
			initTimeout = types.Int64Value(defaultImageInitTimeout)
		}
		sets["init_timeout"] = initTimeout
	}
	if !creating && !planned.Equal(current) {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("runtime"))
	}
}

// planImageURI keeps the service's image reference in the planned code when
// the configured one names the same image, as after an import: the service
// adds the digest it resolved, which is not a change.
func planImageURI(planCode, stateCode types.Object) (types.Object, bool) {
	image := objectAttr(planCode, "image_config")
	planned := stringAttr(image, "image_uri")
	current := stringAttr(objectAttr(stateCode, "image_config"), "image_uri")
	if planned.IsNull() || planned.IsUnknown() || current.IsNull() || planned.Equal(current) ||
		!sameImage(planned.ValueString(), current.ValueString()) {
		return planCode, false
	}
	imageAttrs := image.Attributes()
	imageAttrs["image_uri"] = current
	codeAttrs := planCode.Attributes()
	codeAttrs["image_config"] = types.ObjectValueMust(imageConfigAttrTypes, imageAttrs)
	return types.ObjectValueMust(codeAttrTypes, codeAttrs), true
}

// keepReported plans the values the service reports about settings that do
// not change, instead of leaving them unknown for the whole update.
func keepReported(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse, codeChanges bool) {
	diags := &resp.Diagnostics
	unchanged := func(names ...string) bool {
		for _, name := range names {
			planned, current := attrAt(ctx, resp.Plan.GetAttribute, name, diags), attrAt(ctx, req.State.GetAttribute, name, diags)
			if planned == nil || current == nil || !planned.Equal(current) {
				return false
			}
		}
		return true
	}
	keep := func(name string, when bool) {
		if !when {
			return
		}
		value := attrAt(ctx, req.State.GetAttribute, name, diags)
		if value != nil {
			diags.Append(resp.Plan.SetAttribute(ctx, path.Root(name), value)...)
		}
	}
	keep("resolved_image_uri", !codeChanges)
	keep("eip_addresses", unchanged("public_net_config"))
	keep("cfs_mounts", unchanged("cfs_config", "vpc_config"))
	keep("access_info", true)

	var planned, current types.Object
	diags.Append(resp.Plan.GetAttribute(ctx, path.Root("intranet_config"), &planned)...)
	diags.Append(req.State.GetAttribute(ctx, path.Root("intranet_config"), &current)...)
	if known(planned) && known(current) && stringAttr(planned, "ip_fixed").Equal(stringAttr(current, "ip_fixed")) {
		if ips, ok := current.Attributes()["ip_addresses"]; ok {
			diags.Append(resp.Plan.SetAttribute(ctx, path.Root("intranet_config").AtName("ip_addresses"), ips)...)
		}
	}
}

// attrAt reads a top-level attribute of a plan or state as its attr.Value.
func attrAt(ctx context.Context, get func(context.Context, path.Path, any) diag.Diagnostics, name string, diags *diag.Diagnostics) attr.Value {
	var v attr.Value
	if d := get(ctx, path.Root(name), &v); d.HasError() {
		diags.Append(d...)
		return nil
	}
	return v
}

// onlyMarkedUnknown reports whether a plan differs from the prior state only
// in values the framework marked unknown: computed values left out of the
// configuration, which it marks whenever the configuration differs from the
// state. When that difference was only the configured form of what the
// service holds (a tag for the digest it resolved), which ModifyPlan has
// planned as the state's value, nothing changes and the state is the plan.
// A value the configuration leaves unknown is a change, so it is not one.
func onlyMarkedUnknown(plan, state, config tftypes.Value) bool {
	if plan.Equal(state) {
		return true
	}
	if !plan.IsKnown() {
		return config.IsNull() && state.IsKnown()
	}
	if plan.IsNull() || state.IsNull() || !plan.Type().Is(tftypes.Object{}) {
		return false
	}
	var planned, prior, configured map[string]tftypes.Value
	if plan.As(&planned) != nil || state.As(&prior) != nil {
		return false
	}
	if !config.IsNull() && (!config.IsKnown() || config.As(&configured) != nil) {
		return false
	}
	for name, p := range planned {
		c, ok := configured[name]
		if !ok {
			c = tftypes.NewValue(p.Type(), nil)
		}
		if !onlyMarkedUnknown(p, prior[name], c) {
			return false
		}
	}
	return true
}
