package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// NewSCFNamespaceListResource returns the scf_namespace list resource, which
// finds namespaces for `terraform query` (Terraform 1.14 and later).
func NewSCFNamespaceListResource() list.ListResource {
	return &objectListResource{kind: objectListKind{
		typeName: "_namespace",
		description: "Finds Serverless Cloud Function (SCF) namespaces for `terraform query` (Terraform 1.14 and later), " +
			"with `ListNamespaces`. The namespace `default`, which every region has and scf_namespace cannot manage, " +
			"is left out. " + listResultsNote,
		attributes: map[string]schema.Attribute{
			"namespace": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only the namespace of this name. Left out, every namespace of the region is listed. " +
					"A namespace that does not exist is an error.",
				Validators: []validator.String{validators.Namespace()},
			},
		},
		newResource: NewSCFNamespaceResource,
		diagnostics: namespaceListDiagnostics,
		find:        findNamespaces,
	}}
}

func findNamespaces(ctx context.Context, client *scfapi.Client, config objectListConfig) ([]listedObject, diag.Diagnostics) {
	var diags diag.Diagnostics
	summary := namespaceListDiagnostics.unable("List")
	all, err := client.ListAllNamespaces(ctx, scfapi.NamespaceFilter{})
	if err != nil {
		namespaceListDiagnostics.addAPIError(&diags, summary, "listing the namespaces", err)
		return nil, diags
	}
	var found []listedObject
	for _, ns := range all {
		if ns.Name == scfapi.DefaultNamespace || !config.Namespace.IsNull() && ns.Name != config.Namespace.ValueString() {
			continue
		}
		found = append(found, listedObject{display: ns.Name, identity: scfNamespaceIdentityModel{Name: types.StringValue(ns.Name)}})
	}
	if !config.Namespace.IsNull() && len(found) == 0 {
		diags.AddAttributeError(path.Root("namespace"), summary, fmt.Sprintf("Attribute namespace: namespace %q does not exist%s.",
			config.Namespace.ValueString(), map[bool]string{true: " as a namespace scf_namespace manages", false: ""}[config.Namespace.ValueString() == scfapi.DefaultNamespace]))
	}
	return found, diags
}
