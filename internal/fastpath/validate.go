package fastpath

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Checker answers ValidateResourceConfig for a configuration of one
// resource type that passes every check: it runs the resource's
// ConfigValidators, its ValidateConfig and every attribute validator, in
// the framework's order, with the requests the framework's
// ValidateResourceConfig and SchemaValidate build, reading each value
// straight from the decoded configuration.
//
// It only decides "no diagnostics". When anything reports a diagnostic (a
// validator, ValidateConfig, a required attribute left null, a read-only one
// set, a value its type refuses), the framework validates the configuration,
// so diagnostics keep their exact form. NewChecker refuses any schema with
// something it does not walk (blocks, deprecations, write-only attributes,
// other attribute kinds, values that validate themselves); the server then
// leaves every validation of the resource to the framework.
type Checker struct {
	typeName string
	schema   schema.Schema
	typ      tftypes.Object
	// configValidators and validator are the resource's ConfigValidators
	// and ValidateConfig, nil without them.
	configValidators resource.ResourceWithConfigValidators
	validator        resource.ResourceWithValidateConfig
}

// NewChecker returns the checker of r, or an error saying what in r's schema
// it does not walk. r is an unconfigured instance (see NewServer).
func NewChecker(ctx context.Context, providerTypeName string, r resource.Resource) (*Checker, error) {
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
	case s.DeprecationMessage != "":
		return nil, fmt.Errorf("%s: the resource is deprecated, which the framework warns about", meta.TypeName)
	}
	if err := walkable(ctx, s.Attributes); err != nil {
		return nil, fmt.Errorf("%s: %w", meta.TypeName, err)
	}
	typ, ok := s.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		return nil, fmt.Errorf("%s: the schema is not an object", meta.TypeName)
	}
	c := &Checker{typeName: meta.TypeName, schema: s, typ: typ}
	c.configValidators, _ = r.(resource.ResourceWithConfigValidators)
	c.validator, _ = r.(resource.ResourceWithValidateConfig)
	return c, nil
}

// TypeName is the resource type the checker validates.
func (c *Checker) TypeName() string { return c.typeName }

// walkable says which of attrs (top-level ones) Valid cannot walk, nil when
// it walks them all.
func walkable(ctx context.Context, attrs map[string]schema.Attribute) error {
	for name, a := range attrs {
		if err := walkableKind(a); err != nil {
			return fmt.Errorf("attribute %s: %w", name, err)
		}
		if err := refuseValues(ctx, a); err != nil {
			return fmt.Errorf("attribute %s: %w", name, err)
		}
	}
	return nil
}

// walkableKind says why Valid cannot walk a, nil when it can.
func walkableKind(a schema.Attribute) error {
	var nested map[string]schema.Attribute
	switch a := a.(type) {
	case schema.StringAttribute, schema.Int64Attribute, schema.BoolAttribute, schema.MapAttribute, schema.ListAttribute,
		schema.ObjectAttribute:
	case schema.SingleNestedAttribute:
		nested = a.Attributes
	case schema.ListNestedAttribute:
		nested = a.NestedObject.Attributes
	default:
		return fmt.Errorf("the checker does not know attributes of kind %T", a)
	}
	for name, n := range nested {
		if err := walkableKind(n); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// Valid reports whether the configuration passes without any diagnostic;
// false means the framework must validate it.
func (c *Checker) Valid(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) bool {
	if req.TypeName != c.typeName || req.Config == nil {
		return false
	}
	raw, err := req.Config.Unmarshal(c.typ)
	if err != nil {
		return false
	}
	var values map[string]tftypes.Value
	if !raw.IsKnown() || raw.IsNull() || raw.As(&values) != nil {
		return false
	}
	config := tfsdk.Config{Schema: c.schema, Raw: raw}
	caps := validator.ValidateSchemaClientCapabilities{}
	var vcaps resource.ValidateConfigClientCapabilities
	if req.ClientCapabilities != nil {
		caps.WriteOnlyAttributesAllowed = req.ClientCapabilities.WriteOnlyAttributesAllowed
		vcaps.WriteOnlyAttributesAllowed = req.ClientCapabilities.WriteOnlyAttributesAllowed
	}
	// The framework's order: the resource's ConfigValidators, its
	// ValidateConfig, then the schema's attributes.
	vreq := resource.ValidateConfigRequest{ClientCapabilities: vcaps, Config: config}
	if c.configValidators != nil {
		for _, v := range c.configValidators.ConfigValidators(ctx) {
			var vresp resource.ValidateConfigResponse
			if v.ValidateResource(ctx, vreq, &vresp); len(vresp.Diagnostics) > 0 {
				return false
			}
		}
	}
	if c.validator != nil {
		var vresp resource.ValidateConfigResponse
		if c.validator.ValidateConfig(ctx, vreq, &vresp); len(vresp.Diagnostics) > 0 {
			return false
		}
	}
	w := attributeWalk{ctx: ctx, config: config, caps: caps}
	for name, a := range c.schema.Attributes {
		if !w.attribute(a, path.Root(name), path.MatchRoot(name), values[name]) {
			return false
		}
	}
	return true
}

type attributeWalk struct {
	ctx    context.Context //nolint:containedctx // one walk serves one request
	config tfsdk.Config
	caps   validator.ValidateSchemaClientCapabilities
}

// attribute follows fwserver.AttributeValidate for one attribute.
func (w attributeWalk) attribute(a schema.Attribute, p path.Path, pe path.Expression, raw tftypes.Value) bool {
	ctx := w.ctx
	if !a.IsRequired() && !a.IsOptional() && !a.IsComputed() {
		return false
	}
	v, err := a.GetType().ValueFromTerraform(ctx, raw)
	if err != nil {
		return false
	}
	null := v.IsNull()
	if a.IsComputed() && !a.IsOptional() && !null || a.IsRequired() && null {
		return false
	}
	if !null && a.GetDeprecationMessage() != "" {
		return false // the framework warns about it
	}
	if !null && a.IsWriteOnly() && !w.caps.WriteOnlyAttributesAllowed {
		return false // the framework refuses it: a CLI before write-only attributes
	}
	switch a := a.(type) {
	case schema.StringAttribute:
		sv, ok := v.(basetypes.StringValuable)
		if !ok {
			return false
		}
		s, diags := sv.ToStringValue(ctx)
		if diags.HasError() {
			return false
		}
		req := validator.StringRequest{ClientCapabilities: w.caps, Config: w.config, ConfigValue: s, Path: p, PathExpression: pe}
		for _, val := range a.Validators {
			var resp validator.StringResponse
			if val.ValidateString(ctx, req, &resp); len(resp.Diagnostics) > 0 {
				return false
			}
		}
	case schema.Int64Attribute:
		iv, ok := v.(basetypes.Int64Valuable)
		if !ok {
			return false
		}
		i, diags := iv.ToInt64Value(ctx)
		if diags.HasError() {
			return false
		}
		req := validator.Int64Request{ClientCapabilities: w.caps, Config: w.config, ConfigValue: i, Path: p, PathExpression: pe}
		for _, val := range a.Validators {
			var resp validator.Int64Response
			if val.ValidateInt64(ctx, req, &resp); len(resp.Diagnostics) > 0 {
				return false
			}
		}
	case schema.BoolAttribute:
		bv, ok := v.(basetypes.BoolValuable)
		if !ok {
			return false
		}
		b, diags := bv.ToBoolValue(ctx)
		if diags.HasError() {
			return false
		}
		req := validator.BoolRequest{ClientCapabilities: w.caps, Config: w.config, ConfigValue: b, Path: p, PathExpression: pe}
		for _, val := range a.Validators {
			var resp validator.BoolResponse
			if val.ValidateBool(ctx, req, &resp); len(resp.Diagnostics) > 0 {
				return false
			}
		}
	case schema.ListAttribute:
		lv, ok := v.(basetypes.ListValuable)
		if !ok {
			return false
		}
		l, diags := lv.ToListValue(ctx)
		if diags.HasError() {
			return false
		}
		req := validator.ListRequest{ClientCapabilities: w.caps, Config: w.config, ConfigValue: l, Path: p, PathExpression: pe}
		for _, val := range a.Validators {
			var resp validator.ListResponse
			if val.ValidateList(ctx, req, &resp); len(resp.Diagnostics) > 0 {
				return false
			}
		}
	case schema.MapAttribute:
		mv, ok := v.(basetypes.MapValuable)
		if !ok {
			return false
		}
		m, diags := mv.ToMapValue(ctx)
		if diags.HasError() {
			return false
		}
		req := validator.MapRequest{ClientCapabilities: w.caps, Config: w.config, ConfigValue: m, Path: p, PathExpression: pe}
		for _, val := range a.Validators {
			var resp validator.MapResponse
			if val.ValidateMap(ctx, req, &resp); len(resp.Diagnostics) > 0 {
				return false
			}
		}
	case schema.ObjectAttribute:
		if o, ok := w.object(v); !ok || !w.objectValidators(a.Validators, o, p, pe) {
			return false
		}
	case schema.SingleNestedAttribute:
		o, ok := w.object(v)
		if !ok || !w.objectValidators(a.Validators, o, p, pe) {
			return false
		}
		if !o.IsNull() && !o.IsUnknown() && !w.nested(a.Attributes, p, pe, raw) {
			return false
		}
	case schema.ListNestedAttribute:
		lv, ok := v.(basetypes.ListValuable)
		if !ok {
			return false
		}
		l, diags := lv.ToListValue(ctx)
		if diags.HasError() {
			return false
		}
		req := validator.ListRequest{ClientCapabilities: w.caps, Config: w.config, ConfigValue: l, Path: p, PathExpression: pe}
		for _, val := range a.Validators {
			var resp validator.ListResponse
			if val.ValidateList(ctx, req, &resp); len(resp.Diagnostics) > 0 {
				return false
			}
		}
		var elems []tftypes.Value
		if !l.IsNull() && !l.IsUnknown() && raw.As(&elems) != nil {
			return false
		}
		for i, elem := range l.Elements() {
			ep, epe := p.AtListIndex(i), pe.AtListIndex(i)
			o, ok := w.object(elem)
			if !ok || !w.objectValidators(a.NestedObject.Validators, o, ep, epe) || !w.nested(a.NestedObject.Attributes, ep, epe, elems[i]) {
				return false
			}
		}
	default:
		return false
	}
	return true
}

func (w attributeWalk) object(v attr.Value) (basetypes.ObjectValue, bool) {
	ov, ok := v.(basetypes.ObjectValuable)
	if !ok {
		return basetypes.ObjectValue{}, false
	}
	o, diags := ov.ToObjectValue(w.ctx)
	return o, !diags.HasError()
}

func (w attributeWalk) objectValidators(validators []validator.Object, o basetypes.ObjectValue, p path.Path, pe path.Expression) bool {
	req := validator.ObjectRequest{ClientCapabilities: w.caps, Config: w.config, ConfigValue: o, Path: p, PathExpression: pe}
	for _, val := range validators {
		var resp validator.ObjectResponse
		if val.ValidateObject(w.ctx, req, &resp); len(resp.Diagnostics) > 0 {
			return false
		}
	}
	return true
}

// nested walks the attributes of a known object.
func (w attributeWalk) nested(attrs map[string]schema.Attribute, p path.Path, pe path.Expression, raw tftypes.Value) bool {
	var values map[string]tftypes.Value
	if raw.As(&values) != nil {
		return false
	}
	for name, a := range attrs {
		if !w.attribute(a, p.AtName(name), pe.AtName(name), values[name]) {
			return false
		}
	}
	return true
}
