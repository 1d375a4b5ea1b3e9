package fastpath

import (
	"context"
	"sync/atomic"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/scfprovider/terraform-provider-scf/internal/fastpath/fastpathtest"
)

// testProviderTypeName prefixes the test resources' type names.
const testProviderTypeName = "fptest"

// testProvider serves the given resources, and nothing else. It stands for
// a real provider in the package's own tests, which must not depend on one.
type testProvider struct {
	resources []func() resource.Resource
	// deferWhenAllowed makes Configure defer every resource (automatic
	// deferral) whenever Terraform allows deferrals; deferred is what its
	// last Configure did, as NewServer asks.
	deferWhenAllowed bool
	deferred         atomic.Bool
}

func (p *testProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = testProviderTypeName
}

func (p *testProvider) Schema(context.Context, provider.SchemaRequest, *provider.SchemaResponse) {}

func (p *testProvider) Configure(_ context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	if p.deferWhenAllowed && req.ClientCapabilities.DeferralAllowed {
		resp.Deferred = &provider.Deferred{Reason: provider.DeferredReasonProviderConfigUnknown}
	}
	p.deferred.Store(resp.Deferred != nil)
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
	return providerserver.NewProtocol6(p)(), NewServer(providerserver.NewProtocol6(p), testProviderTypeName, p.deferred.Load, resources...)()
}

// testResource is a resource of the given attributes whose ValidateConfig
// and ModifyPlan change nothing, with the given resource-level validators.
// It makes no API calls: it has no API.
type testResource struct {
	name             string
	attributes       map[string]schema.Attribute
	configValidators []resource.ConfigValidator
}

var (
	_ resource.ResourceWithModifyPlan       = testResource{}
	_ resource.ResourceWithValidateConfig   = testResource{}
	_ resource.ResourceWithConfigValidators = testResource{}
)

// plainResource has one optional string attribute.
func plainResource() resource.Resource {
	return testResource{name: "plain", attributes: map[string]schema.Attribute{"value": schema.StringAttribute{Optional: true}}}
}

func (r testResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + r.name
}

func (r testResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: r.attributes}
}

func (r testResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return r.configValidators
}

func (testResource) ValidateConfig(context.Context, resource.ValidateConfigRequest, *resource.ValidateConfigResponse) {
}

func (testResource) ModifyPlan(context.Context, resource.ModifyPlanRequest, *resource.ModifyPlanResponse) {
}

func (testResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}
func (testResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse)       {}
func (testResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}
func (testResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// resourceType asks the server for the type of a resource's state.
func resourceType(t testing.TB, s tfprotov6.ProviderServer, typeName string) tftypes.Object {
	t.Helper()
	resp, err := s.GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil || resp.ResourceSchemas[typeName] == nil {
		t.Fatalf("schema of %s: %v %v", typeName, err, fastpathtest.DescribeDiagnostics(resp.Diagnostics))
	}
	typ, ok := resp.ResourceSchemas[typeName].ValueType().(tftypes.Object)
	if !ok {
		t.Fatalf("%s is not an object", typeName)
	}
	return typ
}

// objectOf is an object of typ with the given attributes, and null for every
// other one.
func objectOf(typ tftypes.Object, set map[string]tftypes.Value) tftypes.Value {
	values := map[string]tftypes.Value{}
	for name, attributeType := range typ.AttributeTypes {
		if v, ok := set[name]; ok {
			values[name] = v
		} else {
			values[name] = tftypes.NewValue(attributeType, nil)
		}
	}
	return tftypes.NewValue(typ, values)
}

func dynamicValue(t testing.TB, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		t.Fatal(err)
	}
	return &dv
}

// createRequest plans a new instance as Terraform does: the proposed state
// is the configuration, the prior state null.
func createRequest(t testing.TB, typeName string, typ tftypes.Object, config tftypes.Value) *tfprotov6.PlanResourceChangeRequest {
	t.Helper()
	return &tfprotov6.PlanResourceChangeRequest{
		TypeName: typeName, Config: dynamicValue(t, typ, config), ProposedNewState: dynamicValue(t, typ, config),
		PriorState: dynamicValue(t, typ, tftypes.NewValue(typ, nil)),
	}
}
