package fakescf

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

func envOf(t *testing.T, fn map[string]any) map[string]string {
	t.Helper()
	env, _ := fn["Environment"].(map[string]any)
	vars, ok := env["Variables"].([]any)
	if !ok {
		t.Fatalf("Environment.Variables = %v", env["Variables"])
	}
	out := map[string]string{}
	for _, v := range vars {
		m, _ := v.(map[string]any)
		k, _ := m["Key"].(string)
		out[k], _ = m["Value"].(string)
	}
	return out
}

func layersOf(t *testing.T, fn map[string]any) []string {
	t.Helper()
	ls, ok := fn["Layers"].([]any)
	if !ok {
		t.Fatalf("Layers = %v", fn["Layers"])
	}
	var out []string
	for _, l := range ls {
		m, _ := l.(map[string]any)
		b, err := json.Marshal([]any{m["LayerName"], m["LayerVersion"]})
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(b))
	}
	return out
}

func TestUpdateConfigurationIsPartial(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", map[string]any{
		"MemorySize":  256,
		"Description": "first",
		"Environment": map[string]any{"Variables": []map[string]any{{"Key": "A", "Value": "1"}, {"Key": "B", "Value": "2"}}},
		"Layers":      []map[string]any{{"LayerName": "common-libs", "LayerVersion": 1}},
		"Role":        "SCF_QcsRole",
	})
	before := h.get(defaultNamespace, "fn")
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Timeout": 10})
	after := h.get(defaultNamespace, "fn")
	for _, k := range []string{"MemorySize", "Description", "Environment", "Layers", "Role", "ClsLogsetId", "Handler", "Runtime", "VpcConfig"} {
		if !reflect.DeepEqual(before[k], after[k]) {
			t.Errorf("%s changed from %v to %v", k, before[k], after[k])
		}
	}
	if after["Timeout"] != float64(10) {
		t.Errorf("Timeout = %v", after["Timeout"])
	}

	// Environment: a list replaces, an empty list changes nothing, the sentinel clears.
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Environment": map[string]any{"Variables": []map[string]any{{"Key": "C", "Value": "3"}}}})
	if env := envOf(t, h.get(defaultNamespace, "fn")); !reflect.DeepEqual(env, map[string]string{"C": "3"}) {
		t.Errorf("env after replace = %v", env)
	}
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Environment": map[string]any{"Variables": []any{}}})
	if env := envOf(t, h.get(defaultNamespace, "fn")); len(env) != 1 {
		t.Errorf("env after empty list = %v, want unchanged", env)
	}
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Environment": map[string]any{"Variables": []map[string]any{{"Key": "", "Value": ""}}}})
	if env := envOf(t, h.get(defaultNamespace, "fn")); len(env) != 0 {
		t.Errorf("env after sentinel = %v, want empty", env)
	}

	// Layers: a list replaces in order, the sentinel and an empty list clear.
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Layers": []map[string]any{
		{"LayerName": "node-deps", "LayerVersion": 1}, {"LayerName": "common-libs", "LayerVersion": 2}}})
	if ls := layersOf(t, h.get(defaultNamespace, "fn")); !reflect.DeepEqual(ls, []string{`["node-deps",1]`, `["common-libs",2]`}) {
		t.Errorf("layers after replace = %v", ls)
	}
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Layers": []map[string]any{{"LayerName": "", "LayerVersion": 0}}})
	if ls := layersOf(t, h.get(defaultNamespace, "fn")); len(ls) != 0 {
		t.Errorf("layers after sentinel = %v", ls)
	}
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Layers": []map[string]any{{"LayerName": "common-libs", "LayerVersion": 1}}})
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Layers": []any{}})
	if ls := layersOf(t, h.get(defaultNamespace, "fn")); len(ls) != 0 {
		t.Errorf("layers after empty list = %v", ls)
	}

	r := h.expect("InvalidParameterValue.Runtime", "UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Runtime": "Python3.6"})
	if r.Message != "Runtime cannot be changed after creation" {
		t.Errorf("message = %q", r.Message)
	}
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Runtime": "Python3.9"})
	h.expect("InvalidParameterValue.MemorySize", "UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "MemorySize": 100})
	h.expect("UnknownParameter", "UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Handler": "index.main"})
	h.expect("UnsupportedOperation", "UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "InstallDependency": "TRUE"})
}

func TestUpdateConfigurationNetworking(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", map[string]any{
		"VpcConfig":        vpc(),
		"PublicNetConfig":  map[string]any{"PublicNetStatus": "DISABLE"},
		"DeadLetterConfig": map[string]any{"Type": "CMQ-QUEUE", "Name": "dlq-demo"},
	})
	noVPC := map[string]any{"VpcId": "", "SubnetId": ""}
	// Public access is off, so the VPC cannot go away alone.
	h.expect("InvalidParameterValue.PublicNetConfig", "UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "VpcConfig": noVPC})
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "VpcConfig": noVPC,
		"PublicNetConfig": map[string]any{"PublicNetStatus": "ENABLE"}})
	got := h.get(defaultNamespace, "fn")
	if v := obj(t, got["VpcConfig"]); v["VpcId"] != "" || v["SubnetId"] != "" {
		t.Fatalf("VpcConfig = %v", v)
	}
	h.expect("InvalidParameterValue.VpcNotSetWhenOpenCfs", "UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn",
		"CfsConfig": map[string]any{"CfsInsList": []map[string]any{cfsEntry()}}})
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "VpcConfig": vpc(),
		"CfsConfig": map[string]any{"CfsInsList": []map[string]any{cfsEntry()}}})
	h.expect("InvalidParameterValue.VpcNotSetWhenOpenCfs", "UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "VpcConfig": noVPC})
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "CfsConfig": map[string]any{"CfsInsList": []any{}},
		"DeadLetterConfig": map[string]any{"Type": "", "Name": ""}})
	got = h.get(defaultNamespace, "fn")
	if d := obj(t, got["DeadLetterConfig"]); d["Type"] != "" || d["Name"] != "" {
		t.Fatalf("DeadLetterConfig = %v", d)
	}
	if c := arr(t, obj(t, got["CfsConfig"])["CfsInsList"]); len(c) != 0 {
		t.Fatalf("CfsInsList = %v", c)
	}
	// CLS: a pair replaces; an empty pair returns to the auto-assigned topic.
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "ClsLogsetId": "cls-logset-demo", "ClsTopicId": "cls-topic-demo2"})
	if got := h.get(defaultNamespace, "fn"); got["ClsTopicId"] != "cls-topic-demo2" {
		t.Fatalf("ClsTopicId = %v", got["ClsTopicId"])
	}
	h.expect("InvalidParameterValue.Cls", "UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "ClsTopicId": "cls-topic-demo"})
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "ClsLogsetId": "", "ClsTopicId": ""})
	if got := h.get(defaultNamespace, "fn"); got["ClsTopicId"] != "cls-topic-auto" {
		t.Fatalf("ClsTopicId = %v", got["ClsTopicId"])
	}
}

func TestCreateFillsDefaultCls(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	got := h.get(defaultNamespace, "fn")
	if got["ClsLogsetId"] != "cls-logset-auto" || got["ClsTopicId"] != "cls-topic-auto" {
		t.Fatalf("CLS = %v/%v, want the auto-assigned pair", got["ClsLogsetId"], got["ClsTopicId"])
	}
}

func TestUpdateFunctionCode(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	addr := func() string {
		var a struct{ CodeSha256 string }
		if err := json.Unmarshal(h.ok("GetFunctionAddress", map[string]any{"FunctionName": "fn"}), &a); err != nil {
			t.Fatal(err)
		}
		return a.CodeSha256
	}
	zipSha := addr()
	// Legacy top-level COS fields.
	h.ok("UpdateFunctionCode", map[string]any{"FunctionName": "fn", "CosBucketName": "scf-code", "CosObjectName": "/demo/code.zip", "Handler": "app.handler"})
	got := h.get(defaultNamespace, "fn")
	if got["Status"] != statusActive || got["Handler"] != "app.handler" || got["CodeSize"] != float64(1234) || addr() == zipSha {
		t.Fatalf("after legacy COS update: %v %v %v", got["Status"], got["Handler"], got["CodeSize"])
	}
	// Code object, CodeSource Inline standing for a zip.
	h.ok("UpdateFunctionCode", map[string]any{"FunctionName": "fn", "CodeSource": "Inline", "Code": map[string]any{"ZipFile": testZip(t)}})
	if addr() != zipSha {
		t.Fatalf("sha after zip update differs")
	}
	h.ok("UpdateFunctionCode", map[string]any{"FunctionName": "fn", "ZipFile": testZip(t)})
	cases := []struct {
		params map[string]any
		code   string
	}{
		{map[string]any{"FunctionName": "fn"}, "MissingParameter.Code"},
		{map[string]any{"FunctionName": "fn", "ZipFile": testZip(t), "Code": map[string]any{"ZipFile": testZip(t)}}, "InvalidParameterValue.Code"},
		{map[string]any{"FunctionName": "fn", "CodeSource": "Demo", "Code": map[string]any{"DemoId": "demo-hello-python"}}, "InvalidParameterValue.CodeSource"},
		{map[string]any{"FunctionName": "fn", "Code": map[string]any{"ZipFile": "bm90IGEgemlw"}}, "InvalidParameterValue.ZipFile"},
		{map[string]any{"FunctionName": "fn", "Handler": "index", "Code": map[string]any{"ZipFile": testZip(t)}}, "InvalidParameterValue.Handler"},
		{map[string]any{"FunctionName": "fn", "Code": map[string]any{"ImageConfig": map[string]any{"ImageType": "personal", "ImageUri": "a/b:c"}}}, "InvalidParameterValue.Code"},
		{map[string]any{"FunctionName": "fn", "Publish": "TRUE", "Code": map[string]any{"ZipFile": testZip(t)}}, "UnsupportedOperation"},
		{map[string]any{"FunctionName": "fn", "InstallDependency": "maybe", "Code": map[string]any{"ZipFile": testZip(t)}}, "InvalidParameterValue"},
	}
	for _, tc := range cases {
		r := h.expect(tc.code, "UpdateFunctionCode", tc.params)
		if strings.Contains(r.Message, "UEsDB") {
			t.Errorf("message echoes zip content: %q", r.Message)
		}
	}
}
