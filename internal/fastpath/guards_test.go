package fastpath

import (
	"math/big"
	"sync"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/scfprovider/terraform-provider-scf/internal/fastpath/fastpathtest"
)

// The tests below are the gaps an outside review found in the guards of
// the fast paths, each of which gave an answer the framework would not.
// Each compares the wrapper with the framework through protocol requests.

// TestValidatingCustomTypesAreLeftToTheFramework: a custom type whose
// values validate themselves (jsontypes.Normalized checks that it holds
// JSON), at the top level or nested, is validated by the framework in both
// RPCs, so the wrapper must answer as the framework does.
func TestValidatingCustomTypesAreLeftToTheFramework(t *testing.T) {
	document := schema.StringAttribute{Optional: true, CustomType: jsontypes.NormalizedType{}}
	for name, tc := range map[string]struct {
		attributes map[string]schema.Attribute
		config     func(typ tftypes.Object) map[string]tftypes.Value
	}{
		"top level": {
			attributes: map[string]schema.Attribute{"document": document},
			config: func(tftypes.Object) map[string]tftypes.Value {
				return map[string]tftypes.Value{"document": tftypes.NewValue(tftypes.String, "{not json")}
			},
		},
		"nested": {
			attributes: map[string]schema.Attribute{"nested": schema.SingleNestedAttribute{
				Optional: true, Attributes: map[string]schema.Attribute{"document": document},
			}},
			config: func(typ tftypes.Object) map[string]tftypes.Value {
				nested, _ := typ.AttributeTypes["nested"].(tftypes.Object)
				return map[string]tftypes.Value{"nested": tftypes.NewValue(nested, map[string]tftypes.Value{
					"document": tftypes.NewValue(tftypes.String, "{not json"),
				})}
			},
		},
	} {
		t.Run(name, func(t *testing.T) {
			json := testResource{name: "json", attributes: tc.attributes}
			if _, err := NewPlanner(t.Context(), testProviderTypeName, json); err == nil {
				t.Error("the planner takes a schema whose values validate themselves")
			}
			if _, err := NewChecker(t.Context(), testProviderTypeName, json); err == nil {
				t.Error("the checker takes a schema whose values validate themselves")
			}
			framework, wrapped := servers(&testProvider{resources: []func() resource.Resource{func() resource.Resource { return json }}})
			typ := resourceType(t, framework, "fptest_json")
			config := objectOf(typ, tc.config(typ))

			validate := &tfprotov6.ValidateResourceConfigRequest{TypeName: "fptest_json", Config: dynamicValue(t, typ, config)}
			want, err := framework.ValidateResourceConfig(t.Context(), validate)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Diagnostics) == 0 {
				t.Fatal("the framework accepts invalid JSON; the test no longer shows anything")
			}
			got, err := wrapped.ValidateResourceConfig(t.Context(), validate)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range fastpathtest.DiagnosticsDifferences(want.Diagnostics, got.Diagnostics) {
				t.Errorf("ValidateResourceConfig: %s", d)
			}

			plan := createRequest(t, "fptest_json", typ, config)
			wantPlan, err := framework.PlanResourceChange(t.Context(), plan)
			if err != nil {
				t.Fatal(err)
			}
			gotPlan, err := wrapped.PlanResourceChange(t.Context(), plan)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range fastpathtest.PlanDifferences(typ, nil, wantPlan, gotPlan) {
				t.Errorf("PlanResourceChange: %s", d)
			}
		})
	}
}

// TestResourceConfigValidatorsRun: a configuration that a resource-level
// ConfigValidator rejects is rejected through the wrapper as well.
func TestResourceConfigValidatorsRun(t *testing.T) {
	framework, wrapped := servers(&testProvider{resources: []func() resource.Resource{func() resource.Resource {
		return testResource{
			name: "conflicting",
			attributes: map[string]schema.Attribute{
				"zip": schema.StringAttribute{Optional: true}, "image": schema.StringAttribute{Optional: true},
			},
			configValidators: []resource.ConfigValidator{
				resourcevalidator.Conflicting(path.MatchRoot("zip"), path.MatchRoot("image")),
			},
		}
	}}})
	typ := resourceType(t, framework, "fptest_conflicting")
	config := objectOf(typ, map[string]tftypes.Value{
		"zip": tftypes.NewValue(tftypes.String, "code.zip"), "image": tftypes.NewValue(tftypes.String, "app:v1"),
	})
	req := &tfprotov6.ValidateResourceConfigRequest{TypeName: "fptest_conflicting", Config: dynamicValue(t, typ, config)}
	want, err := framework.ValidateResourceConfig(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if len(want.Diagnostics) == 0 {
		t.Fatal("the framework accepts both attributes; the test no longer shows anything")
	}
	got, err := wrapped.ValidateResourceConfig(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range fastpathtest.DiagnosticsDifferences(want.Diagnostics, got.Diagnostics) {
		t.Error(d)
	}
}

// TestAutomaticDeferralIsLeftToTheFramework: once the provider's Configure
// defers (Terraform allowing it), the framework defers every plan with the
// proposed state unchanged, and so must the wrapper.
func TestAutomaticDeferralIsLeftToTheFramework(t *testing.T) {
	framework, wrapped := servers(&testProvider{resources: []func() resource.Resource{plainResource}, deferWhenAllowed: true})
	configure := &tfprotov6.ConfigureProviderRequest{
		Config:             dynamicValue(t, tftypes.Object{}, tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})),
		ClientCapabilities: &tfprotov6.ConfigureProviderClientCapabilities{DeferralAllowed: true},
	}
	for _, s := range []tfprotov6.ProviderServer{framework, wrapped} {
		resp, err := s.ConfigureProvider(t.Context(), configure)
		if err != nil || len(resp.Diagnostics) > 0 {
			t.Fatalf("ConfigureProvider: %v %v", err, fastpathtest.DescribeDiagnostics(resp.Diagnostics))
		}
	}
	typ := resourceType(t, framework, "fptest_plain")
	req := createRequest(t, "fptest_plain", typ, objectOf(typ, map[string]tftypes.Value{"value": tftypes.NewValue(tftypes.String, "v")}))
	req.ClientCapabilities = &tfprotov6.PlanResourceChangeClientCapabilities{DeferralAllowed: true}
	want, err := framework.PlanResourceChange(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if want.Deferred == nil {
		t.Fatal("the framework does not defer; the test no longer shows anything")
	}
	got, err := wrapped.PlanResourceChange(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range fastpathtest.PlanDifferences(typ, nil, want, got) {
		t.Error(d)
	}
}

// TestDeferralIsNotedPerServerInstance: the factory's instances share
// planners but not the deferral: configuring one instance allowing
// deferrals leaves the others planning themselves, and plans running
// while it is configured are race-free.
func TestDeferralIsNotedPerServerInstance(t *testing.T) {
	p := &testProvider{resources: []func() resource.Resource{plainResource}, deferWhenAllowed: true}
	factory := NewServer(providerserver.NewProtocol6(p), testProviderTypeName, p.deferred.Load, plainResource())
	deferring, other := factory(), factory()
	typ := resourceType(t, deferring, "fptest_plain")
	req := createRequest(t, "fptest_plain", typ, objectOf(typ, map[string]tftypes.Value{"value": tftypes.NewValue(tftypes.String, "v")}))
	var planning sync.WaitGroup
	for _, s := range []tfprotov6.ProviderServer{deferring, other} {
		planning.Go(func() {
			for range 20 {
				if _, err := s.PlanResourceChange(t.Context(), req); err != nil {
					t.Error(err)
				}
			}
		})
	}
	for _, s := range []tfprotov6.ProviderServer{deferring, other} {
		_, err := s.ConfigureProvider(t.Context(), &tfprotov6.ConfigureProviderRequest{
			Config:             dynamicValue(t, tftypes.Object{}, tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})),
			ClientCapabilities: &tfprotov6.ConfigureProviderClientCapabilities{DeferralAllowed: s == deferring},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	planning.Wait()
	if !deferring.(*server).mayDefer.Load() { //nolint:forcetypeassert // NewServer's own type
		t.Error("the instance configured allowing deferrals still plans itself")
	}
	if other.(*server).mayDefer.Load() { //nolint:forcetypeassert // NewServer's own type
		t.Error("an instance configured without deferrals no longer plans itself")
	}
	resp, err := deferring.PlanResourceChange(t.Context(), req)
	if err != nil || resp.Deferred == nil {
		t.Errorf("the deferring instance's plan: %v, %+v; want it deferred", err, resp)
	}
}

// TestApplyKeepsTheFastPaths: Terraform allows deferrals in every apply; a
// provider whose Configure did not defer keeps the fast paths there, and
// one that cannot tell leaves the plans to the framework.
func TestApplyKeepsTheFastPaths(t *testing.T) {
	p := &testProvider{resources: []func() resource.Resource{plainResource}}
	configure := func(s tfprotov6.ProviderServer) {
		t.Helper()
		_, err := s.ConfigureProvider(t.Context(), &tfprotov6.ConfigureProviderRequest{
			Config:             dynamicValue(t, tftypes.Object{}, tftypes.NewValue(tftypes.Object{}, map[string]tftypes.Value{})),
			ClientCapabilities: &tfprotov6.ConfigureProviderClientCapabilities{DeferralAllowed: true},
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	told := NewServer(providerserver.NewProtocol6(p), testProviderTypeName, p.deferred.Load, plainResource())()
	configure(told)
	if told.(*server).mayDefer.Load() { //nolint:forcetypeassert // NewServer's own type
		t.Error("a provider that did not defer lost the fast paths")
	}
	typ := resourceType(t, told, "fptest_plain")
	req := createRequest(t, "fptest_plain", typ, objectOf(typ, map[string]tftypes.Value{"value": tftypes.NewValue(tftypes.String, "v")}))
	if told.(*server).planners["fptest_plain"].Plan(t.Context(), req) == nil { //nolint:forcetypeassert // NewServer's own type
		t.Fatal("the planner does not plan the test's request; the test shows nothing")
	}
	untold := NewServer(providerserver.NewProtocol6(p), testProviderTypeName, nil, plainResource())()
	configure(untold)
	if !untold.(*server).mayDefer.Load() { //nolint:forcetypeassert // NewServer's own type
		t.Error("a provider that cannot tell whether it deferred kept the fast paths")
	}
}

// TestNumbersThatAreNotInt64AreLeftToTheFramework: the framework reads an
// Int64 attribute through its type, which refuses a number that is not a
// 64-bit integer, in the configuration as in a prior state; the planner
// hands such plans back rather than plan them.
func TestNumbersThatAreNotInt64AreLeftToTheFramework(t *testing.T) {
	framework, wrapped := servers(&testProvider{resources: []func() resource.Resource{func() resource.Resource {
		return testResource{name: "sized", attributes: map[string]schema.Attribute{
			"size":  schema.Int64Attribute{Optional: true},
			"sizes": schema.ListAttribute{Optional: true, ElementType: types.Int64Type},
		}}
	}}})
	typ := resourceType(t, framework, "fptest_sized")
	sizes, _ := typ.AttributeTypes["sizes"].(tftypes.List)
	for name, set := range map[string]map[string]tftypes.Value{
		"fraction":         {"size": tftypes.NewValue(tftypes.Number, 1.5)},
		"too large":        {"size": tftypes.NewValue(tftypes.Number, new(big.Float).SetMantExp(big.NewFloat(1), 70))},
		"fraction in list": {"sizes": tftypes.NewValue(sizes, []tftypes.Value{tftypes.NewValue(tftypes.Number, 0.5)})},
	} {
		t.Run(name, func(t *testing.T) {
			req := createRequest(t, "fptest_sized", typ, objectOf(typ, set))
			want, err := framework.PlanResourceChange(t.Context(), req)
			if err != nil {
				t.Fatal(err)
			}
			if len(want.Diagnostics) == 0 {
				t.Fatal("the framework plans the number; the test no longer shows anything")
			}
			got, err := wrapped.PlanResourceChange(t.Context(), req)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range fastpathtest.PlanDifferences(typ, nil, want, got) {
				t.Error(d)
			}
		})
	}
}
