package fakescf

import (
	"regexp"
	"testing"
)

func TestCmqTrigger(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	cmq := func(name, desc string) map[string]any {
		return map[string]any{"FunctionName": "fn", "TriggerName": name, "Type": "cmq", "TriggerDesc": desc, "Qualifier": "$DEFAULT"}
	}
	h.ok("CreateTrigger", cmq("orders", ""))
	h.ok("CreateTrigger", cmq("audit", `{"filterType":2,"filterKey":["order.*.created"]}`))
	rows, _ := h.triggers(map[string]any{"FunctionName": "fn", "OrderBy": "add_time", "Order": "ASC"})
	if len(rows) != 2 || rows[0].TriggerDesc != "" || rows[1].TriggerDesc != `{"filterType":2,"filterKey":["order.*.created"]}` {
		t.Errorf("cmq rows = %+v", rows)
	}
	for _, tc := range []struct{ code, name, desc string }{
		{"InvalidParameterValue.TriggerName", "9orders", ""},
		{"InvalidParameterValue.TriggerDesc", "t", `{"filterType":3,"filterKey":["a"]}`},
		{"InvalidParameterValue.TriggerDesc", "t", `{"filterType":1,"filterKey":[]}`},
		{"InvalidParameterValue.TriggerDesc", "t", `{"filterType":1,"filterKey":["a","b","c","d","e","f"]}`},
		{"InvalidParameterValue.TriggerDesc", "t", `{"filterType":1,"filterKey":["seventeen-chars-x"]}`},
		{"InvalidParameterValue.TriggerDesc", "t", `{"filterType":1,"filterKey":["a"],"other":1}`},
	} {
		h.expect(tc.code, "CreateTrigger", cmq(tc.name, tc.desc))
	}
	// Neither update API takes a CMQ trigger; DeleteTrigger needs no desc.
	h.expect("InvalidParameterValue.Type", "UpdateTrigger", map[string]any{"FunctionName": "fn", "TriggerName": "orders", "Type": "cmq", "Qualifier": "$DEFAULT", "Enable": "CLOSE"})
	h.expect("InvalidParameterValue.Type", "UpdateTriggerStatus", map[string]any{"FunctionName": "fn", "TriggerName": "orders", "Type": "cmq", "Qualifier": "$DEFAULT", "Enable": "CLOSE"})
	h.ok("DeleteTrigger", map[string]any{"FunctionName": "fn", "TriggerName": "orders", "Type": "cmq", "Qualifier": "$DEFAULT"})
}

func TestApigwTrigger(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	apigw := func(name, desc string) map[string]any {
		return map[string]any{"FunctionName": "fn", "TriggerName": name, "Type": "apigw", "TriggerDesc": desc}
	}
	h.ok("CreateTrigger", apigw("web", `{"service":{"serviceId":"service-abcd1234"},"release":{"environmentName":"test"},"api":{"requestConfig":{"method":"POST"}}}`))
	h.ok("CreateTrigger", apigw("made", `{"api":{"authRequired":"TRUE"}}`))
	rows, _ := h.triggers(map[string]any{"FunctionName": "fn", "OrderBy": "add_time", "Order": "ASC"})
	want := `{"api":{"authRequired":"FALSE","requestConfig":{"method":"POST"},"isIntegratedResponse":"FALSE","IsBase64Encoded":"FALSE"},"service":{"serviceId":"service-abcd1234"},"release":{"environmentName":"test"}}`
	if len(rows) != 2 || rows[0].TriggerDesc != want {
		t.Fatalf("apigw rows = %+v, want the first read back as %s", rows, want)
	}
	if !regexp.MustCompile(`"serviceId":"service-[a-z0-9]{8}"`).MatchString(rows[1].TriggerDesc) {
		t.Errorf("apigw without a service = %s, want a made-up service ID", rows[1].TriggerDesc)
	}
	for _, desc := range []string{
		`{"api":{"authRequired":"yes"}}`,
		`{"api":{"requestConfig":{"method":"PATCH"}}}`,
		`{"release":{"environmentName":"prod"}}`,
		`{"service":{"serviceId":"svc-1"}}`,
		`not json`,
	} {
		h.expect("InvalidParameterValue.TriggerDesc", "CreateTrigger", apigw("t", desc))
	}
	h.expect("InvalidParameterValue.Type", "UpdateTrigger", map[string]any{"FunctionName": "fn", "TriggerName": "web", "Type": "apigw", "Enable": "CLOSE"})
	h.expect("InvalidParameterValue.Type", "UpdateTriggerStatus", map[string]any{"FunctionName": "fn", "TriggerName": "web", "Type": "apigw", "Enable": "CLOSE"})
}

func TestHTTPTrigger(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	url := func(name, qualifier, desc string) map[string]any {
		return map[string]any{"FunctionName": "fn", "TriggerName": name, "Type": "http", "TriggerDesc": desc, "Qualifier": qualifier}
	}
	open := `{"AuthType":"NONE","NetConfig":{"EnableIntranet":false,"EnableExtranet":true}}`
	h.ok("CreateTrigger", url("url", "$DEFAULT", open))
	h.expect("ResourceInUse.Trigger", "CreateTrigger", url("url2", "$DEFAULT", open))
	h.ok("CreateTrigger", url("url", "$LATEST", open))
	for _, desc := range []string{
		`{"AuthType":"OPEN","NetConfig":{"EnableIntranet":false,"EnableExtranet":true}}`,
		`{"AuthType":"NONE"}`,
		`{"AuthType":"NONE","NetConfig":{"EnableExtranet":true}}`,
		`{"AuthType":"NONE","NetConfig":{"EnableIntranet":false,"EnableExtranet":true},"CorsConfig":{"Enable":true}}`,
		`{"AuthType":"NONE","NetConfig":{"EnableIntranet":false,"EnableExtranet":true},"CorsConfig":{"Enable":true,"Origins":["*"],"MaxAge":-1}}`,
	} {
		h.expect("InvalidParameterValue.TriggerDesc", "CreateTrigger", url("bad", "$DEFAULT", desc))
	}
	cors := `{"AuthType":"CAM","NetConfig":{"EnableIntranet":true,"EnableExtranet":false},"CorsConfig":{"Enable":true,"Origins":["https://example.com"],"Methods":["POST"],"MaxAge":600,"Credentials":true}}`
	h.ok("UpdateTrigger", map[string]any{"FunctionName": "fn", "TriggerName": "url", "Type": "http", "Qualifier": "$DEFAULT",
		"TriggerDesc": cors, "Enable": "CLOSE", "Description": "internal"})
	rows, _ := h.triggers(map[string]any{"FunctionName": "fn", "Filters": []map[string]any{{"Name": "Qualifier", "Values": []string{"$DEFAULT"}}}})
	if len(rows) != 1 || rows[0].TriggerDesc != cors || rows[0].Enable != 0 || rows[0].Description != "internal" {
		t.Errorf("function URL after UpdateTrigger = %+v", rows)
	}
	h.expect("InvalidParameterValue.Type", "UpdateTriggerStatus", map[string]any{"FunctionName": "fn", "TriggerName": "url", "Type": "http", "Qualifier": "$DEFAULT", "Enable": "OPEN"})
}
