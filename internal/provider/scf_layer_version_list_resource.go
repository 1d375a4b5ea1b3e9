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
		description: "Finds the versions of a Serverless Cloud Function (SCF) layer for `terraform query` (Terraform " +
			"1.14 and later), with `ListLayerVersions`. Layers belong to the region, not to a namespace, so this list " +
			"has no `namespace`. Each result is the object's resource identity and a display name; with `include_resource = true`, and always for `terraform query -generate-config-out`, it also carries the object as import would read it (the resource's import by that identity, then its read), so the generated configuration plans an import and no change.",
		attributes: map[string]schema.Attribute{
			"layer_name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the layer whose versions to list. A layer that does not exist is an error.",
				Validators:          []validator.String{validators.LayerName()},
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
	name := config.LayerName.ValueString()
	versions, err := client.ListLayerVersions(ctx, name, nil)
	if scfapi.IsLayerNotFound(err) {
		diags.AddAttributeError(path.Root("layer_name"), summary, fmt.Sprintf("Attribute layer_name: layer %q does not exist.", name))
		return nil, diags
	}
	if err != nil {
		layerVersionListDiagnostics.addAPIError(&diags, summary, "listing the versions of layer "+name, err)
		return nil, diags
	}
	found := make([]listedObject, 0, len(versions))
	for _, v := range slices.Backward(versions) { // oldest first
		found = append(found, listedObject{display: layerVersionID(v.LayerName, v.LayerVersion),
			identity: layerVersionIdentity{LayerName: types.StringValue(v.LayerName), LayerVersion: types.Int64Value(v.LayerVersion)}})
	}
	return found, diags
}
