package fakescf

import (
	"encoding/json"
	"testing"
	"time"
)

func TestCreateUpdateDeleteLifecycle(t *testing.T) {
	h := newHarness(t, Options{CreateDelay: 10 * time.Second, UpdateDelay: 5 * time.Second, DeleteDelay: 7 * time.Second})
	h.ok("CreateFunction", createParams(t, "fn"))
	if st := h.status(defaultNamespace, "fn"); st != statusCreating {
		t.Fatalf("status = %s, want Creating", st)
	}
	name := map[string]any{"FunctionName": "fn"}
	h.expect("FailedOperation.FunctionStatusError", "UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Timeout": 5})
	h.expect("FailedOperation.UpdateFunctionCode", "UpdateFunctionCode", map[string]any{"FunctionName": "fn", "Code": map[string]any{"ZipFile": testZip(t)}})
	h.expect("FailedOperation.DeleteFunction", "DeleteFunction", name)

	h.clock.Advance(9 * time.Second)
	if st := h.status(defaultNamespace, "fn"); st != statusCreating {
		t.Fatalf("status after 9s = %s, want Creating", st)
	}
	h.clock.Advance(time.Second)
	first := h.get(defaultNamespace, "fn")
	if first["Status"] != statusActive {
		t.Fatalf("status after 10s = %v, want Active", first["Status"])
	}

	h.clock.Advance(time.Minute)
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Timeout": 5})
	upd := h.get(defaultNamespace, "fn")
	if upd["Status"] != statusUpdating || upd["ModTime"] == first["ModTime"] || upd["AddTime"] != first["AddTime"] {
		t.Fatalf("after update: status %v, ModTime %v (was %v), AddTime %v", upd["Status"], upd["ModTime"], first["ModTime"], upd["AddTime"])
	}
	h.expect("FailedOperation.FunctionStatusError", "UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Timeout": 6})
	h.clock.Advance(5 * time.Second)
	if st := h.status(defaultNamespace, "fn"); st != statusActive {
		t.Fatalf("status after update delay = %s", st)
	}

	h.ok("DeleteFunction", name)
	if st := h.status(defaultNamespace, "fn"); st != statusDeleting {
		t.Fatalf("status after delete = %s, want Deleting", st)
	}
	h.expect("FailedOperation.DeleteFunction", "DeleteFunction", name)
	h.expect("ResourceInUse.FunctionName", "CreateFunction", createParams(t, "fn"))
	h.expect("FailedOperation.UpdateFunctionCode", "UpdateFunctionCode", map[string]any{"FunctionName": "fn", "Code": map[string]any{"ZipFile": testZip(t)}})
	h.clock.Advance(7 * time.Second)
	h.expect("ResourceNotFound.Function", "GetFunction", name)
	h.expect("ResourceNotFound.Function", "DeleteFunction", name)
	if names := h.srv.FunctionNames(defaultNamespace); len(names) != 0 {
		t.Fatalf("FunctionNames after delete = %v", names)
	}
	h.ok("CreateFunction", createParams(t, "fn"))
}

func TestZeroDelaysAreActiveOnFirstRead(t *testing.T) {
	h := newHarness(t, Options{})
	h.ok("CreateFunction", createParams(t, "fn"))
	if st := h.status(defaultNamespace, "fn"); st != statusActive {
		t.Fatalf("status = %s", st)
	}
	h.ok("DeleteFunction", map[string]any{"FunctionName": "fn", "Qualifier": "$LATEST"})
	h.expect("ResourceNotFound.Function", "GetFunction", map[string]any{"FunctionName": "fn"})
}

func TestFailNext(t *testing.T) {
	h := newHarness(t, Options{CreateDelay: time.Second, UpdateDelay: time.Second, DeleteDelay: time.Second})
	reason := StatusReason{ErrorCode: "InvalidParameterValue.Handler", ErrorMessage: "the handler file was not found in the package"}
	h.srv.FailNext("CreateFunction", "fn", reason)
	h.ok("CreateFunction", createParams(t, "fn"))
	if st := h.status(defaultNamespace, "fn"); st != statusCreating {
		t.Fatalf("status = %s, want Creating before the delay", st)
	}
	h.clock.Advance(time.Second)
	got := h.get(defaultNamespace, "fn")
	reasons, _ := got["StatusReasons"].([]any)
	if got["Status"] != statusCreateFailed || len(reasons) != 1 || got["StatusDesc"] != reason.ErrorMessage {
		t.Fatalf("got status %v reasons %v desc %v", got["Status"], got["StatusReasons"], got["StatusDesc"])
	}
	if r0, _ := reasons[0].(map[string]any); r0["ErrorCode"] != reason.ErrorCode {
		t.Fatalf("reason = %v", reasons[0])
	}
	h.expect("FailedOperation.FunctionStatusError", "UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Timeout": 5})
	h.expect("FailedOperation.UpdateFunctionCode", "UpdateFunctionCode", map[string]any{"FunctionName": "fn", "Code": map[string]any{"ZipFile": testZip(t)}})
	// A CreateFailed function can only be deleted.
	h.ok("DeleteFunction", map[string]any{"FunctionName": "fn"})
	h.clock.Advance(time.Second)
	h.expect("ResourceNotFound.Function", "GetFunction", map[string]any{"FunctionName": "fn"})

	// The instruction is used up: the next create succeeds.
	h.ok("CreateFunction", createParams(t, "fn"))
	h.clock.Advance(time.Second)
	if st := h.status(defaultNamespace, "fn"); st != statusActive {
		t.Fatalf("status = %s", st)
	}

	for _, action := range []string{"UpdateFunctionCode", "UpdateFunctionConfiguration"} {
		h.srv.FailNext(action, "fn")
		params := map[string]any{"FunctionName": "fn", "Timeout": 7}
		if action == "UpdateFunctionCode" {
			params = map[string]any{"FunctionName": "fn", "Code": map[string]any{"ZipFile": testZip(t)}}
		}
		h.ok(action, params)
		h.clock.Advance(time.Second)
		got := h.get(defaultNamespace, "fn")
		if got["Status"] != statusUpdateFailed || len(arr(t, got["StatusReasons"])) != 1 {
			t.Fatalf("%s: status %v reasons %v", action, got["Status"], got["StatusReasons"])
		}
		// UpdateFailed accepts a new update, which clears the reasons.
		h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Timeout": 8})
		h.clock.Advance(time.Second)
		got = h.get(defaultNamespace, "fn")
		if got["Status"] != statusActive || len(arr(t, got["StatusReasons"])) != 0 || got["StatusDesc"] != "" {
			t.Fatalf("%s: recovery: %v %v", action, got["Status"], got["StatusReasons"])
		}
	}

	h.srv.FailNext("DeleteFunction", "fn")
	h.ok("DeleteFunction", map[string]any{"FunctionName": "fn"})
	h.clock.Advance(time.Second)
	if st := h.status(defaultNamespace, "fn"); st != statusDeleteFailed {
		t.Fatalf("status = %s, want DeleteFailed", st)
	}
	h.ok("DeleteFunction", map[string]any{"FunctionName": "fn"})
	h.clock.Advance(time.Second)
	h.expect("ResourceNotFound.Function", "GetFunction", map[string]any{"FunctionName": "fn"})
}

func TestVersionNotFoundWhileDeleting(t *testing.T) {
	h := newHarness(t, Options{DeleteDelay: time.Minute})
	h.createActive("fn", nil)
	name := map[string]any{"FunctionName": "fn"}
	// Not Deleting: the fault is used up without effect.
	h.srv.InjectFault("GetFunction", FaultVersionNotFound, 1)
	h.ok("GetFunction", name)
	h.ok("DeleteFunction", name)
	h.srv.InjectFault("GetFunction", FaultVersionNotFound, 2)
	h.expect("ResourceNotFound.Version", "GetFunction", name)
	h.expect("ResourceNotFound.Version", "GetFunction", name)
	if st := h.status(defaultNamespace, "fn"); st != statusDeleting {
		t.Fatalf("status = %s", st)
	}
	if n := h.srv.Stats().FaultsInjected[FaultVersionNotFound]; n != 2 {
		t.Fatalf("FaultsInjected[version-not-found] = %d, want 2", n)
	}
}

func TestQualifiersAndMissingThings(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	h.expect("InvalidParameter.FunctionNameOrResourceIdRequired", "GetFunction", map[string]any{})
	h.expect("ResourceNotFound.Version", "GetFunction", map[string]any{"FunctionName": "fn", "Qualifier": "1"})
	h.ok("GetFunction", map[string]any{"FunctionName": "fn", "Qualifier": "$LATEST", "ShowCode": "TRUE"})
	h.expect("ResourceNotFound.Namespace", "GetFunction", map[string]any{"FunctionName": "fn", "Namespace": "nowhere"})
	h.expect("ResourceNotFound.Function", "GetFunction", map[string]any{"FunctionName": "other"})
	h.expect("ResourceNotFound.Function", "GetFunctionAddress", map[string]any{"FunctionName": "other"})
	h.expect("MissingParameter", "DeleteFunction", map[string]any{})
	h.expect("MissingParameter", "UpdateFunctionConfiguration", map[string]any{"Timeout": 3})
	h.expect("ResourceNotFound.Version", "DeleteFunction", map[string]any{"FunctionName": "fn", "Qualifier": "2"})
}

func TestFunctionIDAndAddress(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	got := h.get(defaultNamespace, "fn")
	id, _ := got["FunctionId"].(string)
	if len(id) != 12 || id[:4] != "lam-" {
		t.Fatalf("FunctionId = %q", id)
	}
	var addr struct{ Url, CodeSha256 string }
	if err := json.Unmarshal(h.ok("GetFunctionAddress", map[string]any{"FunctionName": "fn"}), &addr); err != nil {
		t.Fatal(err)
	}
	rec, aerr := checkZip(testZip(t), maxZipCreate)
	if aerr != nil {
		t.Fatal(aerr)
	}
	if addr.CodeSha256 != rec.Sha256 || addr.Url == "" || got["CodeSize"] != float64(rec.Size) {
		t.Fatalf("address %+v, CodeSize %v; want sha %s size %d", addr, got["CodeSize"], rec.Sha256, rec.Size)
	}
	h.createActive("cosfn", map[string]any{"Code": map[string]any{"CosBucketName": "scf-code", "CosObjectName": "/demo/code.zip"}})
	if err := json.Unmarshal(h.ok("GetFunctionAddress", map[string]any{"FunctionName": "cosfn"}), &addr); err != nil {
		t.Fatal(err)
	}
	if want := h.srv.fixtures.CosObjects[0].Sha256; addr.CodeSha256 != want {
		t.Fatalf("cos sha = %s, want fixture %s", addr.CodeSha256, want)
	}
	h.createActive("demofn", map[string]any{"Code": map[string]any{"DemoId": "demo-hello-python"}})
	if err := json.Unmarshal(h.ok("GetFunctionAddress", map[string]any{"FunctionName": "demofn"}), &addr); err != nil {
		t.Fatal(err)
	}
	if addr.CodeSha256 != sha256Hex([]byte("demo-hello-python")) {
		t.Fatalf("demo sha = %s", addr.CodeSha256)
	}
}
