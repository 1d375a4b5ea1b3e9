package fakescf

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

const testCosName = "photos-1250000000.cos.ap-guangzhou.myqcloud.com"

func timerParams(name, cron string) map[string]any {
	return map[string]any{"FunctionName": "fn", "TriggerName": name, "Type": "timer", "TriggerDesc": cron, "Qualifier": "$DEFAULT"}
}

type triggerView struct {
	TriggerName, Type, TriggerDesc, Qualifier, Description, CustomArgument string
	Enable                                                                 int64
}

func (h *harness) triggers(params map[string]any) ([]triggerView, int64) {
	h.t.Helper()
	var out struct {
		Triggers   []triggerView
		TotalCount int64
	}
	if err := json.Unmarshal(h.ok("ListTriggers", params), &out); err != nil {
		h.t.Fatal(err)
	}
	return out.Triggers, out.TotalCount
}

func TestTriggerLifecycle(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	h.ok("CreateTrigger", timerParams("every5", "0 */5 * * * * *"))
	h.expect("ResourceInUse.Trigger", "CreateTrigger", timerParams("every5", "0 */5 * * * * *"))
	h.ok("CreateTrigger", map[string]any{
		"FunctionName": "fn", "TriggerName": testCosName, "Type": "cos", "Enable": "CLOSE",
		"TriggerDesc": `{"event":"cos:ObjectCreated:*","filter":{"Prefix":"in/","Suffix":".jpg"}}`,
	})
	h.ok("CreateTrigger", map[string]any{
		"FunctionName": "fn", "TriggerName": "ckafka-abcd1234-orders", "Type": "ckafka",
		"TriggerDesc": `{"maxMsgNum":"100","offset":"latest"}`,
	})
	rows, total := h.triggers(map[string]any{"FunctionName": "fn", "OrderBy": "add_time", "Order": "ASC"})
	if total != 3 || len(rows) != 3 {
		t.Fatalf("ListTriggers = %d rows of %d, want 3", len(rows), total)
	}
	if rows[0].TriggerDesc != `{"cron":"0 */5 * * * * *"}` || rows[0].Enable != 1 || rows[0].Qualifier != "$DEFAULT" {
		t.Errorf("timer row = %+v", rows[0])
	}
	if rows[1].Enable != 0 || rows[1].Qualifier != "$LATEST" {
		t.Errorf("cos row = %+v, want disabled on $LATEST", rows[1])
	}
	if rows[2].TriggerDesc != `{"maxMsgNum":"100","offset":"latest","retry":"10000","timeOut":"60"}` {
		t.Errorf("ckafka desc = %s, want the defaults filled in", rows[2].TriggerDesc)
	}
	if page, total := h.triggers(map[string]any{"FunctionName": "fn", "Limit": 1, "Offset": 2, "OrderBy": "add_time", "Order": "ASC"}); total != 3 || len(page) != 1 || page[0].Type != "ckafka" {
		t.Errorf("page 3 = %+v (total %d)", page, total)
	}
	if got, _ := h.triggers(map[string]any{"FunctionName": "fn", "Filters": []map[string]any{{"Name": "TriggerName", "Values": []string{"every5"}}}}); len(got) != 1 {
		t.Errorf("filtered by name: %+v", got)
	}

	h.ok("UpdateTrigger", map[string]any{"FunctionName": "fn", "TriggerName": "every5", "Type": "timer", "Qualifier": "$DEFAULT",
		"TriggerDesc": "0 0 2 * * * *", "Enable": "CLOSE", "Description": "nightly", "CustomArgument": "x"})
	h.expect("InvalidParameterValue.Type", "UpdateTrigger", map[string]any{"FunctionName": "fn", "TriggerName": testCosName, "Type": "cos"})
	h.expect("ResourceNotFound.Trigger", "UpdateTrigger", map[string]any{"FunctionName": "fn", "TriggerName": "nope", "Type": "timer"})
	h.ok("UpdateTriggerStatus", map[string]any{"FunctionName": "fn", "TriggerName": testCosName, "Type": "cos", "Enable": "OPEN",
		"TriggerDesc": `{"event":"cos:ObjectCreated:*"}`})
	rows, _ = h.triggers(map[string]any{"FunctionName": "fn", "OrderBy": "add_time", "Order": "ASC"})
	if r := rows[0]; r.TriggerDesc != `{"cron":"0 0 2 * * * *"}` || r.Enable != 0 || r.Description != "nightly" || r.CustomArgument != "x" {
		t.Errorf("timer after update = %+v", r)
	}
	if rows[1].Enable != 1 {
		t.Errorf("cos after UpdateTriggerStatus = %+v, want enabled", rows[1])
	}
	if tr := arr(t, h.get(defaultNamespace, "fn")["Triggers"]); len(tr) != 3 {
		t.Errorf("GetFunction Triggers = %v, want 3", tr)
	}

	h.expect("InvalidParameterValue.TriggerDesc", "DeleteTrigger", map[string]any{"FunctionName": "fn", "TriggerName": testCosName, "Type": "cos"})
	h.ok("DeleteTrigger", map[string]any{"FunctionName": "fn", "TriggerName": testCosName, "Type": "cos", "TriggerDesc": `{"event":"cos:ObjectCreated:*"}`})
	h.expect("ResourceNotFound.Trigger", "DeleteTrigger", map[string]any{"FunctionName": "fn", "TriggerName": testCosName, "Type": "cos", "TriggerDesc": `{"event":"cos:ObjectCreated:*"}`})
	h.ok("DeleteTrigger", map[string]any{"FunctionName": "fn", "TriggerName": "every5", "Type": "timer", "Qualifier": "$DEFAULT"})

	// A trigger of a deleted function disappears with it.
	h.ok("DeleteFunction", map[string]any{"FunctionName": "fn"})
	h.createActive("fn", nil)
	if got, total := h.triggers(map[string]any{"FunctionName": "fn"}); total != 0 {
		t.Errorf("triggers of a recreated function: %+v", got)
	}
	h.expect("ResourceNotFound.Function", "ListTriggers", map[string]any{"FunctionName": "gone"})
}

func TestTriggerValidation(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	for _, tc := range []struct {
		code   string
		params map[string]any
	}{
		{"InvalidParameterValue.TriggerDesc", timerParams("t", "*/5 * * * *")},
		{"InvalidParameterValue.TriggerDesc", timerParams("t", "0 0 25 * * * *")},
		{"InvalidParameterValue.TriggerName", timerParams("bad name", "0 * * * * * *")},
		{"InvalidParameterValue.Type", map[string]any{"FunctionName": "fn", "TriggerName": "t", "Type": "sms", "TriggerDesc": "x"}},
		{"ResourceNotFound.Qualifier", map[string]any{"FunctionName": "fn", "TriggerName": "t", "Type": "timer", "TriggerDesc": "0 * * * * * *", "Qualifier": "7"}},
		{"ResourceNotFound.Function", map[string]any{"FunctionName": "other", "TriggerName": "t", "Type": "timer", "TriggerDesc": "0 * * * * * *"}},
		{"InvalidParameterValue.Enable", map[string]any{"FunctionName": "fn", "TriggerName": "t", "Type": "timer", "TriggerDesc": "0 * * * * * *", "Enable": "yes"}},
		{"InvalidParameterValue.TriggerName", map[string]any{"FunctionName": "fn", "TriggerName": "photos", "Type": "cos", "TriggerDesc": `{"event":"cos:ObjectCreated:*"}`}},
		{"InvalidParameterValue.TriggerDesc", map[string]any{"FunctionName": "fn", "TriggerName": testCosName, "Type": "cos", "TriggerDesc": `{"event":"s3:Put"}`}},
		{"InvalidParameterValue.TriggerDesc", map[string]any{"FunctionName": "fn", "TriggerName": "ckafka-abcd1234-t", "Type": "ckafka", "TriggerDesc": `{"maxMsgNum":"0","offset":"latest"}`}},
		{"InvalidParameterValue.CustomArgument", map[string]any{"FunctionName": "fn", "TriggerName": "ckafka-abcd1234-t", "Type": "ckafka", "TriggerDesc": `{"maxMsgNum":"1","offset":"latest"}`, "CustomArgument": "x"}},
		{"InvalidParameterValue.OrderBy", nil},
	} {
		if tc.params == nil {
			h.expect(tc.code, "ListTriggers", map[string]any{"FunctionName": "fn", "OrderBy": "name"})
			continue
		}
		h.expect(tc.code, "CreateTrigger", tc.params)
	}
}

func TestTriggersPersist(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	h1 := newHarness(t, Options{StatePath: path})
	h1.createActive("fn", nil)
	h1.ok("CreateTrigger", timerParams("every5", "0 */5 * * * * *"))
	if err := h1.srv.Close(); err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t, Options{StatePath: path})
	if rows, _ := h2.triggers(map[string]any{"FunctionName": "fn"}); len(rows) != 1 || rows[0].TriggerName != "every5" {
		t.Errorf("triggers after reload = %+v", rows)
	}
}
