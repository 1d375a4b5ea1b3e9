//nolint:staticcheck // SA5008: the tags use omitnil, an option of the SDK JSON encoder that encoding/json lacks.
package scfapi

import tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"

// CreateTriggerRequest binds a trigger to a function.
type CreateTriggerRequest struct {
	*tchttp.BaseRequest

	FunctionName   *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	TriggerName    *string `json:"TriggerName,omitnil,omitempty" name:"TriggerName"`
	Type           *string `json:"Type,omitnil,omitempty" name:"Type"`
	TriggerDesc    *string `json:"TriggerDesc,omitnil,omitempty" name:"TriggerDesc"`
	Namespace      *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	Qualifier      *string `json:"Qualifier,omitnil,omitempty" name:"Qualifier"`
	Enable         *string `json:"Enable,omitnil,omitempty" name:"Enable"`
	CustomArgument *string `json:"CustomArgument,omitnil,omitempty" name:"CustomArgument"`
	Description    *string `json:"Description,omitnil,omitempty" name:"Description"`
}

// UpdateTriggerRequest changes a timer, ckafka or http trigger.
type UpdateTriggerRequest struct {
	*tchttp.BaseRequest

	FunctionName   *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	TriggerName    *string `json:"TriggerName,omitnil,omitempty" name:"TriggerName"`
	Type           *string `json:"Type,omitnil,omitempty" name:"Type"`
	Enable         *string `json:"Enable,omitnil,omitempty" name:"Enable"`
	Qualifier      *string `json:"Qualifier,omitnil,omitempty" name:"Qualifier"`
	Namespace      *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	TriggerDesc    *string `json:"TriggerDesc,omitnil,omitempty" name:"TriggerDesc"`
	Description    *string `json:"Description,omitnil,omitempty" name:"Description"`
	CustomArgument *string `json:"CustomArgument,omitnil,omitempty" name:"CustomArgument"`
}

// UpdateTriggerStatusRequest turns a timer, cos or ckafka trigger on or off.
type UpdateTriggerStatusRequest struct {
	*tchttp.BaseRequest

	Enable       *string `json:"Enable,omitnil,omitempty" name:"Enable"`
	FunctionName *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	TriggerName  *string `json:"TriggerName,omitnil,omitempty" name:"TriggerName"`
	Type         *string `json:"Type,omitnil,omitempty" name:"Type"`
	Qualifier    *string `json:"Qualifier,omitnil,omitempty" name:"Qualifier"`
	Namespace    *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	TriggerDesc  *string `json:"TriggerDesc,omitnil,omitempty" name:"TriggerDesc"`
}

// DeleteTriggerRequest unbinds a trigger.
type DeleteTriggerRequest struct {
	*tchttp.BaseRequest

	FunctionName *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	TriggerName  *string `json:"TriggerName,omitnil,omitempty" name:"TriggerName"`
	Type         *string `json:"Type,omitnil,omitempty" name:"Type"`
	Namespace    *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	TriggerDesc  *string `json:"TriggerDesc,omitnil,omitempty" name:"TriggerDesc"`
	Qualifier    *string `json:"Qualifier,omitnil,omitempty" name:"Qualifier"`
}

// ListTriggersRequest lists a function's triggers, one page at a time.
type ListTriggersRequest struct {
	*tchttp.BaseRequest

	FunctionName *string   `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	Namespace    *string   `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	Offset       *int64    `json:"Offset,omitnil,omitempty" name:"Offset"`
	Limit        *int64    `json:"Limit,omitnil,omitempty" name:"Limit"`
	OrderBy      *string   `json:"OrderBy,omitnil,omitempty" name:"OrderBy"`
	Order        *string   `json:"Order,omitnil,omitempty" name:"Order"`
	Filters      []*Filter `json:"Filters,omitnil,omitempty" name:"Filters"`
}

// TriggerList is the ListTriggers response.
type TriggerList struct {
	TotalCount int64     `json:"TotalCount"`
	Triggers   []Trigger `json:"Triggers"`
	RequestId  string    `json:"RequestId"`
}

func (r *TriggerList) requestID() string { return r.RequestId }
