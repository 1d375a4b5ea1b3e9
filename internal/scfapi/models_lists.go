//nolint:staticcheck // SA5008: the tags use omitnil, an option of the SDK JSON encoder that encoding/json lacks.
package scfapi

import (
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
)

// The listing, namespace and tag actions; the function actions are in models.go.

// ListFunctionsRequest lists functions, one page at a time.
type ListFunctionsRequest struct {
	*tchttp.BaseRequest

	Order       *string   `json:"Order,omitnil,omitempty" name:"Order"`
	Orderby     *string   `json:"Orderby,omitnil,omitempty" name:"Orderby"`
	Offset      *int64    `json:"Offset,omitnil,omitempty" name:"Offset"`
	Limit       *int64    `json:"Limit,omitnil,omitempty" name:"Limit"`
	SearchKey   *string   `json:"SearchKey,omitnil,omitempty" name:"SearchKey"`
	Namespace   *string   `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	Description *string   `json:"Description,omitnil,omitempty" name:"Description"`
	Filters     []*Filter `json:"Filters,omitnil,omitempty" name:"Filters"`
}

// FunctionSummary is one row of ListFunctions.
type FunctionSummary struct {
	ModTime        string         `json:"ModTime"`
	AddTime        string         `json:"AddTime"`
	Runtime        string         `json:"Runtime"`
	FunctionName   string         `json:"FunctionName"`
	FunctionId     string         `json:"FunctionId"`
	Namespace      string         `json:"Namespace"`
	Status         string         `json:"Status"`
	StatusDesc     string         `json:"StatusDesc"`
	Description    string         `json:"Description"`
	Tags           []TagOut       `json:"Tags"`
	Type           string         `json:"Type"`
	StatusReasons  []StatusReason `json:"StatusReasons"`
	AsyncRunEnable string         `json:"AsyncRunEnable"`
	TraceEnable    string         `json:"TraceEnable"`
}

// FunctionList is the ListFunctions response.
type FunctionList struct {
	Functions  []FunctionSummary `json:"Functions"`
	TotalCount int64             `json:"TotalCount"`
	RequestId  string            `json:"RequestId"`
}

// CreateNamespaceRequest creates a namespace.
type CreateNamespaceRequest struct {
	*tchttp.BaseRequest

	Namespace   *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	Description *string `json:"Description,omitnil,omitempty" name:"Description"`
}

// UpdateNamespaceRequest changes a namespace's description.
type UpdateNamespaceRequest struct {
	*tchttp.BaseRequest

	Namespace   *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	Description *string `json:"Description,omitnil,omitempty" name:"Description"`
}

// DeleteNamespaceRequest deletes an empty namespace.
type DeleteNamespaceRequest struct {
	*tchttp.BaseRequest

	Namespace *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
}

// ListNamespacesRequest lists namespaces, one page at a time.
type ListNamespacesRequest struct {
	*tchttp.BaseRequest

	Limit     *int64       `json:"Limit,omitnil,omitempty" name:"Limit"`
	Offset    *int64       `json:"Offset,omitnil,omitempty" name:"Offset"`
	Orderby   *string      `json:"Orderby,omitnil,omitempty" name:"Orderby"`
	Order     *string      `json:"Order,omitnil,omitempty" name:"Order"`
	SearchKey []*SearchKey `json:"SearchKey,omitnil,omitempty" name:"SearchKey"`
}

// Namespace is one row of ListNamespaces.
type Namespace struct {
	ModTime     string `json:"ModTime"`
	AddTime     string `json:"AddTime"`
	Description string `json:"Description"`
	Name        string `json:"Name"`
	Type        string `json:"Type"`
}

// NamespaceList is the ListNamespaces response.
type NamespaceList struct {
	Namespaces []Namespace `json:"Namespaces"`
	TotalCount int64       `json:"TotalCount"`
	RequestId  string      `json:"RequestId"`
}

// ResourceTag is a tag in the Tag service's spelling.
type ResourceTag struct {
	TagKey   *string `json:"TagKey,omitnil,omitempty" name:"TagKey"`
	TagValue *string `json:"TagValue,omitnil,omitempty" name:"TagValue"`
}

// TagKeyObject names a tag to remove.
type TagKeyObject struct {
	TagKey *string `json:"TagKey,omitnil,omitempty" name:"TagKey"`
}

// ModifyResourceTagsRequest adds, changes and removes tags of one resource
// through the Tag service (service "tag", version 2018-08-13).
type ModifyResourceTagsRequest struct {
	*tchttp.BaseRequest

	Resource    *string         `json:"Resource,omitnil,omitempty" name:"Resource"`
	ReplaceTags []*ResourceTag  `json:"ReplaceTags,omitnil,omitempty" name:"ReplaceTags"`
	DeleteTags  []*TagKeyObject `json:"DeleteTags,omitnil,omitempty" name:"DeleteTags"`
}

// Empty is the response of actions that return only a RequestId.
type Empty struct {
	RequestId string `json:"RequestId"`
}
