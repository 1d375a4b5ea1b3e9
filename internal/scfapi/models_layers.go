//nolint:staticcheck // SA5008: the tags use omitnil, an option of the SDK JSON encoder that encoding/json lacks.
package scfapi

import (
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
)

// The layer version actions.

// PublishLayerVersionRequest publishes a new version of a layer, creating
// the layer with its first version. Content takes ZipFile, COS or
// TempCosObjectName.
type PublishLayerVersionRequest struct {
	*tchttp.BaseRequest

	LayerName          *string   `json:"LayerName,omitnil,omitempty" name:"LayerName"`
	CompatibleRuntimes []*string `json:"CompatibleRuntimes,omitnil,omitempty" name:"CompatibleRuntimes"`
	Content            *Code     `json:"Content,omitnil,omitempty" name:"Content"`
	Description        *string   `json:"Description,omitnil,omitempty" name:"Description"`
	LicenseInfo        *string   `json:"LicenseInfo,omitnil,omitempty" name:"LicenseInfo"`
	Tags               []*Tag    `json:"Tags,omitnil,omitempty" name:"Tags"`
}

// LayerVersionPublished is the PublishLayerVersion response.
type LayerVersionPublished struct {
	LayerVersion int64  `json:"LayerVersion"`
	RequestId    string `json:"RequestId"`
}

// GetLayerVersionRequest asks for one layer version; DeleteLayerVersion
// takes the same parameters.
type GetLayerVersionRequest struct {
	*tchttp.BaseRequest

	LayerName    *string `json:"LayerName,omitnil,omitempty" name:"LayerName"`
	LayerVersion *int64  `json:"LayerVersion,omitnil,omitempty" name:"LayerVersion"`
}

// DeleteLayerVersionRequest deletes one layer version.
type DeleteLayerVersionRequest struct {
	*tchttp.BaseRequest

	LayerName    *string `json:"LayerName,omitnil,omitempty" name:"LayerName"`
	LayerVersion *int64  `json:"LayerVersion,omitnil,omitempty" name:"LayerVersion"`
}

// LayerVersion is the GetLayerVersion response.
type LayerVersion struct {
	CompatibleRuntimes []string `json:"CompatibleRuntimes"`
	CodeSha256         string   `json:"CodeSha256"`
	Location           string   `json:"Location"`
	AddTime            string   `json:"AddTime"`
	Description        string   `json:"Description"`
	LicenseInfo        string   `json:"LicenseInfo"`
	LayerVersion       int64    `json:"LayerVersion"`
	LayerName          string   `json:"LayerName"`
	Status             string   `json:"Status"`
	RequestId          string   `json:"RequestId"`
}

// ListLayerVersionsRequest lists every version of one layer; the action has
// no paging. CompatibleRuntime keeps the versions compatible with any of
// the runtimes given.
type ListLayerVersionsRequest struct {
	*tchttp.BaseRequest

	LayerName         *string   `json:"LayerName,omitnil,omitempty" name:"LayerName"`
	CompatibleRuntime []*string `json:"CompatibleRuntime,omitnil,omitempty" name:"CompatibleRuntime"`
}

// LayerVersionList is the ListLayerVersions response.
type LayerVersionList struct {
	LayerVersions []LayerVersionInfo `json:"LayerVersions"`
	RequestId     string             `json:"RequestId"`
}

// ListLayersRequest lists the layers of the region a page at a time, each
// as its newest version.
type ListLayersRequest struct {
	*tchttp.BaseRequest

	CompatibleRuntime *string `json:"CompatibleRuntime,omitnil,omitempty" name:"CompatibleRuntime"`
	Offset            *int64  `json:"Offset,omitnil,omitempty" name:"Offset"`
	Limit             *int64  `json:"Limit,omitnil,omitempty" name:"Limit"`
	SearchKey         *string `json:"SearchKey,omitnil,omitempty" name:"SearchKey"`
}

// LayerList is the ListLayers response.
type LayerList struct {
	Layers     []LayerVersionInfo `json:"Layers"`
	TotalCount int64              `json:"TotalCount"`
	RequestId  string             `json:"RequestId"`
}

func (r *LayerList) requestID() string { return r.RequestId }

func (r *LayerVersionPublished) requestID() string { return r.RequestId }
func (r *LayerVersion) requestID() string          { return r.RequestId }
func (r *LayerVersionList) requestID() string      { return r.RequestId }
