package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// TestCodecsMatchSchema: every name the function's code reads is a field of
// a model, and every model matches the schema at its place: each codec was
// made without error (a field tagged with a name the schema lacks, or of
// another type, is an error of tfmodel.New), with the attribute types the
// schema has there, and every object nested in the schema has a codec, so
// no value of it is read by a name written elsewhere.
func TestCodecsMatchSchema(t *testing.T) {
	t.Parallel()
	type checked interface {
		attrTypes() map[string]attr.Type
		error() error
	}
	nested := map[string]checked{
		"code":                        codeCodec,
		"code.image_config":           imageCodec,
		"protocol_params":             protocolParamsCodec,
		"protocol_params.ws_params":   wsParamsCodec,
		"instance_concurrency_config": concurrencyCodec,
		"instance_concurrency_config.session_config": sessionCodec,
		"vpc_config":                   vpcCodec,
		"public_net_config":            publicNetCodec,
		"public_net_config.eip_config": eipCodec,
		"intranet_config":              intranetCodec,
		"access_info":                  accessInfoCodec,
		"layers[]":                     layerCodec,
		"cfs_config":                   cfsCodec,
		"cfs_config.cfs_ins_list[]":    cfsInsCodec,
		"cfs_mounts[]":                 cfsMountCodec,
		"dead_letter_config":           deadLetterCodec,
		"status_reasons[]":             statusReasonCodec,
	}
	// timeouts is the framework-timeouts library's, read by its own Value.
	const libraryObjects = "timeouts"

	s := functionSchema(context.Background())
	seen := map[string]bool{}
	var walk func(at string, a schema.Attribute)
	walk = func(at string, a schema.Attribute) {
		var objectType types.ObjectType
		var children map[string]schema.Attribute
		where := at
		switch a := a.(type) {
		case schema.SingleNestedAttribute:
			children = a.Attributes
			objectType, _ = a.GetType().(types.ObjectType)
		case schema.ListNestedAttribute:
			children, where = a.NestedObject.Attributes, at+"[]"
			objectType, _ = a.NestedObject.Type().(types.ObjectType)
		case schema.ObjectAttribute:
			objectType, _ = a.GetType().(types.ObjectType)
		case schema.ListAttribute:
			element, ok := a.ElementType.(types.ObjectType)
			if !ok {
				return
			}
			objectType, where = element, at+"[]"
		default:
			return
		}
		if at == libraryObjects {
			return
		}
		seen[where] = true
		c, ok := nested[where]
		switch {
		case !ok:
			t.Errorf("%s is an object of the schema without a codec: its values would be read by name", where)
		case c.error() != nil:
			t.Errorf("%s: %v", where, c.error())
		case !(types.ObjectType{AttrTypes: c.attrTypes()}).Equal(objectType):
			t.Errorf("%s: the codec has %v, the schema %v", where, c.attrTypes(), objectType.AttrTypes)
		}
		for name, child := range children {
			walk(at+"."+name, child)
		}
	}
	for name, a := range s.Attributes {
		walk(name, a)
	}
	for where := range nested {
		if !seen[where] {
			t.Errorf("codec for %s, which the schema does not have", where)
		}
	}
	for name, c := range map[string]checked{"functionCodec": functionCodec, "functionPlanCodec": functionPlanCodec,
		"runtimeConfigCodec": runtimeConfigCodec, "functionSummaryCodec": functionSummaryCodec} {
		if c.error() != nil {
			t.Errorf("%s: %v", name, c.error())
		}
	}
}

// TestCodecReportsProviderBug: an object that does not match its model, or a
// model that does not match its schema, is a provider-bug diagnostic, never
// a model of nulls.
func TestCodecReportsProviderBug(t *testing.T) {
	t.Parallel()
	other := types.ObjectValueMust(map[string]attr.Type{"vpc_id": types.StringType},
		map[string]attr.Value{"vpc_id": types.StringValue("vpc-1")})
	var diags diag.Diagnostics
	if _, ok := vpcCodec.get(other, &diags); ok {
		t.Error("read an object without subnet_id as vpc_config")
	}
	type misspelt struct {
		VpcID    types.String `tfsdk:"vpc_id"`
		SubnetID types.String `tfsdk:"subnetid"`
	}
	broken := nestedCodec[misspelt](vpcConfigAttribute())
	if _, ok := broken.get(vpcCodec.null(), &diags); ok {
		t.Error("a codec that could not be made read a value")
	}
	if len(diags) != 2 {
		t.Fatalf("got %d diagnostics, want 2: %v", len(diags), diags)
	}
	for _, d := range diags {
		if d.Summary() != summaryProviderBug || !strings.HasPrefix(d.Detail(), "Provider bug: ") {
			t.Errorf("diagnostic %q: %q", d.Summary(), d.Detail())
		}
	}
	if !strings.Contains(diags[1].Detail(), `field tagged "subnetid"`) {
		t.Errorf("the diagnostic does not name the misspelt field: %s", diags[1].Detail())
	}
}
