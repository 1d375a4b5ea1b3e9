package fastpath

import (
	"context"
	"errors"
	"fmt"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/attr/xattr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// What the framework does with the values of custom types in the two RPCs
// the fast paths answer (v1.19: fwschemadata's ValueAtPath and SetAtPath,
// fwserver's AttributeModifyPlan and AttributeValidate):
//
//   - it converts each attribute's value to the attribute's type
//     (ValueFromTerraform) when it reads it, and back (ToTerraformValue)
//     when it writes the planned value; a nested object of a custom type is
//     also rebuilt with ValueFromObject. A conversion may fail, or change
//     the value;
//   - it validates each value it reads: ValidateAttribute when the value
//     implements xattr.ValidateableAttribute, otherwise Validate when the
//     type implements xattr.TypeWithValidate (so does every value it
//     writes back).
//
// Semantic equality (the *ValuableWithSemanticEquals interfaces) runs in
// ReadResource, ApplyResourceChange and ReadDataSource only, and parameter
// validation (function.ValidateableParameter) in function calls only:
// neither concerns the fast paths.
//
// The framework's own types (basetypes) validate nothing their conversion
// does not already refuse (Int64Type: a number that is not a 64-bit
// integer; lists and maps: their elements' conversions), so they are
// accepted, and converted where that can fail. Custom types are accepted at
// the top level only, when neither they nor their values validate, and
// their values are converted as the framework converts them: an error, or a
// value that comes back different, hands the request to the framework.

// refuseValues says why the fast paths cannot take the values of a and of
// the attributes nested in it as they come, nil when they can.
func refuseValues(ctx context.Context, a schema.Attribute) error {
	if err := refuseType(ctx, a.GetType(), true); err != nil {
		return err
	}
	var nested map[string]schema.Attribute
	switch a := a.(type) {
	case schema.SingleNestedAttribute:
		nested = a.Attributes
	case schema.ListNestedAttribute:
		nested = a.NestedObject.Attributes
	case schema.SetNestedAttribute, schema.MapNestedAttribute:
		return errors.New("sets and maps of nested attributes are not walked")
	}
	for name, n := range nested {
		if err := refuseType(ctx, n.GetType(), false); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		if err := refuseValues(ctx, n); err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
	}
	return nil
}

// refuseType says why the fast paths cannot take values of t; topLevel
// tells whether t is the type of a top-level attribute, the only place a
// custom type is accepted.
func refuseType(ctx context.Context, t attr.Type, topLevel bool) error {
	switch t := t.(type) {
	case basetypes.StringType, basetypes.BoolType, basetypes.Int64Type:
		return nil
	case basetypes.ListType:
		return refuseType(ctx, t.ElemType, false)
	case basetypes.MapType:
		return refuseType(ctx, t.ElemType, false)
	case basetypes.ObjectType:
		for name, at := range t.AttrTypes {
			if err := refuseType(ctx, at, false); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
		}
		return nil
	}
	//nolint:staticcheck // xattr.TypeWithValidate is deprecated, but the framework still calls it.
	if _, ok := t.(xattr.TypeWithValidate); ok {
		return fmt.Errorf("type %s validates values (xattr.TypeWithValidate)", t)
	}
	if _, ok := t.ValueType(ctx).(xattr.ValidateableAttribute); ok {
		return fmt.Errorf("values of type %s validate themselves (xattr.ValidateableAttribute)", t)
	}
	switch t.(type) {
	case basetypes.DynamicTypable, basetypes.SetTypable:
		return fmt.Errorf("type %s is not one the fast paths walk", t)
	}
	if !topLevel {
		return fmt.Errorf("custom type %s below the top level", t)
	}
	return nil
}

// conversion is how the framework converts the values of one top-level
// attribute.
type conversion struct {
	typ attr.Type
	// custom: a type of the provider's, whose conversions may change a
	// value; the framework's own only refuse some.
	custom bool
}

// conversionOf returns the conversion of values of t, and false when it
// can neither fail nor change a value: t and everything in it is a string,
// bool, or a list, map or object of them.
func conversionOf(t attr.Type) (conversion, bool) {
	switch t := t.(type) {
	case basetypes.StringType, basetypes.BoolType:
		return conversion{}, false
	case basetypes.Int64Type:
		return conversion{typ: t}, true
	case basetypes.ListType:
		_, fallible := conversionOf(t.ElemType)
		return conversion{typ: t}, fallible
	case basetypes.MapType:
		_, fallible := conversionOf(t.ElemType)
		return conversion{typ: t}, fallible
	case basetypes.ObjectType:
		for _, at := range t.AttrTypes {
			if _, fallible := conversionOf(at); fallible {
				return conversion{typ: t}, true
			}
		}
		return conversion{}, false
	}
	return conversion{typ: t, custom: true}, true
}

// keeps reports whether the framework's conversions read the configured,
// planned and prior values (prior is the zero Value for a create) without
// an error, and write the planned value back unchanged.
func (c conversion) keeps(ctx context.Context, config, planned, prior tftypes.Value) bool {
	if !c.custom {
		// The framework's own types only refuse numbers; readsNumbers
		// finds the same ones without building the framework's values,
		// which the plan of one instance would pay for several times.
		return readsNumbers(c.typ, config) && readsNumbers(c.typ, planned) && (prior.Type() == nil || readsNumbers(c.typ, prior))
	}
	if _, err := c.typ.ValueFromTerraform(ctx, config); err != nil {
		return false
	}
	if prior.Type() != nil {
		if _, err := c.typ.ValueFromTerraform(ctx, prior); err != nil {
			return false
		}
	}
	v, err := c.typ.ValueFromTerraform(ctx, planned)
	if err != nil {
		return false
	}
	if typable, ok := c.typ.(basetypes.ObjectTypable); ok && !v.IsNull() && !v.IsUnknown() {
		valuable, ok := v.(basetypes.ObjectValuable)
		if !ok {
			return false
		}
		o, diags := valuable.ToObjectValue(ctx)
		if diags.HasError() {
			return false
		}
		if v, diags = typable.ValueFromObject(ctx, o); diags.HasError() {
			return false
		}
	}
	back, err := v.ToTerraformValue(ctx)
	return err == nil && back.Equal(planned)
}

// readsNumbers reports whether the framework's ValueFromTerraform for t, one
// of its own types, takes v: whether every number in v where t has an
// Int64Type is an integer that fits in 64 bits, as Int64Type's requires.
func readsNumbers(t attr.Type, v tftypes.Value) bool {
	if !v.IsKnown() || v.IsNull() {
		return true
	}
	switch t := t.(type) {
	case basetypes.Int64Type:
		var f *big.Float
		if v.As(&f) != nil || !f.IsInt() {
			return false
		}
		_, accuracy := f.Int64()
		return accuracy == big.Exact
	case basetypes.ListType:
		if _, fallible := conversionOf(t.ElemType); !fallible {
			return true
		}
		var elems []tftypes.Value
		if v.As(&elems) != nil {
			return false
		}
		for _, e := range elems {
			if !readsNumbers(t.ElemType, e) {
				return false
			}
		}
	case basetypes.MapType:
		if _, fallible := conversionOf(t.ElemType); !fallible {
			return true
		}
		var elems map[string]tftypes.Value
		if v.As(&elems) != nil {
			return false
		}
		for _, e := range elems {
			if !readsNumbers(t.ElemType, e) {
				return false
			}
		}
	case basetypes.ObjectType:
		var attrs map[string]tftypes.Value
		if v.As(&attrs) != nil {
			return false
		}
		for name, at := range t.AttrTypes {
			if _, fallible := conversionOf(at); fallible && !readsNumbers(at, attrs[name]) {
				return false
			}
		}
	}
	return true
}
