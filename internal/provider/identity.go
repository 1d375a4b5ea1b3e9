package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// Resource identities (Terraform 1.12 and later), shared by the resources
// that have one.

// setIdentity records identity, a resource's identity model. The framework
// gives every response of a resource with an identity schema one to fill
// (nil otherwise), also for a CLI that keeps no identities and ignores it.
func setIdentity(ctx context.Context, into *tfsdk.ResourceIdentity, identity any, diags *diag.Diagnostics) {
	if into != nil {
		diags.Append(into.Set(ctx, identity)...)
	}
}

// importIdentity reads the identity of an import by identity into
// identity, a pointer to the resource's identity model, and reports whether
// the import is one; an import by ID leaves it alone.
func importIdentity(ctx context.Context, req resource.ImportStateRequest, identity any, diags *diag.Diagnostics) bool {
	if req.ID != "" || req.Identity == nil {
		return false
	}
	diags.Append(req.Identity.Get(ctx, identity)...)
	return !diags.HasError()
}

// namespaceIdentityAttribute is the namespace of an identity, which an
// import may leave out for `default`.
func namespaceIdentityAttribute() identityschema.StringAttribute {
	return identityschema.StringAttribute{
		OptionalForImport: true,
		Description:       "Namespace of the function; `default` when an import leaves it out.",
	}
}

// functionNameIdentityAttribute is the function an identity belongs to, for
// the objects of a function.
func functionNameIdentityAttribute() identityschema.StringAttribute {
	return identityschema.StringAttribute{RequiredForImport: true, Description: "Name of the function."}
}

// identityNamespace is an identity's namespace, `default` when left out.
func identityNamespace(ns types.String) string {
	if ns.IsNull() || ns.ValueString() == "" {
		return scfapi.DefaultNamespace
	}
	return ns.ValueString()
}

// identityImportNote ends a resource's description: the attributes of the
// identity that Terraform 1.12 and later can import by.
func identityImportNote(attributes ...string) string {
	quoted := make([]string, len(attributes))
	for i, a := range attributes {
		quoted[i] = "`" + a + "`"
	}
	list := strings.Join(quoted[:len(quoted)-1], ", ") + " and " + quoted[len(quoted)-1]
	note := "Terraform 1.12 and later can also import it by resource identity: an `import` block's `identity` with " + list
	if slices.Contains(attributes, "namespace") {
		note += ", where `namespace` may be left out for `default`"
	}
	return note + "."
}
