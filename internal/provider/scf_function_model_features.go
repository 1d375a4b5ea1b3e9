package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// featuresModel maps the attributes of scf_function_schema_features.go; it
// is embedded in scfFunctionResourceModel.
type featuresModel struct {
	AsyncRunEnable            types.Bool   `tfsdk:"async_run_enable"`
	TraceEnable               types.Bool   `tfsdk:"trace_enable"`
	InstallDependency         types.Bool   `tfsdk:"install_dependency"`
	DNSCache                  types.Bool   `tfsdk:"dns_cache"`
	IgnoreSysLog              types.Bool   `tfsdk:"ignore_sys_log"`
	ProtocolType              types.String `tfsdk:"protocol_type"`
	ProtocolParams            types.Object `tfsdk:"protocol_params"`
	InstanceConcurrencyConfig types.Object `tfsdk:"instance_concurrency_config"`
	IntranetConfig            types.Object `tfsdk:"intranet_config"`
	ResolvedImageURI          types.String `tfsdk:"resolved_image_uri"`
	EipAddresses              types.List   `tfsdk:"eip_addresses"`
	CfsMounts                 types.List   `tfsdk:"cfs_mounts"`
	AccessInfo                types.Object `tfsdk:"access_info"`
	StatusReasons             types.List   `tfsdk:"status_reasons"`
}

// imageConfigModel maps `code.image_config`.
type imageConfigModel struct {
	ImageType                types.String `tfsdk:"image_type"`
	ImageURI                 types.String `tfsdk:"image_uri"`
	RegistryID               types.String `tfsdk:"registry_id"`
	Command                  types.String `tfsdk:"command"`
	Args                     types.String `tfsdk:"args"`
	EntryPoint               types.String `tfsdk:"entry_point"`
	ContainerImageAccelerate types.Bool   `tfsdk:"container_image_accelerate"`
	ImagePort                types.Int64  `tfsdk:"image_port"`
}

// protocolParamsModel maps `protocol_params`.
type protocolParamsModel struct {
	WSParams types.Object `tfsdk:"ws_params"`
}

// wsParamsModel maps `protocol_params.ws_params`.
type wsParamsModel struct {
	IdleTimeout types.Int64 `tfsdk:"idle_timeout"`
}

// instanceConcurrencyModel maps `instance_concurrency_config`.
type instanceConcurrencyModel struct {
	DynamicEnabled           types.Bool   `tfsdk:"dynamic_enabled"`
	MaxConcurrency           types.Int64  `tfsdk:"max_concurrency"`
	InstanceIsolationEnabled types.Bool   `tfsdk:"instance_isolation_enabled"`
	Type                     types.String `tfsdk:"type"`
	SessionConfig            types.Object `tfsdk:"session_config"`
}

// sessionConfigModel maps `instance_concurrency_config.session_config`.
type sessionConfigModel struct {
	SessionSource                        types.String `tfsdk:"session_source"`
	SessionName                          types.String `tfsdk:"session_name"`
	MaximumConcurrencySessionPerInstance types.Int64  `tfsdk:"maximum_concurrency_session_per_instance"`
	MaximumTTLInSeconds                  types.Int64  `tfsdk:"maximum_ttl_in_seconds"`
	MaximumIdleTimeInSeconds             types.Int64  `tfsdk:"maximum_idle_time_in_seconds"`
	SessionPath                          types.String `tfsdk:"session_path"`
	IdleTimeoutStrategy                  types.String `tfsdk:"idle_timeout_strategy"`
}

// intranetConfigModel maps `intranet_config`.
type intranetConfigModel struct {
	IPFixed     types.String `tfsdk:"ip_fixed"`
	IPAddresses types.List   `tfsdk:"ip_addresses"`
}

// cfsMountModel maps one element of `cfs_mounts`.
type cfsMountModel struct {
	CfsID         types.String `tfsdk:"cfs_id"`
	MountInsID    types.String `tfsdk:"mount_ins_id"`
	LocalMountDir types.String `tfsdk:"local_mount_dir"`
	IPAddress     types.String `tfsdk:"ip_address"`
	MountVpcID    types.String `tfsdk:"mount_vpc_id"`
	MountSubnetID types.String `tfsdk:"mount_subnet_id"`
}

// accessInfoModel maps `access_info`.
type accessInfoModel struct {
	Host types.String `tfsdk:"host"`
	Vip  types.String `tfsdk:"vip"`
}

// statusReasonModel maps one element of `status_reasons`.
type statusReasonModel struct {
	ErrorCode    types.String `tfsdk:"error_code"`
	ErrorMessage types.String `tfsdk:"error_message"`
}

var (
	imageConfigAttrTypes = map[string]attr.Type{
		"image_type": types.StringType, "image_uri": types.StringType, "registry_id": types.StringType,
		"command": types.StringType, "args": types.StringType, "entry_point": types.StringType,
		"container_image_accelerate": types.BoolType, "image_port": types.Int64Type,
	}
	codeAttrTypes = map[string]attr.Type{
		"zip_file": types.StringType, "cos_bucket_name": types.StringType, "cos_object_name": types.StringType,
		"cos_bucket_region": types.StringType, "demo_id": types.StringType, "temp_cos_object_name": types.StringType,
		"git_url": types.StringType, "git_user_name": types.StringType, "git_password": types.StringType,
		"git_branch": types.StringType, "git_directory": types.StringType, "git_commit_id": types.StringType,
		"image_config": types.ObjectType{AttrTypes: imageConfigAttrTypes},
	}
	wsParamsAttrTypes       = map[string]attr.Type{"idle_timeout": types.Int64Type}
	protocolParamsAttrTypes = map[string]attr.Type{"ws_params": types.ObjectType{AttrTypes: wsParamsAttrTypes}}
	sessionConfigAttrTypes  = map[string]attr.Type{
		"session_source": types.StringType, "session_name": types.StringType,
		"maximum_concurrency_session_per_instance": types.Int64Type, "maximum_ttl_in_seconds": types.Int64Type,
		"maximum_idle_time_in_seconds": types.Int64Type, "session_path": types.StringType,
		"idle_timeout_strategy": types.StringType,
	}
	instanceConcurrencyAttrTypes = map[string]attr.Type{
		"dynamic_enabled": types.BoolType, "max_concurrency": types.Int64Type,
		"instance_isolation_enabled": types.BoolType, "type": types.StringType,
		"session_config": types.ObjectType{AttrTypes: sessionConfigAttrTypes},
	}
	intranetConfigAttrTypes = map[string]attr.Type{
		"ip_fixed": types.StringType, "ip_addresses": types.ListType{ElemType: types.StringType},
	}
	cfsMountAttrTypes = map[string]attr.Type{
		"cfs_id": types.StringType, "mount_ins_id": types.StringType, "local_mount_dir": types.StringType,
		"ip_address": types.StringType, "mount_vpc_id": types.StringType, "mount_subnet_id": types.StringType,
	}
	accessInfoAttrTypes   = map[string]attr.Type{"host": types.StringType, "vip": types.StringType}
	statusReasonAttrTypes = map[string]attr.Type{"error_code": types.StringType, "error_message": types.StringType}
)
