//nolint:staticcheck // SA5008: the tags use omitnil, an option of the SDK JSON encoder that encoding/json lacks.
package scfapi

import (
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
)

// Request fields are pointers so that "not sent" and "sent empty" differ on
// the wire: UpdateFunctionConfiguration is a partial update, and the clearing
// sentinels for environment variables and layers are empty values that must
// be sent. The SDK's JSON encoder omits nil pointers and slices only.
//
// Response fields are plain values: the service may send null for several of
// them, and every caller treats null like the empty value.

// Code is the source of a function's code package.
type Code struct {
	CosBucketName     *string      `json:"CosBucketName,omitnil,omitempty" name:"CosBucketName"`
	CosObjectName     *string      `json:"CosObjectName,omitnil,omitempty" name:"CosObjectName"`
	ZipFile           *string      `json:"ZipFile,omitnil,omitempty" name:"ZipFile"`
	CosBucketRegion   *string      `json:"CosBucketRegion,omitnil,omitempty" name:"CosBucketRegion"`
	DemoId            *string      `json:"DemoId,omitnil,omitempty" name:"DemoId"`
	TempCosObjectName *string      `json:"TempCosObjectName,omitnil,omitempty" name:"TempCosObjectName"`
	GitUrl            *string      `json:"GitUrl,omitnil,omitempty" name:"GitUrl"`
	GitUserName       *string      `json:"GitUserName,omitnil,omitempty" name:"GitUserName"`
	GitPassword       *string      `json:"GitPassword,omitnil,omitempty" name:"GitPassword"`
	GitPasswordSecret *string      `json:"GitPasswordSecret,omitnil,omitempty" name:"GitPasswordSecret"`
	GitBranch         *string      `json:"GitBranch,omitnil,omitempty" name:"GitBranch"`
	GitDirectory      *string      `json:"GitDirectory,omitnil,omitempty" name:"GitDirectory"`
	GitCommitId       *string      `json:"GitCommitId,omitnil,omitempty" name:"GitCommitId"`
	GitUserNameSecret *string      `json:"GitUserNameSecret,omitnil,omitempty" name:"GitUserNameSecret"`
	ImageConfig       *ImageConfig `json:"ImageConfig,omitnil,omitempty" name:"ImageConfig"`
}

// ImageConfig describes a container image used as a function's code.
type ImageConfig struct {
	ImageType                *string `json:"ImageType,omitnil,omitempty" name:"ImageType"`
	ImageUri                 *string `json:"ImageUri,omitnil,omitempty" name:"ImageUri"`
	RegistryId               *string `json:"RegistryId,omitnil,omitempty" name:"RegistryId"`
	EntryPoint               *string `json:"EntryPoint,omitnil,omitempty" name:"EntryPoint"`
	Command                  *string `json:"Command,omitnil,omitempty" name:"Command"`
	Args                     *string `json:"Args,omitnil,omitempty" name:"Args"`
	ContainerImageAccelerate *bool   `json:"ContainerImageAccelerate,omitnil,omitempty" name:"ContainerImageAccelerate"`
	ImagePort                *int64  `json:"ImagePort,omitnil,omitempty" name:"ImagePort"`
}

// Environment holds a function's environment variables.
type Environment struct {
	Variables []*Variable `json:"Variables,omitnil,omitempty" name:"Variables"`
}

// Variable is one environment variable.
type Variable struct {
	Key   *string `json:"Key,omitnil,omitempty" name:"Key"`
	Value *string `json:"Value,omitnil,omitempty" name:"Value"`
}

// VpcConfig places a function in a VPC subnet.
type VpcConfig struct {
	VpcId    *string `json:"VpcId,omitnil,omitempty" name:"VpcId"`
	SubnetId *string `json:"SubnetId,omitnil,omitempty" name:"SubnetId"`
}

// LayerVersionSimple names one layer version bound to a function.
type LayerVersionSimple struct {
	LayerName    *string `json:"LayerName,omitnil,omitempty" name:"LayerName"`
	LayerVersion *int64  `json:"LayerVersion,omitnil,omitempty" name:"LayerVersion"`
}

// DeadLetterConfig names the queue or topic that receives failed async invocations.
type DeadLetterConfig struct {
	Type       *string `json:"Type,omitnil,omitempty" name:"Type"`
	Name       *string `json:"Name,omitnil,omitempty" name:"Name"`
	FilterType *string `json:"FilterType,omitnil,omitempty" name:"FilterType"`
}

// PublicNetConfigIn configures public network access.
type PublicNetConfigIn struct {
	PublicNetStatus *string      `json:"PublicNetStatus,omitnil,omitempty" name:"PublicNetStatus"`
	EipConfig       *EipConfigIn `json:"EipConfig,omitnil,omitempty" name:"EipConfig"`
}

// EipConfigIn configures a fixed elastic public IP.
type EipConfigIn struct {
	EipStatus *string `json:"EipStatus,omitnil,omitempty" name:"EipStatus"`
}

// CfsConfig mounts CFS file systems into a function.
type CfsConfig struct {
	CfsInsList []*CfsInsInfo `json:"CfsInsList,omitnil,omitempty" name:"CfsInsList"`
}

// CfsInsInfo is one CFS mount.
type CfsInsInfo struct {
	UserId         *string `json:"UserId,omitnil,omitempty" name:"UserId"`
	UserGroupId    *string `json:"UserGroupId,omitnil,omitempty" name:"UserGroupId"`
	CfsId          *string `json:"CfsId,omitnil,omitempty" name:"CfsId"`
	MountInsId     *string `json:"MountInsId,omitnil,omitempty" name:"MountInsId"`
	LocalMountDir  *string `json:"LocalMountDir,omitnil,omitempty" name:"LocalMountDir"`
	RemoteMountDir *string `json:"RemoteMountDir,omitnil,omitempty" name:"RemoteMountDir"`
	IpAddress      *string `json:"IpAddress,omitnil,omitempty" name:"IpAddress"`
	MountVpcId     *string `json:"MountVpcId,omitnil,omitempty" name:"MountVpcId"`
	MountSubnetId  *string `json:"MountSubnetId,omitnil,omitempty" name:"MountSubnetId"`
}

// Tag is a key-value pair attached to a function (SCF spelling).
type Tag struct {
	Key   *string `json:"Key,omitnil,omitempty" name:"Key"`
	Value *string `json:"Value,omitnil,omitempty" name:"Value"`
}

// ProtocolParams holds protocol settings of HTTP functions.
type ProtocolParams struct {
	WSParams *WSParams `json:"WSParams,omitnil,omitempty" name:"WSParams"`
}

// WSParams holds WebSocket settings.
type WSParams struct {
	IdleTimeOut *uint64 `json:"IdleTimeOut,omitnil,omitempty" name:"IdleTimeOut"`
}

// InstanceConcurrencyConfig configures per-instance concurrency of web functions.
type InstanceConcurrencyConfig struct {
	DynamicEnabled           *string          `json:"DynamicEnabled,omitnil,omitempty" name:"DynamicEnabled"`
	MaxConcurrency           *uint64          `json:"MaxConcurrency,omitnil,omitempty" name:"MaxConcurrency"`
	InstanceIsolationEnabled *string          `json:"InstanceIsolationEnabled,omitnil,omitempty" name:"InstanceIsolationEnabled"`
	Type                     *string          `json:"Type,omitnil,omitempty" name:"Type"`
	MixNodeConfig            []*MixNodeConfig `json:"MixNodeConfig,omitnil,omitempty" name:"MixNodeConfig"`
	SessionConfig            *SessionConfig   `json:"SessionConfig,omitnil,omitempty" name:"SessionConfig"`
}

// MixNodeConfig sets the concurrency of one GPU node type.
type MixNodeConfig struct {
	NodeSpec *string `json:"NodeSpec,omitnil,omitempty" name:"NodeSpec"`
	Num      *uint64 `json:"Num,omitnil,omitempty" name:"Num"`
}

// SessionConfig configures session-based concurrency.
type SessionConfig struct {
	SessionSource                        *string `json:"SessionSource,omitnil,omitempty" name:"SessionSource"`
	SessionName                          *string `json:"SessionName,omitnil,omitempty" name:"SessionName"`
	MaximumConcurrencySessionPerInstance *uint64 `json:"MaximumConcurrencySessionPerInstance,omitnil,omitempty" name:"MaximumConcurrencySessionPerInstance"`
	MaximumTTLInSeconds                  *uint64 `json:"MaximumTTLInSeconds,omitnil,omitempty" name:"MaximumTTLInSeconds"`
	MaximumIdleTimeInSeconds             *uint64 `json:"MaximumIdleTimeInSeconds,omitnil,omitempty" name:"MaximumIdleTimeInSeconds"`
	SessionPath                          *string `json:"SessionPath,omitnil,omitempty" name:"SessionPath"`
	IdleTimeoutStrategy                  *string `json:"IdleTimeoutStrategy,omitnil,omitempty" name:"IdleTimeoutStrategy"`
}

// IntranetConfigIn configures a fixed intranet IP.
type IntranetConfigIn struct {
	IpFixed *string `json:"IpFixed,omitnil,omitempty" name:"IpFixed"`
}

// Filter narrows ListFunctions results.
type Filter struct {
	Name   *string   `json:"Name,omitnil,omitempty" name:"Name"`
	Values []*string `json:"Values,omitnil,omitempty" name:"Values"`
}

// SearchKey narrows ListNamespaces results.
type SearchKey struct {
	Key   *string `json:"Key,omitnil,omitempty" name:"Key"`
	Value *string `json:"Value,omitnil,omitempty" name:"Value"`
}

// CreateFunctionRequest holds every parameter of the CreateFunction action.
type CreateFunctionRequest struct {
	*tchttp.BaseRequest

	FunctionName              *string                    `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	Code                      *Code                      `json:"Code,omitnil,omitempty" name:"Code"`
	Handler                   *string                    `json:"Handler,omitnil,omitempty" name:"Handler"`
	Description               *string                    `json:"Description,omitnil,omitempty" name:"Description"`
	MemorySize                *int64                     `json:"MemorySize,omitnil,omitempty" name:"MemorySize"`
	Timeout                   *int64                     `json:"Timeout,omitnil,omitempty" name:"Timeout"`
	Environment               *Environment               `json:"Environment,omitnil,omitempty" name:"Environment"`
	Runtime                   *string                    `json:"Runtime,omitnil,omitempty" name:"Runtime"`
	VpcConfig                 *VpcConfig                 `json:"VpcConfig,omitnil,omitempty" name:"VpcConfig"`
	Namespace                 *string                    `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	Role                      *string                    `json:"Role,omitnil,omitempty" name:"Role"`
	InstallDependency         *string                    `json:"InstallDependency,omitnil,omitempty" name:"InstallDependency"`
	ClsLogsetId               *string                    `json:"ClsLogsetId,omitnil,omitempty" name:"ClsLogsetId"`
	ClsTopicId                *string                    `json:"ClsTopicId,omitnil,omitempty" name:"ClsTopicId"`
	Type                      *string                    `json:"Type,omitnil,omitempty" name:"Type"`
	CodeSource                *string                    `json:"CodeSource,omitnil,omitempty" name:"CodeSource"`
	Layers                    []*LayerVersionSimple      `json:"Layers,omitnil,omitempty" name:"Layers"`
	DeadLetterConfig          *DeadLetterConfig          `json:"DeadLetterConfig,omitnil,omitempty" name:"DeadLetterConfig"`
	PublicNetConfig           *PublicNetConfigIn         `json:"PublicNetConfig,omitnil,omitempty" name:"PublicNetConfig"`
	CfsConfig                 *CfsConfig                 `json:"CfsConfig,omitnil,omitempty" name:"CfsConfig"`
	InitTimeout               *int64                     `json:"InitTimeout,omitnil,omitempty" name:"InitTimeout"`
	Tags                      []*Tag                     `json:"Tags,omitnil,omitempty" name:"Tags"`
	AsyncRunEnable            *string                    `json:"AsyncRunEnable,omitnil,omitempty" name:"AsyncRunEnable"`
	TraceEnable               *string                    `json:"TraceEnable,omitnil,omitempty" name:"TraceEnable"`
	AutoDeployClsTopicIndex   *string                    `json:"AutoDeployClsTopicIndex,omitnil,omitempty" name:"AutoDeployClsTopicIndex"`
	AutoCreateClsTopic        *string                    `json:"AutoCreateClsTopic,omitnil,omitempty" name:"AutoCreateClsTopic"`
	ProtocolType              *string                    `json:"ProtocolType,omitnil,omitempty" name:"ProtocolType"`
	ProtocolParams            *ProtocolParams            `json:"ProtocolParams,omitnil,omitempty" name:"ProtocolParams"`
	InstanceConcurrencyConfig *InstanceConcurrencyConfig `json:"InstanceConcurrencyConfig,omitnil,omitempty" name:"InstanceConcurrencyConfig"`
	DnsCache                  *string                    `json:"DnsCache,omitnil,omitempty" name:"DnsCache"`
	IntranetConfig            *IntranetConfigIn          `json:"IntranetConfig,omitnil,omitempty" name:"IntranetConfig"`
}

// GetFunctionRequest asks for one function's details.
type GetFunctionRequest struct {
	*tchttp.BaseRequest

	FunctionName *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	Qualifier    *string `json:"Qualifier,omitnil,omitempty" name:"Qualifier"`
	Namespace    *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	ShowCode     *string `json:"ShowCode,omitnil,omitempty" name:"ShowCode"`
}

// Function is the GetFunction response: the full description of a function.
type Function struct {
	ModTime                   string                  `json:"ModTime"`
	AddTime                   string                  `json:"AddTime"`
	CodeInfo                  string                  `json:"CodeInfo"`
	Description               string                  `json:"Description"`
	Handler                   string                  `json:"Handler"`
	CodeSize                  int64                   `json:"CodeSize"`
	Timeout                   int64                   `json:"Timeout"`
	FunctionVersion           string                  `json:"FunctionVersion"`
	MemorySize                int64                   `json:"MemorySize"`
	Runtime                   string                  `json:"Runtime"`
	FunctionName              string                  `json:"FunctionName"`
	FunctionId                string                  `json:"FunctionId"`
	Namespace                 string                  `json:"Namespace"`
	VpcConfig                 VpcConfigOut            `json:"VpcConfig"`
	UseGpu                    string                  `json:"UseGpu"`
	Environment               EnvironmentOut          `json:"Environment"`
	CodeResult                string                  `json:"CodeResult"`
	CodeError                 string                  `json:"CodeError"`
	ErrNo                     int64                   `json:"ErrNo"`
	Role                      string                  `json:"Role"`
	InstallDependency         string                  `json:"InstallDependency"`
	Status                    string                  `json:"Status"`
	StatusDesc                string                  `json:"StatusDesc"`
	ClsLogsetId               string                  `json:"ClsLogsetId"`
	ClsTopicId                string                  `json:"ClsTopicId"`
	L5Enable                  string                  `json:"L5Enable"`
	Layers                    []LayerVersionInfo      `json:"Layers"`
	DeadLetterConfig          DeadLetterConfigOut     `json:"DeadLetterConfig"`
	EipConfig                 EipOutConfig            `json:"EipConfig"`
	AccessInfo                AccessInfo              `json:"AccessInfo"`
	Type                      string                  `json:"Type"`
	PublicNetConfig           *PublicNetConfigOut     `json:"PublicNetConfig"`
	OnsEnable                 string                  `json:"OnsEnable"`
	CfsConfig                 CfsConfigOut            `json:"CfsConfig"`
	AvailableStatus           string                  `json:"AvailableStatus"`
	Qualifier                 string                  `json:"Qualifier"`
	InitTimeout               int64                   `json:"InitTimeout"`
	StatusReasons             []StatusReason          `json:"StatusReasons"`
	AsyncRunEnable            string                  `json:"AsyncRunEnable"`
	TraceEnable               string                  `json:"TraceEnable"`
	DnsCache                  string                  `json:"DnsCache"`
	ProtocolType              string                  `json:"ProtocolType"`
	Tags                      []TagOut                `json:"Tags"`
	IntranetConfig            *IntranetConfigOut      `json:"IntranetConfig"`
	ProtocolParams            *ProtocolParamsOut      `json:"ProtocolParams"`
	InstanceConcurrencyConfig *InstanceConcurrencyOut `json:"InstanceConcurrencyConfig"`
	Triggers                  []Trigger               `json:"Triggers"`
	ImageConfig               *ImageConfig            `json:"ImageConfig"`
	RequestId                 string                  `json:"RequestId"`
}

// VpcConfigOut is VpcConfig as GetFunction returns it.
type VpcConfigOut struct {
	VpcId    string `json:"VpcId"`
	SubnetId string `json:"SubnetId"`
}

// EnvironmentOut is Environment as GetFunction returns it.
type EnvironmentOut struct {
	Variables []VariableOut `json:"Variables"`
}

// VariableOut is one environment variable as GetFunction returns it.
type VariableOut struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// LayerVersionInfo describes a bound layer version.
type LayerVersionInfo struct {
	CompatibleRuntimes []string `json:"CompatibleRuntimes"`
	AddTime            string   `json:"AddTime"`
	Description        string   `json:"Description"`
	LicenseInfo        string   `json:"LicenseInfo"`
	LayerVersion       int64    `json:"LayerVersion"`
	LayerName          string   `json:"LayerName"`
	Status             string   `json:"Status"`
	Stamp              string   `json:"Stamp"`
}

// DeadLetterConfigOut is DeadLetterConfig as GetFunction returns it.
type DeadLetterConfigOut struct {
	Type       string `json:"Type"`
	Name       string `json:"Name"`
	FilterType string `json:"FilterType"`
}

// EipOutConfig reports the function's fixed elastic IPs.
type EipOutConfig struct {
	EipFixed string   `json:"EipFixed"`
	Eips     []string `json:"Eips"`
}

// AccessInfo reports the function's access domain and VIP.
type AccessInfo struct {
	Host string `json:"Host"`
	Vip  string `json:"Vip"`
}

// PublicNetConfigOut is PublicNetConfig as GetFunction returns it.
type PublicNetConfigOut struct {
	PublicNetStatus string       `json:"PublicNetStatus"`
	EipConfig       EipConfigOut `json:"EipConfig"`
}

// EipConfigOut is the EIP part of PublicNetConfigOut.
type EipConfigOut struct {
	EipStatus  string   `json:"EipStatus"`
	EipAddress []string `json:"EipAddress"`
}

// CfsConfigOut is CfsConfig as GetFunction returns it.
type CfsConfigOut struct {
	CfsInsList []CfsInsInfoOut `json:"CfsInsList"`
}

// CfsInsInfoOut is one CFS mount as GetFunction returns it.
type CfsInsInfoOut struct {
	UserId         string `json:"UserId"`
	UserGroupId    string `json:"UserGroupId"`
	CfsId          string `json:"CfsId"`
	MountInsId     string `json:"MountInsId"`
	LocalMountDir  string `json:"LocalMountDir"`
	RemoteMountDir string `json:"RemoteMountDir"`
	IpAddress      string `json:"IpAddress"`
	MountVpcId     string `json:"MountVpcId"`
	MountSubnetId  string `json:"MountSubnetId"`
}

// StatusReason explains a failed status.
type StatusReason struct {
	ErrorCode    string `json:"ErrorCode"`
	ErrorMessage string `json:"ErrorMessage"`
}

// TagOut is a tag as SCF returns it.
type TagOut struct {
	Key   string `json:"Key"`
	Value string `json:"Value"`
}

// IntranetConfigOut reports the fixed intranet IP settings.
type IntranetConfigOut struct {
	IpFixed   string   `json:"IpFixed"`
	IpAddress []string `json:"IpAddress"`
}

// ProtocolParamsOut is ProtocolParams as GetFunction returns it.
type ProtocolParamsOut struct {
	WSParams *struct {
		IdleTimeOut uint64 `json:"IdleTimeOut"`
	} `json:"WSParams"`
}

// InstanceConcurrencyOut is InstanceConcurrencyConfig as GetFunction returns it.
type InstanceConcurrencyOut struct {
	DynamicEnabled           string            `json:"DynamicEnabled"`
	MaxConcurrency           uint64            `json:"MaxConcurrency"`
	InstanceIsolationEnabled string            `json:"InstanceIsolationEnabled"`
	Type                     string            `json:"Type"`
	SessionConfig            *SessionConfigOut `json:"SessionConfig"`
}

// SessionConfigOut is SessionConfig as GetFunction returns it.
type SessionConfigOut struct {
	SessionSource                        string `json:"SessionSource"`
	SessionName                          string `json:"SessionName"`
	MaximumConcurrencySessionPerInstance uint64 `json:"MaximumConcurrencySessionPerInstance"`
	MaximumTTLInSeconds                  uint64 `json:"MaximumTTLInSeconds"`
	MaximumIdleTimeInSeconds             uint64 `json:"MaximumIdleTimeInSeconds"`
	SessionPath                          string `json:"SessionPath"`
	IdleTimeoutStrategy                  string `json:"IdleTimeoutStrategy"`
}

// Trigger is a trigger bound to the function (read only here).
type Trigger struct {
	ModTime        string `json:"ModTime"`
	Type           string `json:"Type"`
	TriggerDesc    string `json:"TriggerDesc"`
	TriggerName    string `json:"TriggerName"`
	AddTime        string `json:"AddTime"`
	Enable         int64  `json:"Enable"`
	CustomArgument string `json:"CustomArgument"`
	Qualifier      string `json:"Qualifier"`
	Description    string `json:"Description"`
}

// GetFunctionAddressRequest asks for the download address and digest of a function's code.
type GetFunctionAddressRequest struct {
	*tchttp.BaseRequest

	FunctionName *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	Qualifier    *string `json:"Qualifier,omitnil,omitempty" name:"Qualifier"`
	Namespace    *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
}

// FunctionAddress is the GetFunctionAddress response.
type FunctionAddress struct {
	Url        string `json:"Url"`
	CodeSha256 string `json:"CodeSha256"`
	RequestId  string `json:"RequestId"`
}

// UpdateFunctionCodeRequest replaces a function's code and handler.
type UpdateFunctionCodeRequest struct {
	*tchttp.BaseRequest

	FunctionName      *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	Handler           *string `json:"Handler,omitnil,omitempty" name:"Handler"`
	CosBucketName     *string `json:"CosBucketName,omitnil,omitempty" name:"CosBucketName"`
	CosObjectName     *string `json:"CosObjectName,omitnil,omitempty" name:"CosObjectName"`
	ZipFile           *string `json:"ZipFile,omitnil,omitempty" name:"ZipFile"`
	Namespace         *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	CosBucketRegion   *string `json:"CosBucketRegion,omitnil,omitempty" name:"CosBucketRegion"`
	InstallDependency *string `json:"InstallDependency,omitnil,omitempty" name:"InstallDependency"`
	EnvId             *string `json:"EnvId,omitnil,omitempty" name:"EnvId"`
	Publish           *string `json:"Publish,omitnil,omitempty" name:"Publish"`
	Code              *Code   `json:"Code,omitnil,omitempty" name:"Code"`
	CodeSource        *string `json:"CodeSource,omitnil,omitempty" name:"CodeSource"`
}

// UpdateFunctionConfigurationRequest changes a function's configuration.
// Omitted fields are left as they are.
type UpdateFunctionConfigurationRequest struct {
	*tchttp.BaseRequest

	FunctionName              *string                    `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	Description               *string                    `json:"Description,omitnil,omitempty" name:"Description"`
	MemorySize                *int64                     `json:"MemorySize,omitnil,omitempty" name:"MemorySize"`
	Timeout                   *int64                     `json:"Timeout,omitnil,omitempty" name:"Timeout"`
	Runtime                   *string                    `json:"Runtime,omitnil,omitempty" name:"Runtime"`
	Environment               *Environment               `json:"Environment,omitnil,omitempty" name:"Environment"`
	Namespace                 *string                    `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	VpcConfig                 *VpcConfig                 `json:"VpcConfig,omitnil,omitempty" name:"VpcConfig"`
	Role                      *string                    `json:"Role,omitnil,omitempty" name:"Role"`
	InstallDependency         *string                    `json:"InstallDependency,omitnil,omitempty" name:"InstallDependency"`
	ClsLogsetId               *string                    `json:"ClsLogsetId,omitnil,omitempty" name:"ClsLogsetId"`
	ClsTopicId                *string                    `json:"ClsTopicId,omitnil,omitempty" name:"ClsTopicId"`
	Publish                   *string                    `json:"Publish,omitnil,omitempty" name:"Publish"`
	L5Enable                  *string                    `json:"L5Enable,omitnil,omitempty" name:"L5Enable"`
	Layers                    []*LayerVersionSimple      `json:"Layers,omitnil,omitempty" name:"Layers"`
	DeadLetterConfig          *DeadLetterConfig          `json:"DeadLetterConfig,omitnil,omitempty" name:"DeadLetterConfig"`
	PublicNetConfig           *PublicNetConfigIn         `json:"PublicNetConfig,omitnil,omitempty" name:"PublicNetConfig"`
	CfsConfig                 *CfsConfig                 `json:"CfsConfig,omitnil,omitempty" name:"CfsConfig"`
	InitTimeout               *int64                     `json:"InitTimeout,omitnil,omitempty" name:"InitTimeout"`
	ProtocolParams            *ProtocolParams            `json:"ProtocolParams,omitnil,omitempty" name:"ProtocolParams"`
	InstanceConcurrencyConfig *InstanceConcurrencyConfig `json:"InstanceConcurrencyConfig,omitnil,omitempty" name:"InstanceConcurrencyConfig"`
	DnsCache                  *string                    `json:"DnsCache,omitnil,omitempty" name:"DnsCache"`
	IntranetConfig            *IntranetConfigIn          `json:"IntranetConfig,omitnil,omitempty" name:"IntranetConfig"`
	IgnoreSysLog              *bool                      `json:"IgnoreSysLog,omitnil,omitempty" name:"IgnoreSysLog"`
}

// DeleteFunctionRequest deletes a function.
type DeleteFunctionRequest struct {
	*tchttp.BaseRequest

	FunctionName *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	Namespace    *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	Qualifier    *string `json:"Qualifier,omitnil,omitempty" name:"Qualifier"`
}
