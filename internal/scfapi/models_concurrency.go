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
// concurrency of one published version and its scheduled actions.
type PutProvisionedConcurrencyConfigRequest struct {
	*tchttp.BaseRequest

	FunctionName                     *string         `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	Qualifier                        *string         `json:"Qualifier,omitnil,omitempty" name:"Qualifier"`
	VersionProvisionedConcurrencyNum *uint64         `json:"VersionProvisionedConcurrencyNum,omitnil,omitempty" name:"VersionProvisionedConcurrencyNum"`
	Namespace                        *string         `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	TriggerActions                   []TriggerAction `json:"TriggerActions,omitnil,omitempty" name:"TriggerActions"`
}

// TriggerAction is one scheduled action of a version's provisioned
// concurrency: at each time TriggerCronConfig (the seven-field cron form
// of timer triggers) names, the version's provisioned instances become
// TriggerProvisionedConcurrencyNum (0 stops provisioning). ProvisionedType
// is Default, the one type documented for it; the service may return it
// empty.
type TriggerAction struct {
	TriggerName                      string `json:"TriggerName" name:"TriggerName"`
	TriggerProvisionedConcurrencyNum int64  `json:"TriggerProvisionedConcurrencyNum" name:"TriggerProvisionedConcurrencyNum"`
	TriggerCronConfig                string `json:"TriggerCronConfig" name:"TriggerCronConfig"`
	ProvisionedType                  string `json:"ProvisionedType,omitempty" name:"ProvisionedType"`
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
	AllocatedProvisionedConcurrencyNum int64           `json:"AllocatedProvisionedConcurrencyNum"`
	AvailableProvisionedConcurrencyNum int64           `json:"AvailableProvisionedConcurrencyNum"`
	Status                             string          `json:"Status"`
	StatusReason                       string          `json:"StatusReason"`
	Qualifier                          string          `json:"Qualifier"`
	TriggerActions                     []TriggerAction `json:"TriggerActions"`
}

// Provisioning task statuses as the API spells them.
const (
	ProvisionDone       = "Done"
	ProvisionInProgress = "InProgress"
	ProvisionFailed     = "Failed"
)

func (r *ReservedConcurrencyConfig) requestID() string    { return r.RequestId }
func (r *ProvisionedConcurrencyConfig) requestID() string { return r.RequestId }
