package fastpath

import (
	"context"
	"errors"
	"fmt"
	"reflect"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/defaults"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Planner answers PlanResourceChange for a new instance of one resource
// type, and for an existing one whose configuration changes nothing, in one
// pass over its top-level attributes, with the result the framework's
// PlanResourceChange gives; for anything else it hands the request back.
//
// For a create, the framework's steps reduce to: take the proposed new
// state, put the static default of every defaulted attribute left out of the
// configuration, mark every other computed attribute left out as unknown,
// convert every attribute's value to its type and back (reading, and writing
// the planned value), run the attribute plan modifiers (those this planner
// accepts do nothing without a prior state), then the resource's ModifyPlan.
// NewPlanner refuses any schema where that reduction would not hold; the
// server then leaves every plan of the resource to the framework.
//
// For an existing instance whose proposed state, with defaults, equals its
// prior state, the framework marks nothing unknown (it only does when they
// differ), and its plan modifiers keep the plan: RequiresReplace compares
// equal values, UseStateForUnknown sees no unknown. What remains is the
// conversions and the resource's ModifyPlan. Such no-op plans are what
// Terraform sends for most instances of a large configuration.
//
// Other updates, deletes, and any plan that ends with a diagnostic, a
// replacement, private state, a deferral or a new identity go to the
// framework, which then produces them as it always did.
type Planner struct {
	typeName string
	schema   schema.Schema
	typ      tftypes.Object
	defaults map[string]tftypes.Value // attribute name -> its static default
	computed map[string]bool          // computed attributes without a default
	// writeOnly names the write-only attributes, which the framework plans
	// null whatever the configuration holds.
	writeOnly map[string]bool
	// nestedComputed names the nested attributes holding computed
	// attributes, which a create plans as unknown where configured null.
	nestedComputed map[string]bool
	// converted holds the type of every top-level attribute whose values the
	// framework's conversions can refuse or change (see conversionOf).
	converted map[string]conversion
	// modifier is the resource's ModifyPlan, nil without one.
	modifier resource.ResourceWithModifyPlan
	// identity is the resource's identity schema, nil without one. The
	// framework plans the prior identity (null for a create) unless
	// ModifyPlan changes it.
	identity     *identityschema.Schema
	identityType tftypes.Type
}

// planModifiersNoOp are the attribute plan modifiers that leave alone the
// plan of a new instance (both return at once without a state) and of an
// unchanged one (equal values, nothing unknown).
var planModifiersNoOp = map[reflect.Type]bool{
	reflect.TypeOf(stringplanmodifier.UseStateForUnknown()): true,
	reflect.TypeOf(stringplanmodifier.RequiresReplace()):    true,
	reflect.TypeOf(boolplanmodifier.RequiresReplace()):      true,
}

var (
	staticStringDefault = reflect.TypeOf(stringdefault.StaticString(""))
	staticInt64Default  = reflect.TypeOf(int64default.StaticInt64(0))
	staticBoolDefault   = reflect.TypeOf(booldefault.StaticBool(false))
)

// NewPlanner returns the planner of r, or an error saying what in r's
// schema it does not reproduce exactly. r is an unconfigured instance (see
// NewServer).
func NewPlanner(ctx context.Context, providerTypeName string, r resource.Resource) (*Planner, error) {
	var meta resource.MetadataResponse
	r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: providerTypeName}, &meta)
	var sresp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sresp)
	s := sresp.Schema
	switch {
	case sresp.Diagnostics.HasError():
		return nil, fmt.Errorf("%s: the schema has errors", meta.TypeName)
	case len(s.Blocks) > 0:
		return nil, fmt.Errorf("%s: the schema has blocks", meta.TypeName)
	}
	typ, ok := s.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		return nil, fmt.Errorf("%s: the schema is not an object", meta.TypeName)
	}
	p := &Planner{typeName: meta.TypeName, schema: s, typ: typ, defaults: map[string]tftypes.Value{},
		computed: map[string]bool{}, writeOnly: map[string]bool{}, nestedComputed: map[string]bool{}, converted: map[string]conversion{}}
	p.modifier, _ = r.(resource.ResourceWithModifyPlan)
	if withIdentity, ok := r.(resource.ResourceWithIdentity); ok {
		var iresp resource.IdentitySchemaResponse
		withIdentity.IdentitySchema(ctx, resource.IdentitySchemaRequest{}, &iresp)
		if iresp.Diagnostics.HasError() {
			return nil, fmt.Errorf("%s: the identity schema has errors", meta.TypeName)
		}
		p.identity, p.identityType = &iresp.IdentitySchema, iresp.IdentitySchema.Type().TerraformType(ctx)
	}
	for name, a := range s.Attributes {
		if err := p.attribute(ctx, name, a); err != nil {
			return nil, fmt.Errorf("%s: attribute %s: %w", meta.TypeName, name, err)
		}
	}
	return p, nil
}

// attribute records what planning the top-level attribute a takes, or says
// why the planner cannot plan it.
func (p *Planner) attribute(ctx context.Context, name string, a schema.Attribute) error {
	if a.IsWriteOnly() && a.IsComputed() {
		return errors.New("a computed write-only attribute, which the framework rejects; let it say so")
	}
	var modifiers []any
	var def tftypes.Value
	hasDefault := false
	switch a := a.(type) {
	case schema.StringAttribute:
		modifiers = anySlice(a.PlanModifiers)
		if a.Default != nil {
			if reflect.TypeOf(a.Default) != staticStringDefault {
				return errNotStaticDefault
			}
			var resp defaults.StringResponse
			a.Default.DefaultString(ctx, defaults.StringRequest{Path: path.Root(name)}, &resp)
			if def, hasDefault = terraformValue(ctx, resp.PlanValue, resp.Diagnostics); !hasDefault {
				return errDefaultUnreadable
			}
		}
	case schema.Int64Attribute:
		modifiers = anySlice(a.PlanModifiers)
		if a.Default != nil {
			if reflect.TypeOf(a.Default) != staticInt64Default {
				return errNotStaticDefault
			}
			var resp defaults.Int64Response
			a.Default.DefaultInt64(ctx, defaults.Int64Request{Path: path.Root(name)}, &resp)
			if def, hasDefault = terraformValue(ctx, resp.PlanValue, resp.Diagnostics); !hasDefault {
				return errDefaultUnreadable
			}
		}
	case schema.BoolAttribute:
		modifiers = anySlice(a.PlanModifiers)
		if a.Default != nil {
			if reflect.TypeOf(a.Default) != staticBoolDefault {
				return errNotStaticDefault
			}
			var resp defaults.BoolResponse
			a.Default.DefaultBool(ctx, defaults.BoolRequest{Path: path.Root(name)}, &resp)
			if def, hasDefault = terraformValue(ctx, resp.PlanValue, resp.Diagnostics); !hasDefault {
				return errDefaultUnreadable
			}
		}
	case schema.MapAttribute:
		if a.Default != nil {
			return errNotStaticDefault
		}
		modifiers = anySlice(a.PlanModifiers)
	case schema.ListAttribute:
		if a.Default != nil {
			return errNotStaticDefault
		}
		modifiers = anySlice(a.PlanModifiers)
	case schema.ObjectAttribute:
		if a.Default != nil {
			return errNotStaticDefault
		}
		modifiers = anySlice(a.PlanModifiers)
	case schema.SingleNestedAttribute:
		plain, computed := plainNested(a.Attributes)
		if a.Default != nil || !plain {
			return errNestedPlanning
		}
		p.nestedComputed[name] = computed
		modifiers = anySlice(a.PlanModifiers)
	case schema.ListNestedAttribute:
		plain, computed := plainNested(a.NestedObject.Attributes)
		if a.Default != nil || len(a.NestedObject.PlanModifiers) > 0 || !plain {
			return errNestedPlanning
		}
		p.nestedComputed[name] = computed
		modifiers = anySlice(a.PlanModifiers)
	default:
		return fmt.Errorf("the planner does not know attributes of kind %T", a)
	}
	for _, m := range modifiers {
		if !planModifiersNoOp[reflect.TypeOf(m)] {
			return fmt.Errorf("plan modifier %T may change a plan the planner answers", m)
		}
	}
	if err := refuseValues(ctx, a); err != nil {
		return err
	}
	if c, ok := conversionOf(a.GetType()); ok {
		p.converted[name] = c
	}
	if a.IsWriteOnly() {
		p.writeOnly[name] = true
	}
	switch {
	case hasDefault && a.IsComputed():
		p.defaults[name] = def
	case hasDefault:
		return errors.New("a default on an attribute that is not computed, which the framework rejects; let it say so")
	case a.IsComputed():
		p.computed[name] = true
	}
	return nil
}

var (
	errNotStaticDefault  = errors.New("the planner only puts static defaults of strings, numbers and bools")
	errDefaultUnreadable = errors.New("the default's value does not convert")
	errNestedPlanning    = errors.New("nested attributes with defaults, plan modifiers or of unknown kinds")
)

// TypeName is the resource type the planner plans.
func (p *Planner) TypeName() string { return p.typeName }

// plainNested reports whether nested attributes leave planning alone, at
// any depth: no defaults, no plan modifiers. Computed ones are allowed (a
// create plans them unknown where configured null), and reported.
func plainNested(attrs map[string]schema.Attribute) (plain, computed bool) {
	for _, a := range attrs {
		if a.IsWriteOnly() {
			return false, false
		}
		computed = computed || a.IsComputed()
		var inner bool
		switch a := a.(type) {
		case schema.StringAttribute:
			plain = a.Default == nil && len(a.PlanModifiers) == 0
		case schema.Int64Attribute:
			plain = a.Default == nil && len(a.PlanModifiers) == 0
		case schema.BoolAttribute:
			plain = a.Default == nil && len(a.PlanModifiers) == 0
		case schema.ListAttribute:
			plain = a.Default == nil && len(a.PlanModifiers) == 0
		case schema.SingleNestedAttribute:
			plain, inner = plainNested(a.Attributes)
			plain = plain && a.Default == nil && len(a.PlanModifiers) == 0
		case schema.ListNestedAttribute:
			plain, inner = plainNested(a.NestedObject.Attributes)
			plain = plain && a.Default == nil && len(a.PlanModifiers) == 0 && len(a.NestedObject.PlanModifiers) == 0
		default:
			plain = false
		}
		if !plain {
			return false, false
		}
		computed = computed || inner
	}
	return true, computed
}

// terraformValue converts a default's value; ok is false when it cannot.
func terraformValue(ctx context.Context, v attr.Value, diags diag.Diagnostics) (tftypes.Value, bool) {
	tv, err := v.ToTerraformValue(ctx)
	return tv, err == nil && !diags.HasError()
}

func anySlice[T any](s []T) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

// Plan returns the response for a new or unchanged instance, or nil when the
// framework must answer: another resource type, another change, a value it
// cannot read or that its type refuses, or anything ModifyPlan reports
// beyond a plan.
func (p *Planner) Plan(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) *tfprotov6.PlanResourceChangeResponse {
	if req.TypeName != p.typeName || req.Config == nil || req.ProposedNewState == nil || len(req.PriorPrivate) > 0 || req.ProviderMeta != nil && len(req.ProviderMeta.MsgPack) > 0 {
		return nil
	}
	prior := tftypes.NewValue(p.typ, nil)
	if req.PriorState != nil {
		var err error
		if prior, err = req.PriorState.Unmarshal(p.typ); err != nil {
			return nil
		}
	}
	config, err := req.Config.Unmarshal(p.typ)
	if err != nil || !config.IsKnown() || config.IsNull() {
		return nil
	}
	proposed, err := req.ProposedNewState.Unmarshal(p.typ)
	if err != nil || !proposed.IsKnown() || proposed.IsNull() {
		return nil
	}
	var configAttrs, planned map[string]tftypes.Value
	if config.As(&configAttrs) != nil || proposed.As(&planned) != nil {
		return nil
	}
	creating := prior.IsNull()
	for name := range p.typ.AttributeTypes {
		if creating && p.nestedComputed[name] {
			marked, err := tftypes.Transform(planned[name], p.markComputedNils(name, configAttrs[name]))
			if err != nil {
				return nil
			}
			planned[name] = marked
		}
		if !configAttrs[name].IsNull() {
			continue
		}
		if def, ok := p.defaults[name]; ok {
			planned[name] = def
		} else if creating && p.computed[name] {
			planned[name] = tftypes.NewValue(p.typ.AttributeTypes[name], tftypes.UnknownValue)
		}
	}
	// The framework nulls the write-only attributes after the defaults and
	// before it compares the plan with the prior state.
	for name := range p.writeOnly {
		planned[name] = tftypes.NewValue(p.typ.AttributeTypes[name], nil)
	}
	plan := tfsdk.Plan{Schema: p.schema, Raw: tftypes.NewValue(p.typ, planned)}
	var priorAttrs map[string]tftypes.Value
	if !creating && (!plan.Raw.Equal(prior) || prior.As(&priorAttrs) != nil) {
		return nil
	}
	// SchemaModifyPlan reads the configuration, plan and prior state of
	// every attribute through its type, and writes the planned value back
	// through it: a value the type refuses is a diagnostic, one it changes
	// is planned changed.
	for name, c := range p.converted {
		if !c.keeps(ctx, configAttrs[name], planned[name], priorAttrs[name]) {
			return nil
		}
	}
	identity, ok := p.priorIdentity(req.PriorIdentity)
	if !ok {
		return nil
	}
	mreq := resource.ModifyPlanRequest{
		ClientCapabilities: resource.ModifyPlanClientCapabilities{DeferralAllowed: req.ClientCapabilities != nil && req.ClientCapabilities.DeferralAllowed},
		Config:             tfsdk.Config{Schema: p.schema, Raw: config},
		Plan:               plan,
		State:              tfsdk.State{Schema: p.schema, Raw: prior},
	}
	mresp := resource.ModifyPlanResponse{Plan: plan}
	if identity != nil {
		mreq.Identity = &tfsdk.ResourceIdentity{Schema: *p.identity, Raw: identity.Copy()}
		mresp.Identity = &tfsdk.ResourceIdentity{Schema: *p.identity, Raw: identity.Copy()}
	}
	if p.modifier != nil {
		p.modifier.ModifyPlan(ctx, mreq, &mresp)
	}
	if len(mresp.Diagnostics) > 0 || len(mresp.RequiresReplace) > 0 || mresp.Deferred != nil || mresp.Private != nil {
		return nil
	}
	state, err := tfprotov6.NewDynamicValue(p.typ, mresp.Plan.Raw)
	if err != nil {
		return nil
	}
	resp := &tfprotov6.PlanResourceChangeResponse{PlannedState: &state}
	if identity != nil {
		// A ModifyPlan that changes the identity is the framework's to judge.
		if mresp.Identity == nil || !mresp.Identity.Raw.Equal(*identity) {
			return nil
		}
		data, err := tfprotov6.NewDynamicValue(p.identityType, *identity)
		if err != nil {
			return nil
		}
		resp.PlannedIdentity = &tfprotov6.ResourceIdentityData{IdentityData: &data}
	}
	return resp
}

// priorIdentity is the identity the framework plans: the prior one, or null
// when Terraform sends none (a create, or a state from before identities).
// It is nil for a resource without identity; ok is false when the request
// holds what the framework would refuse.
func (p *Planner) priorIdentity(prior *tfprotov6.ResourceIdentityData) (identity *tftypes.Value, ok bool) {
	if p.identity == nil {
		return nil, prior == nil
	}
	v := tftypes.NewValue(p.identityType, nil)
	if prior != nil && prior.IdentityData != nil {
		var err error
		if v, err = prior.IdentityData.Unmarshal(p.identityType); err != nil {
			return nil, false
		}
	}
	return &v, true
}

// markComputedNils plans as unknown the computed attributes nested in the
// top-level attribute name that its configuration leaves null, as the
// framework's MarkComputedNilsAsUnknown does for a create.
func (p *Planner) markComputedNils(name string, config tftypes.Value) func(*tftypes.AttributePath, tftypes.Value) (tftypes.Value, error) {
	return func(at *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if !v.IsNull() || len(at.Steps()) == 0 {
			return v, nil
		}
		a := nestedAttribute(p.schema.Attributes[name], at.Steps())
		if a == nil || !a.IsComputed() {
			return v, nil
		}
		configured, _, err := tftypes.WalkAttributePath(config, at)
		if c, ok := configured.(tftypes.Value); err == nil && ok && !c.IsNull() {
			return v, nil
		}
		return tftypes.NewValue(v.Type(), tftypes.UnknownValue), nil
	}
}

// nestedAttribute finds the attribute at steps below a; nil when the steps
// lead to an element of a collection of primitives, or nowhere.
func nestedAttribute(a schema.Attribute, steps []tftypes.AttributePathStep) schema.Attribute {
	for _, step := range steps {
		switch step := step.(type) {
		case tftypes.AttributeName:
			var attrs map[string]schema.Attribute
			switch n := a.(type) {
			case schema.SingleNestedAttribute:
				attrs = n.Attributes
			default:
				return nil
			}
			if a = attrs[string(step)]; a == nil {
				return nil
			}
		case tftypes.ElementKeyInt:
			n, ok := a.(schema.ListNestedAttribute)
			if !ok {
				return nil
			}
			a = schema.SingleNestedAttribute{Attributes: n.NestedObject.Attributes}
		default:
			return nil
		}
	}
	if _, element := a.(schema.SingleNestedAttribute); element && len(steps) > 0 {
		if _, isName := steps[len(steps)-1].(tftypes.AttributeName); !isName {
			return nil // a list element, not an attribute
		}
	}
	return a
}
