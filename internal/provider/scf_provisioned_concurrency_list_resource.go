package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// NewSCFProvisionedConcurrencyListResource returns the
// scf_provisioned_concurrency list resource, which finds the provisioned
// concurrency of versions for `terraform query`.
func NewSCFProvisionedConcurrencyListResource() list.ListResource {
	return &objectListResource{kind: objectListKind{
		typeName: "_provisioned_concurrency",
		description: "Finds the published versions of Serverless Cloud Function (SCF) functions that have provisioned " +
			"concurrency, for `terraform query` (Terraform 1.14 and later), with `ListFunctions` and " +
			"`GetProvisionedConcurrencyConfig` (one per function). " + listResultsNote,
		attributes: map[string]schema.Attribute{
			"namespace":     namespaceFilter(),
			"function_name": functionNameFilter("provisioned concurrency"),
		},
		newResource: NewSCFProvisionedConcurrencyResource,
		diagnostics: concurrencyDiagnostics,
		find: func(ctx context.Context, client *scfapi.Client, config objectListConfig) ([]listedObject, diag.Diagnostics) {
			return eachFunction(ctx, client, config, concurrencyDiagnostics, concurrencyDiagnostics.unable("List"), "provisioned concurrency",
				func(f listedFunction) ([]listedObject, error) {
					allocated, err := client.ListProvisionedConcurrency(ctx, f.namespace, f.name)
					var found []listedObject
					for _, a := range allocated {
						found = append(found, listedObject{display: provisionedID(f.namespace, f.name, a.Qualifier),
							identity: provisionedConcurrencyIdentity{Namespace: types.StringValue(f.namespace),
								FunctionName: types.StringValue(f.name), Qualifier: types.StringValue(a.Qualifier)}})
					}
					return found, err
				})
		},
	}}
}
