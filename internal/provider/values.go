package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/scfprovider/terraform-provider-scf/internal/tfmodel"
)

// Conversions between the framework's values and the API's, shared by every
// object of the provider: null and unknown values are not sent, and values
// the service reports at their default read as null where the configuration
// left them out.

// objectAs converts a known, non-null object into its model; ok is false
// for null or unknown objects so callers treat them as "not configured".
func objectAs[T any](ctx context.Context, obj types.Object, diags *diag.Diagnostics) (model T, ok bool) {
	if obj.IsNull() || obj.IsUnknown() {
		return model, false
	}
	diags.Append(obj.As(ctx, &model, basetypes.ObjectAsOptions{})...)
	return model, !diags.HasError()
}

// stringPtr returns nil for null or unknown values, so they are not sent.
func stringPtr(v types.String) *string {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	s := v.ValueString()
	return &s
}

func int64Ptr(v types.Int64) *int64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	n := v.ValueInt64()
	return &n
}

func ptr[T any](v T) *T { return &v }

// stringMap reads a map of strings; empty for a null or unknown map.
func stringMap(m types.Map, diags *diag.Diagnostics) map[string]string {
	out := map[string]string{}
	if m.IsNull() || m.IsUnknown() {
		return out
	}
	for k, v := range m.Elements() {
		s, ok := v.(types.String)
		if !ok {
			addProviderBug(diags, summaryProviderBug, fmt.Sprintf("a map of strings holds a %T", v))
			return out
		}
		out[k] = s.ValueString()
	}
	return out
}

// flattenStringMap is null for no values where the model had none, so
// leaving the attribute out plans cleanly, and an empty map where it had one.
func flattenStringMap(values map[string]string, prior types.Map, diags *diag.Diagnostics) types.Map {
	if len(values) == 0 && (prior.IsNull() || prior.IsUnknown()) {
		return types.MapNull(types.StringType)
	}
	elems := make(map[string]attr.Value, len(values))
	for k, v := range values {
		elems[k] = types.StringValue(v)
	}
	m, d := types.MapValue(types.StringType, elems)
	diags.Append(d...)
	return m
}

func objectValue(ctx context.Context, attrTypes map[string]attr.Type, model any, diags *diag.Diagnostics) types.Object {
	obj, d := types.ObjectValueFrom(ctx, attrTypes, model)
	diags.Append(d...)
	return obj
}

func emptyAsNull(s string) types.String {
	if s == "" {
		return types.StringNull()
	}
	return types.StringValue(s)
}

// serviceTimeRFC3339 converts the service's "2006-01-02 15:04:05" China
// Standard Time stamps into RFC 3339; unparsable values are kept verbatim.
func serviceTimeRFC3339(s string) string {
	t, err := time.ParseInLocation(time.DateTime, s, chinaStandardTime)
	if err != nil {
		return s
	}
	return t.Format(time.RFC3339)
}

var chinaStandardTime = time.FixedZone("CST", 8*60*60)

// apiFlag turns a bool into the API's "TRUE"/"FALSE"; nil for null or unknown.
func apiFlag(b types.Bool) *string {
	if b.IsNull() || b.IsUnknown() {
		return nil
	}
	if b.ValueBool() {
		return ptr(apiTrue)
	}
	return ptr(apiFalse)
}

func boolPtr(b types.Bool) *bool {
	if b.IsNull() || b.IsUnknown() {
		return nil
	}
	v := b.ValueBool()
	return &v
}

func uint64Ptr(v types.Int64) *uint64 {
	if v.IsNull() || v.IsUnknown() {
		return nil
	}
	n := uint64(v.ValueInt64()) //nolint:gosec // validators keep it positive
	return &n
}

// The *UnlessDefault helpers read a setting as null when the model had it
// null and the service reports its default: an unset attribute plans cleanly.
func stringUnlessEmpty(was types.String, v string) types.String {
	if was.IsNull() && v == "" {
		return types.StringNull()
	}
	return types.StringValue(v)
}

func boolUnlessDefault(was types.Bool, v, def bool) types.Bool {
	if was.IsNull() && v == def {
		return types.BoolNull()
	}
	return types.BoolValue(v)
}

func int64UnlessDefault(was types.Int64, v, def int64) types.Int64 {
	if was.IsNull() && v == def {
		return types.Int64Null()
	}
	return types.Int64Value(v)
}

func stringList(values []string, diags *diag.Diagnostics) types.List {
	elems := make([]attr.Value, 0, len(values))
	for _, v := range values {
		elems = append(elems, types.StringValue(v))
	}
	l, d := types.ListValue(types.StringType, elems)
	diags.Append(d...)
	return l
}

func listValue[T any](ctx context.Context, attrTypes map[string]attr.Type, elems []T, diags *diag.Diagnostics) types.List {
	l, d := types.ListValueFrom(ctx, types.ObjectType{AttrTypes: attrTypes}, elems)
	diags.Append(d...)
	return l
}

func deref(s *string) string { return derefOr(s, "") }

func derefOr[T any](p *T, def T) T {
	if p == nil {
		return def
	}
	return *p
}

func nullIfUnknown(s types.String) types.String {
	if s.IsUnknown() {
		return types.StringNull()
	}
	return s
}

// known reports whether an object holds a value.
func known(obj types.Object) bool { return !obj.IsNull() && !obj.IsUnknown() }

const (
	apiTrue  = "TRUE"
	apiFalse = "FALSE"
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
	model, err := c.object.NullModel(context.Background())
	if err != nil {
		addProviderBug(diags, summaryProviderBug, err.Error())
	}
	return model
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

// stringAttr returns a string attribute of an object; null when the object
// has no value or no such string attribute. Together with objectAttr and
// codeFromObject it reads nested values without the framework's reflection.
func stringAttr(obj types.Object, name string) types.String {
	if v, ok := obj.Attributes()[name].(types.String); ok {
		return v
	}
	return types.StringNull()
}

// objectAttr returns an object attribute of an object, or a null object.
func objectAttr(obj types.Object, name string) types.Object {
	if v, ok := obj.Attributes()[name].(types.Object); ok {
		return v
	}
	return types.ObjectNull(nil)
}
