package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// NewSCFReservedConcurrencyListResource returns the scf_reserved_concurrency
// list resource, which finds reserved quotas for `terraform query`.
func NewSCFReservedConcurrencyListResource() list.ListResource {
	return &objectListResource{kind: objectListKind{
		typeName: "_reserved_concurrency",
		description: "Finds the Serverless Cloud Function (SCF) functions that have a reserved concurrency quota, for " +
			"`terraform query` (Terraform 1.14 and later), with `ListFunctions` and `GetReservedConcurrencyConfig` " +
			"(one per function). " + listResultsNote,
		attributes: map[string]schema.Attribute{
			"namespace":     namespaceFilter(),
			"function_name": functionNameFilter("reserved quota"),
		},
		newResource: NewSCFReservedConcurrencyResource,
		diagnostics: concurrencyDiagnostics,
		find: func(ctx context.Context, client *scfapi.Client, config objectListConfig) ([]listedObject, diag.Diagnostics) {
			return eachFunction(ctx, client, config, concurrencyDiagnostics, concurrencyDiagnostics.unable("List"), "reserved concurrency",
				func(f listedFunction) ([]listedObject, error) {
					mem, err := client.GetReservedConcurrency(ctx, f.namespace, f.name)
					if err != nil || mem == nil {
						return nil, err
					}
					return []listedObject{{display: functionID(f.namespace, f.name),
						identity: reservedConcurrencyIdentity{Namespace: types.StringValue(f.namespace), FunctionName: types.StringValue(f.name)}}}, nil
				})
		},
	}}
}
