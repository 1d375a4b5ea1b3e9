package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/scfprovider/terraform-provider-scf/internal/tfmodel"
)

// codec converts the values of one object type to and from its model
// without the framework's reflection (see package tfmodel). It is made once,
// at start, from the schema, so the schema is the one place the attribute
// types are written; a model that does not match it is a provider bug that
// every use reports (TestCodecsMatchSchema makes every codec).
type codec[T any] struct {
	object *tfmodel.Object[T]
	err    error
}

func newCodec[T any](attrTypes map[string]attr.Type) codec[T] {
	o, err := tfmodel.New[T](context.Background(), attrTypes)
	return codec[T]{object: o, err: err}
}

// partCodec is the codec of a group of attributes of an object (see
// tfmodel.NewPart).
func partCodec[T any](attrTypes map[string]attr.Type) codec[T] {
	o, err := tfmodel.NewPart[T](context.Background(), attrTypes)
	return codec[T]{object: o, err: err}
}

// nestedCodec is the codec of a nested attribute's objects: the attribute's
// own for a single object, its elements' for a list of objects.
func nestedCodec[T any](a interface{ GetType() attr.Type }) codec[T] {
	typ := a.GetType()
	if list, ok := typ.(basetypes.ListType); ok {
		typ = list.ElemType
	}
	obj, ok := typ.(basetypes.ObjectType)
	if !ok {
		return codec[T]{err: fmt.Errorf("the model %T is for an attribute of type %s, not of objects", *new(T), typ)}
	}
	return newCodec[T](obj.AttrTypes)
}

// flatCodec is the codec of a model of strings, numbers and bools: the
// model is the one place its attribute types are written, for read-only
// object attributes whose schema needs them.
func flatCodec[T any]() codec[T] {
	attrTypes, err := tfmodel.AttrTypesOf[T]()
	if err != nil {
		return codec[T]{err: err}
	}
	return newCodec[T](attrTypes)
}

func (c codec[T]) bug(diags *diag.Diagnostics) bool {
	if c.err != nil {
		addProviderBug(diags, summaryProviderBug, c.err.Error())
	}
	return c.err != nil
}

// error is what went wrong making the codec, nil when nothing did.
func (c codec[T]) error() error { return c.err }

// attrTypes are the attribute types of the codec's objects.
func (c codec[T]) attrTypes() map[string]attr.Type {
	if c.err != nil {
		return nil
	}
	return c.object.AttrTypes()
}

func (c codec[T]) objectType() types.ObjectType { return types.ObjectType{AttrTypes: c.attrTypes()} }

func (c codec[T]) null() types.Object { return types.ObjectNull(c.attrTypes()) }

func (c codec[T]) unknown() types.Object { return types.ObjectUnknown(c.attrTypes()) }

func (c codec[T]) nullList() types.List { return types.ListNull(c.objectType()) }

// get reads an object into its model; ok is false when the object is null
// or unknown, or does not match the model (reported).
func (c codec[T]) get(obj types.Object, diags *diag.Diagnostics) (model T, ok bool) {
	if c.bug(diags) {
		return model, false
	}
	model, ok, err := c.object.FromValue(obj)
	if err != nil {
		addProviderBug(diags, summaryProviderBug, err.Error())
	}
	return model, ok
}

// nullModel is a model of nulls, each of its attribute's type.
func (c codec[T]) nullModel(diags *diag.Diagnostics) T {
	if c.bug(diags) {
		return *new(T)
	}
	return c.object.NullModel()
}

// value writes a model as a known object.
func (c codec[T]) value(model T, diags *diag.Diagnostics) types.Object {
	if c.bug(diags) {
		return types.ObjectNull(nil)
	}
	obj, err := c.object.ToValue(model)
	if err != nil {
		addProviderBug(diags, summaryProviderBug, err.Error())
	}
	return obj
}

// list writes models as a known list of objects.
func (c codec[T]) list(models []T, diags *diag.Diagnostics) types.List {
	elems := make([]attr.Value, 0, len(models))
	for _, m := range models {
		elems = append(elems, c.value(m, diags))
	}
	l, d := types.ListValue(c.objectType(), elems)
	diags.Append(d...)
	return l
}

// elements reads a known list of objects into models; nil for a null or
// unknown list.
func (c codec[T]) elements(l types.List, diags *diag.Diagnostics) []T {
	if l.IsNull() || l.IsUnknown() {
		return nil
	}
	out := make([]T, 0, len(l.Elements()))
	for _, e := range l.Elements() {
		obj, isObject := e.(types.Object)
		if !isObject {
			addProviderBug(diags, summaryProviderBug, fmt.Sprintf("a list of %T holds a %T", *new(T), e))
			return nil
		}
		if m, ok := c.get(obj, diags); ok {
			out = append(out, m)
		}
	}
	return out
}

// decode reads a configuration, plan or state (a known object) into its
// model.
func (c codec[T]) decode(ctx context.Context, raw tftypes.Value, diags *diag.Diagnostics) (model T, ok bool) {
	if c.bug(diags) {
		return model, false
	}
	model, err := c.object.Decode(ctx, raw)
	if err != nil {
		addProviderBug(diags, summaryProviderBug, err.Error())
		return model, false
	}
	return model, true
}

// encodeInto writes a model's attributes into a plan or state, leaving the
// others as they are.
func (c codec[T]) encodeInto(ctx context.Context, model *T, raw *tftypes.Value, diags *diag.Diagnostics) {
	if c.bug(diags) {
		return
	}
	v, err := c.object.EncodeInto(ctx, *raw, model)
	if err != nil {
		addProviderBug(diags, summaryProviderBug, err.Error())
		return
	}
	*raw = v
}

// encode writes a model as a plan or state.
func (c codec[T]) encode(ctx context.Context, model *T, raw *tftypes.Value, diags *diag.Diagnostics) {
	if c.bug(diags) {
		return
	}
	v, err := c.object.Encode(ctx, model)
	if err != nil {
		addProviderBug(diags, summaryProviderBug, err.Error())
		return
	}
	*raw = v
}
