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

// TestUpdateConfigurationWebRules checks that UpdateFunctionConfiguration
// enforces the create-time rules of the web-function settings on the merged
// configuration, and leaves the function untouched when it refuses.
func TestUpdateConfigurationWebRules(t *testing.T) {
	event := map[string]any{}
	web := map[string]any{"Type": typeHTTP}
	ws := map[string]any{"Type": typeHTTP, "ProtocolType": "WS", "ProtocolParams": map[string]any{"WSParams": map[string]any{"IdleTimeOut": 60}}}
	idle := func(v any) map[string]any { return map[string]any{"WSParams": map[string]any{"IdleTimeOut": v}} }
	cases := []struct {
		name   string
		create map[string]any
		update map[string]any
		code   string
		check  func(t *testing.T, fn map[string]any) // after the update; also run after a refusal
	}{
		{name: "dns cache on http", create: web, update: map[string]any{"DnsCache": "TRUE"}, code: "UnsupportedOperation",
			check: func(t *testing.T, fn map[string]any) {
				if fn["DnsCache"] != "FALSE" {
					t.Errorf("DnsCache = %v", fn["DnsCache"])
				}
			}},
		{name: "dns cache off on http", create: web, update: map[string]any{"DnsCache": "FALSE"}},
		{name: "dns cache on event", create: event, update: map[string]any{"DnsCache": "TRUE"},
			check: func(t *testing.T, fn map[string]any) {
				if fn["DnsCache"] != "TRUE" {
					t.Errorf("DnsCache = %v", fn["DnsCache"])
				}
			}},
		{name: "dns cache not a flag", create: event, update: map[string]any{"DnsCache": "on"}, code: "InvalidParameterValue"},
		{name: "l5 not a flag", create: event, update: map[string]any{"L5Enable": "on"}, code: "InvalidParameterValue.L5Enable"},
		{name: "protocol params on plain http", create: web, update: map[string]any{"ProtocolParams": idle(30)}, code: "InvalidParameterValue.WebSocketsParams",
			check: func(t *testing.T, fn map[string]any) {
				if fn["ProtocolParams"] != nil || fn["ProtocolType"] != "" {
					t.Errorf("ProtocolType/ProtocolParams = %v/%v", fn["ProtocolType"], fn["ProtocolParams"])
				}
			}},
		{name: "protocol params on event", create: event, update: map[string]any{"ProtocolParams": idle(30)}, code: "InvalidParameterValue.WebSocketsParams"},
		{name: "idle timeout zero", create: ws, update: map[string]any{"ProtocolParams": idle(0)}, code: "InvalidParameterValue.IdleTimeOut", check: wsIdle(60)},
		{name: "idle timeout negative", create: ws, update: map[string]any{"ProtocolParams": idle(-5)}, code: "InvalidParameterValue.IdleTimeOut", check: wsIdle(60)},
		{name: "idle timeout 1801", create: ws, update: map[string]any{"ProtocolParams": idle(1801)}, code: "InvalidParameterValue.IdleTimeOut", check: wsIdle(60)},
		{name: "idle timeout 1", create: ws, update: map[string]any{"ProtocolParams": idle(1)}, check: wsIdle(1)},
		{name: "idle timeout 1800", create: ws, update: map[string]any{"ProtocolParams": idle(1800)}, check: wsIdle(1800)},
		{name: "idle timeout left out", create: ws, update: map[string]any{"ProtocolParams": map[string]any{"WSParams": map[string]any{}}}, check: wsIdle(60)},
		{name: "protocol type is create-only", create: web, update: map[string]any{"ProtocolType": "WS"}, code: "UnknownParameter"},
		{name: "async run is create-only", create: event, update: map[string]any{"AsyncRunEnable": "TRUE"}, code: "UnknownParameter"},
		{name: "trace is create-only", create: event, update: map[string]any{"TraceEnable": "TRUE"}, code: "UnknownParameter"},
		{name: "type is create-only", create: event, update: map[string]any{"Type": "HTTP"}, code: "UnknownParameter"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			h.createActive("fn", tc.create)
			p := map[string]any{"FunctionName": "fn"}
			for k, v := range tc.update {
				p[k] = v
			}
			h.expect(tc.code, "UpdateFunctionConfiguration", p)
			if tc.check != nil {
				tc.check(t, h.get(defaultNamespace, "fn"))
			}
		})
	}
}

func wsIdle(want float64) func(t *testing.T, fn map[string]any) {
	return func(t *testing.T, fn map[string]any) {
		t.Helper()
		if got := obj(t, obj(t, fn["ProtocolParams"])["WSParams"])["IdleTimeOut"]; got != want {
			t.Errorf("IdleTimeOut = %v, want %v", got, want)
		}
	}
}

// storedIgnoreSysLog reads the flag from the store: GetFunction does not
// return it, as in the real API, and no admin endpoint shows function state.
func storedIgnoreSysLog(h *harness, name string) bool {
	h.srv.mu.Lock()
	defer h.srv.mu.Unlock()
	return h.srv.st.Functions[fnKey(defaultNamespace, name)].Config.IgnoreSysLog
}

func TestIgnoreSysLogIsUpdateOnly(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	steps := []struct {
		value any
		code  string
		want  bool
	}{
		{true, "", true},
		{nil, "", true}, // left out: unchanged
		{"TRUE", "InvalidParameter.Payload", true},
		{1, "InvalidParameter.Payload", true},
		{false, "", false},
	}
	for i, s := range steps {
		p := map[string]any{"FunctionName": "fn", "Timeout": 5 + i}
		if s.value != nil {
			p["IgnoreSysLog"] = s.value
		}
		h.expect(s.code, "UpdateFunctionConfiguration", p)
		if got := storedIgnoreSysLog(h, "fn"); got != s.want {
			t.Fatalf("step %d: stored IgnoreSysLog = %v, want %v", i, got, s.want)
		}
		if _, ok := h.get(defaultNamespace, "fn")["IgnoreSysLog"]; ok {
			t.Fatalf("step %d: GetFunction returns IgnoreSysLog, which the API does not", i)
		}
	}
	// Flattened into a GET query, as the SDKs send booleans.
	if r := h.getCall("UpdateFunctionConfiguration", "FunctionName=fn&IgnoreSysLog=true"); r.Code != "" {
		t.Fatalf("by GET: %s %s", r.Code, r.Message)
	}
	if !storedIgnoreSysLog(h, "fn") {
		t.Fatal("IgnoreSysLog=true by GET was not applied")
	}
	h.expect("UnknownParameter", "CreateFunction", map[string]any{"FunctionName": "fn2", "Runtime": "Python3.9",
		"Code": map[string]any{"ZipFile": testZip(t)}, "IgnoreSysLog": false})
}
