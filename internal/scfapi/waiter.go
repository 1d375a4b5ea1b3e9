package scfapi

import (
	"context"
	"errors"
	"time"
)

// WaitForActive polls GetFunction until the function is Active and returns
// that last Function. Creating, Updating and Publishing are waited out; a
// failed status (or Deleting, which can never turn Active) ends the wait with
// *StatusError; a missing function with the not-found *APIError; the end of
// ctx with *WaitTimeoutError.
func (c *Client) WaitForActive(ctx context.Context, namespace, name string) (*Function, error) {
	namespace = orDefaultNamespace(namespace)
	var result *Function
	err := c.poll(ctx, namespace, name, StatusActive, func(f *Function, err error) (bool, error) {
		if err != nil {
			return true, err
		}
		switch f.Status {
		case StatusActive:
			result = f
			return true, nil
		case StatusCreating, StatusUpdating, StatusPublishing:
			return false, nil
		case StatusCreateFailed, StatusUpdateFailed, StatusPublishFailed, StatusDeleteFailed, StatusDeleting:
			return true, newStatusError(f, namespace, name)
		}
		// A status this package does not know yet: keep polling, the
		// timeout error will show it if it never changes.
		return false, nil
	})
	if err != nil {
		return nil, err
	}
	return result, nil
}

// WaitForDeleted polls GetFunction until it answers not-found. Deleting and
// ResourceNotFound.Version (seen in the middle of a deletion) are waited
// out; DeleteFailed ends the wait with *StatusError; the end of ctx with
// *WaitTimeoutError.
func (c *Client) WaitForDeleted(ctx context.Context, namespace, name string) error {
	namespace = orDefaultNamespace(namespace)
	return c.poll(ctx, namespace, name, targetDeleted, func(f *Function, err error) (bool, error) {
		switch {
		case IsNotFound(err):
			return true, nil
		case ErrorCode(err) == codeVersionNotFound:
			return false, nil
		case err != nil:
			return true, err
		case f.Status == StatusDeleteFailed:
			return true, newStatusError(f, namespace, name)
		}
		// Deleting, or a status shown just before the deletion starts.
		return false, nil
	})
}

// poll calls GetFunction with growing pauses until judge says the wait is
// over, and turns the end of ctx into *WaitTimeoutError.
func (c *Client) poll(ctx context.Context, namespace, name, target string, judge func(*Function, error) (bool, error)) error {
	start := time.Now()
	lastStatus := ""
	timeout := func() error {
		return &WaitTimeoutError{
			Namespace: namespace, Name: name, Status: lastStatus, Target: target,
			Waited: time.Since(start), cause: cause(ctx),
		}
	}
	interval := c.wait.InitialDelay
	for {
		if !sleepCtx(ctx, interval) {
			return timeout()
		}
		f, err := c.GetFunction(ctx, namespace, name)
		if err != nil && endedByContext(ctx, err) {
			// The failure is the context's end, not an answer.
			return timeout()
		}
		if f != nil {
			lastStatus = f.Status
		} else if ErrorCode(err) == codeVersionNotFound {
			lastStatus = StatusDeleting
		}
		if done, result := judge(f, err); done {
			return result
		}
		interval = min(time.Duration(float64(interval)*c.wait.Multiplier), c.wait.MaxInterval)
	}
}

// endedByContext reports whether err comes from ctx ending (or its deadline
// being too close for the rate limiter) rather than from an answer.
func endedByContext(ctx context.Context, err error) bool {
	if ctx.Err() != nil {
		return true
	}
	var apiErr *APIError
	return !errors.As(err, &apiErr) && errors.Is(err, context.DeadlineExceeded)
}

// cause returns why ctx ended; a context that has not quite ended yet was
// refused by the rate limiter because its deadline was too close.
func cause(ctx context.Context) error {
	if err := context.Cause(ctx); err != nil {
		return err
	}
	return context.DeadlineExceeded
}
