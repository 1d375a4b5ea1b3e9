package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The identities of scf_reserved_concurrency and scf_provisioned_concurrency:
// what their import IDs name.

var (
	_ resource.ResourceWithIdentity = (*scfReservedConcurrencyResource)(nil)
	_ resource.ResourceWithIdentity = (*scfProvisionedConcurrencyResource)(nil)
)

func functionNameIdentityAttribute() identityschema.StringAttribute {
	return identityschema.StringAttribute{RequiredForImport: true, Description: "Name of the function."}
}

// reservedConcurrencyIdentity is what `<namespace>/<function_name>` names.
type reservedConcurrencyIdentity struct {
	Namespace    types.String `tfsdk:"namespace"`
	FunctionName types.String `tfsdk:"function_name"`
}

func (r *scfReservedConcurrencyResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"namespace":     namespaceIdentityAttribute(),
		"function_name": functionNameIdentityAttribute(),
	}}
}

func (m *scfReservedConcurrencyModel) identity() reservedConcurrencyIdentity {
	return reservedConcurrencyIdentity{Namespace: m.Namespace, FunctionName: m.FunctionName}
}

func (i reservedConcurrencyIdentity) importID() string {
	return functionID(identityNamespace(i.Namespace), i.FunctionName.ValueString())
}

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
