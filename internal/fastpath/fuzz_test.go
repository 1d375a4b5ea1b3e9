package fastpath

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/scfprovider/terraform-provider-scf/internal/fastpath/fastpathtest"
)

// everythingResource has an attribute of every kind, default and plan
// modifier the planner accepts, and the behaviours around them the fast
// paths must reproduce or hand back: validators at every level, a
// ConfigValidator, a ValidateConfig rule, an identity, a ModifyPlan that
// fills in a computed attribute, sets the identity, reports an error or
// asks for a replacement depending on the configuration, and the timeouts
// attribute (a custom type).
type everythingResource struct{}

var (
	_ resource.ResourceWithModifyPlan       = everythingResource{}
	_ resource.ResourceWithValidateConfig   = everythingResource{}
	_ resource.ResourceWithConfigValidators = everythingResource{}
	_ resource.ResourceWithIdentity         = everythingResource{}
)

func (everythingResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_everything"
}

func (everythingResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{Attributes: map[string]schema.Attribute{
		"name": schema.StringAttribute{Required: true, Validators: []validator.String{stringvalidator.LengthBetween(1, 8)},
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()}},
		"id":          schema.StringAttribute{Computed: true, PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()}},
		"digest":      schema.StringAttribute{Computed: true},
		"description": schema.StringAttribute{Optional: true, Computed: true, Default: stringdefault.StaticString("none")},
		"kind":        schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.OneOf("a", "b", "web")}},
		"size": schema.Int64Attribute{Optional: true, Computed: true, Default: int64default.StaticInt64(3),
			Validators: []validator.Int64{int64validator.Between(0, 100)}},
		"revision": schema.Int64Attribute{Computed: true},
		"enabled": schema.BoolAttribute{Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			PlanModifiers: []planmodifier.Bool{boolplanmodifier.RequiresReplace()}},
		"flag": schema.BoolAttribute{Optional: true},
		"password": schema.StringAttribute{Optional: true, Sensitive: true, WriteOnly: true,
			Validators: []validator.String{stringvalidator.LengthAtLeast(3)}},
		"secrets":  schema.MapAttribute{Optional: true, Sensitive: true, WriteOnly: true, ElementType: types.StringType},
		"tags":     schema.MapAttribute{Optional: true, ElementType: types.StringType},
		"labels":   schema.MapAttribute{Computed: true, ElementType: types.StringType},
		"ports":    schema.ListAttribute{Optional: true, ElementType: types.Int64Type},
		"names":    schema.ListAttribute{Optional: true, Computed: true, ElementType: types.StringType},
		"settings": schema.ObjectAttribute{Optional: true, AttributeTypes: map[string]attr.Type{"mode": types.StringType, "level": types.Int64Type}},
		"network": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
			"vpc":     schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
			"subnet":  schema.StringAttribute{Required: true},
			"address": schema.StringAttribute{Computed: true},
			"inner": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
				"x": schema.Int64Attribute{Optional: true, Validators: []validator.Int64{int64validator.AtMost(50)}},
				"y": schema.StringAttribute{Computed: true},
			}},
		}},
		"mounts": schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"path": schema.StringAttribute{Required: true},
				"size": schema.Int64Attribute{Optional: true},
				"id":   schema.StringAttribute{Computed: true},
			},
			Validators: []validator.Object{objectvalidator.AlsoRequires(path.MatchRelative().AtName("size"))},
		}},
		"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true, Update: true}),
	}}
}

func (everythingResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{Attributes: map[string]identityschema.Attribute{
		"name": identityschema.StringAttribute{RequiredForImport: true},
	}}
}

func (everythingResource) ConfigValidators(context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{resourcevalidator.Conflicting(path.MatchRoot("kind"), path.MatchRoot("settings"))}
}

// ValidateConfig: a flag needs tags.
func (everythingResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var flag types.Bool
	var tags types.Map
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("flag"), &flag)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("tags"), &tags)...)
	if flag.ValueBool() && tags.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("flag"), "Flag Without Tags", "flag needs tags")
	}
}

// ModifyPlan works on the plan alone, as the fast paths require: it knows
// the digest of a name once the name is known, names the instance in its
// identity for kind "a", rejects the name "bad" and replaces for the
// description "replace".
func (everythingResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var name, kind, description, digest types.String
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("name"), &name)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("kind"), &kind)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("description"), &description)...)
	resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root("digest"), &digest)...)
	if resp.Diagnostics.HasError() {
		return
	}
	switch {
	case name.ValueString() == "bad":
		resp.Diagnostics.AddAttributeError(path.Root("name"), "Bad Name", "the name bad is taken")
		return
	case description.ValueString() == "replace":
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("description"))
	}
	if digest.IsUnknown() && !name.IsUnknown() && !name.IsNull() {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("digest"), "d-"+name.ValueString())...)
	}
	if kind.ValueString() == "a" && resp.Identity != nil {
		resp.Diagnostics.Append(resp.Identity.SetAttribute(ctx, path.Root("name"), name)...)
	}
}

func (everythingResource) Create(context.Context, resource.CreateRequest, *resource.CreateResponse) {}
func (everythingResource) Read(context.Context, resource.ReadRequest, *resource.ReadResponse)       {}
func (everythingResource) Update(context.Context, resource.UpdateRequest, *resource.UpdateResponse) {}
func (everythingResource) Delete(context.Context, resource.DeleteRequest, *resource.DeleteResponse) {}

// everythingDictionary has valid and invalid values for everythingResource
// (too long names, numbers out of range or not 64-bit integers, durations
// that do not parse).
var everythingDictionary = fastpathtest.Dictionary{
	Strings: []string{"a", "b", "web", "", "replace", "x"},
	StringsOf: map[string][]string{
		"name": {"fn", "web", "bad", "longer-than-8"}, "create": {"5m", "soon"}, "update": {"1h"},
	},
	Numbers: append(fastpathtest.Numbers(0, 1, 3, 50, 101, -1, 1.5), fastpathtest.TooLargeForInt64()),
	Keys:    []string{"k", "a"},
}

// everythingSeeds are inputs the fuzz target starts from; TestFuzzSeedsReach-
// TheFastPaths checks that they take the fast paths.
var everythingSeeds = [][]byte{
	{},
	// Only name, set to "fn": valid, and planned by the fast paths.
	{0, 0, 0, 0, 0, 0, 0, 0, 5, 0},
	// Name "fn", kind "a" and settings, which the ConfigValidator rejects
	// together.
	{0, 0, 0, 0, 0, 5, 0, 0, 0, 5, 0, 0, 0, 0, 0, 5, 5, 2, 0},
	// The same with a description, tags and a network with a subnet.
	{5, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 5, 0, 0, 0, 0, 5, 1, 0, 0, 0, 0, 0, 5, 1, 0, 5, 0},
	{7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7},
	{6, 5, 6, 1, 6, 2, 0, 0, 7, 0, 0, 0, 6, 0, 5, 7, 1, 6, 0, 0, 7, 0, 2},
	{0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 6, 0, 1, 1},
	{4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4},
	{5, 2, 7, 3, 6, 1, 5, 4, 7, 0, 6, 6, 5, 5, 7, 7, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2},
}

func everythingSubject(t testing.TB) fastpathtest.Subject {
	t.Helper()
	framework, _ := servers(&testProvider{resources: []func() resource.Resource{func() resource.Resource { return everythingResource{} }}})
	planner, err := NewPlanner(t.Context(), testProviderTypeName, everythingResource{})
	if err != nil {
		t.Fatalf("the planner refuses the resource made of what it accepts: %v", err)
	}
	checker, err := NewChecker(t.Context(), testProviderTypeName, everythingResource{})
	if err != nil {
		t.Fatalf("the checker refuses the resource made of what it walks: %v", err)
	}
	identities, err := framework.GetResourceIdentitySchemas(t.Context(), &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil || identities.IdentitySchemas["fptest_everything"] == nil {
		t.Fatalf("identity schema: %v", err)
	}
	var sresp resource.SchemaResponse
	everythingResource{}.Schema(t.Context(), resource.SchemaRequest{}, &sresp)
	return fastpathtest.Subject{
		TypeName: "fptest_everything", Attributes: sresp.Schema.Attributes,
		StateType: resourceType(t, framework, "fptest_everything"), IdentityType: identities.IdentitySchemas["fptest_everything"].ValueType(),
		Dictionary: everythingDictionary, Framework: framework,
		Plan: func(t testing.TB, req *tfprotov6.PlanResourceChangeRequest) *tfprotov6.PlanResourceChangeResponse {
			return planner.Plan(t.Context(), req)
		},
		Valid: func(t testing.TB, req *tfprotov6.ValidateResourceConfigRequest) bool {
			return checker.Valid(t.Context(), req)
		},
	}
}

// FuzzFastPathsMatchFramework compares the fast paths with the framework on
// generated configurations and prior states of everythingResource.
func FuzzFastPathsMatchFramework(f *testing.F) {
	for _, seed := range everythingSeeds {
		f.Add(seed)
	}
	subject := everythingSubject(f)
	f.Fuzz(func(t *testing.T, data []byte) { subject.Check(t, data) })
}

// TestFuzzSeedsReachTheFastPaths: the fuzz target compares something, its
// seeds being answered by the fast paths in each of their three cases.
func TestFuzzSeedsReachTheFastPaths(t *testing.T) {
	subject := everythingSubject(t)
	var reached fastpathtest.Outcome
	for _, seed := range everythingSeeds {
		o := subject.Check(t, seed)
		reached.Valid, reached.Create, reached.Unchanged = reached.Valid || o.Valid, reached.Create || o.Create, reached.Unchanged || o.Unchanged
	}
	if !reached.Valid || !reached.Create || !reached.Unchanged {
		t.Errorf("the seeds reach the fast paths only so far: %+v", reached)
	}
}
