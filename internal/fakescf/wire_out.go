package fakescf

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
	Tags               []tagOut
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

// instanceConcurrencyOut has MixNodeConfig [] when none was set and
// SessionConfig null unless the function is session-based.
type instanceConcurrencyOut struct {
	DynamicEnabled           string
	MaxConcurrency           int64
	InstanceIsolationEnabled string
	Type                     string
	MixNodeConfig            []mixNodeOut
	SessionConfig            *sessionConfigOut
}

type mixNodeOut struct {
	NodeSpec string
	Num      int64
}

type sessionConfigOut struct {
	SessionSource                        string
	SessionName                          string
	MaximumConcurrencySessionPerInstance int64
	MaximumTTLInSeconds                  int64
	MaximumIdleTimeInSeconds             int64
	SessionPath                          string
	IdleTimeoutStrategy                  string
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

type publishLayerVersionResponse struct {
	LayerVersion int64
	requestIDField
}

type getLayerVersionResponse struct {
	CompatibleRuntimes []string
	CodeSha256         string
	Location           string
	AddTime            string
	Description        string
	LicenseInfo        string
	LayerVersion       int64
	LayerName          string
	Status             string
	requestIDField
}

type listLayersResponse struct {
	Layers     []layerVersionOut
	TotalCount int64
	requestIDField
}

type listLayerVersionsResponse struct {
	LayerVersions []layerVersionOut
	requestIDField
}
