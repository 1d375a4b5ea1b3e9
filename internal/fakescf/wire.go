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

type instanceConcurrencyIn struct {
	DynamicEnabled           string
	MaxConcurrency           *int64
	InstanceIsolationEnabled string
	Type                     string
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

// ---- responses ----

// response is implemented by every success body; the pipeline stamps the
// request ID last so handlers never need to know it.
type response interface {
	setRequestID(id string)
}

type requestIDField struct {
	RequestId string
}

func (r *requestIDField) setRequestID(id string) { r.RequestId = id }

type emptyResponse struct {
	requestIDField
}

type errorBody struct {
	Code    string
	Message string
}

type errorResponse struct {
	Error errorBody
	requestIDField
}

type envelope struct {
	Response response
}

type vpcConfigOut struct {
	VpcId    string
	SubnetId string
}

type variableOut struct {
	Key   string
	Value string
}

type environmentOut struct {
	Variables []variableOut
}

type triggerOut struct {
	ModTime         string
	Type            string
	TriggerDesc     string
	TriggerName     string
	AddTime         string
	Enable          int64
	CustomArgument  string
	AvailableStatus string
	Qualifier       string
	Description     string
}

type layerVersionOut struct {
	CompatibleRuntimes []string
	AddTime            string
	Description        string
	LicenseInfo        string
	LayerVersion       int64
	LayerName          string
	Status             string
	Stamp              string
}

type deadLetterOut struct {
	Type       string
	Name       string
	FilterType string
}

type eipOutConfig struct {
	EipFixed string
	Eips     []string
}

type accessInfoOut struct {
	Host string
	Vip  string
}

type eipConfigOut struct {
	EipStatus  string
	EipAddress []string
}

type publicNetOut struct {
	PublicNetStatus string
	EipConfig       eipConfigOut
}

type cfsInsOut struct {
	UserId         string
	UserGroupId    string
	CfsId          string
	MountInsId     string
	LocalMountDir  string
	RemoteMountDir string
	IpAddress      string
	MountVpcId     string
	MountSubnetId  string
}

type cfsConfigOut struct {
	CfsInsList []cfsInsOut
}

type tagOut struct {
	Key   string
	Value string
}

type imageConfigOut struct {
	ImageType                string
	ImageUri                 string
	RegistryId               string
	EntryPoint               string
	Command                  string
	Args                     string
	ContainerImageAccelerate bool
	ImagePort                int64
}

type intranetOut struct {
	IpFixed   string
	IpAddress []string `json:",omitempty"`
}

type wsParamsOut struct {
	IdleTimeOut int64
}

type protocolParamsOut struct {
	WSParams *wsParamsOut
}

type instanceConcurrencyOut struct {
	DynamicEnabled           string
	MaxConcurrency           int64
	InstanceIsolationEnabled string
	Type                     string
}

// getFunctionResponse carries every documented GetFunction field. Only
// ImageConfig, ProtocolParams and InstanceConcurrencyConfig may be null, as in
// the documented example, because a non-null value there would claim a
// feature the function does not use.
type getFunctionResponse struct {
	ModTime                   string
	AddTime                   string
	CodeInfo                  string
	Description               string
	Handler                   string
	Triggers                  []triggerOut
	CodeSize                  int64
	Timeout                   int64
	FunctionVersion           string
	MemorySize                int64
	Runtime                   string
	FunctionName              string
	FunctionId                string
	Namespace                 string
	VpcConfig                 vpcConfigOut
	UseGpu                    string
	Environment               environmentOut
	CodeResult                string
	CodeError                 string
	ErrNo                     int64
	Role                      string
	InstallDependency         string
	Status                    string
	StatusDesc                string
	ClsLogsetId               string
	ClsTopicId                string
	L5Enable                  string
	OnsEnable                 string
	DnsCache                  string
	AsyncRunEnable            string
	TraceEnable               string
	StatusReasons             []StatusReason
	AvailableStatus           string
	Tags                      []tagOut
	EipConfig                 eipOutConfig
	AccessInfo                accessInfoOut
	Type                      string
	Layers                    []layerVersionOut
	DeadLetterConfig          deadLetterOut
	PublicNetConfig           publicNetOut
	CfsConfig                 cfsConfigOut
	ImageConfig               *imageConfigOut
	ProtocolType              string
	ProtocolParams            *protocolParamsOut
	InstanceConcurrencyConfig *instanceConcurrencyOut
	IntranetConfig            intranetOut
	Qualifier                 string
	InitTimeout               int64
	requestIDField
}

type getFunctionAddressResponse struct {
	Url        string
	CodeSha256 string
	requestIDField
}

type functionSummaryOut struct {
	ModTime                        string
	AddTime                        string
	Runtime                        string
	FunctionName                   string
	FunctionId                     string
	Namespace                      string
	Status                         string
	StatusDesc                     string
	Description                    string
	Tags                           []tagOut
	Type                           string
	StatusReasons                  []StatusReason
	TotalProvisionedConcurrencyMem int64
	ReservedConcurrencyMem         int64
	AsyncRunEnable                 string
	TraceEnable                    string
}

type listFunctionsResponse struct {
	Functions  []functionSummaryOut
	TotalCount int64
	requestIDField
}

type namespaceOut struct {
	ModTime     string
	AddTime     string
	Description string
	Name        string
	Type        string
}

type listNamespacesResponse struct {
	Namespaces []namespaceOut
	TotalCount int64
	requestIDField
}
