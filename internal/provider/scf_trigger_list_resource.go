package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// triggerListDiagnostics is the vocabulary of scf_trigger's lists.
var triggerListDiagnostics = vocabulary{noun: "SCF Triggers", hints: triggerAPIErrorHints}

// NewSCFTriggerListResource returns the scf_trigger list resource, which
// finds triggers for `terraform query`.
func NewSCFTriggerListResource() list.ListResource {
	return &objectListResource{kind: objectListKind{
		typeName: "_trigger",
		description: "Finds the triggers of Serverless Cloud Function (SCF) functions for `terraform query` " +
			"(Terraform 1.14 and later), with `ListFunctions` and `ListTriggers`: those of the types scf_trigger " +
			"manages (`" + strings.Join(importableTriggerTypes, "`, `") + "`). The display name is the import ID " +
			"`<namespace>/<function_name>/<type>/<name>`, and the identity also has the trigger's `qualifier`. Two COS triggers of one function and qualifier on " +
			"the same bucket (for different events) share an identity that import cannot tell apart: with " +
			"`include_resource` such a pair fails the list, as their import would. " + listResultsNote,
		attributes: map[string]schema.Attribute{
			"namespace":     namespaceFilter(),
			"function_name": functionNameFilter("triggers"),
			"type": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only triggers of this type, as the API names it: one of `" +
					strings.Join(importableTriggerTypes, "`, `") + "`.",
				Validators: []validator.String{stringvalidator.OneOf(importableTriggerTypes...)},
			},
		},
		newResource: NewSCFTriggerResource,
		diagnostics: triggerListDiagnostics,
		find: func(ctx context.Context, client *scfapi.Client, config objectListConfig) ([]listedObject, diag.Diagnostics) {
			return eachFunction(ctx, client, config, triggerListDiagnostics, triggerListDiagnostics.unable("List"), "triggers",
				func(f listedFunction) ([]listedObject, error) {
					triggers, err := client.ListTriggers(ctx, f.namespace, f.name)
					var found []listedObject
					for _, t := range triggers {
						if !slices.Contains(importableTriggerTypes, t.Type) || !config.Type.IsNull() && t.Type != config.Type.ValueString() {
							continue
						}
						found = append(found, listedObject{
							display: functionID(f.namespace, f.name) + "/" + t.Type + "/" + t.TriggerName,
							identity: scfTriggerIdentityModel{Namespace: types.StringValue(f.namespace), FunctionName: types.StringValue(f.name),
								Type: types.StringValue(t.Type), Name: types.StringValue(t.TriggerName), Qualifier: types.StringValue(t.Qualifier)}})
					}
					return found, err
				})
		},
	}}
}
