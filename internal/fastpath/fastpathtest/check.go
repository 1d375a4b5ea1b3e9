package fastpathtest

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Subject is one resource type whose fast paths a fuzz target compares
// with the framework.
type Subject struct {
	TypeName     string
	Attributes   map[string]schema.Attribute // the resource schema's
	StateType    tftypes.Object
	IdentityType tftypes.Type // nil without identity
	Dictionary   Dictionary
	// Framework is the framework's own server for the provider.
	Framework tfprotov6.ProviderServer
	// Plan is the fast planner: nil when it hands the request back.
	Plan func(testing.TB, *tfprotov6.PlanResourceChangeRequest) *tfprotov6.PlanResourceChangeResponse
	// Valid is the fast checker: false when it hands the request back.
	Valid func(testing.TB, *tfprotov6.ValidateResourceConfigRequest) bool
}

// Outcome tells which requests of one input the fast paths answered.
type Outcome struct {
	Valid, Create, Unchanged bool
}

// Check generates, from data, a configuration, then an existing instance
// planned with it, and sends Terraform's requests for them to both the
// framework and the fast paths: ValidateResourceConfig, PlanResourceChange
// for a create, and PlanResourceChange for an update whose prior state is
// either the create's plan with every unknown filled in (an unchanged
// instance, as a plan after apply sees it) or another generated state.
// Whenever a fast path answers, its answer must be the framework's.
func (s Subject) Check(t testing.TB, data []byte) Outcome {
	t.Helper()
	src := NewSource(data)
	config := src.Object(s.StateType, s.Dictionary)
	var outcome Outcome

	validate := &tfprotov6.ValidateResourceConfigRequest{TypeName: s.TypeName, Config: s.dynamic(t, s.StateType, config)}
	// A CLI that takes write-only attributes says so; an older one sends
	// no capabilities, or none of these.
	switch src.Choose(3) {
	case 1:
		validate.ClientCapabilities = &tfprotov6.ValidateResourceConfigClientCapabilities{WriteOnlyAttributesAllowed: true}
	case 2:
		validate.ClientCapabilities = &tfprotov6.ValidateResourceConfigClientCapabilities{}
	}
	if outcome.Valid = s.Valid(t, validate); outcome.Valid {
		resp, err := s.Framework.ValidateResourceConfig(t.Context(), validate)
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.Diagnostics) > 0 {
			t.Errorf("the checker accepts the configuration, the framework reports %q", DescribeDiagnostics(resp.Diagnostics))
		}
	}

	create := &tfprotov6.PlanResourceChangeRequest{
		TypeName: s.TypeName, Config: s.dynamic(t, s.StateType, config), ProposedNewState: s.dynamic(t, s.StateType, config),
		PriorState: s.dynamic(t, s.StateType, tftypes.NewValue(s.StateType, nil)),
	}
	created := s.compare(t, "create", create)
	outcome.Create = created != nil && created.fast

	var prior tftypes.Value
	var priorIdentity *tfprotov6.ResourceIdentityData
	switch {
	case src.Choose(4) == 3 || created == nil || created.plannedState.IsNull():
		prior = src.Known(src.Object(s.StateType, s.Dictionary), s.Dictionary)
	default:
		// After apply, what the configuration left unknown is known, and
		// the same in the configuration and the state.
		prior = src.Known(created.plannedState, s.Dictionary)
		priorIdentity = created.identity
		config = knownFrom(config, prior)
	}
	if s.IdentityType != nil && src.Choose(3) == 2 {
		priorIdentity = nil // a state from before the resource had identities
	}
	if priorIdentity != nil && priorIdentity.IdentityData != nil {
		if v, err := priorIdentity.IdentityData.Unmarshal(s.IdentityType); err == nil {
			priorIdentity = &tfprotov6.ResourceIdentityData{IdentityData: s.dynamic(t, s.IdentityType, src.Known(v, s.Dictionary))}
		}
	}
	update := &tfprotov6.PlanResourceChangeRequest{
		TypeName: s.TypeName, Config: s.dynamic(t, s.StateType, config),
		ProposedNewState: s.dynamic(t, s.StateType, ProposedNew(s.Attributes, config, prior)),
		PriorState:       s.dynamic(t, s.StateType, prior), PriorIdentity: priorIdentity,
	}
	updated := s.compare(t, "update", update)
	outcome.Unchanged = updated != nil && updated.fast
	return outcome
}

// answer is the framework's plan, and whether the fast path answered it.
type answer struct {
	plannedState tftypes.Value
	identity     *tfprotov6.ResourceIdentityData
	fast         bool
}

// compare sends req to both, compares their answers when the fast path
// answers, and returns the framework's (nil when it has an error).
func (s Subject) compare(t testing.TB, what string, req *tfprotov6.PlanResourceChangeRequest) *answer {
	t.Helper()
	want, err := s.Framework.PlanResourceChange(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	got := s.Plan(t, req)
	if got != nil {
		for _, d := range PlanDifferences(s.StateType, s.IdentityType, want, got) {
			t.Errorf("%s: %s", what, d)
		}
	}
	for _, d := range want.Diagnostics {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return nil
		}
	}
	a := &answer{plannedState: tftypes.NewValue(s.StateType, nil), identity: want.PlannedIdentity, fast: got != nil}
	if want.PlannedState != nil {
		if a.plannedState, err = want.PlannedState.Unmarshal(s.StateType); err != nil {
			t.Fatalf("the framework's planned state: %v", err)
		}
	}
	return a
}

func (s Subject) dynamic(t testing.TB, typ tftypes.Type, v tftypes.Value) *tfprotov6.DynamicValue {
	t.Helper()
	dv, err := tfprotov6.NewDynamicValue(typ, v)
	if err != nil {
		t.Fatalf("encoding %v: %v", v, err)
	}
	return &dv
}

// knownFrom replaces every unknown part of config with prior's value at the
// same place.
func knownFrom(config, prior tftypes.Value) tftypes.Value {
	known, err := tftypes.Transform(config, func(at *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if v.IsKnown() {
			return v, nil
		}
		if p, _, err := tftypes.WalkAttributePath(prior, at); err == nil {
			if p, ok := p.(tftypes.Value); ok {
				return p, nil
			}
		}
		return v, nil
	})
	if err != nil {
		return config
	}
	return known
}
