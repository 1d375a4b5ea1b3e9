package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithIdentity = (*scfFunctionAliasResource)(nil)

// functionAliasIdentity is what the import ID
// `<namespace>/<function_name>/<name>` names.
type functionAliasIdentity struct {
	Namespace    types.String `tfsdk:"namespace"`
	FunctionName types.String `tfsdk:"function_name"`
	Name         types.String `tfsdk:"name"`
}

func (r *scfFunctionAliasResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"namespace":     namespaceIdentityAttribute(),
		"function_name": identityschema.StringAttribute{RequiredForImport: true, Description: "Name of the function."},
		"name":          identityschema.StringAttribute{RequiredForImport: true, Description: "Name of the alias, unique per function."},
	}}
}

func (m *scfFunctionAliasModel) identity() functionAliasIdentity {
	return functionAliasIdentity{Namespace: m.Namespace, FunctionName: m.FunctionName, Name: m.Name}
}

func (i functionAliasIdentity) importID() string {
	return functionID(identityNamespace(i.Namespace), i.FunctionName.ValueString()) + "/" + i.Name.ValueString()
}
