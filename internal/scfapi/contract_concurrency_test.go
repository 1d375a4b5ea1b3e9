package scfapi_test

import (
	"errors"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

func TestContractReservedConcurrency(t *testing.T) {
	h := newContract(t, fakescf.Options{}, nil)
	h.create(zipRequest(t, "capped"))
	if got, err := h.c.GetReservedConcurrency(h.ctx, "", "capped"); err != nil || got != nil {
		t.Fatalf("before Put: %v, %v; want nil, nil", got, err)
	}
	if err := h.c.PutReservedConcurrency(h.ctx, "", "capped", 2048); err != nil {
		t.Fatal(err)
	}
	if got, err := h.c.GetReservedConcurrency(h.ctx, "default", "capped"); err != nil || got == nil || *got != 2048 {
		t.Fatalf("after Put: %v, %v; want 2048", got, err)
	}
	// A lost answer to the idempotent Delete is simply sent again.
	h.srv.InjectFault(scfapi.ActionDeleteReservedConcurrencyConfig, fakescf.FaultDropAfter, 1)
	if err := h.c.DeleteReservedConcurrency(h.ctx, "", "capped"); err != nil {
		t.Fatalf("delete after a lost answer: %v", err)
	}
	if got, err := h.c.GetReservedConcurrency(h.ctx, "", "capped"); err != nil || got != nil {
		t.Fatalf("after Delete: %v, %v; want nil", got, err)
	}
	err := h.c.PutReservedConcurrency(h.ctx, "", "capped", 200000)
	if scfapi.ErrorCode(err) != "LimitExceeded.FunctionReservedConcurrencyMemory" {
		t.Fatalf("over the account quota: %v; want LimitExceeded.FunctionReservedConcurrencyMemory", err)
	}
	if _, err := h.c.GetReservedConcurrency(h.ctx, "", "absent"); !scfapi.IsNotFound(err) {
		t.Fatalf("missing function: %v; want not found", err)
	}
}

func TestContractProvisionedConcurrencyWait(t *testing.T) {
	clock := &shiftedClock{}
	h := newContract(t, fakescf.Options{Clock: clock.now, UpdateDelay: time.Hour}, nil)
	h.create(zipRequest(t, "warm"))
	if err := h.srv.RegisterPublishedVersion("", "warm", "1"); err != nil {
		t.Fatal(err)
	}
	if err := h.c.PutProvisionedConcurrency(h.ctx, "", "warm", "1", 2); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	var got *scfapi.VersionProvisionedInfo
	go func() {
		var err error
		got, err = h.c.WaitForProvisionedConcurrency(h.ctx, "", "warm", "1")
		done <- err
	}()
	eventually(t, "a few polls", func() bool { return h.srv.Stats().Requests[scfapi.ActionGetProvisionedConcurrencyConfig] >= 3 })
	clock.shift(time.Hour)
	if err := <-done; err != nil {
		t.Fatalf("WaitForProvisionedConcurrency: %v", err)
	}
	if got.Status != scfapi.ProvisionDone || got.AvailableProvisionedConcurrencyNum != 2 {
		t.Fatalf("after the wait: %+v", got)
	}
	if err := h.c.DeleteProvisionedConcurrency(h.ctx, "", "warm", "1"); err != nil {
		t.Fatal(err)
	}
	if v, err := h.c.GetProvisionedConcurrency(h.ctx, "", "warm", "1"); err != nil || v != nil {
		t.Fatalf("after delete: %+v, %v; want nil", v, err)
	}
	err := h.c.PutProvisionedConcurrency(h.ctx, "", "warm", "$LATEST", 1)
	if scfapi.ErrorCode(err) != "InvalidParameterValue.Qualifier" {
		t.Fatalf("$LATEST: %v", err)
	}
	if _, err := h.c.GetProvisionedConcurrency(h.ctx, "", "warm", "5"); !scfapi.IsVersionNotFound(err) {
		t.Fatalf("unknown version: %v; want version not found", err)
	}
}

func TestContractProvisionedConcurrencyFailedAndLost(t *testing.T) {
	h := newContract(t, fakescf.Options{UpdateDelay: 50 * time.Millisecond}, nil)
	h.create(zipRequest(t, "cold"))
	if err := h.srv.RegisterPublishedVersion("", "cold", "3"); err != nil {
		t.Fatal(err)
	}
	h.srv.FailNext(scfapi.ActionPutProvisionedConcurrencyConfig, "cold", fakescf.StatusReason{ErrorCode: "InternalError", ErrorMessage: "insufficient capacity"})
	if err := h.c.PutProvisionedConcurrency(h.ctx, "", "cold", "3", 1); err != nil {
		t.Fatal(err)
	}
	_, err := h.c.WaitForProvisionedConcurrency(h.ctx, "", "cold", "3")
	var se *scfapi.ProvisionedStatusError
	if !errors.As(err, &se) || se.Status != scfapi.ProvisionFailed || se.Reason != "insufficient capacity" {
		t.Fatalf("wait on a failed task: %v; want *ProvisionedStatusError with the reason", err)
	}
	// The lost answer's task is in progress when the Put is resent: the
	// refusal means the lost attempt did the work.
	h.srv.InjectFault(scfapi.ActionPutProvisionedConcurrencyConfig, fakescf.FaultDropAfter, 1)
	if err := h.c.PutProvisionedConcurrency(h.ctx, "", "cold", "3", 2); err != nil {
		t.Fatalf("Put after a lost answer: %v", err)
	}
	v, err := h.c.WaitForProvisionedConcurrency(h.ctx, "", "cold", "3")
	if err != nil || v.AllocatedProvisionedConcurrencyNum != 2 {
		t.Fatalf("after the lost Put: %+v, %v", v, err)
	}
}

func TestContractProvisionedConcurrencySchedule(t *testing.T) {
	h := newContract(t, fakescf.Options{}, nil)
	h.create(zipRequest(t, "warm"))
	if err := h.srv.RegisterPublishedVersion("", "warm", "1"); err != nil {
		t.Fatal(err)
	}
	schedule := []scfapi.TriggerAction{
		{TriggerName: "morning", TriggerProvisionedConcurrencyNum: 4, TriggerCronConfig: "0 0 9 * * MON-FRI *"},
		{TriggerName: "night", TriggerProvisionedConcurrencyNum: 0, TriggerCronConfig: "0 0 22 * * * *"},
	}
	if err := h.c.PutProvisionedConcurrency(h.ctx, "", "warm", "1", 1, schedule...); err != nil {
		t.Fatal(err)
	}
	v, err := h.c.WaitForProvisionedConcurrency(h.ctx, "", "warm", "1")
	if err != nil {
		t.Fatal(err)
	}
	if len(v.TriggerActions) != 2 || v.TriggerActions[0].TriggerName != "morning" || v.TriggerActions[1].TriggerProvisionedConcurrencyNum != 0 ||
		v.TriggerActions[1].TriggerCronConfig != "0 0 22 * * * *" {
		t.Fatalf("TriggerActions = %+v, want %+v", v.TriggerActions, schedule)
	}
	err = h.c.PutProvisionedConcurrency(h.ctx, "", "warm", "1", 1, scfapi.TriggerAction{TriggerName: "bad", TriggerCronConfig: "0 9 * * *"})
	if code := scfapi.ErrorCode(err); code != "InvalidParameterValue.TriggerCronConfig" {
		t.Fatalf("a five-field cron: %v; want InvalidParameterValue.TriggerCronConfig", err)
	}
}
