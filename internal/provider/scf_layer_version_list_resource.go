package provider

import (
	"context"
	"fmt"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// NewSCFLayerVersionListResource returns the scf_layer_version list
// resource, which finds the versions of a layer for `terraform query`.
func NewSCFLayerVersionListResource() list.ListResource {
	return &objectListResource{kind: objectListKind{
		typeName: "_layer_version",
		description: "Finds Serverless Cloud Function (SCF) layer versions for `terraform query` (Terraform 1.14 and " +
			"later), with `ListLayers` and `ListLayerVersions`. Layers belong to the region, not to a namespace, so " +
			"this list has no `namespace`: it takes `layer_name` instead. " + listResultsNote,
		attributes: map[string]schema.Attribute{
			"layer_name": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only the versions of the layer of this name. Left out, the versions of every layer of " +
					"the region are listed (the layers found with `ListLayers`). A layer that does not exist is an error.",
				Validators: []validator.String{validators.LayerName()},
			},
		},
		newResource: NewSCFLayerVersionResource,
		diagnostics: layerVersionListDiagnostics,
		find:        findLayerVersions,
	}}
}

func findLayerVersions(ctx context.Context, client *scfapi.Client, config objectListConfig) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	summary := layerVersionListDiagnostics.unable("List")
	names := []string{config.LayerName.ValueString()}
	if config.LayerName.IsNull() {
		layers, err := client.ListAllLayers(ctx)
		if err != nil {
			layerVersionListDiagnostics.addAPIError(&diags, summary, "listing the layers", err)
			return nil, diags
		}
		names = names[:0]
		for _, l := range layers {
			names = append(names, l.LayerName)
		}
	}
	var found []listedObject
	for _, name := range names {
		versions, err := client.ListLayerVersions(ctx, name, nil)
		if scfapi.IsLayerNotFound(err) {
			if config.LayerName.IsNull() {
				continue // its last version was deleted since the layers were listed
			}
			diags.AddAttributeError(path.Root("layer_name"), summary, fmt.Sprintf("Attribute layer_name: layer %q does not exist.", name))
			return nil, diags
		}
		if err != nil {
			layerVersionListDiagnostics.addAPIError(&diags, summary, "listing the versions of layer "+name, err)
			return nil, diags
		}
		for _, v := range slices.Backward(versions) { // oldest first
			found = append(found, listedObject{display: layerVersionID(v.LayerName, v.LayerVersion),
				identity: layerVersionIdentity{LayerName: types.StringValue(v.LayerName), LayerVersion: types.Int64Value(v.LayerVersion)}})
		}
	}
	return found, diags
}
