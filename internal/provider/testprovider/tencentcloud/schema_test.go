package main

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
)

// estateTypes are the resources of a tencentcloud estate whose moves the
// tests try: the stand-in serves each of them, and nothing else.
var estateTypes = []string{
	"tencentcloud_scf_namespace", "tencentcloud_scf_layer", "tencentcloud_scf_function",
	"tencentcloud_scf_function_version", "tencentcloud_scf_function_alias", "tencentcloud_scf_trigger",
	"tencentcloud_scf_reserved_concurrency_config", "tencentcloud_scf_provisioned_concurrency_config",
}

// TestServesRecordedSchema: the stand-in serves every attribute and block
// of each recorded schema, at its version, and Terraform would accept it.
func TestServesRecordedSchema(t *testing.T) {
	schemas, err := parseRecordedSchema(recordedSchema)
	if err != nil {
		t.Fatal(err)
	}
	server, err := providerserver.NewProtocol5WithError(func() provider.Provider { return &standIn{schemas: schemas} }())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov5.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("schema diagnostic: %s: %s", d.Summary, d.Detail)
	}
	if len(resp.ResourceSchemas) != len(estateTypes) {
		t.Errorf("%d resource schemas served, want the %d of the estate", len(resp.ResourceSchemas), len(estateTypes))
	}

	var file schemaFile
	if err := json.Unmarshal(recordedSchema, &file); err != nil {
		t.Fatal(err)
	}
	var compare func(where string, recorded recordedBlock, got *tfprotov5.SchemaBlock)
	compare = func(where string, recorded recordedBlock, got *tfprotov5.SchemaBlock) {
		attrs := map[string]*tfprotov5.SchemaAttribute{}
		for _, a := range got.Attributes {
			attrs[a.Name] = a
		}
		if len(attrs) != len(recorded.Attributes) {
			t.Errorf("%s: %d attributes served, %d recorded", where, len(attrs), len(recorded.Attributes))
		}
		for name, want := range recorded.Attributes {
			a, ok := attrs[name]
			if !ok {
				t.Errorf("%s: attribute %s is not served", where, name)
				continue
			}
			typ, err := json.Marshal(a.Type)
			if err != nil {
				t.Fatal(err)
			}
			var gotType, wantType any
			_ = json.Unmarshal(typ, &gotType)
			_ = json.Unmarshal(want.Type, &wantType)
			if string(mustJSON(t, gotType)) != string(mustJSON(t, wantType)) || a.Required != want.Required ||
				a.Optional != want.Optional || a.Computed != want.Computed {
				t.Errorf("%s.%s: served %s required=%t optional=%t computed=%t, recorded %s %+v", where, name, typ,
					a.Required, a.Optional, a.Computed, want.Type, want)
			}
		}
		blocks := map[string]*tfprotov5.SchemaNestedBlock{}
		for _, b := range got.BlockTypes {
			blocks[b.TypeName] = b
		}
		if len(blocks) != len(recorded.BlockTypes) {
			t.Errorf("%s: %d blocks served, %d recorded", where, len(blocks), len(recorded.BlockTypes))
		}
		for name, want := range recorded.BlockTypes {
			b, ok := blocks[name]
			if !ok {
				t.Errorf("%s: block %s is not served", where, name)
				continue
			}
			if want.NestingMode != map[tfprotov5.SchemaNestedBlockNestingMode]string{
				tfprotov5.SchemaNestedBlockNestingModeList: "list", tfprotov5.SchemaNestedBlockNestingModeSet: "set",
			}[b.Nesting] {
				t.Errorf("%s.%s: nesting %v, recorded %s", where, name, b.Nesting, want.NestingMode)
			}
			compare(where+"."+name, want.Block, b.Block)
		}
	}
	for _, typeName := range estateTypes {
		recorded, ok := file.ResourceSchemas[typeName]
		served, servedOK := resp.ResourceSchemas[typeName]
		if !ok || !servedOK {
			t.Errorf("%s: recorded %t, served %t", typeName, ok, servedOK)
			continue
		}
		if served.Version != recorded.Version {
			t.Errorf("%s: version %d served, %d recorded", typeName, served.Version, recorded.Version)
		}
		compare(typeName, recorded.Block, served.Block)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
