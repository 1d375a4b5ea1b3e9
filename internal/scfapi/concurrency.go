package scfapi

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// PutReservedConcurrency sets a function's reserved concurrency quota in MB
// (0 stops the function). The call is idempotent, so a request whose
// outcome is unknown is simply sent again.
func (c *Client) PutReservedConcurrency(ctx context.Context, namespace, name string, mem int64) error {
	if mem < 0 {
		return errors.New("scfapi: reserved concurrency memory must not be negative")
	}
	namespace = orDefaultNamespace(namespace)
	req := &PutReservedConcurrencyConfigRequest{FunctionName: &name, Namespace: &namespace, ReservedConcurrencyMem: ptr(uint64(mem))}
	o := scfOp(ActionPutReservedConcurrencyConfig, namespace, name)
	o.mutation = resendAfterLoss(nil)
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, req)
		return rid, err
	})
}

// GetReservedConcurrency returns a function's reserved quota in MB, nil
// when it has none.
func (c *Client) GetReservedConcurrency(ctx context.Context, namespace, name string) (*int64, error) {
	namespace = orDefaultNamespace(namespace)
	req := &ReservedConcurrencyConfigRequest{FunctionName: &name, Namespace: &namespace}
	o := scfOp(ActionGetReservedConcurrencyConfig, namespace, name)
	var out *ReservedConcurrencyConfig
	err := c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		r, rid, err := send[ReservedConcurrencyConfig](c.scf, req)
		out = r
		return rid, err
	})
	if err != nil {
		return nil, err
	}
	return out.ReservedMem, nil
}

// DeleteReservedConcurrency removes a function's reserved quota, returning
// it to the account's shared quota.
func (c *Client) DeleteReservedConcurrency(ctx context.Context, namespace, name string) error {
	namespace = orDefaultNamespace(namespace)
	req := &ReservedConcurrencyConfigRequest{FunctionName: &name, Namespace: &namespace}
	o := scfOp(ActionDeleteReservedConcurrencyConfig, namespace, name)
	o.mutation = resendAfterLoss(nil)
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, req)
		return rid, err
	})
}

// PutProvisionedConcurrency starts provisioning num instances of a published
// version and replaces its scheduled actions with schedule (none clears
// them); WaitForProvisionedConcurrency waits for the task. After a lost
// response, FailedOperation.ProvisionedInProgress means the lost request
// started the task.
func (c *Client) PutProvisionedConcurrency(ctx context.Context, namespace, name, qualifier string, num int64, schedule ...TriggerAction) error {
	if num < 1 {
		return errors.New("scfapi: provisioned concurrency must be at least 1")
	}
	namespace = orDefaultNamespace(namespace)
	req := &PutProvisionedConcurrencyConfigRequest{
		FunctionName: &name, Namespace: &namespace, Qualifier: &qualifier, VersionProvisionedConcurrencyNum: ptr(uint64(num)),
		TriggerActions: schedule,
	}
	o := scfOp(ActionPutProvisionedConcurrencyConfig, namespace, name+":"+qualifier)
	o.mutation = resendAfterLoss(func(err error) bool { return ErrorCode(err) == CodeProvisionedInProgress })
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, req)
		return rid, err
	})
}

// CodeProvisionedInProgress refuses a change while a provisioning task of
// the version runs.
const CodeProvisionedInProgress = "FailedOperation.ProvisionedInProgress"

// GetProvisionedConcurrency returns the provisioned concurrency of one
// version, nil when none is configured.
func (c *Client) GetProvisionedConcurrency(ctx context.Context, namespace, name, qualifier string) (*VersionProvisionedInfo, error) {
	namespace = orDefaultNamespace(namespace)
	req := &ProvisionedConcurrencyConfigRequest{FunctionName: &name, Namespace: &namespace, Qualifier: &qualifier}
	o := scfOp(ActionGetProvisionedConcurrencyConfig, namespace, name+":"+qualifier)
	var out *ProvisionedConcurrencyConfig
	err := c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		r, rid, err := send[ProvisionedConcurrencyConfig](c.scf, req)
		out = r
		return rid, err
	})
	if err != nil {
		return nil, err
	}
	for _, a := range out.Allocated {
		if a.Qualifier == qualifier {
			return &a, nil
		}
	}
	return nil, nil
}

// ListProvisionedConcurrency returns the provisioned concurrency of every
// version of a function that has some (GetProvisionedConcurrencyConfig
// without a qualifier).
func (c *Client) ListProvisionedConcurrency(ctx context.Context, namespace, name string) ([]VersionProvisionedInfo, error) {
	namespace = orDefaultNamespace(namespace)
	req := &ProvisionedConcurrencyConfigRequest{FunctionName: &name, Namespace: &namespace}
	o := scfOp(ActionGetProvisionedConcurrencyConfig, namespace, name)
	var out *ProvisionedConcurrencyConfig
	err := c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		r, rid, err := send[ProvisionedConcurrencyConfig](c.scf, req)
		out = r
		return rid, err
	})
	if err != nil {
		return nil, err
	}
	return out.Allocated, nil
}

// DeleteProvisionedConcurrency removes the provisioned concurrency of one
// version.
func (c *Client) DeleteProvisionedConcurrency(ctx context.Context, namespace, name, qualifier string) error {
	namespace = orDefaultNamespace(namespace)
	req := &ProvisionedConcurrencyConfigRequest{FunctionName: &name, Namespace: &namespace, Qualifier: &qualifier}
	o := scfOp(ActionDeleteProvisionedConcurrencyConfig, namespace, name+":"+qualifier)
	o.mutation = resendAfterLoss(nil)
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, req)
		return rid, err
	})
}

// WaitForProvisionedConcurrency polls GetProvisionedConcurrencyConfig until
// the version's task is Done and returns that entry. InProgress is waited
// out; Failed ends the wait with *ProvisionedStatusError carrying the
// service's reason; a configuration that disappears with
// *ProvisionedStatusError too; the end of ctx with *WaitTimeoutError.
func (c *Client) WaitForProvisionedConcurrency(ctx context.Context, namespace, name, qualifier string) (*VersionProvisionedInfo, error) {
	namespace = orDefaultNamespace(namespace)
	start := time.Now()
	lastStatus := ""
	interval := c.wait.InitialDelay
	for {
		if !sleepCtx(ctx, interval) {
			return nil, c.provisionTimeout(ctx, namespace, name, qualifier, lastStatus, start)
		}
		v, err := c.GetProvisionedConcurrency(ctx, namespace, name, qualifier)
		switch {
		case err != nil && endedByContext(ctx, err):
			return nil, c.provisionTimeout(ctx, namespace, name, qualifier, lastStatus, start)
		case err != nil:
			return nil, err
		case v == nil:
			return nil, &ProvisionedStatusError{Namespace: namespace, Name: name, Qualifier: qualifier}
		}
		lastStatus = v.Status
		switch v.Status {
		case ProvisionDone:
			return v, nil
		case ProvisionFailed:
			return nil, &ProvisionedStatusError{Namespace: namespace, Name: name, Qualifier: qualifier, Status: v.Status, Reason: v.StatusReason}
		}
		interval = min(time.Duration(float64(interval)*c.wait.Multiplier), c.wait.MaxInterval)
	}
}

func (c *Client) provisionTimeout(ctx context.Context, namespace, name, qualifier, status string, start time.Time) error {
	return &WaitTimeoutError{Namespace: namespace, Name: name + ":" + qualifier, Status: status, Target: ProvisionDone,
		Waited: time.Since(start), cause: cause(ctx), object: "provisioned concurrency of"}
}

// ProvisionedStatusError reports a provisioning task that failed, with the
// service's reason, or a configuration that vanished while awaited (Status
// is then "").
type ProvisionedStatusError struct {
	Namespace, Name, Qualifier string
	Status, Reason             string
}

func (e *ProvisionedStatusError) Error() string {
	what := fmt.Sprintf("provisioned concurrency of %s version %s", target(e.Namespace, e.Name), e.Qualifier)
	if e.Status == "" {
		return what + " disappeared while it was being provisioned"
	}
	reason := e.Reason
	if reason == "" {
		reason = "the service gave no reason"
	}
	return fmt.Sprintf("%s is %s: %s", what, e.Status, reason)
}
