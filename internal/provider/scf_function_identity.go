package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
)

var _ resource.ResourceWithIdentity = (*scfFunctionResource)(nil)

// scfFunctionIdentityModel is the resource identity of a function: its
// namespace and name, unique together in the provider's region. The list
// resource gives the same identity to every function it finds.
type scfFunctionIdentityModel struct {
	Namespace types.String `tfsdk:"namespace"`
	Name      types.String `tfsdk:"name"`
}

func functionIdentity(namespace, name string) scfFunctionIdentityModel {
	return scfFunctionIdentityModel{Namespace: types.StringValue(namespace), Name: types.StringValue(name)}
}

func (r *scfFunctionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = functionIdentitySchema()
}

func functionIdentitySchema() identityschema.Schema {
	return identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"namespace": namespaceIdentityAttribute(),
			"name": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "Name of the function, unique in its namespace.",
			},
		},
	}
}

// importedFunction returns the namespace and name an import names: the
// string ID in any of its forms, or else the identity, whose namespace
// defaults to `default` as the bare-name ID does. Both are checked against
// the API's naming rules, so a typo fails here instead of reading as "not
// found".
func importedFunction(ctx context.Context, req resource.ImportStateRequest, diags *diag.Diagnostics) (namespace, name string) {
	if req.ID != "" || req.Identity == nil {
		namespace, name, err := parseFunctionID(req.ID)
		if err != nil {
			diags.AddError(summaryImport, err.Error()+".")
		}
		return namespace, name
	}
	var identity scfFunctionIdentityModel
	if !importIdentity(ctx, req, &identity, diags) {
		return "", ""
	}
	namespace, name = identityNamespace(identity.Namespace), identity.Name.ValueString()
	if err := validators.CheckNamespace(namespace); err != nil {
		diags.AddError(summaryImport, fmt.Sprintf("Identity attribute `namespace` %q: %s.", namespace, err))
	}
	if err := validators.CheckFunctionName(name); err != nil {
		diags.AddError(summaryImport, fmt.Sprintf("Identity attribute `name` %q: %s.", name, err))
	}
	return namespace, name
}

// setFunctionIdentity records the identity in a response. The framework hands every
// response of a resource with an identity schema one to fill, also for a CLI
// that keeps no identities (it drops it); a nil one needs nothing.
func setFunctionIdentity(ctx context.Context, namespace, name string, identity *tfsdk.ResourceIdentity, diags *diag.Diagnostics) {
	setIdentity(ctx, identity, functionIdentity(namespace, name), diags)
}
