package fastpath

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/listplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestRefusals: what each constructor refuses, and why, and that the
// timeouts attribute (a custom type that validates nothing) is taken.
func TestRefusals(t *testing.T) {
	normalized := schema.StringAttribute{Optional: true, CustomType: jsontypes.NormalizedType{}}
	for name, tc := range map[string]struct {
		attribute schema.Attribute
		// planner and checker are what the refusals say, "" for none.
		planner, checker string
	}{
		"timeouts": {attribute: timeouts.Attributes(t.Context(), timeouts.Opts{Create: true})},
		"validating value": {attribute: normalized,
			planner: "validate themselves", checker: "validate themselves"},
		"validating value in a list": {attribute: schema.ListAttribute{Optional: true, ElementType: jsontypes.NormalizedType{}},
			planner: "validate themselves", checker: "validate themselves"},
		"validating value nested in a list": {attribute: schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{"document": normalized},
		}}, planner: "validate themselves", checker: "validate themselves"},
		"validating type": {attribute: schema.ListAttribute{Optional: true, ElementType: types.Float64Type},
			planner: "validates values", checker: "validates values"},
		"set": {attribute: schema.SetAttribute{Optional: true, ElementType: types.StringType},
			planner: "kind schema.SetAttribute", checker: "kind schema.SetAttribute"},
		"write-only": {attribute: schema.StringAttribute{Optional: true, WriteOnly: true}},
		"write-only nested": {attribute: schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
			"secret": schema.StringAttribute{Optional: true, WriteOnly: true},
		}}, planner: "nested attributes"},
		"list plan modifier": {attribute: schema.ListAttribute{Optional: true, ElementType: types.StringType,
			PlanModifiers: []planmodifier.List{listplanmodifier.UseStateForUnknown()}},
			planner: "plan modifier"},
	} {
		t.Run(name, func(t *testing.T) {
			r := testResource{name: "refused", attributes: map[string]schema.Attribute{"a": tc.attribute}}
			_, err := NewPlanner(t.Context(), testProviderTypeName, r)
			refused(t, "planner", err, tc.planner)
			_, err = NewChecker(t.Context(), testProviderTypeName, r)
			refused(t, "checker", err, tc.checker)
		})
	}
}

func refused(t *testing.T, by string, err error, want string) {
	t.Helper()
	switch {
	case want == "" && err != nil:
		t.Errorf("the %s refuses: %v", by, err)
	case want != "" && err == nil:
		t.Errorf("the %s takes it; want a refusal saying %q", by, want)
	case want != "" && !strings.Contains(err.Error(), want):
		t.Errorf("the %s refuses with %q; want it to say %q", by, err, want)
	}
}
