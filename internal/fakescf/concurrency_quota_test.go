package fakescf

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"
)

// reservedMem reads the reserved quota of function "fn".
func (h *harness) reservedMem() *int64 {
	const name = "fn"
	h.t.Helper()
	var out struct{ ReservedMem *int64 }
	if err := json.Unmarshal(h.ok("GetReservedConcurrencyConfig", map[string]any{"FunctionName": name}), &out); err != nil {
		h.t.Fatal(err)
	}
	return out.ReservedMem
}

type provisionedView struct {
	UnallocatedConcurrencyNum int64
	Allocated                 []versionProvisionedOut
}

// provisioned reads the provisioned concurrency of function "fn".
func (h *harness) provisioned() provisionedView {
	const name = "fn"
	h.t.Helper()
	var out provisionedView
	if err := json.Unmarshal(h.ok("GetProvisionedConcurrencyConfig", map[string]any{"FunctionName": name}), &out); err != nil {
		h.t.Fatal(err)
	}
	return out
}

// withVersion creates function "fn" with a published version.
func (h *harness) withVersion(version string) {
	const name = "fn"
	h.t.Helper()
	h.createActive(name, nil)
	if err := h.srv.RegisterPublishedVersion(defaultNamespace, name, version); err != nil {
		h.t.Fatal(err)
	}
}

func TestReservedConcurrencyLifecycle(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	if got := h.reservedMem(); got != nil {
		t.Fatalf("ReservedMem before any Put = %d, want null", *got)
	}
	h.ok("PutReservedConcurrencyConfig", map[string]any{"FunctionName": "fn", "ReservedConcurrencyMem": 1024})
	if got := h.reservedMem(); got == nil || *got != 1024 {
		t.Fatalf("ReservedMem = %v, want 1024", got)
	}
	h.ok("PutReservedConcurrencyConfig", map[string]any{"FunctionName": "fn", "ReservedConcurrencyMem": 0})
	if got := h.reservedMem(); got == nil || *got != 0 {
		t.Fatalf("ReservedMem = %v, want 0 (a stopped function)", got)
	}
	h.ok("DeleteReservedConcurrencyConfig", map[string]any{"FunctionName": "fn"})
	if got := h.reservedMem(); got != nil {
		t.Fatalf("ReservedMem after delete = %d, want null", *got)
	}
}

func TestReservedConcurrencyErrors(t *testing.T) {
	h := newHarness(t, Options{Fixtures: func() *Fixtures { f := DefaultFixtures(); f.AccountConcurrencyMem = 20000; return f }()})
	h.createActive("fa", nil)
	h.createActive("fb", nil)
	h.expect("MissingParameter", "PutReservedConcurrencyConfig", map[string]any{"FunctionName": "fa"})
	h.expect("MissingParameter", "PutReservedConcurrencyConfig", map[string]any{"ReservedConcurrencyMem": 1})
	h.expect("ResourceNotFound.Function", "PutReservedConcurrencyConfig", map[string]any{"FunctionName": "nope", "ReservedConcurrencyMem": 1})
	h.expect("ResourceNotFound.Namespace", "GetReservedConcurrencyConfig", map[string]any{"FunctionName": "fa", "Namespace": "ghost"})
	h.expect("InvalidParameterValue.Namespace", "GetReservedConcurrencyConfig", map[string]any{"FunctionName": "fa", "Namespace": "bad ns"})
	h.expect("UnknownParameter", "PutReservedConcurrencyConfig", map[string]any{"FunctionName": "fa", "ReservedConcurrencyMem": 1, "Mem": 1})
	// 20000 - 12800 = 7200 MB may be reserved across the account.
	h.ok("PutReservedConcurrencyConfig", map[string]any{"FunctionName": "fa", "ReservedConcurrencyMem": 7000})
	h.expect("LimitExceeded.FunctionReservedConcurrencyMemory", "PutReservedConcurrencyConfig", map[string]any{"FunctionName": "fb", "ReservedConcurrencyMem": 201})
	h.ok("PutReservedConcurrencyConfig", map[string]any{"FunctionName": "fb", "ReservedConcurrencyMem": 200})
	// Changing fa's own quota does not count its old value.
	h.ok("PutReservedConcurrencyConfig", map[string]any{"FunctionName": "fa", "ReservedConcurrencyMem": 7000})
}

func TestProvisionedConcurrencyLifecycle(t *testing.T) {
	h := newHarness(t, Options{UpdateDelay: 10 * time.Second})
	h.withVersion("1")
	put := map[string]any{"FunctionName": "fn", "Qualifier": "1", "VersionProvisionedConcurrencyNum": 3}
	h.ok("PutProvisionedConcurrencyConfig", put)
	got := h.provisioned()
	if len(got.Allocated) != 1 || got.Allocated[0].Status != provisionInProgress || got.Allocated[0].AvailableProvisionedConcurrencyNum != 0 {
		t.Fatalf("right after Put: %+v, want one InProgress entry with nothing available", got)
	}
	h.expect("FailedOperation.ProvisionedInProgress", "PutProvisionedConcurrencyConfig", put)
	h.expect("FailedOperation.ProvisionedInProgress", "DeleteProvisionedConcurrencyConfig", map[string]any{"FunctionName": "fn", "Qualifier": "1"})
	h.clock.Advance(10 * time.Second)
	got = h.provisioned()
	if a := got.Allocated[0]; a.Status != provisionDone || a.AvailableProvisionedConcurrencyNum != 3 || a.AllocatedProvisionedConcurrencyNum != 3 || a.Qualifier != "1" {
		t.Fatalf("after the delay: %+v, want Done with 3 of 3", a)
	}
	// 115200 MB less 3 x 128 MB, counted in 128 MB instances.
	if want := int64((115200 - 3*128) / 128); got.UnallocatedConcurrencyNum != want {
		t.Fatalf("UnallocatedConcurrencyNum = %d, want %d", got.UnallocatedConcurrencyNum, want)
	}
	h.ok("DeleteProvisionedConcurrencyConfig", map[string]any{"FunctionName": "fn", "Qualifier": "1"})
	if got := h.provisioned(); len(got.Allocated) != 0 {
		t.Fatalf("after delete: %+v, want nothing allocated", got)
	}
}

func TestProvisionedConcurrencyFailNext(t *testing.T) {
	h := newHarness(t, Options{})
	h.withVersion("2")
	h.srv.FailNext("PutProvisionedConcurrencyConfig", "fn", StatusReason{ErrorCode: "InternalError", ErrorMessage: "no capacity in zone"})
	h.ok("PutProvisionedConcurrencyConfig", map[string]any{"FunctionName": "fn", "Qualifier": "2", "VersionProvisionedConcurrencyNum": 1})
	a := h.provisioned().Allocated[0]
	if a.Status != provisionFailed || a.StatusReason != "no capacity in zone" {
		t.Fatalf("got %+v, want Failed with the injected reason", a)
	}
	// A failed task does not block the next one.
	h.ok("PutProvisionedConcurrencyConfig", map[string]any{"FunctionName": "fn", "Qualifier": "2", "VersionProvisionedConcurrencyNum": 1})
	if a := h.provisioned().Allocated[0]; a.Status != provisionDone {
		t.Fatalf("retry: %+v, want Done", a)
	}
}

func TestProvisionedConcurrencyErrors(t *testing.T) {
	h := newHarness(t, Options{})
	h.withVersion("1")
	// base is a valid Put with key set to value, or left out for nil.
	base := func(key string, value any) map[string]any {
		p := map[string]any{"FunctionName": "fn", "Qualifier": "1", "VersionProvisionedConcurrencyNum": 1}
		p[key] = value
		if value == nil {
			delete(p, key)
		}
		return p
	}
	h.expect("InvalidParameterValue.Qualifier", "PutProvisionedConcurrencyConfig", base("Qualifier", "$LATEST"))
	h.expect("ResourceNotFound.Version", "PutProvisionedConcurrencyConfig", base("Qualifier", "7"))
	h.expect("MissingParameter", "PutProvisionedConcurrencyConfig", base("Qualifier", nil))
	h.expect("MissingParameter", "PutProvisionedConcurrencyConfig", base("VersionProvisionedConcurrencyNum", nil))
	h.expect("InvalidParameterValue", "PutProvisionedConcurrencyConfig", base("VersionProvisionedConcurrencyNum", 0))
	h.expect("InvalidParameterValue.ProvisionType", "PutProvisionedConcurrencyConfig", base("ProvisionedType", "ConcurrencyUtilizationTracking"))
	h.expect("ResourceNotFound.Version", "GetProvisionedConcurrencyConfig", map[string]any{"FunctionName": "fn", "Qualifier": "9"})
	h.expect("ResourceNotFound.Function", "DeleteProvisionedConcurrencyConfig", map[string]any{"FunctionName": "gone", "Qualifier": "1"})

	// With 512 MB reserved, four 128 MB instances fit and five do not.
	h.ok("PutReservedConcurrencyConfig", map[string]any{"FunctionName": "fn", "ReservedConcurrencyMem": 512})
	h.expect("FailedOperation.ProvisionedExceedReserved", "PutProvisionedConcurrencyConfig", base("VersionProvisionedConcurrencyNum", 5))
	h.ok("PutProvisionedConcurrencyConfig", base("VersionProvisionedConcurrencyNum", 4))
	h.expect("FailedOperation.ProvisionedExceedReserved", "PutReservedConcurrencyConfig", map[string]any{"FunctionName": "fn", "ReservedConcurrencyMem": 256})
	h.ok("DeleteReservedConcurrencyConfig", map[string]any{"FunctionName": "fn"})
	h.expect("LimitExceeded.FunctionTotalProvisionedConcurrencyMemory", "PutProvisionedConcurrencyConfig", base("VersionProvisionedConcurrencyNum", 901))
}

func TestConcurrencySettingsPersistAndDieWithTheFunction(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarness(t, Options{StatePath: path})
	h.withVersion("1")
	h.ok("PutReservedConcurrencyConfig", map[string]any{"FunctionName": "fn", "ReservedConcurrencyMem": 1024})
	h.ok("PutProvisionedConcurrencyConfig", map[string]any{"FunctionName": "fn", "Qualifier": "1", "VersionProvisionedConcurrencyNum": 2})
	if err := h.srv.Close(); err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t, Options{StatePath: path})
	if got := h2.reservedMem(); got == nil || *got != 1024 {
		t.Fatalf("after restart ReservedMem = %v, want 1024", got)
	}
	if got := h2.provisioned().Allocated; len(got) != 1 || got[0].AllocatedProvisionedConcurrencyNum != 2 {
		t.Fatalf("after restart Allocated = %+v, want 2 on version 1", got)
	}
	h2.ok("DeleteFunction", map[string]any{"FunctionName": "fn"})
	h2.createActive("fn", nil)
	if got := h2.reservedMem(); got != nil {
		t.Fatalf("a new function of the same name inherited ReservedMem %d", *got)
	}
	h2.expect("ResourceNotFound.Version", "GetProvisionedConcurrencyConfig", map[string]any{"FunctionName": "fn", "Qualifier": "1"})
}

func TestConcurrencyActionsHonourInjectedErrors(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	h.srv.InjectError("GetReservedConcurrencyConfig", "InternalError", "injected", 1)
	h.expect("InternalError", "GetReservedConcurrencyConfig", map[string]any{"FunctionName": "fn"})
	h.ok("GetReservedConcurrencyConfig", map[string]any{"FunctionName": "fn"})
}
