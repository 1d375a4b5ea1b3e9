package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithIdentity = (*scfLayerVersionResource)(nil)

// layerVersionIdentity is what the import ID `<layer_name>/<layer_version>`
// names; layers belong to the region, not to a namespace.
type layerVersionIdentity struct {
	LayerName    types.String `tfsdk:"layer_name"`
	LayerVersion types.Int64  `tfsdk:"layer_version"`
}

func (r *scfLayerVersionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"layer_name":    identityschema.StringAttribute{RequiredForImport: true, Description: "Name of the layer."},
		"layer_version": identityschema.Int64Attribute{RequiredForImport: true, Description: "The version number, such as `3`."},
	}}
}

func (m *scfLayerVersionModel) identity() layerVersionIdentity {
	return layerVersionIdentity{LayerName: m.LayerName, LayerVersion: m.LayerVersion}
}

func (i layerVersionIdentity) importID() string {
	return layerVersionID(i.LayerName.ValueString(), i.LayerVersion.ValueInt64())
}
