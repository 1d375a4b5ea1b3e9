package provider

import (
	"context"
	"encoding/json"
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestEveryDefaultCanBeFilled: upgradeFillingDefaults knows the default of
// every attribute that has one, in every resource, so that no attribute
// added with a default is left null by an upgrade. It fails the day an
// attribute gets a kind of default the upgrade does not read.
func TestEveryDefaultCanBeFilled(t *testing.T) {
	ctx := context.Background()
	p := New("test")()
	filled := 0
	for _, newResource := range p.Resources(ctx) {
		r := newResource()
		var resp resource.SchemaResponse
		r.Schema(ctx, resource.SchemaRequest{}, &resp)
		var meta resource.MetadataResponse
		r.Metadata(ctx, resource.MetadataRequest{ProviderTypeName: providerTypeName}, &meta)
		var walk func(at path.Path, attrs map[string]schema.Attribute)
		walk = func(at path.Path, attrs map[string]schema.Attribute) {
			for name, a := range attrs {
				p := at.AtName(name)
				if d := reflect.ValueOf(a).FieldByName("Default"); d.IsValid() && !d.IsNil() {
					if _, ok, diags := defaultOf(ctx, "test", p, a); !ok {
						t.Errorf("%s.%s: a default of %T the state upgrade cannot read (%v)", meta.TypeName, p, a, diags)
					}
					filled++
				}
				switch a := a.(type) {
				case schema.SingleNestedAttribute:
					walk(p, a.Attributes)
				case schema.ListNestedAttribute:
					walk(p, a.NestedObject.Attributes)
				case schema.SetNestedAttribute:
					walk(p, a.NestedObject.Attributes)
				case schema.MapNestedAttribute:
					walk(p, a.NestedObject.Attributes)
				}
			}
		}
		walk(path.Empty(), resp.Schema.Attributes)
	}
	if filled < 10 {
		t.Fatalf("found %d attributes with defaults; the walk is broken", filled)
	}
}

// TestUpgradeFillsDefaults upgrades a version 0 scf_function state that
// lacks every attribute with a default: each is read as its default, and
// what the state holds is kept.
func TestUpgradeFillsDefaults(t *testing.T) {
	ctx := context.Background()
	s := functionSchema(ctx)
	raw, err := json.Marshal(map[string]any{"name": "old-fn", "namespace": "default", "memory_size": 256,
		"removed_long_ago": "ignored"})
	if err != nil {
		t.Fatal(err)
	}
	upgrader, ok := (&scfFunctionResource{}).UpgradeState(ctx)[0]
	if !ok {
		t.Fatal("no upgrade from version 0")
	}
	var resp resource.UpgradeStateResponse
	upgrader.StateUpgrader(ctx, resource.UpgradeStateRequest{RawState: &tfprotov6.RawState{JSON: raw}}, &resp)
	if resp.Diagnostics.HasError() || resp.DynamicValue == nil {
		t.Fatalf("upgrade: %v", resp.Diagnostics)
	}
	v, err := resp.DynamicValue.Unmarshal(s.Type().TerraformType(ctx))
	if err != nil {
		t.Fatal(err)
	}
	var values map[string]tftypes.Value
	if err := v.As(&values); err != nil {
		t.Fatal(err)
	}
	for name, a := range s.Attributes {
		def, hasDefault, _ := defaultOf(ctx, "test", path.Root(name), a)
		switch {
		case name == "memory_size":
			if !values[name].Equal(tftypes.NewValue(tftypes.Number, 256)) {
				t.Errorf("memory_size: %v, want the state's 256", values[name])
			}
		case hasDefault && !values[name].Equal(def):
			t.Errorf("%s: %v, want its default %v", name, values[name], def)
		case !hasDefault && name != "name" && name != "namespace" && !values[name].IsNull():
			t.Errorf("%s: %v, want null", name, values[name])
		}
	}
	if !values["async_run_enable"].Equal(tftypes.NewValue(tftypes.Bool, false)) {
		t.Errorf("async_run_enable: %v, want false", values["async_run_enable"])
	}
}
