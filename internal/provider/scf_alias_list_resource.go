package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// aliasListDiagnostics is the vocabulary of scf_function_alias's lists.
var aliasListDiagnostics = vocabulary{noun: "SCF Function Aliases", hints: aliasAPIErrorHints}

// NewSCFFunctionAliasListResource returns the scf_function_alias list
// resource, which finds aliases for `terraform query`.
func NewSCFFunctionAliasListResource() list.ListResource {
	return &objectListResource{kind: objectListKind{
		typeName: "_function_alias",
		description: "Finds the aliases of Serverless Cloud Function (SCF) functions for `terraform query` " +
			"(Terraform 1.14 and later), with `ListFunctions` and `ListAliases`. " + listResultsNote,
		attributes: map[string]schema.Attribute{
			"namespace":     namespaceFilter(),
			"function_name": functionNameFilter("aliases"),
		},
		newResource: NewSCFFunctionAliasResource,
		diagnostics: aliasListDiagnostics,
		find: func(ctx context.Context, client *scfapi.Client, config objectListConfig) ([]listedObject, diag.Diagnostics) {
			return eachFunction(ctx, client, config, aliasListDiagnostics, aliasListDiagnostics.unable("List"), "aliases",
				func(f listedFunction) ([]listedObject, error) {
					aliases, err := client.ListAliases(ctx, f.namespace, f.name)
					var found []listedObject
					for _, a := range aliases {
						found = append(found, listedObject{display: functionID(f.namespace, f.name) + "/" + a.Name,
							identity: functionAliasIdentity{Namespace: types.StringValue(f.namespace),
								FunctionName: types.StringValue(f.name), Name: types.StringValue(a.Name)}})
					}
					return found, err
				})
		},
	}}
}
