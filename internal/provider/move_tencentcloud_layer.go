package provider

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
)

var _ resource.ResourceWithMoveState = (*scfLayerVersionResource)(nil)

// tencentcloudLayerType is the official provider's layer: one published
// version per resource, as scf_layer_version is.
const tencentcloudLayerType = "tencentcloud_scf_layer"

// layerMove is the move from tencentcloud_scf_layer.
var layerMove = tencentcloudMove{
	source: tencentcloudLayerType, target: "scf_layer_version", summary: layerVersionDiagnostics.unable("Move"),
	advice: func(id string) string {
		return tencentcloudAdvice("layer version", tencentcloudLayerType, "scf_layer_version", id, "<layer name>/<version>")
	},
}

// MoveState takes over a layer version from tencentcloud_scf_layer. Its
// content carries over as it was configured (the API cannot return it), so
// that the same zip file or COS object in this resource's `content` plans
// no new version; code_sha_256 becomes code_sha256.
func (r *scfLayerVersionResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveLayerFromTencentcloud}}
}

func moveLayerFromTencentcloud(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var src tencentcloudLayerState
	if !layerMove.decode(req, resp, &src) {
		return
	}
	m := movedLayerVersion(ctx, src, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, m)...)
	setIdentity(ctx, resp.TargetIdentity, m.identity(), &resp.Diagnostics)
}

// movedLayerVersion is src as scf_layer_version records a version it
// published: what Read reports (description and licence null when empty,
// the service's time in RFC 3339), and content as configured.
func movedLayerVersion(ctx context.Context, src tencentcloudLayerState, diags *diag.Diagnostics) scfLayerVersionModel {
	name, version := src.LayerName, derefOr(src.LayerVersion, 0)
	if idName, idVersion, found := strings.Cut(src.ID, "#"); found {
		// the ID, `<layer name>#<version>`, is what that provider reads by
		if name == "" {
			name = idName
		}
		if n, err := strconv.ParseInt(idVersion, 10, 64); err == nil && version == 0 {
			version = n
		}
	}
	var m scfLayerVersionModel
	if err := validators.CheckLayerName(name); err != nil || version < 1 {
		problem := fmt.Sprintf("no version number (id %q)", src.ID)
		if err != nil {
			problem = fmt.Sprintf("layer name %q: %s", name, err)
		}
		diags.AddError(layerMove.summary, fmt.Sprintf("The state of %s has %s. %s", tencentcloudLayerType, problem, layerMove.advice("")))
		return m
	}
	id := layerVersionID(name, version)
	if len(src.Content) > 0 && src.Content[0].ZipFile != "" && src.Content[0].CosBucketName != "" {
		// Any content a configuration gives would differ, and publish a new
		// version in place of this one.
		diags.AddError(layerMove.summary, fmt.Sprintf("Layer version %s has both content.zip_file and "+
			"content.cos_bucket_name in the state of %s; scf_layer_version takes its content from one of them. %s",
			id, tencentcloudLayerType, layerMove.advice(id)))
		return m
	}
	timeoutTypes := layerTimeoutsAttribute(ctx).GetType().(timeouts.Type).AttrTypes //nolint:forcetypeassert // the library's attribute
	runtimes := types.SetNull(types.StringType)                                     // an ID alone, as after an import there: the refresh reads them
	if len(src.CompatibleRuntimes) > 0 {
		var d diag.Diagnostics
		runtimes, d = types.SetValueFrom(ctx, types.StringType, src.CompatibleRuntimes)
		diags.Append(d...)
	}
	m = scfLayerVersionModel{
		ID:        types.StringValue(id),
		LayerName: types.StringValue(name), LayerVersion: types.Int64Value(version),
		Description: emptyAsNull(deref(src.Description)), LicenseInfo: emptyAsNull(deref(src.LicenseInfo)),
		CompatibleRuntimes: runtimes,
		Content:            movedLayerContent(src.Content, diags),
		CodeSHA256:         emptyAsNull(deref(src.CodeSHA256)),
		Status:             emptyAsNull(deref(src.Status)),
		CreatedTime:        types.StringNull(),
		Timeouts:           timeouts.Value{Object: types.ObjectNull(timeoutTypes)},
	}
	if t := deref(src.CreateTime); t != "" {
		m.CreatedTime = types.StringValue(serviceTimeRFC3339(t))
	}
	return m
}

// movedLayerContent is `content` as a configuration for scf_layer_version
// writes it: SDKv2 stores "" for what was not configured, which is null
// here, and the bucket name loses the `-<appid>` that scf_layer_version
// leaves out. No content (a layer imported into that provider) is null, as
// after an import here.
func movedLayerContent(blocks []tencentcloudLayerContent, diags *diag.Diagnostics) types.Object {
	if len(blocks) == 0 {
		return layerContentCodec.null()
	}
	c := blocks[0]
	if c.ZipFile == "" && c.CosBucketName == "" && c.CosObjectName == "" {
		return layerContentCodec.null()
	}
	content := layerContentCodec.nullModel(diags)
	content.ZipFile = emptyAsNull(c.ZipFile)
	if c.CosBucketName != "" || c.CosObjectName != "" {
		content.CosBucketName = emptyAsNull(cosAppIDSuffix.ReplaceAllString(c.CosBucketName, ""))
		content.CosObjectName = emptyAsNull(c.CosObjectName)
		content.CosBucketRegion = emptyAsNull(c.CosBucketRegion)
	}
	return layerContentCodec.value(content, diags)
}

// tencentcloudLayerState is the state the official provider writes for
// tencentcloud_scf_layer at schema version 0 (ID: `<layer name>#<version>`),
// as MoveResourceState hands it over; location, the download URL of the
// moment, is left out.
type tencentcloudLayerState struct {
	ID                 string                     `json:"id"`
	LayerName          string                     `json:"layer_name"`
	LayerVersion       *int64                     `json:"layer_version"`
	CompatibleRuntimes []string                   `json:"compatible_runtimes"`
	Content            []tencentcloudLayerContent `json:"content"`
	Description        *string                    `json:"description"`
	LicenseInfo        *string                    `json:"license_info"`
	CodeSHA256         *string                    `json:"code_sha_256"`
	Status             *string                    `json:"status"`
	CreateTime         *string                    `json:"create_time"`
}

// tencentcloudLayerContent is that provider's content block; SDKv2 writes
// "" for a field that was not configured.
type tencentcloudLayerContent struct {
	ZipFile         string `json:"zip_file"`
	CosBucketName   string `json:"cos_bucket_name"`
	CosObjectName   string `json:"cos_object_name"`
	CosBucketRegion string `json:"cos_bucket_region"`
}
