//nolint:staticcheck // SA5008: the tags use omitnil, an option of the SDK JSON encoder that encoding/json lacks.
package scfapi

import (
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
)

// InvokeRequest runs a function (SDK model InvokeRequest). ClientContext is
// the event, as JSON.
type InvokeRequest struct {
	*tchttp.BaseRequest

	FunctionName   *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	InvocationType *string `json:"InvocationType,omitnil,omitempty" name:"InvocationType"`
	Qualifier      *string `json:"Qualifier,omitnil,omitempty" name:"Qualifier"`
	ClientContext  *string `json:"ClientContext,omitnil,omitempty" name:"ClientContext"`
	LogType        *string `json:"LogType,omitnil,omitempty" name:"LogType"`
	Namespace      *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
}

// InvocationResult is the SDK's Result. For an Event invocation only
// FunctionRequestId is set.
type InvocationResult struct {
	FunctionRequestId string  `json:"FunctionRequestId"`
	RetMsg            string  `json:"RetMsg"`
	ErrMsg            string  `json:"ErrMsg"`
	Log               string  `json:"Log"`
	Duration          float64 `json:"Duration"`
	BillDuration      int64   `json:"BillDuration"`
	MemUsage          int64   `json:"MemUsage"`
	InvokeResult      int64   `json:"InvokeResult"`
}

// invokeAnswer is the Invoke response.
type invokeAnswer struct {
	Result    *InvocationResult `json:"Result"`
	RequestId string            `json:"RequestId"`
}

func (r *invokeAnswer) requestID() string { return r.RequestId }
