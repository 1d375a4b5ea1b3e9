package provider

import (
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// Where the function sits on the network: its VPC, public access and fixed
// public IP, fixed intranet IP, DNS cache, and the addresses the service
// gives it.

const (
	enable  = "ENABLE"
	disable = "DISABLE"

	summaryInvalidPublicNet = "Invalid Public Network Setting"
)

// functionNetwork is the network of scf_function's model.
type functionNetwork struct {
	VpcConfig       types.Object `tfsdk:"vpc_config"`
	PublicNetConfig types.Object `tfsdk:"public_net_config"`
	IntranetConfig  types.Object `tfsdk:"intranet_config"`
	DNSCache        types.Bool   `tfsdk:"dns_cache"`
	EipAddresses    types.List   `tfsdk:"eip_addresses"`
	AccessInfo      types.Object `tfsdk:"access_info"`
}

// vpcConfigModel maps `vpc_config`.
type vpcConfigModel struct {
	VpcID    types.String `tfsdk:"vpc_id"`
	SubnetID types.String `tfsdk:"subnet_id"`
}

// publicNetConfigModel maps `public_net_config`.
type publicNetConfigModel struct {
	PublicNetStatus types.String `tfsdk:"public_net_status"`
	EipConfig       types.Object `tfsdk:"eip_config"`
}

// eipConfigModel maps `public_net_config.eip_config`.
type eipConfigModel struct {
	EipStatus types.String `tfsdk:"eip_status"`
}

// intranetConfigModel maps `intranet_config`.
type intranetConfigModel struct {
	IPFixed     types.String `tfsdk:"ip_fixed"`
	IPAddresses types.List   `tfsdk:"ip_addresses"`
}

// accessInfoModel maps `access_info`, which the service reports.
type accessInfoModel struct {
	Host types.String `tfsdk:"host"`
	Vip  types.String `tfsdk:"vip"`
}

var (
	vpcCodec        = nestedCodec[vpcConfigModel](vpcConfigAttribute())
	publicNetCodec  = nestedCodec[publicNetConfigModel](publicNetAttribute())
	eipCodec        = nestedCodec[eipConfigModel](publicNetAttribute().Attributes["eip_config"])
	intranetCodec   = nestedCodec[intranetConfigModel](intranetAttribute())
	accessInfoCodec = flatCodec[accessInfoModel]()
)

func networkAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"vpc_config":        vpcConfigAttribute(),
		"public_net_config": publicNetAttribute(),
		"intranet_config":   intranetAttribute(),
		"dns_cache": flagAttribute("Caches DNS lookups of the function (`DnsCache`). Event functions only. Changes " +
			"are applied in place."),
		"eip_addresses": schema.ListAttribute{
			Computed:    true,
			ElementType: types.StringType,
			MarkdownDescription: "Fixed public IP addresses of the function, when " +
				"`public_net_config.eip_config.eip_status` is `ENABLE`; empty otherwise.",
		},
		// Object-typed rather than a nested attribute: see cfs_mounts.
		"access_info": schema.ObjectAttribute{
			Computed:       true,
			AttributeTypes: accessInfoCodec.attrTypes(),
			MarkdownDescription: "How a web function is reached (`AccessInfo`): its domain name (`host`) and virtual " +
				"IP address (`vip`); empty strings for Event functions.",
		},
	}
}

func vpcConfigAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "VPC the function runs in (`VpcConfig`). Removing it takes the function out of the " +
			"VPC. Changes are applied in place.",
		Attributes: map[string]schema.Attribute{
			"vpc_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ID of the VPC, such as `vpc-abcd1234`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"subnet_id": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "ID of a subnet of that VPC, such as `subnet-abcd1234`.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

func publicNetAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Public network access (`PublicNetConfig`). When unset, the function has the service's " +
			"default: public access enabled, without a fixed IP; removing the attribute restores that default. " +
			"Disabling public access needs `vpc_config`. Changes are applied in place.",
		Attributes: map[string]schema.Attribute{
			"public_net_status": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "`ENABLE` or `DISABLE`.",
				Validators:          []validator.String{stringvalidator.OneOf(enable, disable)},
			},
			"eip_config": schema.SingleNestedAttribute{
				Optional: true,
				MarkdownDescription: "Fixed elastic public IP (`EipConfig`). Unset means no fixed IP. Enabling it needs " +
					"`public_net_status = \"ENABLE\"`.",
				Attributes: map[string]schema.Attribute{
					"eip_status": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "`ENABLE` or `DISABLE`.",
						Validators:          []validator.String{stringvalidator.OneOf(enable, disable)},
					},
				},
			},
		},
	}
}

func intranetAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Fixed intranet IP (`IntranetConfig`). Unset means no fixed intranet IP; removing it " +
			"releases the IP. Changes are applied in place.",
		Attributes: map[string]schema.Attribute{
			"ip_fixed": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "`ENABLE` or `DISABLE`.",
				Validators:          []validator.String{stringvalidator.OneOf(enable, disable)},
			},
			"ip_addresses": schema.ListAttribute{
				Computed:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "The fixed intranet IP addresses, when `ip_fixed` is `ENABLE`.",
			},
		},
	}
}

var networkAPIErrorHints = map[string]apiErrorHint{
	"InvalidParameterValue.EipConfig": {attribute: path.Root("public_net_config").AtName("eip_config"), advice: "A fixed public IP needs `public_net_status = \"ENABLE\"`."},
	"InvalidParameterValue.PublicNetConfig": {attribute: path.Root("public_net_config"),
		advice: "`public_net_status` is `ENABLE` or `DISABLE`; disabling public access needs `vpc_config`."},
	"ResourceNotFound.Vpc": {attribute: path.Root("vpc_config"), advice: "Use a VPC and one of its subnets that exist in this region."},
	"LimitExceeded.IntraIp": {attribute: path.Root("intranet_config"),
		advice: "The account has no fixed intranet IP left; set `ip_fixed = \"DISABLE\"` or ask Tencent Cloud for a higher quota."},
	"LimitExceeded.Eip": {attribute: path.Root("public_net_config").AtName("eip_config"),
		advice: "The account has no fixed public IP left; disable `eip_config` or ask Tencent Cloud for a higher quota."},
}

// expandCreate puts the network settings into CreateFunction.
func (n functionNetwork) expandCreate(req *scfapi.CreateFunctionRequest, diags *diag.Diagnostics) {
	req.VpcConfig = expandVpcConfig(n.VpcConfig, false, diags)
	req.PublicNetConfig = expandPublicNetConfig(n.PublicNetConfig, false, diags)
	req.IntranetConfig = expandIntranet(n.IntranetConfig, false, diags)
	req.DnsCache = trueFlag(n.DNSCache)
}

// expandUpdate adds the network settings that changed to req, those removed
// from the configuration as the API's clearing values, and reports whether
// there was any.
func (n functionNetwork) expandUpdate(state functionNetwork, req *scfapi.UpdateFunctionConfigurationRequest, diags *diag.Diagnostics) bool {
	var u update
	if u.differs(n.VpcConfig, state.VpcConfig) {
		req.VpcConfig = expandVpcConfig(n.VpcConfig, true, diags)
	}
	if u.differs(n.PublicNetConfig, state.PublicNetConfig) {
		req.PublicNetConfig = expandPublicNetConfig(n.PublicNetConfig, true, diags)
	}
	// Only ip_fixed is configured; the addresses are the service's.
	planned, _ := intranetCodec.get(n.IntranetConfig, diags)
	current, _ := intranetCodec.get(state.IntranetConfig, diags)
	if u.differs(planned.IPFixed, current.IPFixed) {
		req.IntranetConfig = expandIntranet(n.IntranetConfig, true, diags)
	}
	req.DnsCache = u.flag(n.DNSCache, state.DNSCache)
	return u.changed
}

func expandVpcConfig(obj types.Object, clearIfNull bool, diags *diag.Diagnostics) *scfapi.VpcConfig {
	vpc, ok := vpcCodec.get(obj, diags)
	if !ok {
		if clearIfNull {
			return &scfapi.VpcConfig{VpcId: ptr(""), SubnetId: ptr("")}
		}
		return nil
	}
	return &scfapi.VpcConfig{VpcId: stringPtr(vpc.VpcID), SubnetId: stringPtr(vpc.SubnetID)}
}

// expandPublicNetConfig sends the configured access, or the service's
// default (public access on, no fixed IP) when clearIfNull asks to undo a
// setting removed from the configuration.
func expandPublicNetConfig(obj types.Object, clearIfNull bool, diags *diag.Diagnostics) *scfapi.PublicNetConfigIn {
	pn, ok := publicNetCodec.get(obj, diags)
	if !ok {
		if clearIfNull {
			return &scfapi.PublicNetConfigIn{PublicNetStatus: ptr(enable), EipConfig: &scfapi.EipConfigIn{EipStatus: ptr(disable)}}
		}
		return nil
	}
	out := &scfapi.PublicNetConfigIn{PublicNetStatus: stringPtr(pn.PublicNetStatus), EipConfig: &scfapi.EipConfigIn{EipStatus: ptr(disable)}}
	if eip, ok := eipCodec.get(pn.EipConfig, diags); ok {
		out.EipConfig.EipStatus = stringPtr(eip.EipStatus)
	}
	return out
}

func expandIntranet(obj types.Object, clearIfNull bool, diags *diag.Diagnostics) *scfapi.IntranetConfigIn {
	in, ok := intranetCodec.get(obj, diags)
	if !ok {
		if clearIfNull {
			return &scfapi.IntranetConfigIn{IpFixed: ptr(disable)}
		}
		return nil
	}
	return &scfapi.IntranetConfigIn{IpFixed: stringPtr(in.IPFixed)}
}

// flatten reads the network settings and the addresses the service gave.
func (n *functionNetwork) flatten(fn *scfapi.Function, diags *diag.Diagnostics) {
	n.VpcConfig = vpcCodec.null()
	if fn.VpcConfig.VpcId != "" || fn.VpcConfig.SubnetId != "" {
		n.VpcConfig = vpcCodec.value(vpcConfigModel{
			VpcID: types.StringValue(fn.VpcConfig.VpcId), SubnetID: types.StringValue(fn.VpcConfig.SubnetId),
		}, diags)
	}
	n.PublicNetConfig = flattenPublicNetConfig(fn.PublicNetConfig, n.PublicNetConfig, diags)
	n.IntranetConfig = flattenIntranet(fn.IntranetConfig, n.IntranetConfig, diags)
	n.DNSCache = types.BoolValue(fn.DnsCache == apiTrue)

	var eips []string
	if fn.PublicNetConfig != nil {
		eips = fn.PublicNetConfig.EipConfig.EipAddress
	}
	if len(eips) == 0 {
		eips = fn.EipConfig.Eips
	}
	n.EipAddresses = stringList(eips, diags)
	n.AccessInfo = accessInfoCodec.value(accessInfoModel{
		Host: types.StringValue(fn.AccessInfo.Host), Vip: types.StringValue(fn.AccessInfo.Vip),
	}, diags)
}

// flattenPublicNetConfig reads public network access. The service always
// reports it; its default (public access on, no fixed IP) reads as null
// unless the configuration spelled it out, so an unset attribute plans cleanly.
func flattenPublicNetConfig(pn *scfapi.PublicNetConfigOut, prior types.Object, diags *diag.Diagnostics) types.Object {
	status, eipStatus := enable, disable
	if pn != nil && pn.PublicNetStatus != "" {
		status = pn.PublicNetStatus
	}
	if pn != nil && pn.EipConfig.EipStatus != "" {
		eipStatus = pn.EipConfig.EipStatus
	}
	priorModel, hadPrior := publicNetCodec.get(prior, diags)
	if !hadPrior && status == enable && eipStatus == disable {
		return publicNetCodec.null()
	}
	eip := eipCodec.null()
	if eipStatus != disable || (hadPrior && !priorModel.EipConfig.IsNull()) {
		eip = eipCodec.value(eipConfigModel{EipStatus: types.StringValue(eipStatus)}, diags)
	}
	return publicNetCodec.value(publicNetConfigModel{PublicNetStatus: types.StringValue(status), EipConfig: eip}, diags)
}

func flattenIntranet(in *scfapi.IntranetConfigOut, prior types.Object, diags *diag.Diagnostics) types.Object {
	status := disable
	var ips []string
	if in != nil && in.IpFixed != "" {
		status, ips = in.IpFixed, in.IpAddress
	}
	if prior.IsNull() && status == disable {
		return intranetCodec.null()
	}
	return intranetCodec.value(intranetConfigModel{IPFixed: types.StringValue(status), IPAddresses: stringList(ips, diags)}, diags)
}

// clearUnknowns is clearUnknowns of the resource for the network's values.
func (n *functionNetwork) clearUnknowns(diags *diag.Diagnostics) {
	if n.EipAddresses.IsUnknown() {
		n.EipAddresses = types.ListNull(types.StringType)
	}
	if n.AccessInfo.IsUnknown() {
		n.AccessInfo = accessInfoCodec.null()
	}
	if in, ok := intranetCodec.get(n.IntranetConfig, diags); ok && in.IPAddresses.IsUnknown() {
		in.IPAddresses = types.ListNull(types.StringType)
		n.IntranetConfig = intranetCodec.value(in, diags)
	}
}

// validateNetwork checks the network settings against each other and the
// function type.
func validateNetwork(config *scfFunctionResourceModel, report func(validators.Violation), diags *diag.Diagnostics) {
	if fnType, ok := config.effectiveType(); ok && fnType == "HTTP" && isTrue(config.DNSCache) {
		report(validators.Violation{Summary: summaryUnsupportedSetting, Path: path.Root("dns_cache"),
			Problem: "it is true, but the function type is HTTP",
			Rule:    "the DNS cache is for Event functions only; remove it or set `type = \"Event\"`"})
	}
	pn, ok := publicNetCodec.get(config.PublicNetConfig, diags)
	if !ok {
		return
	}
	status := pn.PublicNetStatus.ValueString()
	if status == disable && config.VpcConfig.IsNull() {
		report(validators.Violation{
			Summary: summaryInvalidPublicNet,
			Path:    path.Root("public_net_config").AtName("public_net_status"),
			Problem: "it is \"DISABLE\", but `vpc_config` is not set",
			Rule: "a function outside a VPC needs public network access: `public_net_status = \"DISABLE\"` " +
				"requires `vpc_config`; set `vpc_config` or enable public access",
		})
	}
	if eip, ok := eipCodec.get(pn.EipConfig, diags); ok && eip.EipStatus.ValueString() == enable && status == disable {
		report(validators.Violation{
			Summary: summaryInvalidPublicNet,
			Path:    path.Root("public_net_config").AtName("eip_config").AtName("eip_status"),
			Problem: "it is \"ENABLE\", but public_net_config.public_net_status is \"DISABLE\"",
			Rule: "a fixed public IP needs public network access: `eip_status = \"ENABLE\"` requires " +
				"`public_net_status = \"ENABLE\"`; enable public access or remove `eip_config`",
		})
	}
}

// keepReported plans the addresses the service reports for settings that do
// not change, instead of leaving them unknown for the whole update.
func (n *functionNetwork) keepReported(state functionNetwork, diags *diag.Diagnostics) {
	if n.PublicNetConfig.Equal(state.PublicNetConfig) {
		n.EipAddresses = state.EipAddresses
	}
	n.AccessInfo = state.AccessInfo
	planned, plannedOK := intranetCodec.get(n.IntranetConfig, diags)
	current, currentOK := intranetCodec.get(state.IntranetConfig, diags)
	if plannedOK && currentOK && planned.IPFixed.Equal(current.IPFixed) {
		planned.IPAddresses = current.IPAddresses
		n.IntranetConfig = intranetCodec.value(planned, diags)
	}
}
