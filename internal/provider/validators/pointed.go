package validators

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// Pointed wraps every validator of attrs, and of the attributes nested in
// them, so that the diagnostics each reports about an attribute point where
// PointAt says: the framework's own validators (stringvalidator and the
// like) report at the attribute's full path, which Terraform shows as the
// wrong line or only as the resource's first line for nested attributes.
// The validators' texts are not changed. Attribute kinds the resource does
// not use are left alone; a test checks that none holds a validator.
func Pointed(attrs map[string]schema.Attribute) map[string]schema.Attribute {
	out := make(map[string]schema.Attribute, len(attrs))
	for name, a := range attrs {
		out[name] = pointedAttribute(a)
	}
	return out
}

func pointedAttribute(a schema.Attribute) schema.Attribute {
	switch a := a.(type) {
	case schema.StringAttribute:
		a.Validators = wrapAll(a.Validators, func(v validator.String) validator.String { return pointedString{v} })
		return a
	case schema.Int64Attribute:
		a.Validators = wrapAll(a.Validators, func(v validator.Int64) validator.Int64 { return pointedInt64{v} })
		return a
	case schema.MapAttribute:
		a.Validators = wrapAll(a.Validators, func(v validator.Map) validator.Map { return pointedMap{v} })
		return a
	case schema.SetAttribute:
		a.Validators = wrapAll(a.Validators, func(v validator.Set) validator.Set { return pointedSet{v} })
		return a
	case schema.SingleNestedAttribute:
		a.Validators = wrapAll(a.Validators, func(v validator.Object) validator.Object { return pointedObject{v} })
		a.Attributes = Pointed(a.Attributes)
		return a
	case schema.ListNestedAttribute:
		a.Validators = wrapAll(a.Validators, func(v validator.List) validator.List { return pointedList{v} })
		a.NestedObject.Validators = wrapAll(a.NestedObject.Validators, func(v validator.Object) validator.Object { return pointedObject{v} })
		a.NestedObject.Attributes = Pointed(a.NestedObject.Attributes)
		return a
	case schema.SetNestedAttribute:
		a.Validators = wrapAll(a.Validators, func(v validator.Set) validator.Set { return pointedSet{v} })
		a.NestedObject.Validators = wrapAll(a.NestedObject.Validators, func(v validator.Object) validator.Object { return pointedObject{v} })
		a.NestedObject.Attributes = Pointed(a.NestedObject.Attributes)
		return a
	}
	return a
}

func wrapAll[V any](vs []V, wrap func(V) V) []V {
	if len(vs) == 0 {
		return vs
	}
	out := make([]V, len(vs))
	for i, v := range vs {
		out[i] = wrap(v)
	}
	return out
}

// IsPointed reports whether v is a validator wrapped by Pointed.
func IsPointed(v any) bool {
	switch v.(type) {
	case pointedString, pointedInt64, pointedMap, pointedObject, pointedList, pointedSet:
		return true
	}
	return false
}

// repoint moves the diagnostics that carry an attribute path to PointAt.
func repoint(ctx context.Context, config tfsdk.Config, diags diag.Diagnostics) diag.Diagnostics {
	if len(diags) == 0 {
		return nil
	}
	out := make(diag.Diagnostics, 0, len(diags))
	for _, d := range diags {
		wp, ok := d.(diag.DiagnosticWithPath)
		if !ok {
			out = append(out, d)
			continue
		}
		at := PointAt(ctx, config, wp.Path())
		switch {
		case at.Equal(wp.Path()):
			out = append(out, d)
		case len(at.Steps()) == 0 && d.Severity() == diag.SeverityWarning:
			out = append(out, diag.NewWarningDiagnostic(d.Summary(), d.Detail()))
		case len(at.Steps()) == 0:
			out = append(out, diag.NewErrorDiagnostic(d.Summary(), d.Detail()))
		case d.Severity() == diag.SeverityWarning:
			out = append(out, diag.NewAttributeWarningDiagnostic(at, d.Summary(), d.Detail()))
		default:
			out = append(out, diag.NewAttributeErrorDiagnostic(at, d.Summary(), d.Detail()))
		}
	}
	return out
}

type pointedString struct{ validator.String }

func (v pointedString) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	var inner validator.StringResponse
	v.String.ValidateString(ctx, req, &inner)
	resp.Diagnostics.Append(repoint(ctx, req.Config, inner.Diagnostics)...)
}

type pointedInt64 struct{ validator.Int64 }

func (v pointedInt64) ValidateInt64(ctx context.Context, req validator.Int64Request, resp *validator.Int64Response) {
	var inner validator.Int64Response
	v.Int64.ValidateInt64(ctx, req, &inner)
	resp.Diagnostics.Append(repoint(ctx, req.Config, inner.Diagnostics)...)
}

type pointedMap struct{ validator.Map }

func (v pointedMap) ValidateMap(ctx context.Context, req validator.MapRequest, resp *validator.MapResponse) {
	var inner validator.MapResponse
	v.Map.ValidateMap(ctx, req, &inner)
	resp.Diagnostics.Append(repoint(ctx, req.Config, inner.Diagnostics)...)
}

type pointedObject struct{ validator.Object }

func (v pointedObject) ValidateObject(ctx context.Context, req validator.ObjectRequest, resp *validator.ObjectResponse) {
	var inner validator.ObjectResponse
	v.Object.ValidateObject(ctx, req, &inner)
	resp.Diagnostics.Append(repoint(ctx, req.Config, inner.Diagnostics)...)
}

type pointedList struct{ validator.List }

func (v pointedList) ValidateList(ctx context.Context, req validator.ListRequest, resp *validator.ListResponse) {
	var inner validator.ListResponse
	v.List.ValidateList(ctx, req, &inner)
	resp.Diagnostics.Append(repoint(ctx, req.Config, inner.Diagnostics)...)
}

type pointedSet struct{ validator.Set }

func (v pointedSet) ValidateSet(ctx context.Context, req validator.SetRequest, resp *validator.SetResponse) {
	var inner validator.SetResponse
	v.Set.ValidateSet(ctx, req, &inner)
	resp.Diagnostics.Append(repoint(ctx, req.Config, inner.Diagnostics)...)
}
