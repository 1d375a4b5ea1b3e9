// Package tfmodel converts Terraform object values to and from model structs
// (fields of framework value types, tagged `tfsdk:"<attribute>"`), as the
// framework's tfsdk.Config.Get and tfsdk.Plan.Set do, with the struct's
// fields matched to the object's attributes once, when the codec is made.
//
// Why not the framework's own conversion (terraform-plugin-framework v1.19):
// its reflection walks the struct's tags, builds an attribute path and
// diagnostics for every value and converts through tftypes at every level,
// for every call. Reading one scf_function configuration into its model that
// way took 546 µs (BenchmarkZZFrameworkGet, 2026-12-07, 2 busy cores), about
// 30 times what reading the same values directly took; ValidateConfig and
// ModifyPlan run for every resource instance of every plan, so on a plan of
// 1,000 functions the conversion alone would cost more than everything else
// the provider does. The rest of the provider reads nested and top-level
// values through a codec, so every name it reads is a struct tag checked
// against the schema when the codec is made: a misspelt name is an error
// from New, never a value read as null.
//
// What it keeps of the framework's rules: every tagged field must name an
// attribute and every attribute must have a field (`tfsdk:"-"` skips a
// field), embedded structs contribute their fields, and a field's type must be
// the value type of its attribute's type (types.String for a string,
// types.Object for an object, timeouts.Value for a timeouts attribute, and
// so on), so values are assigned as the attribute type produces them. Unlike
// the framework it does not convert into Go types (string, *int64, slices
// of structs): models hold framework values, which keeps null and unknown.
// TestMatchesFramework compares both on every kind of attribute.
package tfmodel

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Object is the codec of one object type and its model T.
type Object[T any] struct {
	attrTypes map[string]attr.Type
	objType   tftypes.Object
	fields    []field // sorted by attribute name
	part      bool    // T has fields for some of the attributes only
}

type field struct {
	name  string
	typ   attr.Type
	index []int // reflect.Value.FieldByIndex of the model
	kind  primitive
	// tfType, null and unknown are made once: the framework's types build
	// their tftypes type anew for every conversion, even of a null value,
	// which was most of the cost of converting a mostly empty object.
	tfType        tftypes.Type
	null, unknown reflect.Value
}

// primitive marks the attributes of the framework's own string, number and
// bool types, which Decode and Encode convert in place; boxing every value
// in an attr.Value doubled their cost. TestMatchesFramework holds them to
// the types' own conversions.
type primitive int

const (
	other primitive = iota
	stringKind
	int64Kind
	boolKind
)

func primitiveOf(typ attr.Type) primitive {
	switch typ.(type) {
	case basetypes.StringType:
		return stringKind
	case basetypes.Int64Type:
		return int64Kind
	case basetypes.BoolType:
		return boolKind
	}
	return other
}

// New matches the fields of T to attrTypes, the attribute types of an object
// as a schema gives them (schema.Schema.Type or an attribute's GetType).
func New[T any](ctx context.Context, attrTypes map[string]attr.Type) (*Object[T], error) {
	return newObject[T](ctx, attrTypes, false)
}

// NewPart is New for a model of some of the object's attributes, such as a
// group of them that one step needs: every field must name an attribute,
// and Decode and EncodeInto leave the other attributes alone.
func NewPart[T any](ctx context.Context, attrTypes map[string]attr.Type) (*Object[T], error) {
	return newObject[T](ctx, attrTypes, true)
}

func newObject[T any](ctx context.Context, attrTypes map[string]attr.Type, part bool) (*Object[T], error) {
	model := reflect.TypeFor[T]()
	if model.Kind() != reflect.Struct {
		return nil, fmt.Errorf("tfmodel: model %s is not a struct", model)
	}
	tagged := map[string][]int{}
	if err := collectFields(model, nil, tagged); err != nil {
		return nil, err
	}
	o := &Object[T]{attrTypes: attrTypes, objType: tftypes.Object{AttributeTypes: map[string]tftypes.Type{}}, part: part}
	var problems []string
	for name, typ := range attrTypes {
		o.objType.AttributeTypes[name] = typ.TerraformType(ctx)
		index, ok := tagged[name]
		if !ok {
			if !part {
				problems = append(problems, fmt.Sprintf("attribute %q has no field in %s", name, model))
			}
			continue
		}
		fieldType := model.FieldByIndex(index).Type
		if want := reflect.TypeOf(typ.ValueType(ctx)); fieldType != want {
			problems = append(problems, fmt.Sprintf("field %s for attribute %q is %s, but its attribute holds %s",
				model.FieldByIndex(index).Name, name, fieldType, want))
			continue
		}
		f := field{name: name, typ: typ, index: index, kind: primitiveOf(typ), tfType: o.objType.AttributeTypes[name]}
		null, errNull := typ.ValueFromTerraform(ctx, tftypes.NewValue(f.tfType, nil))
		unknown, errUnknown := typ.ValueFromTerraform(ctx, tftypes.NewValue(f.tfType, tftypes.UnknownValue))
		if err := errors.Join(errNull, errUnknown); err != nil {
			problems = append(problems, fmt.Sprintf("attribute %q has no null or unknown value: %v", name, err))
			continue
		}
		f.null, f.unknown = reflect.ValueOf(null), reflect.ValueOf(unknown)
		o.fields = append(o.fields, f)
	}
	for name := range tagged {
		if _, ok := attrTypes[name]; !ok {
			problems = append(problems, fmt.Sprintf("field tagged %q of %s names no attribute of the schema", name, model))
		}
	}
	if len(problems) > 0 {
		sort.Strings(problems)
		return nil, errors.New("tfmodel: " + strings.Join(problems, "; "))
	}
	sort.Slice(o.fields, func(i, j int) bool { return o.fields[i].name < o.fields[j].name })
	return o, nil
}

// collectFields finds the tagged fields of a struct and of the structs it
// embeds.
func collectFields(t reflect.Type, prefix []int, into map[string][]int) error {
	for i := range t.NumField() {
		f := t.Field(i)
		index := append(append([]int(nil), prefix...), i)
		tag, tagged := f.Tag.Lookup("tfsdk")
		switch {
		case tag == "-":
		case !tagged && f.Anonymous && f.Type.Kind() == reflect.Struct:
			if err := collectFields(f.Type, index, into); err != nil {
				return err
			}
		case !tagged:
			return fmt.Errorf("tfmodel: field %s of %s has no tfsdk tag", f.Name, t)
		case !f.IsExported():
			return fmt.Errorf("tfmodel: field %s of %s is not exported", f.Name, t)
		default:
			if _, dup := into[tag]; dup {
				return fmt.Errorf("tfmodel: two fields of %s are tagged %q", t, tag)
			}
			into[tag] = index
		}
	}
	return nil
}

// AttrTypes are the attribute types the codec was made for.
func (o *Object[T]) AttrTypes() map[string]attr.Type { return o.attrTypes }

// Type is the object type of the codec's values.
func (o *Object[T]) Type() basetypes.ObjectType { return basetypes.ObjectType{AttrTypes: o.attrTypes} }

// Null is a null object of the codec's type.
func (o *Object[T]) Null() basetypes.ObjectValue { return basetypes.NewObjectNull(o.attrTypes) }

// Unknown is an unknown object of the codec's type.
func (o *Object[T]) Unknown() basetypes.ObjectValue { return basetypes.NewObjectUnknown(o.attrTypes) }

// Decode reads a known, non-null object value (the Raw of a configuration,
// plan or state) into a model.
func (o *Object[T]) Decode(ctx context.Context, raw tftypes.Value) (T, error) {
	var model T
	if !raw.IsKnown() || raw.IsNull() {
		return model, errors.New("tfmodel: cannot decode a null or unknown object")
	}
	var values map[string]tftypes.Value
	if err := raw.As(&values); err != nil {
		return model, fmt.Errorf("tfmodel: %w", err)
	}
	if len(values) != len(o.objType.AttributeTypes) {
		return model, fmt.Errorf("tfmodel: the value has %d attributes, its type %d", len(values), len(o.objType.AttributeTypes))
	}
	target := reflect.ValueOf(&model).Elem()
	for _, f := range o.fields {
		v, ok := values[f.name]
		if !ok {
			return model, fmt.Errorf("tfmodel: the value has no attribute %q", f.name)
		}
		if err := f.decode(ctx, v, target.FieldByIndex(f.index)); err != nil {
			return model, fmt.Errorf("tfmodel: attribute %q: %w", f.name, err)
		}
	}
	return model, nil
}

// decode sets one field as its attribute type's ValueFromTerraform would.
func (f field) decode(ctx context.Context, v tftypes.Value, target reflect.Value) error {
	switch f.kind {
	case stringKind:
		p, _ := target.Addr().Interface().(*basetypes.StringValue) // New checked the type
		switch {
		case !v.IsKnown():
			*p = basetypes.NewStringUnknown()
		case v.IsNull():
			*p = basetypes.NewStringNull()
		default:
			var s string
			if err := v.As(&s); err != nil {
				return err
			}
			*p = basetypes.NewStringValue(s)
		}
		return nil
	case boolKind:
		p, _ := target.Addr().Interface().(*basetypes.BoolValue) // New checked the type
		switch {
		case !v.IsKnown():
			*p = basetypes.NewBoolUnknown()
		case v.IsNull():
			*p = basetypes.NewBoolNull()
		default:
			var b bool
			if err := v.As(&b); err != nil {
				return err
			}
			*p = basetypes.NewBoolValue(b)
		}
		return nil
	}
	if (v.IsNull() || !v.IsKnown()) && v.Type() != nil && v.Type().Equal(f.tfType) {
		if v.IsNull() {
			target.Set(f.null)
		} else {
			target.Set(f.unknown)
		}
		return nil
	}
	// Numbers too: Int64Type's checks of integers and their range are its own.
	value, err := f.typ.ValueFromTerraform(ctx, v)
	if err != nil {
		return err
	}
	target.Set(reflect.ValueOf(value))
	return nil
}

// Encode writes a model as an object value, the Raw of a plan or state.
func (o *Object[T]) Encode(ctx context.Context, model *T) (tftypes.Value, error) {
	if o.part {
		return tftypes.Value{}, errors.New("tfmodel: a part of an object is written with EncodeInto")
	}
	return o.encode(ctx, model, make(map[string]tftypes.Value, len(o.fields)))
}

// EncodeInto writes a model's attributes into raw, a known object value of
// the codec's type, and returns the result; raw's other attributes stay.
func (o *Object[T]) EncodeInto(ctx context.Context, raw tftypes.Value, model *T) (tftypes.Value, error) {
	if !raw.IsKnown() || raw.IsNull() {
		return tftypes.Value{}, errors.New("tfmodel: cannot write into a null or unknown object")
	}
	var values map[string]tftypes.Value
	if err := raw.As(&values); err != nil {
		return tftypes.Value{}, fmt.Errorf("tfmodel: %w", err)
	}
	return o.encode(ctx, model, values)
}

func (o *Object[T]) encode(ctx context.Context, model *T, values map[string]tftypes.Value) (tftypes.Value, error) {
	source := reflect.ValueOf(model).Elem()
	for _, f := range o.fields {
		v, err := f.encode(ctx, source.FieldByIndex(f.index))
		if err != nil {
			return tftypes.Value{}, fmt.Errorf("tfmodel: attribute %q: %w", f.name, err)
		}
		values[f.name] = v
	}
	return newObjectValue(o.objType, values)
}

// encode is one field's ToTerraformValue.
func (f field) encode(ctx context.Context, source reflect.Value) (tftypes.Value, error) {
	switch f.kind {
	case stringKind:
		s, _ := source.Addr().Interface().(*basetypes.StringValue) // New checked the type
		return primitiveValue(tftypes.String, s.IsNull(), s.IsUnknown(), s.ValueString()), nil
	case boolKind:
		b, _ := source.Addr().Interface().(*basetypes.BoolValue) // New checked the type
		return primitiveValue(tftypes.Bool, b.IsNull(), b.IsUnknown(), b.ValueBool()), nil
	case int64Kind:
		n, _ := source.Addr().Interface().(*basetypes.Int64Value) // New checked the type
		return primitiveValue(tftypes.Number, n.IsNull(), n.IsUnknown(), n.ValueInt64()), nil
	}
	value, _ := source.Interface().(attr.Value) // New checked the type
	switch {
	case value.IsUnknown():
		return tftypes.NewValue(f.tfType, tftypes.UnknownValue), nil
	case value.IsNull():
		return tftypes.NewValue(f.tfType, nil), nil
	}
	return value.ToTerraformValue(ctx)
}

func primitiveValue(typ tftypes.Type, null, unknown bool, v any) tftypes.Value {
	switch {
	case unknown:
		return tftypes.NewValue(typ, tftypes.UnknownValue)
	case null:
		return tftypes.NewValue(typ, nil)
	}
	return tftypes.NewValue(typ, v)
}

// newObjectValue is tftypes.NewValue, which checks the values against the type
// itself and panics where ValidateValue, checking them again, would return
// an error: a value of another type is a provider bug, returned as such.
func newObjectValue(typ tftypes.Object, values map[string]tftypes.Value) (v tftypes.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("tfmodel: %v", r)
		}
	}()
	return tftypes.NewValue(typ, values), nil
}

// FromValue reads a nested object into a model. ok is false for a null or
// unknown object, which has no attributes to read.
func (o *Object[T]) FromValue(obj basetypes.ObjectValue) (model T, ok bool, err error) {
	if obj.IsNull() || obj.IsUnknown() {
		return model, false, nil
	}
	attrs := obj.Attributes()
	if len(attrs) != len(o.objType.AttributeTypes) {
		return model, false, fmt.Errorf("tfmodel: the object has %d attributes, %T has %d", len(attrs), model, len(o.fields))
	}
	target := reflect.ValueOf(&model).Elem()
	for _, f := range o.fields {
		value, found := attrs[f.name]
		if !found {
			return model, false, fmt.Errorf("tfmodel: the object has no attribute %q", f.name)
		}
		v := reflect.ValueOf(value)
		field := target.FieldByIndex(f.index)
		if v.Type() != field.Type() {
			return model, false, fmt.Errorf("tfmodel: attribute %q holds %s, not %s", f.name, v.Type(), field.Type())
		}
		field.Set(v)
	}
	return model, true, nil
}

// ToValue writes a model as a known object of the codec's type.
func (o *Object[T]) ToValue(model T) (basetypes.ObjectValue, error) {
	if o.part {
		return basetypes.ObjectValue{}, errors.New("tfmodel: a part of an object cannot be a whole object")
	}
	source := reflect.ValueOf(&model).Elem()
	attrs := make(map[string]attr.Value, len(o.fields))
	for _, f := range o.fields {
		value, _ := source.FieldByIndex(f.index).Interface().(attr.Value) // New checked the type
		attrs[f.name] = value
	}
	obj, diags := basetypes.NewObjectValue(o.attrTypes, attrs)
	if diags.HasError() {
		return obj, fmt.Errorf("tfmodel: %s: %s", diags[0].Summary(), diags[0].Detail())
	}
	return obj, nil
}

// AttrTypesOf derives the attribute types of a model whose fields are all
// strings, numbers and bools, so a read-only object attribute's schema can
// take its types from the model instead of a list written beside it.
// Collections and nested objects need their element or attribute types,
// which a model's field does not carry: give those a schema attribute.
func AttrTypesOf[T any]() (map[string]attr.Type, error) {
	model := reflect.TypeFor[T]()
	if model.Kind() != reflect.Struct {
		return nil, fmt.Errorf("tfmodel: model %s is not a struct", model)
	}
	tagged := map[string][]int{}
	if err := collectFields(model, nil, tagged); err != nil {
		return nil, err
	}
	out := make(map[string]attr.Type, len(tagged))
	for name, index := range tagged {
		f := model.FieldByIndex(index)
		typ, ok := flatTypes[f.Type]
		if !ok {
			return nil, fmt.Errorf("tfmodel: field %s of %s is %s; AttrTypesOf takes strings, numbers and bools only",
				f.Name, model, f.Type)
		}
		out[name] = typ
	}
	return out, nil
}

var flatTypes = map[reflect.Type]attr.Type{
	reflect.TypeFor[basetypes.StringValue]():  basetypes.StringType{},
	reflect.TypeFor[basetypes.Int64Value]():   basetypes.Int64Type{},
	reflect.TypeFor[basetypes.Int32Value]():   basetypes.Int32Type{},
	reflect.TypeFor[basetypes.Float64Value](): basetypes.Float64Type{},
	reflect.TypeFor[basetypes.BoolValue]():    basetypes.BoolType{},
	reflect.TypeFor[basetypes.NumberValue]():  basetypes.NumberType{},
}

// NullModel is a model with every attribute null, each of its own type, as
// a nested object the configuration leaves out reads.
func (o *Object[T]) NullModel() T {
	var model T
	target := reflect.ValueOf(&model).Elem()
	for _, f := range o.fields {
		target.FieldByIndex(f.index).Set(f.null)
	}
	return model
}

// Names are the attribute names a model's fields are tagged with, sorted:
// for a schema that takes its attributes by the model's names.
func Names[T any]() ([]string, error) {
	tagged := map[string][]int{}
	if err := collectFields(reflect.TypeFor[T](), nil, tagged); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(tagged))
	for name := range tagged {
		names = append(names, name)
	}
	sort.Strings(names)
	return names, nil
}
