package provider

// The resource identity of scf_trigger. A trigger is what the import ID
// names, <namespace>/<function_name>/<type>/<name>, plus the qualifier it
// is bound to: the service keys triggers by function, qualifier, type and
// name (and a COS trigger also by its event, which one import cannot
// choose; such an import is refused as ambiguous, as with the ID).

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithIdentity = (*scfTriggerResource)(nil)

type scfTriggerIdentityModel struct {
	Namespace    types.String `tfsdk:"namespace"`
	FunctionName types.String `tfsdk:"function_name"`
	Type         types.String `tfsdk:"type"`
	Name         types.String `tfsdk:"name"`
	Qualifier    types.String `tfsdk:"qualifier"`
}

func (r *scfTriggerResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"namespace": namespaceIdentityAttribute(),
			"function_name": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "Name of the function the trigger invokes.",
			},
			"type": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "Type of the trigger as the API names it, such as `timer` or `cos`.",
			},
			"name": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "Name of the trigger (for a COS trigger, the bucket's domain).",
			},
			"qualifier": identityschema.StringAttribute{
				OptionalForImport: true,
				Description: "Version or alias the trigger is bound to. Omitted on import, the function's one " +
					"trigger of that type and name is imported, whatever its qualifier.",
			},
		},
	}
}

func (m *scfTriggerModel) identity() scfTriggerIdentityModel {
	return scfTriggerIdentityModel{
		Namespace: m.Namespace, FunctionName: m.FunctionName, Type: m.Type, Name: m.Name, Qualifier: m.Qualifier,
	}
}
