//nolint:staticcheck // SA5008: the tags use omitnil, an option of the SDK JSON encoder that encoding/json lacks.
package scfapi

import (
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
)

// The function version and alias actions.

// PublishVersionRequest publishes $LATEST as a new version.
type PublishVersionRequest struct {
	*tchttp.BaseRequest

	FunctionName *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	Description  *string `json:"Description,omitnil,omitempty" name:"Description"`
	Namespace    *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
}

// VersionPublished is the PublishVersion response.
type VersionPublished struct {
	FunctionVersion string `json:"FunctionVersion"`
	CodeSize        int64  `json:"CodeSize"`
	MemorySize      int64  `json:"MemorySize"`
	Description     string `json:"Description"`
	Handler         string `json:"Handler"`
	Timeout         int64  `json:"Timeout"`
	Runtime         string `json:"Runtime"`
	Namespace       string `json:"Namespace"`
	RequestId       string `json:"RequestId"`
}

// ListVersionByFunctionRequest lists the versions of a function.
type ListVersionByFunctionRequest struct {
	*tchttp.BaseRequest

	FunctionName *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	Namespace    *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	Offset       *uint64 `json:"Offset,omitnil,omitempty" name:"Offset"`
	Limit        *uint64 `json:"Limit,omitnil,omitempty" name:"Limit"`
	Order        *string `json:"Order,omitnil,omitempty" name:"Order"`
	OrderBy      *string `json:"OrderBy,omitnil,omitempty" name:"OrderBy"`
}

// FunctionVersionInfo is one entry of ListVersionByFunction.
type FunctionVersionInfo struct {
	Version     string `json:"Version"`
	Description string `json:"Description"`
	AddTime     string `json:"AddTime"`
	ModTime     string `json:"ModTime"`
	Status      string `json:"Status"`
}

// FunctionVersionList is the ListVersionByFunction response.
type FunctionVersionList struct {
	FunctionVersion []string              `json:"FunctionVersion"`
	Versions        []FunctionVersionInfo `json:"Versions"`
	TotalCount      uint64                `json:"TotalCount"`
	RequestId       string                `json:"RequestId"`
}

// VersionWeight routes a fraction (0 to 1) of an alias's traffic to a version.
type VersionWeight struct {
	Version *string  `json:"Version,omitnil,omitempty" name:"Version"`
	Weight  *float64 `json:"Weight,omitnil,omitempty" name:"Weight"`
}

// VersionMatch routes the invocations matching a rule to a version.
type VersionMatch struct {
	Version    *string `json:"Version,omitnil,omitempty" name:"Version"`
	Key        *string `json:"Key,omitnil,omitempty" name:"Key"`
	Method     *string `json:"Method,omitnil,omitempty" name:"Method"`
	Expression *string `json:"Expression,omitnil,omitempty" name:"Expression"`
}

// RoutingConfig is an alias's routing to additional versions. The
// AddtionVersionMatchs spelling is the API's.
type RoutingConfig struct {
	AdditionalVersionWeights []*VersionWeight `json:"AdditionalVersionWeights,omitnil,omitempty" name:"AdditionalVersionWeights"`
	AddtionVersionMatchs     []*VersionMatch  `json:"AddtionVersionMatchs,omitnil,omitempty" name:"AddtionVersionMatchs"`
}

// AliasRequest is CreateAlias and UpdateAlias.
type AliasRequest struct {
	*tchttp.BaseRequest

	Name            *string        `json:"Name,omitnil,omitempty" name:"Name"`
	FunctionName    *string        `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	FunctionVersion *string        `json:"FunctionVersion,omitnil,omitempty" name:"FunctionVersion"`
	Namespace       *string        `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	RoutingConfig   *RoutingConfig `json:"RoutingConfig,omitnil,omitempty" name:"RoutingConfig"`
	Description     *string        `json:"Description,omitnil,omitempty" name:"Description"`
}

// AliasKeyRequest is GetAlias and DeleteAlias.
type AliasKeyRequest struct {
	*tchttp.BaseRequest

	FunctionName *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	Name         *string `json:"Name,omitnil,omitempty" name:"Name"`
	Namespace    *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
}

// Alias is the GetAlias response.
type Alias struct {
	FunctionVersion string         `json:"FunctionVersion"`
	Name            string         `json:"Name"`
	RoutingConfig   *RoutingConfig `json:"RoutingConfig"`
	Description     string         `json:"Description"`
	AddTime         string         `json:"AddTime"`
	ModTime         string         `json:"ModTime"`
	RequestId       string         `json:"RequestId"`
}

// ListAliasesRequest lists a function's aliases a page at a time; the API
// takes Offset and Limit as strings.
type ListAliasesRequest struct {
	*tchttp.BaseRequest

	FunctionName *string `json:"FunctionName,omitnil,omitempty" name:"FunctionName"`
	Namespace    *string `json:"Namespace,omitnil,omitempty" name:"Namespace"`
	Offset       *string `json:"Offset,omitnil,omitempty" name:"Offset"`
	Limit        *string `json:"Limit,omitnil,omitempty" name:"Limit"`
}

// AliasList is the ListAliases response.
type AliasList struct {
	Aliases    []Alias `json:"Aliases"`
	TotalCount uint64  `json:"TotalCount"`
	RequestId  string  `json:"RequestId"`
}

func (r *AliasList) requestID() string { return r.RequestId }

func (r *VersionPublished) requestID() string    { return r.RequestId }
func (r *FunctionVersionList) requestID() string { return r.RequestId }
func (r *Alias) requestID() string               { return r.RequestId }
