package fakescf

import (
	"encoding/json"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

// session returns a valid session-based InstanceConcurrencyConfig with
// isolation on, as a real client sends it; mutate adjusts it per case.
func session(mutate func(cc, sc map[string]any)) map[string]any {
	sc := map[string]any{
		"SessionSource": "HEADER", "SessionName": "X-Session-Id", "MaximumConcurrencySessionPerInstance": 1,
		"MaximumTTLInSeconds": 21600, "MaximumIdleTimeInSeconds": 1800, "SessionPath": "/chat", "IdleTimeoutStrategy": "PAUSE",
	}
	cc := map[string]any{"MaxConcurrency": 100, "DynamicEnabled": "FALSE", "InstanceIsolationEnabled": "TRUE", "Type": "Session-Based", "SessionConfig": sc}
	if mutate != nil {
		mutate(cc, sc)
	}
	return cc
}

// concurrencyOf returns GetFunction's InstanceConcurrencyConfig re-encoded,
// or "null".
func concurrencyOf(t *testing.T, fn map[string]any) string {
	t.Helper()
	b, err := json.Marshal(fn["InstanceConcurrencyConfig"])
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestInstanceConcurrencyCreateValidation(t *testing.T) {
	cases := []struct {
		name   string
		cc     map[string]any
		typ    string // function Type; HTTP unless set
		code   string
		msgHas string
	}{
		{name: "event function", cc: map[string]any{"MaxConcurrency": 10}, typ: "Event", code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "HTTP"},
		{name: "max concurrency zero", cc: map[string]any{"MaxConcurrency": 0}, code: "InvalidParameterValue.MaxConcurrency", msgHas: "MaxConcurrency"},
		{name: "max concurrency 101", cc: map[string]any{"MaxConcurrency": 101}, code: "InvalidParameterValue.MaxConcurrency", msgHas: "MaxConcurrency"},
		{name: "dynamic not a flag", cc: map[string]any{"DynamicEnabled": "yes"}, code: "InvalidParameterValue.DynamicEnabled", msgHas: "DynamicEnabled"},
		{name: "isolation lower case", cc: map[string]any{"InstanceIsolationEnabled": "true"}, code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "InstanceIsolationEnabled"},
		{name: "type unknown", cc: map[string]any{"Type": "Connection-Based"}, code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "Type"},
		{name: "type wrong case", cc: map[string]any{"Type": "session-based"}, code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "Type"},
		{name: "session with request type", cc: session(func(cc, _ map[string]any) { cc["Type"] = "Request-Based" }), code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "Session-Based"},
		{name: "session without type", cc: session(func(cc, _ map[string]any) { delete(cc, "Type") }), code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "Session-Based"},
		{name: "session source unknown", cc: session(func(_, sc map[string]any) { sc["SessionSource"] = "BODY" }), code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "SessionSource"},
		{name: "session name 4 chars", cc: session(func(_, sc map[string]any) { sc["SessionName"] = "Sess" }), code: "FailedOperation.SessionName", msgHas: "SessionName"},
		{name: "session name 41 chars", cc: session(func(_, sc map[string]any) { sc["SessionName"] = "S" + strings.Repeat("x", 40) }), code: "FailedOperation.SessionName", msgHas: "SessionName"},
		{name: "session name digit first", cc: session(func(_, sc map[string]any) { sc["SessionName"] = "1session" }), code: "FailedOperation.SessionName", msgHas: "SessionName"},
		{name: "session name dot", cc: session(func(_, sc map[string]any) { sc["SessionName"] = "session.id" }), code: "FailedOperation.SessionName", msgHas: "SessionName"},
		{name: "idle strategy without isolation", cc: session(func(cc, _ map[string]any) { cc["InstanceIsolationEnabled"] = "FALSE" }),
			code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "InstanceIsolationEnabled"},
		{name: "idle strategy isolation left out", cc: session(func(cc, _ map[string]any) { delete(cc, "InstanceIsolationEnabled") }),
			code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "InstanceIsolationEnabled"},
		{name: "idle strategy unknown", cc: session(func(_, sc map[string]any) { sc["IdleTimeoutStrategy"] = "KILL" }), code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "IdleTimeoutStrategy"},
		{name: "sessions per instance 0", cc: session(func(_, sc map[string]any) { sc["MaximumConcurrencySessionPerInstance"] = 0 }),
			code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "MaximumConcurrencySessionPerInstance"},
		{name: "sessions per instance 101", cc: session(func(_, sc map[string]any) { sc["MaximumConcurrencySessionPerInstance"] = 101 }),
			code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "MaximumConcurrencySessionPerInstance"},
		{name: "ttl too long", cc: session(func(_, sc map[string]any) { sc["MaximumTTLInSeconds"] = 604801 }), code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "MaximumTTLInSeconds"},
		{name: "idle beyond ttl", cc: session(func(_, sc map[string]any) { sc["MaximumTTLInSeconds"], sc["MaximumIdleTimeInSeconds"] = 60, 61 }),
			code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "must not exceed"},
		{name: "mix node without spec", cc: map[string]any{"DynamicEnabled": "TRUE", "MixNodeConfig": []map[string]any{{"Num": 2}}}, code: "InvalidParameterValue.NodeSpec", msgHas: "NodeSpec"},
		{name: "mix node without num", cc: map[string]any{"DynamicEnabled": "TRUE", "MixNodeConfig": []map[string]any{{"NodeSpec": "gpu-t4"}}}, code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "Num"},
		{name: "mix node num 0", cc: map[string]any{"MixNodeConfig": []map[string]any{{"NodeSpec": "gpu-t4", "Num": 0}}}, code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "Num"},
		{name: "mix node repeated", cc: map[string]any{"MixNodeConfig": []map[string]any{{"NodeSpec": "gpu-t4", "Num": 1}, {"NodeSpec": "gpu-t4", "Num": 2}}},
			code: "InvalidParameterValue.NodeSpec", msgHas: "more than once"},
		{name: "mix node num negative", cc: map[string]any{"MixNodeConfig": []map[string]any{{"NodeSpec": "gpu-t4", "Num": -1}}}, code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "Num"},
		{name: "unknown session field", cc: session(func(_, sc map[string]any) { sc["SessionTimeout"] = 5 }), code: "UnknownParameter", msgHas: "SessionTimeout"},
		{name: "unknown concurrency field", cc: map[string]any{"MaxConcurrency": 5, "Burst": 2}, code: "UnknownParameter", msgHas: "Burst"},
		{name: "num as string", cc: map[string]any{"MixNodeConfig": []map[string]any{{"NodeSpec": "gpu-t4", "Num": "2"}}}, code: "InvalidParameter.Payload"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			p := createParams(t, "fn")
			p["Type"] = orDefault(tc.typ, typeHTTP)
			p["InstanceConcurrencyConfig"] = tc.cc
			r := h.expect(tc.code, "CreateFunction", p)
			if !strings.Contains(r.Message, tc.msgHas) {
				t.Errorf("message %q does not mention %q", r.Message, tc.msgHas)
			}
		})
	}
}

func TestInstanceConcurrencyReadBack(t *testing.T) {
	cases := []struct {
		name string
		cc   map[string]any
		want string // GetFunction's InstanceConcurrencyConfig, keys sorted
	}{
		{name: "only max concurrency", cc: map[string]any{"MaxConcurrency": 10},
			want: `{"DynamicEnabled":"FALSE","InstanceIsolationEnabled":"FALSE","MaxConcurrency":10,"MixNodeConfig":[],"SessionConfig":null,"Type":""}`},
		{name: "empty object", cc: map[string]any{},
			want: `{"DynamicEnabled":"FALSE","InstanceIsolationEnabled":"FALSE","MaxConcurrency":1,"MixNodeConfig":[],"SessionConfig":null,"Type":""}`},
		{name: "dynamic with mix nodes", cc: map[string]any{"DynamicEnabled": "TRUE", "Type": "Request-Based",
			"MixNodeConfig": []map[string]any{{"NodeSpec": "gpu-t4", "Num": 4}, {"NodeSpec": "gpu-a10", "Num": 100}}},
			want: `{"DynamicEnabled":"TRUE","InstanceIsolationEnabled":"FALSE","MaxConcurrency":1,"MixNodeConfig":[{"NodeSpec":"gpu-t4","Num":4},{"NodeSpec":"gpu-a10","Num":100}],"SessionConfig":null,"Type":"Request-Based"}`},
		{name: "session based, isolated", cc: session(nil),
			want: `{"DynamicEnabled":"FALSE","InstanceIsolationEnabled":"TRUE","MaxConcurrency":100,"MixNodeConfig":[],"SessionConfig":{"IdleTimeoutStrategy":"PAUSE","MaximumConcurrencySessionPerInstance":1,"MaximumIdleTimeInSeconds":1800,"MaximumTTLInSeconds":21600,"SessionName":"X-Session-Id","SessionPath":"/chat","SessionSource":"HEADER"},"Type":"Session-Based"}`},
		{name: "session fields left out read back empty", cc: map[string]any{"Type": "Session-Based", "SessionConfig": map[string]any{"SessionSource": "COOKIE"}},
			want: `{"DynamicEnabled":"FALSE","InstanceIsolationEnabled":"FALSE","MaxConcurrency":1,"MixNodeConfig":[],"SessionConfig":{"IdleTimeoutStrategy":"","MaximumConcurrencySessionPerInstance":0,"MaximumIdleTimeInSeconds":0,"MaximumTTLInSeconds":0,"SessionName":"","SessionPath":"","SessionSource":"COOKIE"},"Type":"Session-Based"}`},
		{name: "session name limits", cc: session(func(_, sc map[string]any) {
			sc["SessionName"], sc["SessionSource"], sc["IdleTimeoutStrategy"] = "Ab_-9", "QUERY_STRING", "FATAL"
			sc["MaximumTTLInSeconds"], sc["MaximumIdleTimeInSeconds"] = 604800, 604800
		}),
			want: `{"DynamicEnabled":"FALSE","InstanceIsolationEnabled":"TRUE","MaxConcurrency":100,"MixNodeConfig":[],"SessionConfig":{"IdleTimeoutStrategy":"FATAL","MaximumConcurrencySessionPerInstance":1,"MaximumIdleTimeInSeconds":604800,"MaximumTTLInSeconds":604800,"SessionName":"Ab_-9","SessionPath":"/chat","SessionSource":"QUERY_STRING"},"Type":"Session-Based"}`},
		{name: "dynamic empty at create means none", cc: map[string]any{"DynamicEnabled": "", "MaxConcurrency": 10}, want: `null`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			h.createActive("fn", map[string]any{"Type": typeHTTP, "InstanceConcurrencyConfig": tc.cc})
			if got := concurrencyOf(t, h.get(defaultNamespace, "fn")); got != tc.want {
				t.Errorf("InstanceConcurrencyConfig =\n%s\nwant\n%s", got, tc.want)
			}
		})
	}
	t.Run("40 character session name", func(t *testing.T) {
		h := newHarness(t, Options{})
		name := "S" + strings.Repeat("x", 39)
		h.createActive("fn", map[string]any{"Type": typeHTTP, "InstanceConcurrencyConfig": session(func(_, sc map[string]any) { sc["SessionName"] = name })})
		if got := concurrencyOf(t, h.get(defaultNamespace, "fn")); !strings.Contains(got, `"SessionName":"`+name+`"`) {
			t.Errorf("InstanceConcurrencyConfig = %s", got)
		}
	})
	t.Run("event function without setting reads null", func(t *testing.T) {
		h := newHarness(t, Options{})
		h.createActive("fn", nil)
		if got := concurrencyOf(t, h.get(defaultNamespace, "fn")); got != "null" {
			t.Errorf("InstanceConcurrencyConfig = %s", got)
		}
	})
}

func TestInstanceConcurrencyUpdate(t *testing.T) {
	type step struct {
		cc   any    // the UpdateFunctionConfiguration parameter
		code string // "" for success
		want string // substring of the re-encoded read-back, or "null"; "" to skip
	}
	cases := []struct {
		name   string
		create map[string]any // extra CreateFunction parameters
		steps  []step
	}{
		{name: "dynamic empty removes the setting", create: map[string]any{"Type": typeHTTP, "InstanceConcurrencyConfig": session(nil)},
			steps: []step{{cc: map[string]any{"DynamicEnabled": ""}, want: "null"}}},
		{name: "dynamic empty wins over other fields", create: map[string]any{"Type": typeHTTP, "InstanceConcurrencyConfig": map[string]any{"MaxConcurrency": 5}},
			steps: []step{{cc: map[string]any{"DynamicEnabled": "", "MaxConcurrency": 500}, want: "null"}}},
		{name: "removal when none is set", create: map[string]any{"Type": typeHTTP},
			steps: []step{{cc: map[string]any{"DynamicEnabled": ""}, want: "null"}}},
		{name: "removal on an event function is a no-op",
			steps: []step{{cc: map[string]any{"DynamicEnabled": ""}, want: "null"}}},
		{name: "setting on an event function", steps: []step{{cc: map[string]any{"MaxConcurrency": 5}, code: "InvalidParameterValue.InstanceConcurrencyConfig"}}},
		{name: "set, replace wholesale, remove, set again", create: map[string]any{"Type": typeHTTP},
			steps: []step{
				{cc: session(nil), want: `"SessionName":"X-Session-Id"`},
				// The object replaces: the session setting is gone, isolation back to FALSE.
				{cc: map[string]any{"MaxConcurrency": 20}, want: `{"DynamicEnabled":"FALSE","InstanceIsolationEnabled":"FALSE","MaxConcurrency":20,"MixNodeConfig":[],"SessionConfig":null,"Type":""}`},
				{cc: map[string]any{"DynamicEnabled": ""}, want: "null"},
				{cc: map[string]any{"DynamicEnabled": "TRUE"}, want: `"DynamicEnabled":"TRUE"`},
			}},
		{name: "rejected update keeps the stored setting", create: map[string]any{"Type": typeHTTP, "InstanceConcurrencyConfig": map[string]any{"MaxConcurrency": 7}},
			steps: []step{
				{cc: session(func(cc, _ map[string]any) { cc["InstanceIsolationEnabled"] = "FALSE" }), code: "InvalidParameterValue.InstanceConcurrencyConfig", want: `"MaxConcurrency":7`},
				{cc: map[string]any{"MaxConcurrency": 101}, code: "InvalidParameterValue.MaxConcurrency", want: `"MaxConcurrency":7`},
				{cc: map[string]any{"Type": "Other"}, code: "InvalidParameterValue.InstanceConcurrencyConfig", want: `"MaxConcurrency":7`},
				{cc: map[string]any{"DynamicEnabled": "NO"}, code: "InvalidParameterValue.DynamicEnabled", want: `"MaxConcurrency":7`},
				{cc: map[string]any{"Type": "Session-Based", "SessionConfig": map[string]any{"SessionName": "sid"}}, code: "FailedOperation.SessionName", want: `"MaxConcurrency":7`},
				{cc: map[string]any{"MixNodeConfig": []map[string]any{{"NodeSpec": "", "Num": 1}}}, code: "InvalidParameterValue.NodeSpec", want: `"MaxConcurrency":7`},
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			h.createActive("fn", tc.create)
			for i, s := range tc.steps {
				r := h.call("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "InstanceConcurrencyConfig": s.cc})
				if r.Code != s.code {
					t.Fatalf("step %d: code %q (%s), want %q", i, r.Code, r.Message, s.code)
				}
				got := concurrencyOf(t, h.get(defaultNamespace, "fn"))
				if s.want == "null" && got != "null" || s.want != "" && !strings.Contains(got, s.want) {
					t.Fatalf("step %d: InstanceConcurrencyConfig = %s, want %s", i, got, s.want)
				}
			}
		})
	}
}

// TestInstanceConcurrencyByGet sends the nested settings flattened into a
// query string, as the SDKs do for GET, including unsigned integers.
func TestInstanceConcurrencyByGet(t *testing.T) {
	h := newHarness(t, Options{})
	q := url.Values{
		"FunctionName": {"get-fn"}, "Runtime": {"Python3.9"}, "Type": {"HTTP"}, "Code.ZipFile": {testZip(t)},
		"InstanceConcurrencyConfig.Type":                                               {"Session-Based"},
		"InstanceConcurrencyConfig.InstanceIsolationEnabled":                           {"TRUE"},
		"InstanceConcurrencyConfig.MaxConcurrency":                                     {"8"},
		"InstanceConcurrencyConfig.MixNodeConfig.0.NodeSpec":                           {"gpu-t4"},
		"InstanceConcurrencyConfig.MixNodeConfig.0.Num":                                {"3"},
		"InstanceConcurrencyConfig.SessionConfig.SessionSource":                        {"COOKIE"},
		"InstanceConcurrencyConfig.SessionConfig.SessionName":                          {"sid_cookie"},
		"InstanceConcurrencyConfig.SessionConfig.MaximumConcurrencySessionPerInstance": {"2"},
		"InstanceConcurrencyConfig.SessionConfig.IdleTimeoutStrategy":                  {"FATAL"},
	}
	if r := h.getCall("CreateFunction", q.Encode()); r.Code != "" {
		t.Fatalf("CreateFunction by GET: %s %s", r.Code, r.Message)
	}
	var got struct{ InstanceConcurrencyConfig instanceConcurrencyOut }
	if err := json.Unmarshal(h.ok("GetFunction", map[string]any{"FunctionName": "get-fn"}), &got); err != nil {
		t.Fatal(err)
	}
	want := instanceConcurrencyOut{DynamicEnabled: flagFalse, MaxConcurrency: 8, InstanceIsolationEnabled: flagTrue, Type: "Session-Based",
		MixNodeConfig: []mixNodeOut{{NodeSpec: "gpu-t4", Num: 3}},
		SessionConfig: &sessionConfigOut{SessionSource: "COOKIE", SessionName: "sid_cookie", MaximumConcurrencySessionPerInstance: 2, IdleTimeoutStrategy: "FATAL"}}
	if !reflect.DeepEqual(got.InstanceConcurrencyConfig, want) {
		t.Fatalf("InstanceConcurrencyConfig = %+v\nwant %+v", got.InstanceConcurrencyConfig, want)
	}
	if r := h.getCall("UpdateFunctionConfiguration", "FunctionName=get-fn&InstanceConcurrencyConfig.DynamicEnabled="); r.Code != "" {
		t.Fatalf("removal by GET: %s %s", r.Code, r.Message)
	}
	if got := concurrencyOf(t, h.get(defaultNamespace, "get-fn")); got != "null" {
		t.Fatalf("after removal by GET: %s", got)
	}
}
