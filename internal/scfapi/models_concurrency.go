//nolint:staticcheck // SA5008: the tags use omitnil, an option of the SDK JSON encoder that encoding/json lacks.
package scfapi

import (
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
)

// The reserved and provisioned concurrency actions.

// PutReservedConcurrencyConfigRequest sets a function's reserved quota (MB).
type PutReservedConcurrencyConfigRequest struct {
	*tchttp.BaseRequest

	FunctionName           *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	ReservedConcurrencyMem *uint64 `json:"ReservedConcurrencyMem,omitnil,omitempty" name:"ReservedConcurrencyMem"`
	Namespace              *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
}

// ReservedConcurrencyConfigRequest is the request of
// GetReservedConcurrencyConfig and DeleteReservedConcurrencyConfig.
type ReservedConcurrencyConfigRequest struct {
	*tchttp.BaseRequest

	FunctionName *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	Namespace    *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
}

// ReservedConcurrencyConfig is the GetReservedConcurrencyConfig response;
// ReservedMem is nil when the function has no reserved quota.
type ReservedConcurrencyConfig struct {
	ReservedMem *int64 `json:"ReservedMem"`
	RequestId   string `json:"RequestId"`
}

// PutProvisionedConcurrencyConfigRequest sets the static provisioned
// concurrency of one published version.
type PutProvisionedConcurrencyConfigRequest struct {
	*tchttp.BaseRequest

	FunctionName                     *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	Qualifier                        *string `json:"Qualifier,omitnil,omitempty" name:"Qualifier"`
	VersionProvisionedConcurrencyNum *uint64 `json:"VersionProvisionedConcurrencyNum,omitnil,omitempty" name:"VersionProvisionedConcurrencyNum"`
	Namespace                        *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
}

// ProvisionedConcurrencyConfigRequest is the request of
// GetProvisionedConcurrencyConfig and DeleteProvisionedConcurrencyConfig.
type ProvisionedConcurrencyConfigRequest struct {
	*tchttp.BaseRequest

	FunctionName *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	Namespace    *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	Qualifier    *string `json:"Qualifier,omitnil,omitempty" name:"Qualifier"`
}

// ProvisionedConcurrencyConfig is the GetProvisionedConcurrencyConfig response.
type ProvisionedConcurrencyConfig struct {
	UnallocatedConcurrencyNum int64                    `json:"UnallocatedConcurrencyNum"`
	Allocated                 []VersionProvisionedInfo `json:"Allocated"`
	RequestId                 string                   `json:"RequestId"`
}

// VersionProvisionedInfo is the provisioned concurrency of one version.
// Status is Done, InProgress or Failed.
type VersionProvisionedInfo struct {
	AllocatedProvisionedConcurrencyNum int64  `json:"AllocatedProvisionedConcurrencyNum"`
	AvailableProvisionedConcurrencyNum int64  `json:"AvailableProvisionedConcurrencyNum"`
	Status                             string `json:"Status"`
	StatusReason                       string `json:"StatusReason"`
	Qualifier                          string `json:"Qualifier"`
}

// Provisioning task statuses as the API spells them.
const (
	ProvisionDone       = "Done"
	ProvisionInProgress = "InProgress"
	ProvisionFailed     = "Failed"
)

func (r *ReservedConcurrencyConfig) requestID() string    { return r.RequestId }
func (r *ProvisionedConcurrencyConfig) requestID() string { return r.RequestId }
