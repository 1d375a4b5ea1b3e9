package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// Values of the settings beyond the 2020 document, to the API and back.

const (
	apiTrue  = "TRUE"
	apiFalse = "FALSE"
)

// trueFlag is apiFlag for create, which only sends the flags turned on.
func trueFlag(b types.Bool) *string {
	if b.ValueBool() {
		return ptr(apiTrue)
	}
	return nil
}

// expandFeaturesCreate adds the newer CreateFunction parameters to req.
func expandFeaturesCreate(ctx context.Context, plan scfFunctionResourceModel, req *scfapi.CreateFunctionRequest, diags *diag.Diagnostics) {
	req.AsyncRunEnable = trueFlag(plan.AsyncRunEnable)
	req.TraceEnable = trueFlag(plan.TraceEnable)
	req.InstallDependency = trueFlag(plan.InstallDependency)
	req.DnsCache = trueFlag(plan.DNSCache)
	req.ProtocolType = stringPtr(plan.ProtocolType)
	req.ProtocolParams = expandProtocolParams(ctx, plan.ProtocolParams, false, diags)
	req.InstanceConcurrencyConfig = expandInstanceConcurrency(ctx, plan.InstanceConcurrencyConfig, false, diags)
	req.IntranetConfig = expandIntranet(ctx, plan.IntranetConfig, false, diags)
}

// expandFeaturesUpdate adds to req the newer settings that changed, and
// reports whether there was any.
func expandFeaturesUpdate(ctx context.Context, plan, state scfFunctionResourceModel, req *scfapi.UpdateFunctionConfigurationRequest, diags *diag.Diagnostics) bool {
	changed := false
	changedBool := func(p, s types.Bool) bool {
		c := !p.IsUnknown() && !p.Equal(s)
		changed = changed || c
		return c
	}
	if changedBool(plan.InstallDependency, state.InstallDependency) {
		req.InstallDependency = apiFlag(plan.InstallDependency)
	}
	if changedBool(plan.DNSCache, state.DNSCache) {
		req.DnsCache = apiFlag(plan.DNSCache)
	}
	if changedBool(plan.IgnoreSysLog, state.IgnoreSysLog) {
		req.IgnoreSysLog = boolPtr(plan.IgnoreSysLog)
	}
	if !plan.ProtocolParams.Equal(state.ProtocolParams) {
		changed = true
		req.ProtocolParams = expandProtocolParams(ctx, plan.ProtocolParams, true, diags)
	}
	if !plan.InstanceConcurrencyConfig.Equal(state.InstanceConcurrencyConfig) {
		changed = true
		req.InstanceConcurrencyConfig = expandInstanceConcurrency(ctx, plan.InstanceConcurrencyConfig, true, diags)
	}
	if !stringAttr(plan.IntranetConfig, "ip_fixed").Equal(stringAttr(state.IntranetConfig, "ip_fixed")) {
		changed = true
		req.IntranetConfig = expandIntranet(ctx, plan.IntranetConfig, true, diags)
	}
	return changed
}

// expandImageConfig returns the image of `code.image_config`, or nil. Unset
// settings are sent as their defaults, because a code update replaces the
// whole image configuration.
func expandImageConfig(ctx context.Context, obj types.Object, diags *diag.Diagnostics) *scfapi.ImageConfig {
	img, ok := objectAs[imageConfigModel](ctx, obj, diags)
	if !ok {
		return nil
	}
	out := &scfapi.ImageConfig{
		ImageType: stringPtr(img.ImageType), ImageUri: stringPtr(img.ImageURI), RegistryId: stringPtr(img.RegistryID),
		Command: stringPtr(img.Command), Args: stringPtr(img.Args), EntryPoint: stringPtr(img.EntryPoint),
		ContainerImageAccelerate: boolPtr(img.ContainerImageAccelerate), ImagePort: int64Ptr(img.ImagePort),
	}
	if out.ImagePort == nil {
		out.ImagePort = ptr(int64(defaultImagePort))
	}
	return out
}

// expandProtocolParams sends the WebSocket settings, or their default when
// clearIfNull asks to undo settings removed from the configuration.
func expandProtocolParams(ctx context.Context, obj types.Object, clearIfNull bool, diags *diag.Diagnostics) *scfapi.ProtocolParams {
	idle := uint64(defaultWSIdleTimeout)
	params, ok := objectAs[protocolParamsModel](ctx, obj, diags)
	if !ok && !clearIfNull {
		return nil
	}
	if ws, wsOK := objectAs[wsParamsModel](ctx, params.WSParams, diags); ok && wsOK && !ws.IdleTimeout.IsNull() {
		idle = *uint64Ptr(ws.IdleTimeout)
	}
	return &scfapi.ProtocolParams{WSParams: &scfapi.WSParams{IdleTimeOut: &idle}}
}

// expandInstanceConcurrency sends the concurrency settings; an empty
// DynamicEnabled is the API's way to remove them.
func expandInstanceConcurrency(ctx context.Context, obj types.Object, clearIfNull bool, diags *diag.Diagnostics) *scfapi.InstanceConcurrencyConfig {
	c, ok := objectAs[instanceConcurrencyModel](ctx, obj, diags)
	if !ok {
		if clearIfNull {
			return &scfapi.InstanceConcurrencyConfig{DynamicEnabled: ptr("")}
		}
		return nil
	}
	out := &scfapi.InstanceConcurrencyConfig{
		DynamicEnabled: apiFlag(c.DynamicEnabled), MaxConcurrency: uint64Ptr(c.MaxConcurrency),
		InstanceIsolationEnabled: apiFlag(c.InstanceIsolationEnabled), Type: stringPtr(c.Type),
	}
	if out.DynamicEnabled == nil {
		out.DynamicEnabled = ptr(apiFalse)
	}
	if s, ok := objectAs[sessionConfigModel](ctx, c.SessionConfig, diags); ok {
		out.SessionConfig = &scfapi.SessionConfig{
			SessionSource: stringPtr(s.SessionSource), SessionName: stringPtr(s.SessionName),
			MaximumConcurrencySessionPerInstance: uint64Ptr(s.MaximumConcurrencySessionPerInstance),
			MaximumTTLInSeconds:                  uint64Ptr(s.MaximumTTLInSeconds),
			MaximumIdleTimeInSeconds:             uint64Ptr(s.MaximumIdleTimeInSeconds),
			SessionPath:                          stringPtr(s.SessionPath), IdleTimeoutStrategy: stringPtr(s.IdleTimeoutStrategy),
		}
	}
	return out
}

func expandIntranet(ctx context.Context, obj types.Object, clearIfNull bool, diags *diag.Diagnostics) *scfapi.IntranetConfigIn {
	in, ok := objectAs[intranetConfigModel](ctx, obj, diags)
	if !ok {
		if clearIfNull {
			return &scfapi.IntranetConfigIn{IpFixed: ptr(disable)}
		}
		return nil
	}
	return &scfapi.IntranetConfigIn{IpFixed: stringPtr(in.IPFixed)}
}

// isImageFunction reports whether the service holds an image function.
func isImageFunction(fn *scfapi.Function) bool {
	return fn.ImageConfig != nil || fn.Runtime == runtimeCustomImage
}

// sameImage reports whether a configured image reference names what the
// service reports: the service adds the digest it resolved, and `:latest`
// when no tag was given. A configured digest must match.
func sameImage(configured, reported string) bool {
	if configured == reported {
		return true
	}
	base, digest, pinned := strings.Cut(configured, "@")
	reportedBase, reportedDigest, _ := strings.Cut(reported, "@")
	if pinned && digest != reportedDigest {
		return false
	}
	return withTag(base) == withTag(reportedBase)
}

func withTag(ref string) string {
	if strings.Contains(ref[strings.LastIndex(ref, "/")+1:], ":") {
		return ref
	}
	return ref + ":latest"
}

// imageDigest returns the hex digest of a reported image reference, which
// stands in for the code digest of an image function.
func imageDigest(reported string) string {
	_, digest, _ := strings.Cut(reported, "@")
	return strings.TrimPrefix(digest, "sha256:")
}
