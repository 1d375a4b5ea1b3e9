package fastpath

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// testProviderTypeName prefixes the test resources' type names.
const testProviderTypeName = "fptest"

// testProvider serves the given resources, and nothing else. It stands for
// a real provider in the package's own tests, which must not depend on one.
type testProvider struct {
	resources []func() resource.Resource
	// deferWhenAllowed makes Configure defer every resource (automatic
	// deferral) whenever Terraform allows deferrals.
	deferWhenAllowed bool
}

func (p *testProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = testProviderTypeName
}

func (p *testProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (p *testProvider) Configure(_ context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	if p.deferWhenAllowed && req.ClientCapabilities.DeferralAllowed {
		resp.Deferred = &provider.Deferred{Reason: provider.DeferredReasonProviderConfigUnknown}
	}
}

func (p *testProvider) Resources(context.Context) []func() resource.Resource { return p.resources }

func (p *testProvider) DataSources(context.Context) []func() datasource.DataSource { return nil }

// servers returns the framework's own server for p, and the wrapper around
// another instance of it with the fast paths for every resource of p.
func servers(p *testProvider) (framework, wrapped tfprotov6.ProviderServer) {
	resources := make([]resource.Resource, len(p.resources))
	for i, r := range p.resources {
		resources[i] = r()
	}
	return providerserver.NewProtocol6(p)(), NewServer(providerserver.NewProtocol6(p), testProviderTypeName, resources...)()
}

// plainResource has one optional string attribute and no behaviour of its
// own.
type plainResource struct{}

func (plainResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_plain"
}

func (plainResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{"value": schema.StringAttribute{Optional: true}}}
}

func (plainResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}
func (plainResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse)       {}
func (plainResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}
func (plainResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}
