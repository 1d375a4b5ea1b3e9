package fakescf

import (
	"archive/zip"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io/fs"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

type zipEntry struct {
	name, body string
	mode       uint32 // 0: a regular file with mode 0644
}

func zipBytes(t testing.TB, entries ...zipEntry) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		hdr := &zip.FileHeader{Name: e.name, Method: zip.Deflate}
		hdr.SetMode(0o644)
		if e.mode != 0 {
			hdr.SetMode(fileModeOf(e.mode))
		}
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write([]byte(e.body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func zipB64(t testing.TB, entries ...zipEntry) string {
	return base64.StdEncoding.EncodeToString(zipBytes(t, entries...))
}

// invokeOut is the Result of Invoke as a client decodes it.
type invokeOut struct {
	Result struct {
		FunctionRequestId string
		RetMsg            *string
		ErrMsg            *string
		Log               *string
		Duration          *float64
		BillDuration      *int64
		MemUsage          *int64
		InvokeResult      *int64
	}
}

func (h *harness) invoke(params map[string]any) invokeOut {
	h.t.Helper()
	raw := h.ok("Invoke", params)
	var out invokeOut
	if err := json.Unmarshal(raw, &out); err != nil {
		h.t.Fatal(err)
	}
	if len(out.Result.FunctionRequestId) != 36 {
		h.t.Fatalf("FunctionRequestId %q is not a UUID", out.Result.FunctionRequestId)
	}
	return out
}

// errMsg decodes ErrMsg of a failed invocation.
func errMsgOf(t *testing.T, out invokeOut) map[string]any {
	t.Helper()
	if out.Result.InvokeResult == nil || *out.Result.InvokeResult != -1 {
		t.Fatalf("InvokeResult = %v, want -1 (RetMsg %v)", out.Result.InvokeResult, out.Result.RetMsg)
	}
	var m map[string]any
	if err := json.Unmarshal([]byte(*out.Result.ErrMsg), &m); err != nil {
		t.Fatalf("ErrMsg is not JSON: %v: %q", err, *out.Result.ErrMsg)
	}
	return m
}

func TestInvokeWithoutExecAnswersTheDocumentedResult(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	out := h.invoke(map[string]any{"FunctionName": "fn", "ClientContext": `{"a":1}`, "LogType": "Tail"})
	r := out.Result
	if *r.RetMsg != "null" || *r.ErrMsg != "" || *r.InvokeResult != 0 || *r.Duration != 0 || *r.BillDuration != 0 || *r.MemUsage != 0 {
		t.Fatalf("unexpected result %+v", r)
	}
	if !strings.Contains(*r.Log, "the code was not run: scf-fake runs without -exec") {
		t.Fatalf("Log = %q, want the reason the code was not run", *r.Log)
	}
	// Without Tail the log is empty; InvokeFunction answers the same shape.
	raw := h.ok("InvokeFunction", map[string]any{"FunctionName": "fn", "Event": `{}`})
	var f invokeOut
	if err := json.Unmarshal(raw, &f); err != nil {
		t.Fatal(err)
	}
	if f.Result.Log == nil || *f.Result.Log != "" || *f.Result.RetMsg != "null" {
		t.Fatalf("InvokeFunction result %+v", f.Result)
	}
}

func TestInvokeErrors(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	h.expect("ResourceNotFound.Function", "Invoke", map[string]any{"FunctionName": "nope"})
	h.expect("InvalidParameter.FunctionName", "Invoke", map[string]any{})
	h.expect("InvalidParameterValue.Param", "Invoke", map[string]any{"FunctionName": "fn", "ClientContext": "{not json"})
	h.expect("InvalidParameterValue.Param", "Invoke", map[string]any{"FunctionName": "fn", "InvocationType": "Later"})
	h.expect("InvalidParameterValue.Param", "Invoke", map[string]any{"FunctionName": "fn", "LogType": "All"})
	h.expect("ResourceNotFound.Qualifier", "Invoke", map[string]any{"FunctionName": "fn", "Qualifier": "7"})
	h.expect("ResourceNotFound.Qualifier", "InvokeFunction", map[string]any{"FunctionName": "fn", "Qualifier": "live"})
	big := `"` + strings.Repeat("x", asyncEventLimit) + `"`
	h.expect("InvalidParameterValue.Param", "Invoke", map[string]any{"FunctionName": "fn", "InvocationType": "Event", "ClientContext": big})
	h.invoke(map[string]any{"FunctionName": "fn", "ClientContext": big}) // within the synchronous limit

	h.srv.SetDelays(0, time.Minute, 0)
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Description": "x"})
	h.expect("FailedOperation.FunctionStatusError", "Invoke", map[string]any{"FunctionName": "fn"})
}

func TestInvokeEventAnswersOnlyTheRequestID(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	out := h.invoke(map[string]any{"FunctionName": "fn", "InvocationType": "Event", "LogType": "Tail"})
	r := out.Result
	if r.RetMsg != nil || r.Log != nil || r.InvokeResult != nil || r.Duration != nil {
		t.Fatalf("an Event invocation answered more than FunctionRequestId: %+v", r)
	}
}

func requireInterpreter(t *testing.T, name string) {
	t.Helper()
	if _, err := exec.LookPath(name); err != nil {
		t.Skipf("%s is not on PATH", name)
	}
}

func execHarness(t *testing.T) *harness {
	t.Helper()
	return newHarness(t, Options{Exec: true})
}

func (h *harness) deploy(name, runtime, handler string, timeout int, env map[string]string, entries ...zipEntry) {
	h.t.Helper()
	p := map[string]any{
		"FunctionName": name, "Runtime": runtime, "Handler": handler, "Timeout": timeout,
		"Code": map[string]any{"ZipFile": zipB64(h.t, entries...)},
	}
	if len(env) > 0 {
		var vars []map[string]string
		for k, v := range env {
			vars = append(vars, map[string]string{"Key": k, "Value": v})
		}
		p["Environment"] = map[string]any{"Variables": vars}
	}
	h.createActive(name, p)
}

const pyHandlers = `import json, os, sys, time
def hello(event, context):
    print("log line from python")
    sys.stderr.write("to stderr\n")
    return {"message": "%s, %s!" % (os.environ.get("GREETING"), event["name"]), "request": context["request_id"], "fn": context["function_name"]}
def boom(event, context):
    raise ValueError("the input was wrong")
def slow(event, context):
    time.sleep(30)
def env(event, context):
    return {k: os.environ.get(k) for k in event["keys"]}
def text(event, context):
    return "plain"
`

func TestExecPython(t *testing.T) {
	requireInterpreter(t, "python3")
	h := execHarness(t)
	code := zipEntry{name: "index.py", body: pyHandlers}
	h.deploy("hello", "Python3.9", "index.hello", 3, map[string]string{"GREETING": "hi"}, code)

	out := h.invoke(map[string]any{"FunctionName": "hello", "ClientContext": `{"name":"ada"}`, "LogType": "Tail"})
	r := out.Result
	if *r.InvokeResult != 0 {
		t.Fatalf("InvokeResult %d, ErrMsg %s, Log %s", *r.InvokeResult, *r.ErrMsg, *r.Log)
	}
	var ret map[string]string
	if err := json.Unmarshal([]byte(*r.RetMsg), &ret); err != nil {
		t.Fatalf("RetMsg %q: %v", *r.RetMsg, err)
	}
	if ret["message"] != "hi, ada!" || ret["request"] != r.FunctionRequestId || ret["fn"] != "hello" {
		t.Fatalf("RetMsg = %v", ret)
	}
	if !containsAll(*r.Log, "START RequestId: "+r.FunctionRequestId, "log line from python", "to stderr", "END RequestId") {
		t.Fatalf("Log = %q", *r.Log)
	}
	if *r.Duration <= 0 || *r.BillDuration < 1 || *r.MemUsage <= 0 {
		t.Fatalf("numbers not measured: %+v", r)
	}

	h.deploy("boom", "Python3.9", "index.boom", 3, nil, code)
	e := errMsgOf(t, h.invoke(map[string]any{"FunctionName": "boom"}))
	if e["errorMessage"] != "the input was wrong" || e["errorType"] != "ValueError" || e["statusCode"] != float64(430) ||
		!strings.Contains(fmt.Sprint(e["stackTrace"]), "Traceback") {
		t.Fatalf("ErrMsg = %v", e)
	}

	h.deploy("text", "Python3.9", "index.text", 3, nil, code)
	if got := *h.invoke(map[string]any{"FunctionName": "text"}).Result.RetMsg; got != `"plain"` {
		t.Fatalf("RetMsg of a string = %q, want the JSON string", got)
	}
}

func TestExecTimeoutKillsTheProcessGroup(t *testing.T) {
	requireInterpreter(t, "python3")
	h := execHarness(t)
	h.deploy("slow", "Python3.9", "index.slow", 1, nil, zipEntry{name: "index.py", body: pyHandlers})
	began := time.Now()
	e := errMsgOf(t, h.invoke(map[string]any{"FunctionName": "slow", "LogType": "Tail"}))
	if took := time.Since(began); took > 5*time.Second {
		t.Fatalf("the timed-out invocation took %s", took)
	}
	if e["statusCode"] != float64(433) || e["errorType"] != "Timeout" {
		t.Fatalf("ErrMsg = %v", e)
	}
}

func TestExecEnvironmentIsTheFunctionsOnly(t *testing.T) {
	requireInterpreter(t, "python3")
	t.Setenv("SCF_FAKE_TEST_SECRET", "must-not-leak")
	h := execHarness(t)
	hostile := "$(touch pwned); `id` ; echo x | cat && rm -rf / '\""
	h.deploy("env", "Python3.9", "index.env", 3, map[string]string{"WEIRD": hostile}, zipEntry{name: "index.py", body: pyHandlers})
	out := h.invoke(map[string]any{"FunctionName": "env", "ClientContext": `{"keys":["WEIRD","SCF_FAKE_TEST_SECRET","SCF_FUNCTIONNAME"]}`})
	var got map[string]*string
	if err := json.Unmarshal([]byte(*out.Result.RetMsg), &got); err != nil {
		t.Fatalf("RetMsg %q: %v", *out.Result.RetMsg, err)
	}
	if got["WEIRD"] == nil || *got["WEIRD"] != hostile {
		t.Fatalf("WEIRD = %v, want the value as set", got["WEIRD"])
	}
	if got["SCF_FAKE_TEST_SECRET"] != nil {
		t.Fatal("the fake's own environment reached the function")
	}
	if got["SCF_FUNCTIONNAME"] == nil || *got["SCF_FUNCTIONNAME"] != "env" {
		t.Fatalf("SCF_FUNCTIONNAME = %v", got["SCF_FUNCTIONNAME"])
	}
}

const nodeHandlers = `'use strict';
exports.hello = async (event, context) => {
  console.log('log line from node');
  return { text: process.env.STYLE + ':' + event.name, fn: context.function_name };
};
exports.callback = (event, context, cb) => { cb(null, { viaCallback: true }); };
exports.boom = async () => { throw new RangeError('node says no'); };
exports.slow = () => new Promise(() => setInterval(() => {}, 1000));
`

func TestExecNode(t *testing.T) {
	requireInterpreter(t, "node")
	h := execHarness(t)
	code := zipEntry{name: "index.js", body: nodeHandlers}
	h.deploy("hello", "Nodejs18.15", "index.hello", 3, map[string]string{"STYLE": "loud"}, code)
	r := h.invoke(map[string]any{"FunctionName": "hello", "ClientContext": `{"name":"bo"}`, "LogType": "Tail"}).Result
	if *r.InvokeResult != 0 || *r.RetMsg != `{"text":"loud:bo","fn":"hello"}` || !strings.Contains(*r.Log, "log line from node") {
		t.Fatalf("result %q %q %q", *r.RetMsg, *r.ErrMsg, *r.Log)
	}
	h.deploy("cb", "Nodejs18.15", "index.callback", 3, nil, code)
	if got := *h.invoke(map[string]any{"FunctionName": "cb"}).Result.RetMsg; got != `{"viaCallback":true}` {
		t.Fatalf("callback RetMsg = %q", got)
	}
	h.deploy("boom", "Nodejs18.15", "index.boom", 3, nil, code)
	e := errMsgOf(t, h.invoke(map[string]any{"FunctionName": "boom"}))
	if e["errorMessage"] != "node says no" || e["errorType"] != "RangeError" {
		t.Fatalf("ErrMsg = %v", e)
	}
	h.deploy("slow", "Nodejs18.15", "index.slow", 1, nil, code)
	if e := errMsgOf(t, h.invoke(map[string]any{"FunctionName": "slow"})); e["statusCode"] != float64(433) {
		t.Fatalf("ErrMsg = %v", e)
	}
}

func TestExecLayersAreImportable(t *testing.T) {
	requireInterpreter(t, "python3")
	h := execHarness(t)
	layer := zipB64(t, zipEntry{name: "python/greetings.py", body: "def greet(n):\n    return 'hey ' + n\n"})
	h.ok("PublishLayerVersion", map[string]any{"LayerName": "greet", "CompatibleRuntimes": []string{"Python3.9"}, "Content": map[string]any{"ZipFile": layer}})
	p := map[string]any{
		"Layers": []map[string]any{{"LayerName": "greet", "LayerVersion": 1}},
	}
	h.deploy("uses", "Python3.9", "index.main", 3, nil, zipEntry{name: "index.py", body: "import greetings\ndef main(event, context):\n    return greetings.greet('x')\n"})
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "uses", "Layers": p["Layers"]})
	if got := *h.invoke(map[string]any{"FunctionName": "uses"}).Result.RetMsg; got != `"hey x"` {
		t.Fatalf("RetMsg = %q", got)
	}
}

func TestExecRuntimeNotRunSaysSo(t *testing.T) {
	h := execHarness(t)
	h.deploy("java", "Java8", "example.Hello::main", 3, nil, zipEntry{name: "a.class", body: "x"})
	r := h.invoke(map[string]any{"FunctionName": "java", "LogType": "Tail"}).Result
	if *r.RetMsg != "null" || !strings.Contains(*r.Log, "scf-fake does not run runtime Java8") {
		t.Fatalf("result %q %q", *r.RetMsg, *r.Log)
	}
}

func fileModeOf(m uint32) fs.FileMode { return fs.FileMode(m) }

func TestExecEventRunsInTheBackground(t *testing.T) {
	requireInterpreter(t, "python3")
	var log syncBuffer
	h := newHarness(t, Options{Exec: true, Log: &log})
	h.deploy("fn", "Python3.9", "index.hello", 3, map[string]string{"GREETING": "hi"}, zipEntry{name: "index.py", body: pyHandlers})
	out := h.invoke(map[string]any{"FunctionName": "fn", "InvocationType": "Event", "ClientContext": `{"name":"x"}`})
	h.srv.running.Wait()
	want := "invocation function=default/fn functionRequestId=" + out.Result.FunctionRequestId + ` outcome="ok"`
	if !strings.Contains(log.String(), want) {
		t.Fatalf("the log lacks %q:\n%s", want, log.String())
	}
}

// syncBuffer is a bytes.Buffer safe for the server's concurrent log writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestExecImageFunctionIsNotRun(t *testing.T) {
	h := execHarness(t)
	h.createActive("img", map[string]any{
		"Runtime": "CustomImage", "Handler": nil,
		"Code": map[string]any{"ImageConfig": map[string]any{"ImageType": "personal", "ImageUri": "ccr.ccs.tencentyun.com/team/app:v1"}},
	})
	r := h.invoke(map[string]any{"FunctionName": "img", "LogType": "Tail"}).Result
	if *r.RetMsg != "null" || *r.InvokeResult != 0 || !strings.Contains(*r.Log, "scf-fake does not run image functions") {
		t.Fatalf("result %q %q", *r.RetMsg, *r.Log)
	}
}

// A large result and a long log arrive whole (the log as its tail).
func TestExecLargeResultAndLog(t *testing.T) {
	requireInterpreter(t, "python3")
	h := execHarness(t)
	h.deploy("big", "Python3.9", "index.big", 5, nil, zipEntry{name: "index.py", body: "def big(event, context):\n    for i in range(20000):\n        print('line %d' % i)\n    return 'x' * (2 << 20)\n"})
	r := h.invoke(map[string]any{"FunctionName": "big", "LogType": "Tail"}).Result
	if len(*r.RetMsg) != 2<<20+2 || !strings.HasPrefix(*r.RetMsg, `"xxx`) {
		t.Fatalf("RetMsg has %d bytes, want %d", len(*r.RetMsg), 2<<20+2)
	}
	if len(*r.Log) != logTailLimit || !strings.Contains(*r.Log, "line 19999\nEND RequestId") {
		t.Fatalf("Log (%d bytes) is not the 4 KB tail: %q", len(*r.Log), tailOf(*r.Log, 200))
	}
}
