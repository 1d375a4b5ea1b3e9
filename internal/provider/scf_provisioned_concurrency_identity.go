package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The identity of scf_provisioned_concurrency: what its import ID names.

var _ resource.ResourceWithIdentity = (*scfProvisionedConcurrencyResource)(nil)

// provisionedConcurrencyIdentity is what
// `<namespace>/<function_name>/<qualifier>` names.
type provisionedConcurrencyIdentity struct {
	Namespace    types.String `tfsdk:"namespace"`
	FunctionName types.String `tfsdk:"function_name"`
	Qualifier    types.String `tfsdk:"qualifier"`
}

func (r *scfProvisionedConcurrencyResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"namespace":     namespaceIdentityAttribute(),
		"function_name": functionNameIdentityAttribute(),
		"qualifier":     identityschema.StringAttribute{RequiredForImport: true, Description: "The published version, such as `1`."},
	}}
}

func (m *scfProvisionedConcurrencyModel) identity() provisionedConcurrencyIdentity {
	return provisionedConcurrencyIdentity{Namespace: m.Namespace, FunctionName: m.FunctionName, Qualifier: m.Qualifier}
}

func (i provisionedConcurrencyIdentity) importID() string {
	return provisionedID(identityNamespace(i.Namespace), i.FunctionName.ValueString(), i.Qualifier.ValueString())
}
