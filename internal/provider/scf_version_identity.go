package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ resource.ResourceWithIdentity = (*scfFunctionVersionResource)(nil)

// functionVersionIdentity is what the import ID
// `<namespace>/<function_name>/<version>` names.
type functionVersionIdentity struct {
	Namespace    types.String `tfsdk:"namespace"`
	FunctionName types.String `tfsdk:"function_name"`
	Version      types.String `tfsdk:"version"`
}

func (r *scfFunctionVersionResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"namespace":     namespaceIdentityAttribute(),
		"function_name": identityschema.StringAttribute{RequiredForImport: true, Description: "Name of the function."},
		"version":       identityschema.StringAttribute{RequiredForImport: true, Description: "The published version's number, such as `3`."},
	}}
}

func (m *scfFunctionVersionModel) identity() functionVersionIdentity {
	return functionVersionIdentity{Namespace: m.Namespace, FunctionName: m.FunctionName, Version: m.Version}
}

func (i functionVersionIdentity) importID() string {
	return functionID(identityNamespace(i.Namespace), i.FunctionName.ValueString()) + "/" + i.Version.ValueString()
}
