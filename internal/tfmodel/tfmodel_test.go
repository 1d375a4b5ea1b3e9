package tfmodel_test

import (
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/scfprovider/terraform-provider-scf/internal/tfmodel"
)

// embedded stands for a group of attributes kept in a struct of its own.
type embedded struct {
	Flag  types.Bool  `tfsdk:"flag"`
	Count types.Int64 `tfsdk:"count"`
}

type nestedModel struct {
	Inner    types.String `tfsdk:"inner"`
	Computed types.List   `tfsdk:"computed"`
}

type model struct {
	Name    types.String   `tfsdk:"name"`
	Ratio   types.Float64  `tfsdk:"ratio"`
	Tags    types.Map      `tfsdk:"tags"`
	Names   types.List     `tfsdk:"names"`
	Set     types.Set      `tfsdk:"set"`
	Raw     types.Object   `tfsdk:"raw"`
	Nested  types.Object   `tfsdk:"nested"`
	Items   types.List     `tfsdk:"items"`
	Limits  timeouts.Value `tfsdk:"timeouts"`
	Skipped string         `tfsdk:"-"`
	embedded
}

func testSchema(ctx context.Context) schema.Schema {
	nested := map[string]schema.Attribute{
		"inner":    schema.StringAttribute{Optional: true},
		"computed": schema.ListAttribute{Computed: true, ElementType: types.StringType},
	}
	return schema.Schema{Attributes: map[string]schema.Attribute{
		"name":     schema.StringAttribute{Required: true},
		"ratio":    schema.Float64Attribute{Optional: true},
		"tags":     schema.MapAttribute{Optional: true, ElementType: types.StringType},
		"names":    schema.ListAttribute{Optional: true, ElementType: types.StringType},
		"set":      schema.SetAttribute{Optional: true, ElementType: types.Int64Type},
		"raw":      schema.ObjectAttribute{Computed: true, AttributeTypes: map[string]attr.Type{"host": types.StringType}},
		"nested":   schema.SingleNestedAttribute{Optional: true, Attributes: nested},
		"items":    schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{Attributes: nested}},
		"timeouts": timeouts.Attributes(ctx, timeouts.Opts{Create: true}),
		"flag":     schema.BoolAttribute{Optional: true},
		"count":    schema.Int64Attribute{Optional: true},
	}}
}

// TestMatchesFramework: decoding and encoding give what the framework's
// own conversion gives, for values of every kind set, null and unknown, at
// the top level and nested. It fails the day the framework converts
// differently.
func TestMatchesFramework(t *testing.T) {
	ctx := context.Background()
	s := testSchema(ctx)
	typ, ok := s.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("schema type is not an object")
	}
	codec, err := tfmodel.New[model](ctx, s.Type().(basetypes.ObjectType).AttrTypes) //nolint:forcetypeassert // a schema is an object
	if err != nil {
		t.Fatal(err)
	}
	nestedType, ok := s.Attributes["nested"].GetType().(basetypes.ObjectType)
	if !ok {
		t.Fatal("nested is not an object")
	}
	nestedCodec, err := tfmodel.New[nestedModel](ctx, nestedType.AttrTypes)
	if err != nil {
		t.Fatal(err)
	}
	part, err := tfmodel.NewPart[embedded](ctx, s.Type().(basetypes.ObjectType).AttrTypes) //nolint:forcetypeassert // a schema is an object
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2)) //nolint:gosec // reproducible test values
	for i := range 500 {
		raw := randomValue(rng, typ, 0)
		if !raw.IsKnown() || raw.IsNull() {
			continue
		}
		var want model
		if diags := (tfsdk.Config{Schema: s, Raw: raw}).Get(ctx, &want); diags.HasError() {
			t.Fatalf("value %d: framework Get: %v", i, diags)
		}
		got, err := codec.Decode(ctx, raw)
		if err != nil {
			t.Fatalf("value %d: Decode: %v", i, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("value %d: Decode = %+v, framework %+v", i, got, want)
		}
		encoded, err := codec.Encode(ctx, &got)
		if err != nil {
			t.Fatalf("value %d: Encode: %v", i, err)
		}
		plan := tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(typ, nil)}
		if diags := plan.Set(ctx, &want); diags.HasError() {
			t.Fatalf("value %d: framework Set: %v", i, diags)
		}
		if !encoded.Equal(plan.Raw) || !encoded.Equal(raw) {
			t.Fatalf("value %d: Encode = %v, framework %v, decoded from %v", i, encoded, plan.Raw, raw)
		}

		// A part reads its own attributes as the whole does, and writes
		// them without touching the others.
		gotPart, err := part.Decode(ctx, raw)
		if err != nil || !reflect.DeepEqual(gotPart, want.embedded) {
			t.Fatalf("value %d: part Decode = %+v (%v), framework %+v", i, gotPart, err, want.embedded)
		}
		gotPart.Flag, gotPart.Count = types.BoolValue(true), types.Int64Value(int64(i))
		written, err := part.EncodeInto(ctx, raw, &gotPart)
		if err != nil {
			t.Fatalf("value %d: EncodeInto: %v", i, err)
		}
		changed := want
		changed.embedded = gotPart
		plan = tfsdk.Plan{Schema: s, Raw: tftypes.NewValue(typ, nil)}
		if diags := plan.Set(ctx, &changed); diags.HasError() || !written.Equal(plan.Raw) {
			t.Fatalf("value %d: EncodeInto = %v, framework %v (%v)", i, written, plan.Raw, diags)
		}

		var wantNested nestedModel
		gotNested, known, err := nestedCodec.FromValue(got.Nested)
		if err != nil {
			t.Fatalf("value %d: FromValue: %v", i, err)
		}
		if known != (!got.Nested.IsNull() && !got.Nested.IsUnknown()) {
			t.Fatalf("value %d: FromValue known = %v for %v", i, known, got.Nested)
		}
		if !known {
			continue
		}
		if diags := got.Nested.As(ctx, &wantNested, basetypes.ObjectAsOptions{}); diags.HasError() {
			t.Fatalf("value %d: framework As: %v", i, diags)
		}
		if !reflect.DeepEqual(gotNested, wantNested) {
			t.Fatalf("value %d: FromValue = %+v, framework %+v", i, gotNested, wantNested)
		}
		back, err := nestedCodec.ToValue(gotNested)
		wantBack, diags := types.ObjectValueFrom(ctx, nestedType.AttrTypes, wantNested)
		if err != nil || diags.HasError() || !back.Equal(wantBack) || !back.Equal(got.Nested) {
			t.Fatalf("value %d: ToValue = %v (%v), framework %v (%v)", i, back, err, wantBack, diags)
		}
	}
}

// TestNewRefusesMismatches: a tag the schema lacks, an attribute without a
// field and a field of another type are errors that name them, never values
// read as null.
func TestNewRefusesMismatches(t *testing.T) {
	ctx := context.Background()
	attrTypes := map[string]attr.Type{"name": types.StringType, "size": types.Int64Type}
	type misspelt struct {
		Name types.String `tfsdk:"named"`
		Size types.Int64  `tfsdk:"size"`
	}
	type wrongType struct {
		Name types.String `tfsdk:"name"`
		Size types.String `tfsdk:"size"`
	}
	type untagged struct {
		Name types.String
		Size types.Int64 `tfsdk:"size"`
	}
	for _, tc := range []struct {
		name string
		new  func() error
		want []string
	}{
		{"misspelt", func() error { _, err := tfmodel.New[misspelt](ctx, attrTypes); return err },
			[]string{`attribute "name" has no field`, `field tagged "named"`}},
		{"wrong type", func() error { _, err := tfmodel.New[wrongType](ctx, attrTypes); return err },
			[]string{`field Size for attribute "size" is basetypes.StringValue, but its attribute holds basetypes.Int64Value`}},
		{"untagged", func() error { _, err := tfmodel.New[untagged](ctx, attrTypes); return err },
			[]string{"field Name", "has no tfsdk tag"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.new()
			if err == nil {
				t.Fatal("New accepted the model")
			}
			for _, want := range tc.want {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not say %q", err, want)
				}
			}
		})
	}
}

// TestFromValueRefusesOtherObjects: an object of other attribute types is an
// error, not a model of nulls.
func TestFromValueRefusesOtherObjects(t *testing.T) {
	ctx := context.Background()
	codec, err := tfmodel.New[nestedModel](ctx, map[string]attr.Type{"inner": types.StringType,
		"computed": types.ListType{ElemType: types.StringType}})
	if err != nil {
		t.Fatal(err)
	}
	other := types.ObjectValueMust(map[string]attr.Type{"inner": types.Int64Type, "computed": types.StringType},
		map[string]attr.Value{"inner": types.Int64Value(1), "computed": types.StringValue("x")})
	if _, _, err := codec.FromValue(other); err == nil {
		t.Error("FromValue read an object of other types")
	}
	fewer := types.ObjectValueMust(map[string]attr.Type{"inner": types.StringType},
		map[string]attr.Value{"inner": types.StringValue("x")})
	if _, _, err := codec.FromValue(fewer); err == nil {
		t.Error("FromValue read an object with fewer attributes")
	}
}

// TestFrameworkVersion fails when terraform-plugin-framework changes: the
// codec then needs to be compared with the framework's conversion again
// (TestMatchesFramework covers the kinds of attribute this provider uses; a
// new kind, or new rules for tags and embedded structs, need adding there),
// and measured against it, in case the framework has become fast enough to
// delete this package.
func TestFrameworkVersion(t *testing.T) {
	// Test binaries carry no module versions (debug.ReadBuildInfo lists
	// none), so the version is read from the module's go.mod.
	goMod, err := os.ReadFile(filepath.Join("..", "..", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	const framework = "github.com/hashicorp/terraform-plugin-framework "
	for _, line := range strings.Split(string(goMod), "\n") {
		version, found := strings.CutPrefix(strings.TrimSpace(line), framework)
		if !found {
			continue
		}
		if version != "v1.19.0" {
			t.Fatalf("terraform-plugin-framework is %s, tfmodel was checked against v1.19.0: re-run "+
				"TestMatchesFramework with every attribute kind the provider uses, compare the cost of "+
				"tfsdk.Config.Get with Decode (see the package doc), then update this version", version)
		}
		return
	}
	t.Fatal("go.mod does not require " + framework)
}

// randomValue is a value of typ, each part of it set, null or unknown at
// random; depth 0 is the whole object, always known.
func randomValue(rng *rand.Rand, typ tftypes.Type, depth int) tftypes.Value {
	if depth > 0 {
		switch rng.IntN(4) {
		case 0:
			return tftypes.NewValue(typ, nil)
		case 1:
			return tftypes.NewValue(typ, tftypes.UnknownValue)
		}
	}
	switch {
	case typ.Is(tftypes.String):
		return tftypes.NewValue(typ, []string{"", "a", "10m", "x y"}[rng.IntN(4)])
	case typ.Is(tftypes.Number):
		return tftypes.NewValue(typ, rng.IntN(100))
	case typ.Is(tftypes.Bool):
		return tftypes.NewValue(typ, rng.IntN(2) == 0)
	case typ.Is(tftypes.Object{}):
		o := typ.(tftypes.Object) //nolint:forcetypeassert // checked by Is
		values := map[string]tftypes.Value{}
		for name, t := range o.AttributeTypes {
			values[name] = randomValue(rng, t, depth+1)
		}
		return tftypes.NewValue(typ, values)
	case typ.Is(tftypes.List{}):
		elem := typ.(tftypes.List).ElementType //nolint:forcetypeassert // checked by Is
		return tftypes.NewValue(typ, randomElements(rng, elem, depth))
	case typ.Is(tftypes.Set{}):
		elem := typ.(tftypes.Set).ElementType //nolint:forcetypeassert // checked by Is
		var elems []tftypes.Value
		for i := range rng.IntN(3) {
			elems = append(elems, tftypes.NewValue(elem, i)) // distinct, as a set needs
		}
		return tftypes.NewValue(typ, elems)
	case typ.Is(tftypes.Map{}):
		elem := typ.(tftypes.Map).ElementType //nolint:forcetypeassert // checked by Is
		values := map[string]tftypes.Value{}
		for i, v := range randomElements(rng, elem, depth) {
			values[string(rune('a'+i))] = v
		}
		return tftypes.NewValue(typ, values)
	}
	panic("randomValue: no values of " + typ.String())
}

func randomElements(rng *rand.Rand, elem tftypes.Type, depth int) []tftypes.Value {
	var elems []tftypes.Value
	for range rng.IntN(3) {
		v := randomValue(rng, elem, depth+1)
		if v.IsNull() {
			v = randomValue(rng, elem, 0) // collections hold no null elements in configuration
		}
		elems = append(elems, v)
	}
	return elems
}

// BenchmarkDecode compares Decode with the framework's Get on one value of
// the test schema, the figures the package doc quotes:
//
//	go test -run '^$' -bench Decode -benchmem ./internal/tfmodel/
func BenchmarkDecode(b *testing.B) {
	ctx := context.Background()
	s := testSchema(ctx)
	typ, _ := s.Type().TerraformType(ctx).(tftypes.Object)
	codec, err := tfmodel.New[model](ctx, s.Type().(basetypes.ObjectType).AttrTypes) //nolint:forcetypeassert // a schema is an object
	if err != nil {
		b.Fatal(err)
	}
	raw := randomValue(rand.New(rand.NewPCG(3, 4)), typ, 0) //nolint:gosec // reproducible test values
	b.Run("framework", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			var m model
			if diags := (tfsdk.Config{Schema: s, Raw: raw}).Get(ctx, &m); diags.HasError() {
				b.Fatal(diags)
			}
		}
	})
	b.Run("tfmodel", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := codec.Decode(ctx, raw); err != nil {
				b.Fatal(err)
			}
		}
	})
}
