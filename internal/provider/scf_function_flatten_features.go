package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// flattenFeatures writes what GetFunction reports about the newer settings.
// A setting the service reports at its default reads as null where the model
// had it null, so leaving it out of the configuration plans cleanly; the
// model's value is what was planned or stored before.
func flattenFeatures(ctx context.Context, fn *scfapi.Function, m *scfFunctionResourceModel, diags *diag.Diagnostics) {
	m.AsyncRunEnable = types.BoolValue(fn.AsyncRunEnable == apiTrue)
	m.TraceEnable = types.BoolValue(fn.TraceEnable == apiTrue)
	m.InstallDependency = types.BoolValue(fn.InstallDependency == apiTrue)
	m.DNSCache = types.BoolValue(fn.DnsCache == apiTrue)
	if m.IgnoreSysLog.IsNull() || m.IgnoreSysLog.IsUnknown() {
		m.IgnoreSysLog = types.BoolValue(false) // GetFunction does not report it
	}
	m.ProtocolType = emptyAsNull(fn.ProtocolType)
	m.ProtocolParams = flattenProtocolParams(ctx, fn.ProtocolParams, m.ProtocolParams, diags)
	m.InstanceConcurrencyConfig = flattenInstanceConcurrency(ctx, fn.InstanceConcurrencyConfig, m.InstanceConcurrencyConfig, diags)
	m.IntranetConfig = flattenIntranet(ctx, fn.IntranetConfig, m.IntranetConfig, diags)

	m.ResolvedImageURI = types.StringValue("")
	if fn.ImageConfig != nil && fn.ImageConfig.ImageUri != nil {
		m.ResolvedImageURI = types.StringValue(*fn.ImageConfig.ImageUri)
	}
	m.Code = flattenImageCode(ctx, fn.ImageConfig, m.Code, diags)

	var eips []string
	if fn.PublicNetConfig != nil {
		eips = fn.PublicNetConfig.EipConfig.EipAddress
	}
	if len(eips) == 0 {
		eips = fn.EipConfig.Eips
	}
	m.EipAddresses = stringList(ctx, eips, diags)

	mounts := make([]cfsMountModel, 0, len(fn.CfsConfig.CfsInsList))
	for _, c := range fn.CfsConfig.CfsInsList {
		mounts = append(mounts, cfsMountModel{
			CfsID: types.StringValue(c.CfsId), MountInsID: types.StringValue(c.MountInsId),
			LocalMountDir: types.StringValue(c.LocalMountDir), IPAddress: types.StringValue(c.IpAddress),
			MountVpcID: types.StringValue(c.MountVpcId), MountSubnetID: types.StringValue(c.MountSubnetId),
		})
	}
	m.CfsMounts = listValue(ctx, cfsMountAttrTypes, mounts, diags)

	m.AccessInfo = objectValue(ctx, accessInfoAttrTypes, accessInfoModel{
		Host: types.StringValue(fn.AccessInfo.Host), Vip: types.StringValue(fn.AccessInfo.Vip),
	}, diags)

	reasons := make([]statusReasonModel, 0, len(fn.StatusReasons))
	for _, r := range fn.StatusReasons {
		reasons = append(reasons, statusReasonModel{ErrorCode: types.StringValue(r.ErrorCode), ErrorMessage: types.StringValue(r.ErrorMessage)})
	}
	m.StatusReasons = listValue(ctx, statusReasonAttrTypes, reasons, diags)
}

// flattenImageCode reads the image of an image function into `code`. Other
// code cannot be read back, so `code` is left as it is for them. A
// configured reference is kept while it names the image the service reports.
func flattenImageCode(ctx context.Context, img *scfapi.ImageConfig, prior types.Object, diags *diag.Diagnostics) types.Object {
	if img == nil || prior.IsUnknown() {
		return prior
	}
	code, hadCode := objectAs[codeModel](ctx, prior, diags)
	if hadCode && code.ImageConfig.IsNull() {
		return prior // code from elsewhere: not what the service holds now, nothing to compare
	}
	var was imageConfigModel
	if hadCode {
		was, _ = objectAs[imageConfigModel](ctx, code.ImageConfig, diags)
	} else {
		code = nullCode()
	}
	reported := deref(img.ImageUri)
	uri := types.StringValue(reported)
	if !was.ImageURI.IsNull() && !was.ImageURI.IsUnknown() && sameImage(was.ImageURI.ValueString(), reported) {
		uri = was.ImageURI
	}
	code.ImageConfig = objectValue(ctx, imageConfigAttrTypes, imageConfigModel{
		ImageType:                types.StringValue(deref(img.ImageType)),
		ImageURI:                 uri,
		RegistryID:               stringUnlessEmpty(was.RegistryID, deref(img.RegistryId)),
		Command:                  stringUnlessEmpty(was.Command, deref(img.Command)),
		Args:                     stringUnlessEmpty(was.Args, deref(img.Args)),
		EntryPoint:               retiredEntryPoint(was.EntryPoint, deref(img.EntryPoint)),
		ContainerImageAccelerate: boolUnlessDefault(was.ContainerImageAccelerate, img.ContainerImageAccelerate != nil && *img.ContainerImageAccelerate, false),
		ImagePort:                int64UnlessDefault(was.ImagePort, derefOr(img.ImagePort, defaultImagePort), defaultImagePort),
	}, diags)
	return objectValue(ctx, codeAttrTypes, code, diags)
}

// retiredEntryPoint reads EntryPoint back only for a configuration that
// sets it. The API retired it and entry_point is deprecated, so configuration
// generated after an import leaves it out; recording the service's value
// would make that configuration plan to remove it.
func retiredEntryPoint(was types.String, reported string) types.String {
	if was.IsNull() {
		return types.StringNull()
	}
	return types.StringValue(reported)
}

func nullCode() codeModel {
	return codeModel{
		ZipFile: types.StringNull(), CosBucketName: types.StringNull(), CosObjectName: types.StringNull(),
		CosBucketRegion: types.StringNull(), DemoID: types.StringNull(), TempCosObjectName: types.StringNull(),
		GitURL: types.StringNull(), GitUserName: types.StringNull(), GitPassword: types.StringNull(),
		GitBranch: types.StringNull(), GitDirectory: types.StringNull(), GitCommitID: types.StringNull(),
		ImageConfig: types.ObjectNull(imageConfigAttrTypes),
	}
}

func flattenProtocolParams(ctx context.Context, p *scfapi.ProtocolParamsOut, prior types.Object, diags *diag.Diagnostics) types.Object {
	if p == nil || p.WSParams == nil {
		return types.ObjectNull(protocolParamsAttrTypes)
	}
	was, hadPrior := objectAs[protocolParamsModel](ctx, prior, diags)
	idle := int64(p.WSParams.IdleTimeOut) //nolint:gosec // at most 1800
	if !hadPrior && idle == defaultWSIdleTimeout {
		return types.ObjectNull(protocolParamsAttrTypes)
	}
	wasWS, hadWS := objectAs[wsParamsModel](ctx, was.WSParams, diags)
	ws := types.ObjectNull(wsParamsAttrTypes)
	if hadWS || idle != defaultWSIdleTimeout {
		ws = objectValue(ctx, wsParamsAttrTypes, wsParamsModel{IdleTimeout: int64UnlessDefault(wasWS.IdleTimeout, idle, defaultWSIdleTimeout)}, diags)
	}
	return objectValue(ctx, protocolParamsAttrTypes, protocolParamsModel{WSParams: ws}, diags)
}

func flattenInstanceConcurrency(ctx context.Context, c *scfapi.InstanceConcurrencyOut, prior types.Object, diags *diag.Diagnostics) types.Object {
	if c == nil || c.DynamicEnabled == "" && c.MaxConcurrency == 0 {
		return types.ObjectNull(instanceConcurrencyAttrTypes)
	}
	was, _ := objectAs[instanceConcurrencyModel](ctx, prior, diags)
	session := types.ObjectNull(sessionConfigAttrTypes)
	if s := c.SessionConfig; s != nil && s.SessionName != "" {
		wasSession, _ := objectAs[sessionConfigModel](ctx, was.SessionConfig, diags)
		session = objectValue(ctx, sessionConfigAttrTypes, sessionConfigModel{
			SessionSource: types.StringValue(s.SessionSource), SessionName: types.StringValue(s.SessionName),
			MaximumConcurrencySessionPerInstance: int64UnlessDefault(wasSession.MaximumConcurrencySessionPerInstance, int64(s.MaximumConcurrencySessionPerInstance), 0), //nolint:gosec // small
			MaximumTTLInSeconds:                  int64UnlessDefault(wasSession.MaximumTTLInSeconds, int64(s.MaximumTTLInSeconds), 0),                                   //nolint:gosec // small
			MaximumIdleTimeInSeconds:             int64UnlessDefault(wasSession.MaximumIdleTimeInSeconds, int64(s.MaximumIdleTimeInSeconds), 0),                         //nolint:gosec // small
			SessionPath:                          stringUnlessEmpty(wasSession.SessionPath, s.SessionPath),
			IdleTimeoutStrategy:                  stringUnlessEmpty(wasSession.IdleTimeoutStrategy, s.IdleTimeoutStrategy),
		}, diags)
	}
	return objectValue(ctx, instanceConcurrencyAttrTypes, instanceConcurrencyModel{
		DynamicEnabled:           boolUnlessDefault(was.DynamicEnabled, c.DynamicEnabled == apiTrue, false),
		MaxConcurrency:           int64UnlessDefault(was.MaxConcurrency, int64(c.MaxConcurrency), defaultMaxConcurrency), //nolint:gosec // at most 100
		InstanceIsolationEnabled: boolUnlessDefault(was.InstanceIsolationEnabled, c.InstanceIsolationEnabled == apiTrue, false),
		Type:                     stringUnlessEmpty(was.Type, c.Type),
		SessionConfig:            session,
	}, diags)
}

func flattenIntranet(ctx context.Context, in *scfapi.IntranetConfigOut, prior types.Object, diags *diag.Diagnostics) types.Object {
	status := disable
	var ips []string
	if in != nil && in.IpFixed != "" {
		status, ips = in.IpFixed, in.IpAddress
	}
	if prior.IsNull() && status == disable {
		return types.ObjectNull(intranetConfigAttrTypes)
	}
	return objectValue(ctx, intranetConfigAttrTypes, intranetConfigModel{
		IPFixed: types.StringValue(status), IPAddresses: stringList(ctx, ips, diags),
	}, diags)
}

// clearFeatureUnknowns is clearUnknowns for the values GetFunction reports
// about the newer settings.
func clearFeatureUnknowns(m *scfFunctionResourceModel) {
	if m.ResolvedImageURI.IsUnknown() {
		m.ResolvedImageURI = types.StringNull()
	}
	for _, l := range []struct {
		list  *types.List
		types map[string]attr.Type
	}{{&m.CfsMounts, cfsMountAttrTypes}, {&m.StatusReasons, statusReasonAttrTypes}} {
		if l.list.IsUnknown() {
			*l.list = types.ListNull(types.ObjectType{AttrTypes: l.types})
		}
	}
	if m.EipAddresses.IsUnknown() {
		m.EipAddresses = types.ListNull(types.StringType)
	}
	if m.AccessInfo.IsUnknown() {
		m.AccessInfo = types.ObjectNull(accessInfoAttrTypes)
	}
	if !m.IntranetConfig.IsNull() && !m.IntranetConfig.IsUnknown() {
		attrs := m.IntranetConfig.Attributes()
		if ips, ok := attrs["ip_addresses"]; ok && ips.IsUnknown() {
			attrs["ip_addresses"] = types.ListNull(types.StringType)
			m.IntranetConfig = types.ObjectValueMust(intranetConfigAttrTypes, attrs)
		}
	}
}
