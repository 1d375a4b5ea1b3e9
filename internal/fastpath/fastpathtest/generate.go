package fastpathtest

import (
	"math/big"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Dictionary holds the values generated configurations and states draw
// from. They are few, and chosen per attribute where that matters, so that
// many generated configurations are valid and reach the fast paths.
type Dictionary struct {
	// Strings and Numbers serve every attribute (and map element) that
	// StringsOf and NumbersOf, by attribute name, do not.
	Strings   []string
	StringsOf map[string][]string
	Numbers   []*big.Float
	NumbersOf map[string][]*big.Float
	// Keys are the keys of generated maps.
	Keys []string
	// ExtraNulls weighs null against the other choices for an attribute:
	// with 0, half the attributes are null, one in eight unknown; a schema
	// of many attributes wants more nulls for its configurations to be
	// valid.
	ExtraNulls int
	// Usual names attributes set three times in four (null or unknown the
	// rest), whatever ExtraNulls says: those most configurations set.
	Usual map[string]bool
}

// Numbers makes a dictionary's numbers out of float64s.
func Numbers(values ...float64) []*big.Float {
	out := make([]*big.Float, len(values))
	for i, v := range values {
		out[i] = big.NewFloat(v)
	}
	return out
}

// TooLargeForInt64 is a number that no Int64 attribute can hold.
func TooLargeForInt64() *big.Float { return new(big.Float).SetMantExp(big.NewFloat(1), 70) }

// Source turns a fuzz input into the choices of a generator: one byte per
// choice, and every choice 0 once the input is used up, so that short
// inputs make small values (mostly null).
type Source struct {
	data []byte
}

// NewSource reads choices from data.
func NewSource(data []byte) *Source { return &Source{data: data} }

// Choose returns a choice among n (n > 0).
func (s *Source) Choose(n int) int {
	if len(s.data) == 0 {
		return 0
	}
	b := s.data[0]
	s.data = s.data[1:]
	return int(b) % n
}

// Object generates a known object of typ, each attribute null, unknown or
// set (nested objects the same way, attribute by attribute).
func (s *Source) Object(typ tftypes.Object, d Dictionary) tftypes.Value {
	values := make(map[string]tftypes.Value, len(typ.AttributeTypes))
	for _, name := range sortedNames(typ.AttributeTypes) {
		values[name] = s.value(name, typ.AttributeTypes[name], d)
	}
	return tftypes.NewValue(typ, values)
}

// value generates a value of typ for the attribute name: null, unknown or
// known (see Dictionary.ExtraNulls).
func (s *Source) value(name string, typ tftypes.Type, d Dictionary) tftypes.Value {
	if d.Usual[name] {
		switch s.Choose(8) {
		case 0:
			return tftypes.NewValue(typ, nil)
		case 1:
			return tftypes.NewValue(typ, tftypes.UnknownValue)
		}
		return s.known(name, typ, d)
	}
	switch c := s.Choose(8 + d.ExtraNulls); {
	case c < 4+d.ExtraNulls:
		return tftypes.NewValue(typ, nil)
	case c == 4+d.ExtraNulls:
		return tftypes.NewValue(typ, tftypes.UnknownValue)
	}
	return s.known(name, typ, d)
}

// known generates a known value of typ, whose parts may be null or
// unknown.
func (s *Source) known(name string, typ tftypes.Type, d Dictionary) tftypes.Value {
	switch typ := typ.(type) {
	case tftypes.Object:
		return s.Object(typ, d)
	case tftypes.List:
		elems := make([]tftypes.Value, s.Choose(3))
		for i := range elems {
			elems[i] = s.element(name, typ.ElementType, d)
		}
		return tftypes.NewValue(typ, elems)
	case tftypes.Map:
		elems := map[string]tftypes.Value{}
		for range s.Choose(3) {
			elems[pick(s, d.Keys, "k")] = s.element(name, typ.ElementType, d)
		}
		return tftypes.NewValue(typ, elems)
	}
	return s.primitive(name, typ, d)
}

// element generates an element of a list or map: known, with its own parts
// null or unknown, as Terraform allows only for elements of objects.
func (s *Source) element(name string, typ tftypes.Type, d Dictionary) tftypes.Value {
	if _, ok := typ.(tftypes.Object); ok {
		return s.known(name, typ, d)
	}
	if s.Choose(8) == 0 {
		return tftypes.NewValue(typ, tftypes.UnknownValue)
	}
	return s.known(name, typ, d)
}

func (s *Source) primitive(name string, typ tftypes.Type, d Dictionary) tftypes.Value {
	switch {
	case typ.Is(tftypes.String):
		choices := d.Strings
		if c, ok := d.StringsOf[name]; ok {
			choices = c
		}
		return tftypes.NewValue(tftypes.String, pick(s, choices, ""))
	case typ.Is(tftypes.Number):
		choices := d.Numbers
		if c, ok := d.NumbersOf[name]; ok {
			choices = c
		}
		return tftypes.NewValue(tftypes.Number, pick(s, choices, big.NewFloat(0)))
	case typ.Is(tftypes.Bool):
		return tftypes.NewValue(tftypes.Bool, s.Choose(2) == 1)
	}
	return tftypes.NewValue(typ, nil)
}

func pick[T any](s *Source, choices []T, none T) T {
	if len(choices) == 0 {
		return none
	}
	return choices[s.Choose(len(choices))]
}

// Known fills in every unknown part of v with a known value, as the service
// reports what a plan left unknown: the prior state of an instance. It
// walks v in a fixed order (names and keys sorted), so that one input
// always makes one state.
func (s *Source) Known(v tftypes.Value, d Dictionary) tftypes.Value { return s.knownValue("", v, d) }

func (s *Source) knownValue(name string, v tftypes.Value, d Dictionary) tftypes.Value {
	if !v.IsKnown() {
		return s.fullyKnown(name, v.Type(), d)
	}
	if v.IsNull() {
		return v
	}
	switch typ := v.Type().(type) {
	case tftypes.Object:
		var values map[string]tftypes.Value
		if v.As(&values) != nil {
			return v
		}
		for _, n := range sortedNames(values) {
			values[n] = s.knownValue(n, values[n], d)
		}
		return tftypes.NewValue(typ, values)
	case tftypes.List:
		var elems []tftypes.Value
		if v.As(&elems) != nil {
			return v
		}
		for i := range elems {
			elems[i] = s.knownValue(name, elems[i], d)
		}
		return tftypes.NewValue(typ, elems)
	case tftypes.Map:
		var elems map[string]tftypes.Value
		if v.As(&elems) != nil {
			return v
		}
		for _, k := range sortedNames(elems) {
			elems[k] = s.knownValue(name, elems[k], d)
		}
		return tftypes.NewValue(typ, elems)
	}
	return v
}

// fullyKnown generates a value of typ without unknowns: null or set.
func (s *Source) fullyKnown(name string, typ tftypes.Type, d Dictionary) tftypes.Value {
	switch typ := typ.(type) {
	case tftypes.Object:
		values := make(map[string]tftypes.Value, len(typ.AttributeTypes))
		for _, n := range sortedNames(typ.AttributeTypes) {
			if s.Choose(2) == 0 {
				values[n] = tftypes.NewValue(typ.AttributeTypes[n], nil)
			} else {
				values[n] = s.fullyKnown(n, typ.AttributeTypes[n], d)
			}
		}
		return tftypes.NewValue(typ, values)
	case tftypes.List:
		elems := make([]tftypes.Value, s.Choose(2))
		for i := range elems {
			elems[i] = s.fullyKnown(name, typ.ElementType, d)
		}
		return tftypes.NewValue(typ, elems)
	case tftypes.Map:
		elems := map[string]tftypes.Value{}
		for range s.Choose(2) {
			elems[pick(s, d.Keys, "k")] = s.fullyKnown(name, typ.ElementType, d)
		}
		return tftypes.NewValue(typ, elems)
	}
	return s.primitive(name, typ, d)
}

func sortedNames[T any](m map[string]T) []string {
	names := make([]string, 0, len(m))
	for name := range m {
		names = append(names, name)
	}
	sort.Strings(names)
	return names
}

// ProposedNew is the proposed new state Terraform sends to plan an update
// from prior to config (objchange.ProposedNew, for attributes): the
// configuration, except that a computed attribute the configuration leaves
// null keeps its prior value, and nested attributes the same, by index in
// lists.
func ProposedNew(attrs map[string]schema.Attribute, config, prior tftypes.Value) tftypes.Value {
	var c, p map[string]tftypes.Value
	if !config.IsKnown() || config.IsNull() || config.As(&c) != nil {
		return config
	}
	if prior.IsKnown() && !prior.IsNull() && prior.As(&p) != nil {
		return config
	}
	out := make(map[string]tftypes.Value, len(c))
	for name, cv := range c {
		a := attrs[name]
		pv, hasPrior := p[name]
		switch {
		case a == nil || !hasPrior:
			out[name] = cv
		case a.IsComputed() && cv.IsNull():
			out[name] = pv
		default:
			out[name] = proposedNested(a, cv, pv)
		}
	}
	return tftypes.NewValue(config.Type(), out)
}

func proposedNested(a schema.Attribute, config, prior tftypes.Value) tftypes.Value {
	if !config.IsKnown() || config.IsNull() || !prior.IsKnown() || prior.IsNull() {
		return config
	}
	switch a := a.(type) {
	case schema.SingleNestedAttribute:
		return ProposedNew(a.Attributes, config, prior)
	case schema.ListNestedAttribute:
		var c, p []tftypes.Value
		if config.As(&c) != nil || prior.As(&p) != nil {
			return config
		}
		out := make([]tftypes.Value, len(c))
		for i, cv := range c {
			out[i] = cv
			if i < len(p) {
				out[i] = ProposedNew(a.NestedObject.Attributes, cv, p[i])
			}
		}
		return tftypes.NewValue(config.Type(), out)
	}
	return config
}
