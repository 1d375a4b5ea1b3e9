package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// The identity of scf_reserved_concurrency: what its import ID names.

var _ resource.ResourceWithIdentity = (*scfReservedConcurrencyResource)(nil)

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
