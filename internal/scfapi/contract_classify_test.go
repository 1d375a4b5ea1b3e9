package scfapi_test

// The typed classifiers and waiter errors against the fake.

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

func TestContractNotFoundEverywhereAfterDelete(t *testing.T) {
	h := newContract(t, fakescf.Options{}, nil)
	h.create(zipRequest(t, "gone"))
	if err := h.c.DeleteFunction(h.ctx, "", "gone"); err != nil {
		t.Fatal(err)
	}
	if err := h.c.WaitForDeleted(h.ctx, "", "gone"); err != nil {
		t.Fatal(err)
	}
	calls := map[string]func() error{
		"GetFunction": func() error { _, err := h.c.GetFunction(h.ctx, "", "gone"); return err },
		"GetFunctionAddress": func() error {
			_, err := h.c.GetFunctionAddress(h.ctx, "", "gone")
			return err
		},
		"UpdateFunctionCode": func() error {
			return h.c.UpdateFunctionCode(h.ctx, &scfapi.UpdateFunctionCodeRequest{FunctionName: sp("gone"), Code: &scfapi.Code{ZipFile: b64(makeZip(t, "x"))}})
		},
		"UpdateFunctionConfiguration": func() error {
			return h.c.UpdateFunctionConfiguration(h.ctx, &scfapi.UpdateFunctionConfigurationRequest{FunctionName: sp("gone"), MemorySize: ip(256)})
		},
		"DeleteFunction": func() error { return h.c.DeleteFunction(h.ctx, "", "gone") },
		"WaitForActive":  func() error { _, err := h.c.WaitForActive(h.ctx, "", "gone"); return err },
		"other namespace": func() error {
			_, err := h.c.GetFunction(h.ctx, "nowhere", "gone")
			return err
		},
	}
	for name, call := range calls {
		err := call()
		var apiErr *scfapi.APIError
		if !scfapi.IsNotFound(err) || !errors.As(err, &apiErr) || apiErr.RequestID == "" {
			t.Errorf("%s: %v, want a not-found *APIError with a RequestId", name, err)
		}
	}
}

func TestContractDuplicateIsInUse(t *testing.T) {
	h := newContract(t, fakescf.Options{}, nil)
	h.create(zipRequest(t, "twice"))
	before := h.srv.Stats()
	err := h.c.CreateFunction(h.ctx, zipRequest(t, "twice"))
	if !scfapi.IsInUse(err) || scfapi.ErrorCode(err) != "ResourceInUse.Function" {
		t.Fatalf("second create: %v, want ResourceInUse.Function", err)
	}
	// The first attempt was answered, so nothing was lost and nothing is
	// looked up or adopted.
	if n := h.srv.Stats().Requests[scfapi.ActionGetFunction] - before.Requests[scfapi.ActionGetFunction]; n != 0 {
		t.Errorf("%d GetFunction lookups after an answered ResourceInUse", n)
	}
}

func TestContractAuthFailure(t *testing.T) {
	h := newContract(t, fakescf.Options{}, nil)
	for _, tc := range []struct {
		name, id, key, code string
	}{
		{"wrong key", fakescf.DefaultSecretID, "not-the-secret-key", "AuthFailure.SignatureFailure"},
		{"unknown id", "AKIDunknown", fakescf.DefaultSecretKey, "AuthFailure.SecretIdNotFound"},
	} {
		c := h.client(func(cfg *scfapi.Config) { cfg.Credential = common.NewCredential(tc.id, tc.key) })
		before := h.srv.Stats().Requests[scfapi.ActionGetFunction]
		_, err := c.GetFunction(h.ctx, "", "anything")
		if !scfapi.IsAuthFailure(err) || scfapi.ErrorCode(err) != tc.code {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
		}
		if n := h.srv.Stats().Requests[scfapi.ActionGetFunction] - before; n != 1 {
			t.Errorf("%s: sent %d times; an auth failure is not retried", tc.name, n)
		}
		if strings.Contains(err.Error(), tc.key) {
			t.Errorf("%s: the error text carries the secret key", tc.name)
		}
	}
}

func TestContractBusyFunctionRefusesMutations(t *testing.T) {
	h := newContract(t, fakescf.Options{CreateDelay: time.Minute}, nil)
	if err := h.c.CreateFunction(h.ctx, zipRequest(t, "busy")); err != nil {
		t.Fatal(err)
	}
	for name, err := range map[string]error{
		"UpdateFunctionCode": h.c.UpdateFunctionCode(h.ctx, &scfapi.UpdateFunctionCodeRequest{
			FunctionName: sp("busy"), Code: &scfapi.Code{ZipFile: b64(makeZip(t, "x"))},
		}),
		"UpdateFunctionConfiguration": h.c.UpdateFunctionConfiguration(h.ctx, &scfapi.UpdateFunctionConfigurationRequest{
			FunctionName: sp("busy"), MemorySize: ip(256),
		}),
		"DeleteFunction": h.c.DeleteFunction(h.ctx, "", "busy"),
	} {
		if !scfapi.IsBusy(err) {
			t.Errorf("%s on a Creating function: %v, want a busy refusal", name, err)
		}
	}
}

func TestContractFailedDeploymentIsStatusError(t *testing.T) {
	h := newContract(t, fakescf.Options{CreateDelay: 20 * time.Millisecond, UpdateDelay: 20 * time.Millisecond}, nil)
	reasons := []fakescf.StatusReason{{ErrorCode: "InstallDependencyFailed", ErrorMessage: "pip install failed"}}
	h.srv.FailNext(scfapi.ActionCreateFunction, "broken", reasons...)
	if err := h.c.CreateFunction(h.ctx, zipRequest(t, "broken")); err != nil {
		t.Fatal(err)
	}
	_, err := h.c.WaitForActive(h.ctx, "", "broken")
	var se *scfapi.StatusError
	if !errors.As(err, &se) {
		t.Fatalf("WaitForActive: %v, want *scfapi.StatusError", err)
	}
	want := []scfapi.StatusReason{{ErrorCode: "InstallDependencyFailed", ErrorMessage: "pip install failed"}}
	if se.Status != scfapi.StatusCreateFailed || !slices.Equal(se.Reasons, want) || !strings.Contains(err.Error(), "pip install failed") {
		t.Errorf("StatusError %+v (%v), want CreateFailed with %v", se, err, want)
	}

	h.create(zipRequest(t, "later"))
	h.srv.FailNext(scfapi.ActionUpdateFunctionCode, "later")
	if err := h.c.UpdateFunctionCode(h.ctx, &scfapi.UpdateFunctionCodeRequest{FunctionName: sp("later"), Code: &scfapi.Code{ZipFile: b64(makeZip(t, "v2"))}}); err != nil {
		t.Fatal(err)
	}
	_, err = h.c.WaitForActive(h.ctx, "", "later")
	if !errors.As(err, &se) || se.Status != scfapi.StatusUpdateFailed || len(se.Reasons) != 1 {
		t.Errorf("WaitForActive after a failed update: %v, want UpdateFailed with one reason", err)
	}
}

func TestContractWaitForDeletedRidesOverVersionNotFound(t *testing.T) {
	clock := &shiftedClock{}
	h := newContract(t, fakescf.Options{Clock: clock.now, DeleteDelay: time.Hour}, nil)
	h.create(zipRequest(t, "fading"))
	if err := h.c.DeleteFunction(h.ctx, "", "fading"); err != nil {
		t.Fatal(err)
	}
	h.srv.InjectFault(scfapi.ActionGetFunction, fakescf.FaultVersionNotFound, 3)
	okBefore := h.srv.Stats().Responses[scfapi.ActionGetFunction]["OK"]
	done := make(chan error, 1)
	go func() { done <- h.c.WaitForDeleted(h.ctx, "", "fading") }()
	versionNotFound := func() int64 { return h.srv.Stats().Responses[scfapi.ActionGetFunction]["ResourceNotFound.Version"] }
	// Three polls answered ResourceNotFound.Version, at least one more
	// Deleting: the waiter is still waiting.
	eventually(t, "the injected answers", func() bool {
		return versionNotFound() == 3 && h.srv.Stats().Responses[scfapi.ActionGetFunction]["OK"] > okBefore
	})
	select {
	case err := <-done:
		t.Fatalf("WaitForDeleted returned while the function was Deleting: %v", err)
	default:
	}
	clock.shift(time.Hour)
	if err := <-done; err != nil {
		t.Fatalf("WaitForDeleted: %v", err)
	}
	if n := versionNotFound(); n != 3 {
		t.Errorf("the fake answered ResourceNotFound.Version %d times, want 3", n)
	}
	if h.srv.Stats().Responses[scfapi.ActionGetFunction]["ResourceNotFound.Function"] == 0 {
		t.Error("WaitForDeleted returned before GetFunction answered not-found")
	}
}
