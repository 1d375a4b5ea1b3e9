package scfapi_test

import (
	"os/exec"
	"strings"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

const invokeHandlers = `def main_handler(event, context):
    print("hello log")
    return {"twice": event["n"] * 2}
def fail(event, context):
    raise KeyError("missing")
`

func invokeFn(t *testing.T, name, handler string) *scfapi.CreateFunctionRequest {
	return &scfapi.CreateFunctionRequest{
		FunctionName: sp(name), Runtime: sp("Python3.9"), Handler: sp(handler),
		Code: &scfapi.Code{ZipFile: b64(makeZip(t, invokeHandlers))},
	}
}

func TestContractInvokeRunsTheCode(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not on PATH")
	}
	h := newContract(t, fakescf.Options{Exec: true}, nil)
	h.create(invokeFn(t, "fn", "index.main_handler"))
	res, err := h.c.Invoke(h.ctx, scfapi.InvokeInput{FunctionName: "fn", Event: `{"n":21}`, Tail: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.RetMsg != `{"twice": 42}` || !strings.Contains(res.Log, "hello log") || res.FunctionRequestId == "" || res.Duration <= 0 {
		t.Fatalf("Invoke = %+v", res)
	}

	h.create(invokeFn(t, "bad", "index.fail"))
	res, err = h.c.Invoke(h.ctx, scfapi.InvokeInput{FunctionName: "bad", Tail: true})
	fe, ok := scfapi.AsFunctionError(err)
	if !ok || fe.Type != "KeyError" || fe.Message != "'missing'" || fe.StatusCode != 430 || res == nil || !strings.Contains(fe.Result.Log, "START RequestId") {
		t.Fatalf("Invoke of a failing function = %+v, %v", res, err)
	}

	async, err := h.c.Invoke(h.ctx, scfapi.InvokeInput{FunctionName: "fn", Event: `{"n":1}`, Async: true})
	if err != nil || async.FunctionRequestId == "" || async.RetMsg != "" {
		t.Fatalf("Event invocation = %+v, %v", async, err)
	}
}

func TestContractInvokeRetriesOnlyWhatDidNotRun(t *testing.T) {
	h := newContract(t, fakescf.Options{}, nil)
	h.create(invokeFn(t, "fn", "index.main_handler"))
	requests := func() int64 { return h.srv.Stats().Requests[scfapi.ActionInvoke] }

	// Throttled answers ran nothing: retried until the call goes through.
	h.srv.InjectFault(scfapi.ActionInvoke, fakescf.FaultThrottle, 2)
	before := requests()
	if _, err := h.c.Invoke(h.ctx, scfapi.InvokeInput{FunctionName: "fn"}); err != nil {
		t.Fatalf("Invoke after throttling: %v", err)
	}
	if n := requests() - before; n != 3 {
		t.Fatalf("sent %d times, want 3 (two throttled, one run)", n)
	}

	// A lost answer may have run the function: never sent again.
	for _, kind := range []fakescf.FaultKind{fakescf.FaultDropAfter, fakescf.FaultInternalError} {
		h.srv.InjectFault(scfapi.ActionInvoke, kind, 1)
		before = requests()
		if _, err := h.c.Invoke(h.ctx, scfapi.InvokeInput{FunctionName: "fn"}); err == nil {
			t.Fatalf("%s: Invoke succeeded", kind)
		}
		if n := requests() - before; n != 1 {
			t.Fatalf("%s: sent %d times; an invocation whose outcome is unknown must not be repeated", kind, n)
		}
	}

	_, err := h.c.Invoke(h.ctx, scfapi.InvokeInput{FunctionName: "missing"})
	if !scfapi.IsNotFound(err) {
		t.Fatalf("Invoke of a missing function: %v", err)
	}
}

// A synchronous invocation may last longer than RequestTimeout, which bounds
// the other calls: it is not cut off, so the function's answer arrives.
func TestContractInvokeOutlastsTheRequestTimeout(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Skip("python3 is not on PATH")
	}
	h := newContract(t, fakescf.Options{Exec: true}, func(c *scfapi.Config) { c.RequestTimeout = 300 * time.Millisecond })
	req := invokeFn(t, "slowish", "index.slowish")
	req.Code = &scfapi.Code{ZipFile: b64(makeZip(t, "import time\ndef slowish(event, context):\n    time.sleep(1)\n    return 'done'\n"))}
	h.create(req)
	res, err := h.c.Invoke(h.ctx, scfapi.InvokeInput{FunctionName: "slowish"})
	if err != nil || res.RetMsg != `"done"` {
		t.Fatalf("Invoke = %+v, %v", res, err)
	}
}
