package fakescf

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

var hostileActions = []string{
	"CreateFunction", "GetFunction", "GetFunctionAddress", "UpdateFunctionCode", "UpdateFunctionConfiguration",
	"DeleteFunction", "ListFunctions", "CreateNamespace", "DeleteNamespace", "UpdateNamespace", "ListNamespaces", "ModifyResourceTags",
}

func hostileBodies() []struct {
	name, body, code string // code as answered to CreateFunction
} {
	deep := strings.Repeat("[", 100000)
	nested33 := strings.Repeat(`{"a":`, 33) + "1" + strings.Repeat("}", 33)
	return []struct{ name, body, code string }{
		{"empty", "", "InvalidParameter.Payload"},
		{"whitespace", " \n\t", "InvalidParameter.Payload"},
		{"null", "null", "InvalidParameter.Payload"},
		{"array", "[]", "InvalidParameter.Payload"},
		{"string", `"hello"`, "InvalidParameter.Payload"},
		{"truncated", `{"FunctionName":"fn"`, "InvalidParameter.Payload"},
		{"trailing comma", `{"FunctionName":"fn",}`, "InvalidParameter.Payload"},
		{"trailing data", `{} {}`, "InvalidParameter.Payload"},
		{"deep arrays", deep, "InvalidParameter.Payload"},
		{"deep inside object", `{"Code":` + deep, "InvalidParameter.Payload"},
		{"nesting 33", nested33, "InvalidParameter.Payload"},
		{"invalid utf8", "{\"FunctionName\":\"\xff\xfe\"}", "InvalidParameter.Payload"},
		{"invalid utf8 key", "{\"\xc3\":1}", "InvalidParameter.Payload"},
		{"name is number", `{"FunctionName":5}`, "InvalidParameter.Payload"},
		{"code is string", `{"FunctionName":"fn","Code":"zip"}`, "InvalidParameter.Payload"},
		{"layers is object", `{"FunctionName":"fn","Layers":{}}`, "InvalidParameter.Payload"},
		{"huge exponent", `{"FunctionName":"fn","MemorySize":1e400}`, "InvalidParameter.Payload"},
		{"huge integer", `{"FunctionName":"fn","MemorySize":` + strings.Repeat("9", 5000) + `}`, "InvalidParameter.Payload"},
		{"fraction", `{"FunctionName":"fn","MemorySize":1.5}`, "InvalidParameter.Payload"},
		{"negative zero-ish", `{"FunctionName":"fn","Timeout":-0}`, "MissingParameter.Code"},
		{"nulls", `{"FunctionName":null,"Code":null,"Layers":null}`, "InvalidParameterValue.FunctionName"},
		{"null code", `{"FunctionName":"fn","Code":null}`, "MissingParameter.Code"},
		{"null layer", `{"FunctionName":"fn","Code":{"DemoId":"demo-hello-python"},"Layers":[null]}`, "InvalidParameterValue.Layers"},
		{"bool flag", `{"FunctionName":"fn","InstallDependency":true}`, "InvalidParameter.Payload"},
		{"unknown", `{"Foo\n":1}`, "UnknownParameter"},
		{"control chars", "{\"FunctionName\":\"a\\u0000b\"}", "InvalidParameterValue.FunctionName"},
	}
}

// TestHostileInput sends every hostile body to every action: each answer must
// be a 200 envelope, and CreateFunction's code is the documented one.
func TestHostileInput(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn0", nil)
	for _, tc := range hostileBodies() {
		for _, action := range hostileActions {
			r := h.call(action, tc.body)
			if action == "CreateFunction" && r.Code != tc.code {
				t.Errorf("%s: CreateFunction code %q (%s), want %q", tc.name, r.Code, r.Message, tc.code)
			}
			if r.Code == codeInternalError {
				t.Errorf("%s/%s: InternalError means a handler panicked: %s", tc.name, action, r.Message)
			}
			if len(r.Message) > 400 {
				t.Errorf("%s/%s: message of %d bytes echoes input", tc.name, action, len(r.Message))
			}
		}
	}
}

func TestOversizedBody(t *testing.T) {
	big := `{"FunctionName":"fn","Description":"` + strings.Repeat("a", 11<<20) + `"}`
	h := newHarness(t, Options{})
	h.expect("RequestSizeLimitExceeded", "CreateFunction", big)
	// Without a Content-Length the limit is found while reading.
	r := h.newRequest("CreateFunction", []byte(big))
	r.ContentLength = -1
	if got := h.serve(r); got.Code != "RequestSizeLimitExceeded" {
		t.Fatalf("chunked: %s", got.Code)
	}
	// Over a real connection the client still reads the answer.
	_, c := startLive(t, Options{})
	if got := c.call("CreateFunction", big); got.Code != "RequestSizeLimitExceeded" {
		t.Fatalf("live: %s", got.Code)
	}
	small := newHarness(t, Options{MaxBodyBytes: 64})
	small.expect("RequestSizeLimitExceeded", "ListNamespaces", `{"Limit":1,"Offset":0,"Orderby":"Name","Order":"ASC","SearchKey":[]}`)
	small.ok("ListNamespaces", `{}`)
}

func TestPanicBecomesInternalError(t *testing.T) {
	actionsByName["PanicForTest"] = &actionSpec{name: "PanicForTest", service: "scf", version: scfVersion,
		handle: func(*Server, *call) (response, *apiError) { panic("boom") }}
	defer delete(actionsByName, "PanicForTest")
	h := newHarness(t, Options{})
	r := h.call("PanicForTest", `{}`)
	if r.Code != codeInternalError || strings.Contains(r.Message, "boom") {
		t.Fatalf("got %s %q", r.Code, r.Message)
	}
}

func TestLogLine(t *testing.T) {
	var buf bytes.Buffer
	h := newHarness(t, Options{Log: &buf})
	h.createActive("fn", map[string]any{"Environment": map[string]any{"Variables": []map[string]any{{"Key": "TOKEN", "Value": "sup3rs3cret"}}}})
	h.call("GetFunction", map[string]any{"FunctionName": "bad\nname"})
	h.call("ListNamespaces", map[string]any{})
	out := buf.String()
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 4 {
		t.Fatalf("want 4 log lines, got %d:\n%s", len(lines), out)
	}
	if !containsAll(lines[0], " action=CreateFunction function=default/fn code=OK latency=") {
		t.Errorf("create line = %q", lines[0])
	}
	if !containsAll(lines[2], "function=default/bad?name code=ResourceNotFound.Function") {
		t.Errorf("get line = %q", lines[2])
	}
	if strings.Contains(lines[3], "function=") {
		t.Errorf("namespace line names a function: %q", lines[3])
	}
	if strings.Contains(out, "sup3rs3cret") || strings.Contains(out, DefaultSecretKey) {
		t.Error("log leaks a secret")
	}
}

func FuzzServeHTTP(f *testing.F) {
	for _, b := range hostileBodies() {
		if len(b.body) < 4096 {
			f.Add(uint8(0), []byte(b.body))
		}
	}
	f.Add(uint8(6), []byte(`{"Filters":[{"Name":"tag-x","Values":["a"]}],"Limit":100}`))
	f.Add(uint8(4), []byte(`{"FunctionName":"fn0","Environment":{"Variables":[{"Key":"","Value":""}]},"Layers":[{"LayerName":"","LayerVersion":0}]}`))
	f.Add(uint8(11), []byte(`{"Resource":"qcs::scf:ap-guangzhou:uin/:namespace/default/function/fn0","ReplaceTags":[{"TagKey":"a","TagValue":"b"}]}`))
	f.Add(uint8(0), []byte(`{"FunctionName":"fz","Code":{"ZipFile":"UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA=="},"Runtime":"Go1","Handler":"main"}`))
	h := newHarness(f, Options{})
	h.createActive("fn0", nil)
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		action := hostileActions[int(which)%len(hostileActions)]
		r := h.newRequestCtx(t.Context(), action, body)
		rec := httptest.NewRecorder()
		h.srv.ServeHTTP(rec, r)
		if rec.Code != http.StatusOK {
			t.Fatalf("status %d", rec.Code)
		}
		res := decodeResult(t, rec.Body.Bytes())
		if res.Code == codeInternalError {
			t.Fatalf("%s panicked on %q: %s", action, body, res.Message)
		}
	})
}
