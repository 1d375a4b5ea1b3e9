package fastpath

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/scfprovider/terraform-provider-scf/internal/fastpath/fastpathtest"
)

// TestWriteOnlyAttributesKeepTheFastPaths: a write-only attribute does not
// switch the fast paths off. The checker answers a configuration that sets
// one only for a CLI that takes write-only attributes (the framework
// refuses it for the others), and the planner plans it null, as the
// framework does, for a create and for an unchanged instance.
func TestWriteOnlyAttributesKeepTheFastPaths(t *testing.T) {
	newResource := func() resource.Resource {
		return testResource{name: "secretive", attributes: map[string]schema.Attribute{
			"name":     schema.StringAttribute{Required: true},
			"secrets":  schema.MapAttribute{Optional: true, Sensitive: true, WriteOnly: true, ElementType: types.StringType},
			"password": schema.StringAttribute{Optional: true, WriteOnly: true},
		}}
	}
	framework, _ := servers(&testProvider{resources: []func() resource.Resource{newResource}})
	typ := resourceType(t, framework, "fptest_secretive")
	config := objectOf(typ, map[string]tftypes.Value{
		"name": tftypes.NewValue(tftypes.String, "fn"),
		"secrets": tftypes.NewValue(tftypes.Map{ElementType: tftypes.String}, map[string]tftypes.Value{
			"TOKEN": tftypes.NewValue(tftypes.String, "s3cr3t")}),
		"password": tftypes.NewValue(tftypes.String, "hunter22"),
	})
	checker, err := NewChecker(t.Context(), testProviderTypeName, newResource())
	if err != nil {
		t.Fatalf("the checker refuses write-only attributes: %v", err)
	}
	for _, caps := range []*tfprotov6.ValidateResourceConfigClientCapabilities{nil, {}, {WriteOnlyAttributesAllowed: true}} {
		req := &tfprotov6.ValidateResourceConfigRequest{TypeName: "fptest_secretive", Config: dynamicValue(t, typ, config), ClientCapabilities: caps}
		want, err := framework.ValidateResourceConfig(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		allowed := caps != nil && caps.WriteOnlyAttributesAllowed
		if (len(want.Diagnostics) == 0) != allowed {
			t.Fatalf("capabilities %+v: the framework reports %q", caps, fastpathtest.DescribeDiagnostics(want.Diagnostics))
		}
		if got := checker.Valid(t.Context(), req); got != allowed {
			t.Errorf("capabilities %+v: the checker answers %t, want %t", caps, got, allowed)
		}
	}

	planner, err := NewPlanner(t.Context(), testProviderTypeName, newResource())
	if err != nil {
		t.Fatalf("the planner refuses write-only attributes: %v", err)
	}
	planned := objectOf(typ, map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "fn")})
	for what, prior := range map[string]tftypes.Value{"create": tftypes.NewValue(typ, nil), "unchanged": planned} {
		req := &tfprotov6.PlanResourceChangeRequest{TypeName: "fptest_secretive", Config: dynamicValue(t, typ, config),
			ProposedNewState: dynamicValue(t, typ, config), PriorState: dynamicValue(t, typ, prior)}
		want, err := framework.PlanResourceChange(t.Context(), req)
		if err != nil {
			t.Fatal(err)
		}
		got := planner.Plan(t.Context(), req)
		if got == nil {
			t.Fatalf("%s: the planner hands the plan back", what)
		}
		for _, d := range fastpathtest.PlanDifferences(typ, nil, want, got) {
			t.Errorf("%s: %s", what, d)
		}
		v, err := got.PlannedState.Unmarshal(typ)
		if err != nil {
			t.Fatal(err)
		}
		if !v.Equal(planned) {
			t.Errorf("%s: planned %v, want the write-only attributes null: %v", what, v, planned)
		}
	}
}
