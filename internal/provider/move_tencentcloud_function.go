package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var _ resource.ResourceWithMoveState = (*scfFunctionResource)(nil)

// The move's summaries: an error when a state cannot be moved, a warning for
// what moves but scf_function does not manage. The move calls no API, so it
// has no hints.
const (
	summaryMove          = "Unable to Move Function to scf_function"
	summaryMoveUnmanaged = "Moved Function Has Settings scf_function Does Not Manage"
)

// tencentcloudFunctionType is the official provider's resource a `moved`
// block may name as its source.
const tencentcloudFunctionType = "tencentcloud_scf_function"

// tencentcloudProviders are the addresses that provider has in state, on
// Terraform and on OpenTofu.
var tencentcloudProviders = map[string]bool{
	"registry.terraform.io/tencentcloudstack/tencentcloud": true,
	"registry.opentofu.org/tencentcloudstack/tencentcloud": true,
}

// cosAppIDSuffix is the `-<appid>` that tencentcloud_scf_function accepts in
// a bucket name and removes before calling the API; scf_function takes the
// name without it.
var cosAppIDSuffix = regexp.MustCompile(`-\d+$`)

// MoveState takes over a function from tencentcloud_scf_function. The move
// carries what the API cannot tell (the code's source) and the shape of
// each setting as a configuration for this resource would write it; the
// refresh that follows the move in every plan reads everything else from
// the service, so values the service reports are taken as a starting point
// only.
func (r *scfFunctionResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveFromTencentcloud}}
}

func moveFromTencentcloud(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var source tencentcloudFunctionState
	if !functionMove.decode(req, resp, &source) {
		return
	}
	model, diags := movedFunction(ctx, source)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, model)...)
	setFunctionIdentity(ctx, model.Namespace.ValueString(), model.Name.ValueString(), resp.TargetIdentity, &resp.Diagnostics)
}

// functionMove is the move from tencentcloud_scf_function.
var functionMove = tencentcloudMove{source: tencentcloudFunctionType, target: "scf_function", summary: summaryMove,
	advice: func(string) string { return moveInsteadAdvice }}

// tencentcloudMove is a move from one of the official provider's
// resources: its type there, the type here, the summary of its refusals
// and what to do instead, given the object's import ID here ("" when the
// state does not tell it).
type tencentcloudMove struct {
	source, target string // tencentcloud_scf_namespace, scf_namespace
	summary        string
	advice         func(importID string) string
}

// decode reports whether req moves an object from m.source and its state
// could be read into src, a pointer to that resource's state struct. A
// request from another source is left alone, without a diagnostic, for the
// framework to refuse; a state that cannot be read is refused in resp.
func (m tencentcloudMove) decode(req resource.MoveStateRequest, resp *resource.MoveStateResponse, src any) bool {
	if req.SourceTypeName != m.source || !tencentcloudProviders[req.SourceProviderAddress] {
		return false // not ours to move: the framework reports that nothing could
	}
	if req.SourceSchemaVersion != 0 {
		resp.Diagnostics.AddError(m.summary, fmt.Sprintf("The state of %s is at schema version %d; %s "+
			"can move version 0 only. %s", m.source, req.SourceSchemaVersion, m.target, m.advice("")))
		return false
	}
	if req.SourceRawState == nil || req.SourceRawState.JSON == nil {
		resp.Diagnostics.AddError(m.summary, "The state of "+m.source+" is not in JSON form "+
			"(it predates Terraform 0.12). "+m.advice(""))
		return false
	}
	if err := json.Unmarshal(req.SourceRawState.JSON, src); err != nil {
		resp.Diagnostics.AddError(m.summary, "The state of "+m.source+" could not be read: "+
			err.Error()+". "+m.advice(""))
		return false
	}
	return true
}

// tencentcloudAdvice is what to do with an object of the official
// provider's source type that the move to target refuses: forget it
// without deleting it, and import it by importID (its form when "").
func tencentcloudAdvice(object, source, target, importID, idForm string) string {
	if importID == "" {
		importID = idForm
	}
	return fmt.Sprintf("Take the %[1]s over by import instead: replace the moved block with a removed block "+
		"(`removed { from = %[2]s.<name>  lifecycle { destroy = false } }`) or run `terraform state rm %[2]s.<name>`, "+
		"so Terraform forgets the %[1]s without deleting it, and import it with an import block "+
		"(`import { to = %[3]s.<name>  id = %[4]q }`).", object, source, target, importID)
}

// moveInsteadAdvice is what to do with a function the move refuses.
const moveInsteadAdvice = "Take the function over by import instead: replace the moved block with a removed " +
	"block (`removed { from = tencentcloud_scf_function.<name>  lifecycle { destroy = false } }`) or run " +
	"`terraform state rm tencentcloud_scf_function.<name>`, so Terraform forgets the function without deleting " +
	"it, and import it with an import block (`import { to = scf_function.<name>  id = \"<namespace>/<function name>\" }`)."

// movedFunction translates the official provider's state into this
// resource's model. Settings at the service's default become null, as a
// configuration that leaves them out plans them, except where that
// provider stores only what was configured (layers, concurrency), which
// carries over as written.
func movedFunction(ctx context.Context, src tencentcloudFunctionState) (scfFunctionResourceModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	// Null to begin with: what that provider does not know (the secret
	// environments among others) is unset, its variables all in environment.
	m := functionCodec.nullModel(&diags)
	namespace, name := movedName(src, &diags)
	if diags.HasError() {
		return m, diags
	}
	qualified := functionID(namespace, name)
	if concurrency := src.Concurrency; len(concurrency) > 0 && len(concurrency[0].MixNodeConfig) > 0 {
		diags.AddError(summaryMove, fmt.Sprintf("Function %s sets instance_concurrency_config.mix_node_config "+
			"(GPU node concurrency), which scf_function cannot manage: any change of its "+
			"instance_concurrency_config would drop it. %s", qualified, moveInsteadAdvice))
		return m, diags
	}
	warnUnmanaged(src, namespace, name, &diags)

	m.ID = types.StringValue(qualified)
	m.Name = types.StringValue(name)
	m.Namespace = types.StringValue(namespace)
	m.Code = movedCode(src, &diags)
	m.CodeSource = types.StringNull()
	m.Handler = nullable(src.Handler)
	m.Description = types.StringValue(deref(src.Description))
	m.MemorySize = types.Int64Value(derefOr(src.MemSize, defaultMemorySize))
	m.Timeout = types.Int64Value(derefOr(src.Timeout, defaultTimeout))
	m.InitTimeout = types.Int64Null() // that provider does not know it; the refresh reads it
	m.Runtime = nullable(src.Runtime)
	m.Type = types.StringValue(defaultType)
	if t := deref(src.FuncType); t != "" {
		m.Type = types.StringValue(t)
	}
	m.Environment = movedMap(ctx, src.Environment, &diags)
	m.VpcConfig = vpcCodec.null()
	if vpc, subnet := deref(src.VpcID), deref(src.SubnetID); vpc != "" || subnet != "" {
		m.VpcConfig = vpcCodec.value(vpcConfigModel{VpcID: types.StringValue(vpc), SubnetID: types.StringValue(subnet)}, &diags)
	}
	m.Role = types.StringValue(deref(src.Role))
	m.ClsLogsetID, m.ClsTopicID = nullable(src.ClsLogsetID), nullable(src.ClsTopicID)
	m.Layers = movedLayers(src.Layers, &diags)
	m.DeadLetterConfig = deadLetterCodec.null() // that provider does not know it; the refresh reads it
	m.PublicNetConfig = movedPublicNet(src, &diags)
	m.CfsConfig, m.CfsMounts = movedCfs(src.CfsConfig, &diags)
	m.Tags = movedMap(ctx, src.Tags, &diags)
	m.Timeouts = timeouts.Value{Object: types.ObjectNull(timeoutsAttribute(ctx).GetType().(timeouts.Type).AttrTypes)} //nolint:forcetypeassert // the library's attribute

	m.AsyncRunEnable = types.BoolValue(deref(src.AsyncRunEnable) == apiTrue)
	m.TraceEnable = types.BoolValue(false)
	m.InstallDependency = types.BoolValue(derefOr(src.InstallDependency, false))
	m.DNSCache = types.BoolValue(derefOr(src.DNSCache, false))
	m.IgnoreSysLog = types.BoolValue(false)
	m.ProtocolType = types.StringNull()
	m.ProtocolParams = protocolParamsCodec.null()
	m.InstanceConcurrencyConfig = movedConcurrency(src.Concurrency, &diags)
	m.IntranetConfig = movedIntranet(src.IntranetConfig, &diags)
	m.ResolvedImageURI = types.StringNull()
	m.EipAddresses = stringList(src.Eips, &diags)
	m.AccessInfo = accessInfoCodec.value(accessInfoModel{
		Host: types.StringValue(deref(src.Host)), Vip: types.StringValue(deref(src.Vip)),
	}, &diags)
	m.StatusReasons = statusReasonCodec.nullList()

	m.FunctionID = nullable(src.FunctionID)
	m.Status = nullable(src.Status)
	m.StatusDesc = nullable(src.StatusDesc)
	m.CodeSize = types.Int64PointerValue(src.CodeSize)
	m.CodeSHA256 = types.StringNull() // the refresh asks the service
	m.CreatedTime = types.StringNull()
	m.ModifiedTime = types.StringNull()
	if t := deref(src.ModifyTime); t != "" {
		m.ModifiedTime = types.StringValue(serviceTimeRFC3339(t))
	}
	return m, diags
}

// movedName takes the function's name and namespace from the attributes, or
// from the ID (`<namespace>+<name>`) when an old state lacks them.
func movedName(src tencentcloudFunctionState, diags *diag.Diagnostics) (namespace, name string) {
	idNamespace, idName, _ := strings.Cut(src.ID, "+")
	namespace, name = deref(src.Namespace), src.Name
	if namespace == "" {
		namespace = idNamespace
	}
	if name == "" {
		name = idName
	}
	if namespace == "" {
		namespace = scfapi.DefaultNamespace
	}
	if name == "" {
		diags.AddError(summaryMove, fmt.Sprintf("The state of %s has no function name (id %q). %s",
			tencentcloudFunctionType, src.ID, moveInsteadAdvice))
	}
	return namespace, name
}

// warnUnmanaged names what the function keeps but scf_function does not
// manage, so it is not lost silently from Terraform's view.
func warnUnmanaged(src tencentcloudFunctionState, namespace, name string, diags *diag.Diagnostics) {
	qualified := functionID(namespace, name)
	if derefOr(src.L5Enable, false) {
		diags.AddWarning(summaryMoveUnmanaged, fmt.Sprintf("Function %s has l5_enable = true. scf_function does "+
			"not manage L5: the function keeps it enabled, and Terraform no longer tracks it.", qualified))
	}
	if len(src.Triggers) == 0 {
		return
	}
	var lines []string
	for _, t := range src.Triggers {
		triggerName := t.Name
		if t.Type == scfapi.TriggerCos && t.CosRegion != "" {
			// that provider stores the bucket and region, the API the domain
			triggerName = fmt.Sprintf("%s.cos.%s.myqcloud.com", t.Name, t.CosRegion)
		}
		if slices.Contains(importableTriggerTypes, t.Type) {
			lines = append(lines, fmt.Sprintf("  - %s trigger %q: import it as scf_trigger with id %q", t.Type, t.Name,
				namespace+"/"+name+"/"+t.Type+"/"+triggerName))
		} else {
			lines = append(lines, fmt.Sprintf("  - %s trigger %q: scf_trigger does not manage %s triggers; it stays "+
				"on the function, unmanaged", t.Type, t.Name, t.Type))
		}
	}
	diags.AddWarning(summaryMoveUnmanaged, fmt.Sprintf("Function %s has %d trigger(s) in the triggers block of %s. "+
		"scf_function does not manage triggers: they stay on the function, and Terraform no longer tracks them "+
		"until each is imported as its own scf_trigger resource, with `qualifier = \"$LATEST\"` (that provider "+
		"made its triggers on $LATEST; scf_trigger's default, $DEFAULT, would replace them):\n%s", qualified,
		len(src.Triggers), tencentcloudFunctionType, strings.Join(lines, "\n")))
}

// movedCode is `code` as the configuration gave it: that provider keeps the
// zip path and COS location it was configured with, and the image as the
// service reports it.
func movedCode(src tencentcloudFunctionState, diags *diag.Diagnostics) types.Object {
	code, given := codeCodec.nullModel(diags), false
	if zip := deref(src.ZipFile); zip != "" {
		code.ZipFile, given = types.StringValue(zip), true
	}
	if bucket, object := deref(src.CosBucketName), deref(src.CosObjectName); bucket != "" || object != "" {
		code.CosBucketName = emptyAsNull(cosAppIDSuffix.ReplaceAllString(bucket, ""))
		code.CosObjectName = emptyAsNull(object)
		code.CosBucketRegion = emptyAsNull(deref(src.CosBucketRegion))
		given = true
	}
	if len(src.ImageConfig) > 0 {
		img := src.ImageConfig[0]
		port := types.Int64Null()
		if img.ImagePort != 0 && img.ImagePort != defaultImagePort {
			port = types.Int64Value(img.ImagePort)
		}
		accelerate := types.BoolNull()
		if img.ContainerImageAccelerate {
			accelerate = types.BoolValue(true)
		}
		code.ImageConfig = imageCodec.value(imageConfigModel{
			ImageType: types.StringValue(img.ImageType), ImageURI: types.StringValue(img.ImageURI),
			RegistryID: emptyAsNull(img.RegistryID), Command: emptyAsNull(img.Command), Args: emptyAsNull(img.Args),
			EntryPoint: emptyAsNull(img.EntryPoint), ContainerImageAccelerate: accelerate, ImagePort: port,
		}, diags)
		given = true
	}
	if !given {
		// imported into that provider: the deployed code stays, as after an import here
		return codeCodec.null()
	}
	return codeCodec.value(code, diags)
}

// movedPublicNet is null for the service's default (public access, no
// fixed IP), which a configuration states by leaving public_net_config out.
func movedPublicNet(src tencentcloudFunctionState, diags *diag.Diagnostics) types.Object {
	public := derefOr(src.EnablePublicNet, true)
	eip := derefOr(src.EnableEipConfig, false)
	if public && !eip {
		return publicNetCodec.null()
	}
	pn := publicNetConfigModel{PublicNetStatus: types.StringValue(disable), EipConfig: eipCodec.null()}
	if public {
		pn.PublicNetStatus = types.StringValue(enable)
	}
	if eip {
		pn.EipConfig = eipCodec.value(eipConfigModel{EipStatus: types.StringValue(enable)}, diags)
	}
	return publicNetCodec.value(pn, diags)
}

func movedCfs(mounts []tencentcloudCfs, diags *diag.Diagnostics) (types.Object, types.List) {
	reported := make([]cfsMountModel, 0, len(mounts))
	if len(mounts) == 0 {
		return cfsCodec.null(), cfsMountCodec.list(reported, diags)
	}
	configured := make([]cfsInsModel, 0, len(mounts))
	for _, c := range mounts {
		configured = append(configured, cfsInsModel{
			UserID: types.StringValue(c.UserID), UserGroupID: types.StringValue(c.UserGroupID),
			CfsID: types.StringValue(c.CfsID), MountInsID: types.StringValue(c.MountInsID),
			LocalMountDir: types.StringValue(c.LocalMountDir), RemoteMountDir: types.StringValue(c.RemoteMountDir),
		})
		reported = append(reported, cfsMountModel{
			CfsID: types.StringValue(c.CfsID), MountInsID: types.StringValue(c.MountInsID),
			LocalMountDir: types.StringValue(c.LocalMountDir), IPAddress: types.StringValue(c.IPAddress),
			MountVpcID: types.StringValue(c.MountVpcID), MountSubnetID: types.StringValue(c.MountSubnetID),
		})
	}
	return cfsCodec.value(cfsConfigModel{CfsInsList: cfsInsCodec.list(configured, diags)}, diags), cfsMountCodec.list(reported, diags)
}

// movedIntranet is null unless a fixed intranet IP is enabled: that
// provider reads DISABLE back into state even when it was not configured.
func movedIntranet(in []tencentcloudIntranet, diags *diag.Diagnostics) types.Object {
	if len(in) == 0 || in[0].IPFixed != enable {
		return intranetCodec.null()
	}
	return intranetCodec.value(intranetConfigModel{
		IPFixed: types.StringValue(enable), IPAddresses: stringList(in[0].IPAddress, diags),
	}, diags)
}

// movedConcurrency carries the block as configured: that provider never
// reads it back, so a value is there because it was written, and an SDKv2
// zero value ("" or 0) because it was not.
func movedConcurrency(blocks []tencentcloudConcurrency, diags *diag.Diagnostics) types.Object {
	if len(blocks) == 0 {
		return concurrencyCodec.null()
	}
	c := blocks[0]
	session := sessionCodec.null()
	if len(c.SessionConfig) > 0 {
		s := c.SessionConfig[0]
		session = sessionCodec.value(sessionConfigModel{
			SessionSource: emptyAsNull(s.SessionSource), SessionName: emptyAsNull(s.SessionName),
			MaximumConcurrencySessionPerInstance: zeroAsNull(s.MaximumConcurrencySessionPerInstance),
			MaximumTTLInSeconds:                  zeroAsNull(s.MaximumTTLInSeconds),
			MaximumIdleTimeInSeconds:             zeroAsNull(s.MaximumIdleTimeInSeconds),
			SessionPath:                          emptyAsNull(s.SessionPath),
			IdleTimeoutStrategy:                  emptyAsNull(s.IdleTimeoutStrategy),
		}, diags)
	}
	return concurrencyCodec.value(instanceConcurrencyModel{
		DynamicEnabled: flagAsBool(c.DynamicEnabled), MaxConcurrency: zeroAsNull(c.MaxConcurrency),
		InstanceIsolationEnabled: flagAsBool(c.InstanceIsolationEnabled), Type: emptyAsNull(c.Type),
		SessionConfig: session,
	}, diags)
}

func movedLayers(layers []tencentcloudLayer, diags *diag.Diagnostics) types.List {
	if len(layers) == 0 {
		return layerCodec.nullList()
	}
	out := make([]layerModel, 0, len(layers))
	for _, l := range layers {
		out = append(out, layerModel{Name: types.StringValue(l.LayerName), Version: types.Int64Value(l.LayerVersion)})
	}
	return layerCodec.list(out, diags)
}

// movedMap keeps an empty map null: SDKv2 cannot tell an empty map from
// none, and a configuration that leaves the attribute out plans null.
func movedMap(ctx context.Context, m map[string]string, diags *diag.Diagnostics) types.Map {
	if len(m) == 0 {
		return types.MapNull(types.StringType)
	}
	v, d := types.MapValueFrom(ctx, types.StringType, m)
	diags.Append(d...)
	return v
}

func nullable(s *string) types.String { return types.StringPointerValue(s) }

func zeroAsNull(n int64) types.Int64 {
	if n == 0 {
		return types.Int64Null()
	}
	return types.Int64Value(n)
}

// flagAsBool reads that provider's "TRUE"/"FALSE" strings; "" was not set.
func flagAsBool(flag string) types.Bool {
	switch flag {
	case apiTrue:
		return types.BoolValue(true)
	case "FALSE":
		return types.BoolValue(false)
	}
	return types.BoolNull()
}

// tencentcloudFunctionState is the state the official provider
// (tencentcloudstack/tencentcloud, an SDKv2 provider) writes for
// tencentcloud_scf_function at schema version 0, as a `moved` block hands it
// over in MoveResourceState. Pointers tell an attribute that is null from one
// at its zero value; attributes the move has no use for (code_error,
// code_result, err_no, eip_fixed, trigger_info) are left out and ignored.
//
// SDKv2 writes the zero value ("", 0, false) for an optional attribute of a
// nested block that was not configured, so nested values are plain fields.
type tencentcloudFunctionState struct {
	ID          string            `json:"id"`
	Name        string            `json:"name"`
	Namespace   *string           `json:"namespace"`
	Handler     *string           `json:"handler"`
	Runtime     *string           `json:"runtime"`
	Description *string           `json:"description"`
	MemSize     *int64            `json:"mem_size"`
	Timeout     *int64            `json:"timeout"`
	FuncType    *string           `json:"func_type"`
	Environment map[string]string `json:"environment"`
	Tags        map[string]string `json:"tags"`
	VpcID       *string           `json:"vpc_id"`
	SubnetID    *string           `json:"subnet_id"`
	Role        *string           `json:"role"`
	ClsLogsetID *string           `json:"cls_logset_id"`
	ClsTopicID  *string           `json:"cls_topic_id"`

	ZipFile         *string                   `json:"zip_file"`
	CosBucketName   *string                   `json:"cos_bucket_name"`
	CosObjectName   *string                   `json:"cos_object_name"`
	CosBucketRegion *string                   `json:"cos_bucket_region"`
	ImageConfig     []tencentcloudImageConfig `json:"image_config"`

	EnablePublicNet   *bool                       `json:"enable_public_net"`
	EnableEipConfig   *bool                       `json:"enable_eip_config"`
	L5Enable          *bool                       `json:"l5_enable"`
	AsyncRunEnable    *string                     `json:"async_run_enable"`
	DNSCache          *bool                       `json:"dns_cache"`
	InstallDependency *bool                       `json:"install_dependency"`
	Layers            []tencentcloudLayer         `json:"layers"`
	CfsConfig         []tencentcloudCfs           `json:"cfs_config"`
	IntranetConfig    []tencentcloudIntranet      `json:"intranet_config"`
	Concurrency       []tencentcloudConcurrency   `json:"instance_concurrency_config"`
	Triggers          []tencentcloudInlineTrigger `json:"triggers"`

	FunctionID *string  `json:"function_id"`
	Status     *string  `json:"status"`
	StatusDesc *string  `json:"status_desc"`
	CodeSize   *int64   `json:"code_size"`
	ModifyTime *string  `json:"modify_time"`
	Host       *string  `json:"host"`
	Vip        *string  `json:"vip"`
	Eips       []string `json:"eips"`
}

type tencentcloudImageConfig struct {
	ImageType                string `json:"image_type"`
	ImageURI                 string `json:"image_uri"`
	RegistryID               string `json:"registry_id"`
	Command                  string `json:"command"`
	Args                     string `json:"args"`
	EntryPoint               string `json:"entry_point"`
	ContainerImageAccelerate bool   `json:"container_image_accelerate"`
	ImagePort                int64  `json:"image_port"`
}

type tencentcloudLayer struct {
	LayerName    string `json:"layer_name"`
	LayerVersion int64  `json:"layer_version"`
}

type tencentcloudCfs struct {
	UserID         string `json:"user_id"`
	UserGroupID    string `json:"user_group_id"`
	CfsID          string `json:"cfs_id"`
	MountInsID     string `json:"mount_ins_id"`
	LocalMountDir  string `json:"local_mount_dir"`
	RemoteMountDir string `json:"remote_mount_dir"`
	IPAddress      string `json:"ip_address"`
	MountVpcID     string `json:"mount_vpc_id"`
	MountSubnetID  string `json:"mount_subnet_id"`
}

type tencentcloudIntranet struct {
	IPFixed   string   `json:"ip_fixed"`
	IPAddress []string `json:"ip_address"`
}

type tencentcloudConcurrency struct {
	DynamicEnabled           string                `json:"dynamic_enabled"`
	InstanceIsolationEnabled string                `json:"instance_isolation_enabled"`
	MaxConcurrency           int64                 `json:"max_concurrency"`
	Type                     string                `json:"type"`
	MixNodeConfig            []tencentcloudMixNode `json:"mix_node_config"`
	SessionConfig            []tencentcloudSession `json:"session_config"`
}

type tencentcloudMixNode struct {
	NodeSpec string `json:"node_spec"`
	Num      int64  `json:"num"`
}

type tencentcloudSession struct {
	IdleTimeoutStrategy                  string `json:"idle_timeout_strategy"`
	MaximumConcurrencySessionPerInstance int64  `json:"maximum_concurrency_session_per_instance"`
	MaximumIdleTimeInSeconds             int64  `json:"maximum_idle_time_in_seconds"`
	MaximumTTLInSeconds                  int64  `json:"maximum_ttl_in_seconds"`
	SessionName                          string `json:"session_name"`
	SessionPath                          string `json:"session_path"`
	SessionSource                        string `json:"session_source"`
}

// tencentcloudInlineTrigger is one element of `triggers`, which that
// provider manages inside the function and this one as scf_trigger.
type tencentcloudInlineTrigger struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	TriggerDesc string `json:"trigger_desc"`
	CosRegion   string `json:"cos_region"`
}
