package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

func TestExpandEnvironmentAndLayersSentinels(t *testing.T) {
	t.Parallel()
	var diags diag.Diagnostics

	if env := expandEnvironment(nil, false); env != nil {
		t.Errorf("no environment on create should send nothing, got %+v", env)
	}
	cleared := expandEnvironment(map[string]string{}, true)
	if cleared == nil || len(cleared.Variables) != 1 || *cleared.Variables[0].Key != "" || *cleared.Variables[0].Value != "" {
		t.Errorf("clearing must send one empty variable, got %+v", cleared)
	}
	env := expandEnvironment(map[string]string{"B": "2", "A": "1"}, true)
	if len(env.Variables) != 2 || *env.Variables[0].Key != "A" || *env.Variables[1].Value != "2" {
		t.Errorf("variables not sorted by name: %+v", env.Variables)
	}

	layers := expandLayers(layerCodec.nullList(), true, &diags)
	if len(layers) != 1 || *layers[0].LayerName != "" || *layers[0].LayerVersion != 0 {
		t.Errorf("clearing layers must send one empty layer, got %+v", layers)
	}
	if diags.HasError() {
		t.Fatal(diags)
	}
}

func TestFlattenFunctionKeepsShapesAndReadsEverything(t *testing.T) {
	t.Parallel()
	fn := &scfapi.Function{
		FunctionName: "f", Namespace: "ns", Handler: "index.main", Runtime: "Python3.9", Type: "Event",
		MemorySize: 256, Timeout: 10, InitTimeout: 65, Status: "Active", FunctionId: "lam-abcdefgh",
		AddTime: "2024-12-17 17:52:48", ModTime: "2024-12-18 09:00:00", ClsLogsetId: "ls", ClsTopicId: "tp",
		VpcConfig:        scfapi.VpcConfigOut{},
		Environment:      scfapi.EnvironmentOut{Variables: []scfapi.VariableOut{}},
		Layers:           []scfapi.LayerVersionInfo{{LayerName: "l", LayerVersion: 2}},
		DeadLetterConfig: scfapi.DeadLetterConfigOut{Type: "CMQ-QUEUE", Name: "q"},
		PublicNetConfig:  &scfapi.PublicNetConfigOut{PublicNetStatus: "ENABLE", EipConfig: scfapi.EipConfigOut{EipStatus: "DISABLE"}},
		Tags:             []scfapi.TagOut{{Key: "team", Value: "a"}},
	}
	var diags diag.Diagnostics

	// A prior empty map stays an empty map; a prior null stays null.
	emptyEnv, _ := types.MapValue(types.StringType, map[string]attr.Value{})
	model := scfFunctionResourceModel{functionEnvironment: functionEnvironment{Environment: emptyEnv}, functionSettings: functionSettings{Tags: types.MapNull(types.StringType)},
		functionStorage: functionStorage{Layers: layerCodec.nullList()}}
	flattenFunction(fn, "abc123", &model, &diags)
	if diags.HasError() {
		t.Fatal(diags)
	}
	if model.Environment.IsNull() || len(model.Environment.Elements()) != 0 {
		t.Errorf("environment should stay an empty map, got %s", model.Environment)
	}
	if !model.VpcConfig.IsNull() {
		t.Errorf("empty VPC strings should read as no vpc_config, got %s", model.VpcConfig)
	}
	if model.ID.ValueString() != "ns/f" || model.CodeSHA256.ValueString() != "abc123" || model.FunctionID.ValueString() != "lam-abcdefgh" {
		t.Errorf("identity not read: %s %s %s", model.ID, model.CodeSHA256, model.FunctionID)
	}
	if model.CreatedTime.ValueString() != "2024-12-17T17:52:48+08:00" {
		t.Errorf("created_time %s", model.CreatedTime)
	}
	if len(model.Layers.Elements()) != 1 || len(model.Tags.Elements()) != 1 {
		t.Errorf("layers %s tags %s", model.Layers, model.Tags)
	}
	if model.DeadLetterConfig.IsNull() {
		t.Errorf("dead letter %s", model.DeadLetterConfig)
	}
	// The service's default public access reads as unset unless configured.
	if !model.PublicNetConfig.IsNull() {
		t.Errorf("default public access should read as null, got %s", model.PublicNetConfig)
	}
	fn.PublicNetConfig = &scfapi.PublicNetConfigOut{PublicNetStatus: "DISABLE", EipConfig: scfapi.EipConfigOut{EipStatus: "DISABLE"}}
	flattenFunction(fn, "abc123", &model, &diags)
	if got := model.PublicNetConfig.Attributes()["public_net_status"]; got == nil || got.String() != `"DISABLE"` {
		t.Errorf("a changed public access must be read, got %s", model.PublicNetConfig)
	}
}
