package provider

import (
	"context"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// scfFunctionResourceModel maps the scf_function schema.
type scfFunctionResourceModel struct {
	ID               types.String   `tfsdk:"id"`
	Name             types.String   `tfsdk:"name"`
	Namespace        types.String   `tfsdk:"namespace"`
	Code             types.Object   `tfsdk:"code"`
	CodeSource       types.String   `tfsdk:"code_source"`
	Handler          types.String   `tfsdk:"handler"`
	Description      types.String   `tfsdk:"description"`
	MemorySize       types.Int64    `tfsdk:"memory_size"`
	Timeout          types.Int64    `tfsdk:"timeout"`
	InitTimeout      types.Int64    `tfsdk:"init_timeout"`
	Runtime          types.String   `tfsdk:"runtime"`
	Type             types.String   `tfsdk:"type"`
	Environment      types.Map      `tfsdk:"environment"`
	VpcConfig        types.Object   `tfsdk:"vpc_config"`
	Role             types.String   `tfsdk:"role"`
	ClsLogsetID      types.String   `tfsdk:"cls_logset_id"`
	ClsTopicID       types.String   `tfsdk:"cls_topic_id"`
	Layers           types.List     `tfsdk:"layers"`
	DeadLetterConfig types.Object   `tfsdk:"dead_letter_config"`
	PublicNetConfig  types.Object   `tfsdk:"public_net_config"`
	CfsConfig        types.Object   `tfsdk:"cfs_config"`
	Tags             types.Map      `tfsdk:"tags"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
	featuresModel
	FunctionID   types.String `tfsdk:"function_id"`
	Status       types.String `tfsdk:"status"`
	StatusDesc   types.String `tfsdk:"status_desc"`
	CodeSize     types.Int64  `tfsdk:"code_size"`
	CodeSHA256   types.String `tfsdk:"code_sha256"`
	CreatedTime  types.String `tfsdk:"created_time"`
	ModifiedTime types.String `tfsdk:"modified_time"`
}

// codeModel maps `code`.
type codeModel struct {
	ZipFile           types.String `tfsdk:"zip_file"`
	CosBucketName     types.String `tfsdk:"cos_bucket_name"`
	CosObjectName     types.String `tfsdk:"cos_object_name"`
	CosBucketRegion   types.String `tfsdk:"cos_bucket_region"`
	DemoID            types.String `tfsdk:"demo_id"`
	TempCosObjectName types.String `tfsdk:"temp_cos_object_name"`
	GitURL            types.String `tfsdk:"git_url"`
	GitUserName       types.String `tfsdk:"git_user_name"`
	GitPassword       types.String `tfsdk:"git_password"`
	GitBranch         types.String `tfsdk:"git_branch"`
	GitDirectory      types.String `tfsdk:"git_directory"`
	GitCommitID       types.String `tfsdk:"git_commit_id"`
	ImageConfig       types.Object `tfsdk:"image_config"`
}

// vpcConfigModel maps `vpc_config`.
type vpcConfigModel struct {
	VpcID    types.String `tfsdk:"vpc_id"`
	SubnetID types.String `tfsdk:"subnet_id"`
}

// layerModel maps one element of `layers`.
type layerModel struct {
	Name    types.String `tfsdk:"name"`
	Version types.Int64  `tfsdk:"version"`
}

// deadLetterConfigModel maps `dead_letter_config`.
type deadLetterConfigModel struct {
	Type       types.String `tfsdk:"type"`
	Name       types.String `tfsdk:"name"`
	FilterType types.String `tfsdk:"filter_type"`
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

// cfsConfigModel maps `cfs_config`.
type cfsConfigModel struct {
	CfsInsList []cfsInsModel `tfsdk:"cfs_ins_list"`
}

// cfsInsModel maps one element of `cfs_config.cfs_ins_list`.
type cfsInsModel struct {
	UserID         types.String `tfsdk:"user_id"`
	UserGroupID    types.String `tfsdk:"user_group_id"`
	CfsID          types.String `tfsdk:"cfs_id"`
	MountInsID     types.String `tfsdk:"mount_ins_id"`
	LocalMountDir  types.String `tfsdk:"local_mount_dir"`
	RemoteMountDir types.String `tfsdk:"remote_mount_dir"`
}

var (
	vpcConfigAttrTypes = map[string]attr.Type{"vpc_id": types.StringType, "subnet_id": types.StringType}
	layerAttrTypes     = map[string]attr.Type{"name": types.StringType, "version": types.Int64Type}
	deadLetterTypes    = map[string]attr.Type{"type": types.StringType, "name": types.StringType, "filter_type": types.StringType}
	eipConfigAttrTypes = map[string]attr.Type{"eip_status": types.StringType}
	publicNetAttrTypes = map[string]attr.Type{
		"public_net_status": types.StringType,
		"eip_config":        types.ObjectType{AttrTypes: eipConfigAttrTypes},
	}
	cfsInsAttrTypes = map[string]attr.Type{
		"user_id": types.StringType, "user_group_id": types.StringType, "cfs_id": types.StringType,
		"mount_ins_id": types.StringType, "local_mount_dir": types.StringType, "remote_mount_dir": types.StringType,
	}
	cfsConfigAttrTypes = map[string]attr.Type{
		"cfs_ins_list": types.ListType{ElemType: types.ObjectType{AttrTypes: cfsInsAttrTypes}},
	}
)

// expandEnvironment turns the map into API variables, sorted by name so that
// requests are deterministic. A nil or empty map yields the clearing sentinel
// when clear is true: the API ignores an empty list.
func expandEnvironment(ctx context.Context, m types.Map, clearIfEmpty bool, diags *diag.Diagnostics) *scfapi.Environment {
	vars := map[string]string{}
	if !m.IsNull() && !m.IsUnknown() {
		diags.Append(m.ElementsAs(ctx, &vars, false)...)
	}
	if len(vars) == 0 {
		if !clearIfEmpty {
			return nil
		}
		return &scfapi.Environment{Variables: []*scfapi.Variable{{Key: ptr(""), Value: ptr("")}}}
	}
	keys := make([]string, 0, len(vars))
	for k := range vars {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	env := &scfapi.Environment{}
	for _, k := range keys {
		env.Variables = append(env.Variables, &scfapi.Variable{Key: ptr(k), Value: ptr(vars[k])})
	}
	return env
}

// expandLayers keeps the configured order: later layers overwrite earlier ones.
func expandLayers(ctx context.Context, l types.List, clearIfEmpty bool, diags *diag.Diagnostics) []*scfapi.LayerVersionSimple {
	var layers []layerModel
	if !l.IsNull() && !l.IsUnknown() {
		diags.Append(l.ElementsAs(ctx, &layers, false)...)
	}
	if len(layers) == 0 {
		if !clearIfEmpty {
			return nil
		}
		return []*scfapi.LayerVersionSimple{{LayerName: ptr(""), LayerVersion: ptr(int64(0))}}
	}
	out := make([]*scfapi.LayerVersionSimple, 0, len(layers))
	for _, layer := range layers {
		out = append(out, &scfapi.LayerVersionSimple{LayerName: stringPtr(layer.Name), LayerVersion: int64Ptr(layer.Version)})
	}
	return out
}

func expandVpcConfig(ctx context.Context, obj types.Object, clearIfNull bool, diags *diag.Diagnostics) *scfapi.VpcConfig {
	vpc, ok := objectAs[vpcConfigModel](ctx, obj, diags)
	if !ok {
		if clearIfNull {
			return &scfapi.VpcConfig{VpcId: ptr(""), SubnetId: ptr("")}
		}
		return nil
	}
	return &scfapi.VpcConfig{VpcId: stringPtr(vpc.VpcID), SubnetId: stringPtr(vpc.SubnetID)}
}

func expandDeadLetterConfig(ctx context.Context, obj types.Object, clearIfNull bool, diags *diag.Diagnostics) *scfapi.DeadLetterConfig {
	dlq, ok := objectAs[deadLetterConfigModel](ctx, obj, diags)
	if !ok {
		if clearIfNull {
			return &scfapi.DeadLetterConfig{Type: ptr(""), Name: ptr("")}
		}
		return nil
	}
	return &scfapi.DeadLetterConfig{Type: stringPtr(dlq.Type), Name: stringPtr(dlq.Name), FilterType: stringPtr(dlq.FilterType)}
}

// expandPublicNetConfig sends the configured access, or the service's
// default (public access on, no fixed IP) when clearIfNull asks to undo a
// setting removed from the configuration.
func expandPublicNetConfig(ctx context.Context, obj types.Object, clearIfNull bool, diags *diag.Diagnostics) *scfapi.PublicNetConfigIn {
	pn, ok := objectAs[publicNetConfigModel](ctx, obj, diags)
	if !ok {
		if clearIfNull {
			return &scfapi.PublicNetConfigIn{PublicNetStatus: ptr(enable), EipConfig: &scfapi.EipConfigIn{EipStatus: ptr(disable)}}
		}
		return nil
	}
	out := &scfapi.PublicNetConfigIn{PublicNetStatus: stringPtr(pn.PublicNetStatus), EipConfig: &scfapi.EipConfigIn{EipStatus: ptr(disable)}}
	if eip, ok := objectAs[eipConfigModel](ctx, pn.EipConfig, diags); ok {
		out.EipConfig.EipStatus = stringPtr(eip.EipStatus)
	}
	return out
}

func expandCfsConfig(ctx context.Context, obj types.Object, clearIfNull bool, diags *diag.Diagnostics) *scfapi.CfsConfig {
	cfs, ok := objectAs[cfsConfigModel](ctx, obj, diags)
	if !ok {
		if clearIfNull {
			return &scfapi.CfsConfig{CfsInsList: []*scfapi.CfsInsInfo{}}
		}
		return nil
	}
	out := &scfapi.CfsConfig{CfsInsList: []*scfapi.CfsInsInfo{}}
	for _, m := range cfs.CfsInsList {
		out.CfsInsList = append(out.CfsInsList, &scfapi.CfsInsInfo{
			UserId: stringPtr(m.UserID), UserGroupId: stringPtr(m.UserGroupID), CfsId: stringPtr(m.CfsID),
			MountInsId: stringPtr(m.MountInsID), LocalMountDir: stringPtr(m.LocalMountDir), RemoteMountDir: stringPtr(m.RemoteMountDir),
		})
	}
	return out
}

func expandTags(ctx context.Context, m types.Map, diags *diag.Diagnostics) []*scfapi.Tag {
	tags := stringMap(ctx, m, diags)
	keys := make([]string, 0, len(tags))
	for k := range tags {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var out []*scfapi.Tag
	for _, k := range keys {
		out = append(out, &scfapi.Tag{Key: ptr(k), Value: ptr(tags[k])})
	}
	return out
}

// flattenFunction writes what the service reports into model. Attributes the
// API cannot return (code, code_source, timeouts) are left as they are, and
// empty collections keep the shape the model already had (null or empty), so
// that `environment = {}` and no environment at all both plan cleanly.
func flattenFunction(ctx context.Context, fn *scfapi.Function, codeSHA256 string, model *scfFunctionResourceModel, diags *diag.Diagnostics) {
	model.ID = types.StringValue(functionID(fn.Namespace, fn.FunctionName))
	model.Name = types.StringValue(fn.FunctionName)
	model.Namespace = types.StringValue(fn.Namespace)
	model.Handler = types.StringValue(fn.Handler)
	model.Description = types.StringValue(fn.Description)
	model.MemorySize = types.Int64Value(fn.MemorySize)
	model.Timeout = types.Int64Value(fn.Timeout)
	model.InitTimeout = types.Int64Value(fn.InitTimeout)
	model.Runtime = types.StringValue(fn.Runtime)
	model.Type = types.StringValue(fn.Type)
	model.Role = types.StringValue(fn.Role)
	model.ClsLogsetID = types.StringValue(fn.ClsLogsetId)
	model.ClsTopicID = types.StringValue(fn.ClsTopicId)

	env := make(map[string]string, len(fn.Environment.Variables))
	for _, v := range fn.Environment.Variables {
		env[v.Key] = v.Value
	}
	model.Environment = flattenStringMap(ctx, env, model.Environment, diags)

	tags := make(map[string]string, len(fn.Tags))
	for _, t := range fn.Tags {
		tags[t.Key] = t.Value
	}
	model.Tags = flattenStringMap(ctx, tags, model.Tags, diags)

	model.VpcConfig = types.ObjectNull(vpcConfigAttrTypes)
	if fn.VpcConfig.VpcId != "" || fn.VpcConfig.SubnetId != "" {
		model.VpcConfig = objectValue(ctx, vpcConfigAttrTypes, vpcConfigModel{
			VpcID: types.StringValue(fn.VpcConfig.VpcId), SubnetID: types.StringValue(fn.VpcConfig.SubnetId),
		}, diags)
	}

	model.Layers = flattenLayers(ctx, fn.Layers, model.Layers, diags)

	model.DeadLetterConfig = types.ObjectNull(deadLetterTypes)
	if dlq := fn.DeadLetterConfig; dlq.Type != "" || dlq.Name != "" {
		model.DeadLetterConfig = objectValue(ctx, deadLetterTypes, deadLetterConfigModel{
			Type: types.StringValue(dlq.Type), Name: types.StringValue(dlq.Name), FilterType: emptyAsNull(dlq.FilterType),
		}, diags)
	}

	model.PublicNetConfig = flattenPublicNetConfig(ctx, fn.PublicNetConfig, model.PublicNetConfig, diags)

	model.CfsConfig = types.ObjectNull(cfsConfigAttrTypes)
	if len(fn.CfsConfig.CfsInsList) > 0 {
		cfs := cfsConfigModel{}
		for _, m := range fn.CfsConfig.CfsInsList {
			cfs.CfsInsList = append(cfs.CfsInsList, cfsInsModel{
				UserID: types.StringValue(m.UserId), UserGroupID: types.StringValue(m.UserGroupId),
				CfsID: types.StringValue(m.CfsId), MountInsID: types.StringValue(m.MountInsId),
				LocalMountDir: types.StringValue(m.LocalMountDir), RemoteMountDir: types.StringValue(m.RemoteMountDir),
			})
		}
		model.CfsConfig = objectValue(ctx, cfsConfigAttrTypes, cfs, diags)
	}

	flattenFeatures(ctx, fn, model, diags)

	model.FunctionID = types.StringValue(fn.FunctionId)
	model.Status = types.StringValue(fn.Status)
	model.StatusDesc = types.StringValue(fn.StatusDesc)
	model.CodeSize = types.Int64Value(fn.CodeSize)
	model.CodeSHA256 = types.StringValue(codeSHA256)
	model.CreatedTime = types.StringValue(serviceTimeRFC3339(fn.AddTime))
	model.ModifiedTime = types.StringValue(serviceTimeRFC3339(fn.ModTime))
}

// flattenPublicNetConfig reads public network access. The service always
// reports it; its default (public access on, no fixed IP) reads as null
// unless the configuration spelled it out, so an unset attribute plans cleanly.
func flattenPublicNetConfig(ctx context.Context, pn *scfapi.PublicNetConfigOut, prior types.Object, diags *diag.Diagnostics) types.Object {
	status, eipStatus := enable, disable
	if pn != nil && pn.PublicNetStatus != "" {
		status = pn.PublicNetStatus
	}
	if pn != nil && pn.EipConfig.EipStatus != "" {
		eipStatus = pn.EipConfig.EipStatus
	}
	priorModel, hadPrior := objectAs[publicNetConfigModel](ctx, prior, diags)
	if !hadPrior && status == enable && eipStatus == disable {
		return types.ObjectNull(publicNetAttrTypes)
	}
	eip := types.ObjectNull(eipConfigAttrTypes)
	if eipStatus != disable || (hadPrior && !priorModel.EipConfig.IsNull()) {
		eip = objectValue(ctx, eipConfigAttrTypes, eipConfigModel{EipStatus: types.StringValue(eipStatus)}, diags)
	}
	return objectValue(ctx, publicNetAttrTypes, publicNetConfigModel{PublicNetStatus: types.StringValue(status), EipConfig: eip}, diags)
}

func flattenLayers(ctx context.Context, layers []scfapi.LayerVersionInfo, prior types.List, diags *diag.Diagnostics) types.List {
	elemType := types.ObjectType{AttrTypes: layerAttrTypes}
	if len(layers) == 0 && (prior.IsNull() || prior.IsUnknown()) {
		return types.ListNull(elemType)
	}
	out := make([]layerModel, 0, len(layers))
	for _, l := range layers {
		out = append(out, layerModel{Name: types.StringValue(l.LayerName), Version: types.Int64Value(l.LayerVersion)})
	}
	list, d := types.ListValueFrom(ctx, elemType, out)
	diags.Append(d...)
	return list
}
