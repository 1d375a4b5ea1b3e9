package fakescf

import (
	"encoding/json"
	"maps"
	"net/url"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// decode reads the action's parameters into v: the JSON body of a POST, or
// the query string of a GET turned into the same JSON, so that both go
// through one strict decoder and answer the same errors.
func (c *call) decode(v any) *apiError {
	if c.form == nil {
		return decodeBody(c.body, v)
	}
	body, aerr := formToJSON(c.form, reflect.TypeOf(v).Elem())
	if aerr != nil {
		return aerr
	}
	return decodeBody(body, v)
}

// formNode is one segment of the flattened parameter names: a value, or
// the names nested under it.
type formNode struct {
	value *string
	kids  map[string]*formNode
}

var rawMessageType = reflect.TypeFor[json.RawMessage]()

// formToJSON rebuilds the JSON object that the SDKs flattened into
// "A.B.0.C=value" pairs. The query carries only strings, so the target type
// decides which values become numbers or booleans; a value that does not
// parse stays a string, and the decoder then reports the wrong type.
func formToJSON(form url.Values, t reflect.Type) ([]byte, *apiError) {
	root := &formNode{kids: map[string]*formNode{}}
	for name, values := range form {
		if len(values) != 1 {
			return nil, errf("InvalidParameter.Payload", "parameter %s is given %d times", truncate(name, 100), len(values))
		}
		if aerr := root.insert(name, values[0]); aerr != nil {
			return nil, aerr
		}
	}
	tree, aerr := root.render(t, "")
	if aerr != nil {
		return nil, aerr
	}
	body, err := json.Marshal(tree)
	if err != nil {
		return nil, errf("InvalidParameter.Payload", "the query string could not be read")
	}
	return body, nil
}

func (n *formNode) insert(name, value string) *apiError {
	segs := strings.Split(name, ".")
	if len(segs) > maxJSONDepth {
		return errf("InvalidParameter.Payload", "parameter %s nests deeper than %d levels", truncate(name, 100), maxJSONDepth)
	}
	for _, seg := range segs {
		if seg == "" {
			return errf("InvalidParameter.Payload", "parameter name %q has an empty part", truncate(name, 100))
		}
		if n.value != nil {
			return errf("InvalidParameter.Payload", "parameter %s is given both as a value and as a structure", truncate(name, 100))
		}
		if n.kids == nil {
			n.kids = map[string]*formNode{}
		}
		kid := n.kids[seg]
		if kid == nil {
			kid = &formNode{}
			n.kids[seg] = kid
		}
		n = kid
	}
	if n.kids != nil {
		return errf("InvalidParameter.Payload", "parameter %s is given both as a value and as a structure", truncate(name, 100))
	}
	n.value = &value
	return nil
}

// render converts the node to the JSON value a POST would carry for type t;
// t is nil where the name matches no field (the decoder then reports
// UnknownParameter).
func (n *formNode) render(t reflect.Type, path string) (any, *apiError) {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if n.value != nil {
		return scalar(*n.value, t), nil
	}
	switch {
	case t == nil || t == rawMessageType || t.Kind() == reflect.Interface:
		return n.renderObject(func(string) reflect.Type { return nil }, path)
	case t.Kind() == reflect.Slice:
		return n.renderList(t.Elem(), path)
	case t.Kind() == reflect.Struct:
		return n.renderObject(func(name string) reflect.Type { return fieldType(t, name) }, path)
	}
	// A structure where the type wants a scalar: let the decoder say so.
	return n.renderObject(func(string) reflect.Type { return nil }, path)
}

func (n *formNode) renderObject(typeOf func(string) reflect.Type, path string) (any, *apiError) {
	out := make(map[string]any, len(n.kids))
	for name, kid := range n.kids {
		v, aerr := kid.render(typeOf(name), join(path, name))
		if aerr != nil {
			return nil, aerr
		}
		out[name] = v
	}
	return out, nil
}

// renderList requires the indexes 0..n-1, each once, as the SDKs write them.
func (n *formNode) renderList(elem reflect.Type, path string) (any, *apiError) {
	out := make([]any, len(n.kids))
	for _, name := range slices.Sorted(maps.Keys(n.kids)) {
		i, err := strconv.Atoi(name)
		if err != nil || i < 0 || i >= len(out) || strconv.Itoa(i) != name {
			return nil, errf("InvalidParameter.Payload", "the items of list parameter %s must be numbered 0 to %d; got %q",
				truncate(path, 100), len(out)-1, truncate(name, 16))
		}
		v, aerr := n.kids[name].render(elem, join(path, name))
		if aerr != nil {
			return nil, aerr
		}
		out[i] = v
	}
	return out, nil
}

// scalar types a query value by the field it fills. Python sends booleans
// as True/False and PHP as 1/0, which strconv.ParseBool all accepts.
func scalar(s string, t reflect.Type) any {
	if t == nil {
		return s
	}
	switch t.Kind() {
	case reflect.Bool:
		if b, err := strconv.ParseBool(s); err == nil {
			return b
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if i, err := strconv.ParseInt(s, 10, 64); err == nil {
			return i
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if u, err := strconv.ParseUint(s, 10, 64); err == nil {
			return u
		}
	case reflect.Float32, reflect.Float64:
		if _, err := strconv.ParseFloat(s, 64); err == nil && json.Valid([]byte(s)) {
			return json.Number(s)
		}
	}
	return s
}

// fieldType finds the field encoding/json would fill: the exact name, or
// failing that a case-insensitive match.
func fieldType(t reflect.Type, name string) reflect.Type {
	if f, ok := t.FieldByName(name); ok && f.IsExported() {
		return f.Type
	}
	for i := range t.NumField() {
		if f := t.Field(i); f.IsExported() && strings.EqualFold(f.Name, name) {
			return f.Type
		}
	}
	return nil
}

func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}
