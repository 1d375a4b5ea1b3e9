package fakescf

import "encoding/json"

// Request and response bodies, declared here rather than borrowed from the
// SDK or from the project's client so that the fake is an independent reading
// of the wire contract. Go field names equal the JSON keys. Pointers mark the
// parameters whose absence means something different from their zero value.

// ---- shared request pieces ----

type codeIn struct {
	CosBucketName     string
	CosObjectName     string
	ZipFile           string
	CosBucketRegion   string
	DemoId            string
	TempCosObjectName string
	GitUrl            string
	GitUserName       string
	GitPassword       string
	GitPasswordSecret string
	GitBranch         string
	GitDirectory      string
	GitCommitId       string
	GitUserNameSecret string
	ImageConfig       *imageConfigIn
}

type imageConfigIn struct {
	ImageType                string
	ImageUri                 string
	RegistryId               string
	EntryPoint               string
	Command                  string
	Args                     string
	ContainerImageAccelerate *bool
	ImagePort                *int64
}

type variableIn struct {
	Key   string
	Value string
}

type environmentIn struct {
	Variables []variableIn
}

type vpcConfigIn struct {
	VpcId    string
	SubnetId string
}

type layerIn struct {
	LayerName    string
	LayerVersion int64
}

type deadLetterIn struct {
	Type       string
	Name       string
	FilterType string
}

type eipConfigIn struct {
	EipStatus string
}

type publicNetIn struct {
	PublicNetStatus string
	EipConfig       *eipConfigIn
}

type cfsInsIn struct {
	UserId         string
	UserGroupId    string
	CfsId          string
	MountInsId     string
	LocalMountDir  string
	RemoteMountDir string
	// Output-only in the API, accepted so that clients echoing a read value are not rejected.
	IpAddress     string
	MountVpcId    string
	MountSubnetId string
}

type cfsConfigIn struct {
	CfsInsList []cfsInsIn
}

type tagIn struct {
	Key   string
	Value string
}

type wsParamsIn struct {
	IdleTimeOut *int64
}

type protocolParamsIn struct {
	WSParams *wsParamsIn
}

// instanceConcurrencyIn is the SDK's InstanceConcurrencyConfig. DynamicEnabled
// is a pointer because an explicit "" is meaningful: it removes the setting.
type instanceConcurrencyIn struct {
	DynamicEnabled           *string
	MaxConcurrency           *int64
	InstanceIsolationEnabled string
	Type                     string
	MixNodeConfig            []mixNodeIn
	SessionConfig            *sessionConfigIn
}

type mixNodeIn struct {
	NodeSpec string
	Num      *int64
}

type sessionConfigIn struct {
	SessionSource                        string
	SessionName                          string
	MaximumConcurrencySessionPerInstance *int64
	MaximumTTLInSeconds                  *int64
	MaximumIdleTimeInSeconds             *int64
	SessionPath                          string
	IdleTimeoutStrategy                  string
}

type intranetIn struct {
	IpFixed string
}

// ---- function actions ----

type createFunctionRequest struct {
	FunctionName              string
	Code                      *codeIn
	Handler                   *string
	Description               *string
	MemorySize                *int64
	Timeout                   *int64
	Environment               *environmentIn
	Runtime                   *string
	VpcConfig                 *vpcConfigIn
	Namespace                 string
	Role                      string
	InstallDependency         *string
	ClsLogsetId               string
	ClsTopicId                string
	Type                      *string
	CodeSource                *string
	Layers                    []layerIn
	DeadLetterConfig          *deadLetterIn
	PublicNetConfig           *publicNetIn
	CfsConfig                 *cfsConfigIn
	InitTimeout               *int64
	Tags                      []tagIn
	AsyncRunEnable            *string
	TraceEnable               *string
	AutoDeployClsTopicIndex   *string
	AutoCreateClsTopic        *string
	ProtocolType              *string
	ProtocolParams            *protocolParamsIn
	InstanceConcurrencyConfig *instanceConcurrencyIn
	DnsCache                  *string
	IntranetConfig            *intranetIn
}

type getFunctionRequest struct {
	FunctionName string
	Qualifier    string
	Namespace    string
	ShowCode     string
}

type getFunctionAddressRequest struct {
	FunctionName string
	Qualifier    string
	Namespace    string
}

type updateFunctionCodeRequest struct {
	FunctionName      string
	Handler           *string
	CosBucketName     string
	CosObjectName     string
	ZipFile           string
	Namespace         string
	CosBucketRegion   string
	InstallDependency *string
	EnvId             string
	Publish           *string
	Code              *codeIn
	CodeSource        *string
}

type updateFunctionConfigurationRequest struct {
	FunctionName              string
	Description               *string
	MemorySize                *int64
	Timeout                   *int64
	Runtime                   *string
	Environment               *environmentIn
	Namespace                 string
	VpcConfig                 *vpcConfigIn
	Role                      *string
	InstallDependency         *string
	ClsLogsetId               *string
	ClsTopicId                *string
	Publish                   *string
	L5Enable                  *string
	Layers                    []layerIn
	DeadLetterConfig          *deadLetterIn
	PublicNetConfig           *publicNetIn
	CfsConfig                 *cfsConfigIn
	InitTimeout               *int64
	ProtocolParams            *protocolParamsIn
	InstanceConcurrencyConfig *instanceConcurrencyIn
	DnsCache                  *string
	IntranetConfig            *intranetIn
	IgnoreSysLog              *bool
}

type deleteFunctionRequest struct {
	FunctionName string
	Namespace    string
	Qualifier    *string
}

type filterIn struct {
	Name   string
	Values []string
}

type listFunctionsRequest struct {
	Order       string
	Orderby     string
	Offset      *int64
	Limit       *int64
	SearchKey   string
	Namespace   string
	Description string
	Filters     []filterIn
}

// ---- namespace actions ----

type createNamespaceRequest struct {
	Namespace   string
	Description string
	// ResourceEnv selects a TKE resource pool; the fake has none, so the
	// value is accepted unparsed and ignored.
	ResourceEnv json.RawMessage
}

type deleteNamespaceRequest struct {
	Namespace string
}

type updateNamespaceRequest struct {
	Namespace   string
	Description *string
}

type searchKeyIn struct {
	Key   string
	Value string
}

type listNamespacesRequest struct {
	Limit     *int64
	Offset    *int64
	Orderby   string
	Order     string
	SearchKey []searchKeyIn
}

// ---- tag service ----

type tagKVIn struct {
	TagKey   string
	TagValue string
}

type tagKeyIn struct {
	TagKey string
}

type modifyResourceTagsRequest struct {
	Resource    string
	ReplaceTags []tagKVIn
	DeleteTags  []tagKeyIn
}

// ---- layer versions ----

type publishLayerVersionRequest struct {
	LayerName          string
	CompatibleRuntimes []string
	Content            *codeIn
	Description        string
	LicenseInfo        string
	Tags               []tagIn
}

// layerVersionRequest is the request of GetLayerVersion and DeleteLayerVersion.
type layerVersionRequest struct {
	LayerName    string
	LayerVersion int64
}

type listLayersRequest struct {
	CompatibleRuntime string
	Offset            *int64
	Limit             *int64
	SearchKey         string
}

type listLayerVersionsRequest struct {
	LayerName         string
	CompatibleRuntime []string
}
