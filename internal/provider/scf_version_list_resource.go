package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// versionListDiagnostics is the vocabulary of scf_function_version's lists.
var versionListDiagnostics = vocabulary{noun: "SCF Function Versions", hints: versionAPIErrorHints}

// NewSCFFunctionVersionListResource returns the scf_function_version list
// resource, which finds published versions for `terraform query`.
func NewSCFFunctionVersionListResource() list.ListResource {
	return &objectListResource{kind: objectListKind{
		typeName: "_function_version",
		description: "Finds the published versions of Serverless Cloud Function (SCF) functions for `terraform query` " +
			"(Terraform 1.14 and later), with `ListFunctions` and `ListVersionByFunction` (`$LATEST` is not a " +
			"published version and is left out). " + listResultsNote,
		attributes: map[string]schema.Attribute{
			"namespace":     namespaceFilter(),
			"function_name": functionNameFilter("versions"),
		},
		newResource: NewSCFFunctionVersionResource,
		diagnostics: versionListDiagnostics,
		find: func(ctx context.Context, client *scfapi.Client, config objectListConfig) ([]listedObject, diag.Diagnostics) {
			return eachFunction(ctx, client, config, versionListDiagnostics, versionListDiagnostics.unable("List"), "versions",
				func(f listedFunction) ([]listedObject, error) {
					versions, err := client.ListVersions(ctx, f.namespace, f.name)
					var found []listedObject
					for _, v := range versions {
						if v.Version == "$LATEST" {
							continue
						}
						found = append(found, listedObject{display: functionID(f.namespace, f.name) + "/" + v.Version,
							identity: functionVersionIdentity{Namespace: types.StringValue(f.namespace),
								FunctionName: types.StringValue(f.name), Version: types.StringValue(v.Version)}})
					}
					return found, err
				})
		},
	}}
}
