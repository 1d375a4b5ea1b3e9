package fastpath

import (
	"context"

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

// Checker answers ValidateResourceConfig for a configuration that
// passes every check: it runs the resource's ValidateConfig and every
// attribute validator with the requests the framework's SchemaValidate
// builds, reading each value straight from the decoded configuration.
//
// Why not leave it to the framework (v1.19): SchemaValidate looks up every
// attribute by path, and each lookup copies the schema's map of top-level
// attributes, so validating one configuration costs time in the square of
// the number of attributes, set or not. Terraform validates every resource
// instance of every plan.
//
// It only decides "no diagnostics". When anything reports a diagnostic (a
// validator, ValidateConfig, a required attribute left null, a read-only one
// set), or the schema has something it does not walk (blocks, deprecations,
// write-only or other attribute types), the framework validates the
// configuration, so diagnostics keep their exact form.
// TestConfigCheckerMatchesFramework compares both.
type Checker struct {
	typeName string
	schema   schema.Schema
	typ      tftypes.Object
	resource resource.ResourceWithValidateConfig
}

func NewChecker(ctx context.Context, providerTypeName string, r resource.ResourceWithValidateConfig) *Checker {
	var meta resource.MetadataResponse
	r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: providerTypeName}, &meta)
	var sresp resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &sresp)
	s := sresp.Schema
	if sresp.Diagnostics.HasError() || len(s.Blocks) > 0 || s.DeprecationMessage != "" || !walkable(s.Attributes) {
		return nil
	}
	typ, ok := s.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		return nil
	}
	return &Checker{typeName: meta.TypeName, schema: s, typ: typ, resource: r}
}

// walkable reports whether check knows every attribute's kind.
func walkable(attrs map[string]schema.Attribute) bool {
	for _, a := range attrs {
		if a.IsWriteOnly() {
			return false
		}
		switch a := a.(type) {
		case schema.StringAttribute, schema.Int64Attribute, schema.BoolAttribute, schema.MapAttribute, schema.ListAttribute,
			schema.ObjectAttribute:
		case schema.SingleNestedAttribute:
			if !walkable(a.Attributes) {
				return false
			}
		case schema.ListNestedAttribute:
			if !walkable(a.NestedObject.Attributes) {
				return false
			}
		default:
			return false
		}
	}
	return true
}

// Valid reports whether the configuration passes without any diagnostic;
// false means the framework must validate it.
func (c *Checker) Valid(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) bool {
	if req.Config == nil {
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
	var vresp resource.ValidateConfigResponse
	c.resource.ValidateConfig(ctx, resource.ValidateConfigRequest{ClientCapabilities: vcaps, Config: config}, &vresp)
	if len(vresp.Diagnostics) > 0 {
		return false
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
