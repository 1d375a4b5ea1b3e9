package provider

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
