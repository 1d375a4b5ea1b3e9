package scfapi_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// sequence answers GetFunction with replies in order, repeating the last.
func sequence(replies ...reply) func(call) reply {
	return func(c call) reply {
		return replies[min(c.N, len(replies))-1]
	}
}

func status(s string) reply { return reply{Resp: function(s)} }

func TestWaitForActiveReturnsTheActiveFunction(t *testing.T) {
	f := newFakeAPI(t, sequence(status("Creating"), status("Updating"), status("Publishing"), status("Active")))
	c := newTestClient(t, f, nil)
	fn, err := c.WaitForActive(testCtx(t), "", "fn")
	if err != nil {
		t.Fatalf("WaitForActive: %v", err)
	}
	if fn.Status != scfapi.StatusActive || fn.FunctionName != "fn" || fn.RequestId != "req-4" {
		t.Errorf("got %+v", fn)
	}
	if n := len(f.Calls("GetFunction")); n != 4 {
		t.Errorf("polled %d times, want 4", n)
	}
}

func TestWaitForActiveReportsFailedStatus(t *testing.T) {
	failed := function("CreateFailed")
	failed["StatusReasons"] = []any{map[string]any{"ErrorCode": "InvalidParameterValue.Handler", "ErrorMessage": "no such handler"}}
	f := newFakeAPI(t, sequence(status("Creating"), reply{Resp: failed}))
	c := newTestClient(t, f, nil)
	_, err := c.WaitForActive(testCtx(t), "default", "fn")
	var statusErr *scfapi.StatusError
	if !errors.As(err, &statusErr) {
		t.Fatalf("got %v, want *StatusError", err)
	}
	if statusErr.Status != "CreateFailed" || len(statusErr.Reasons) != 1 || statusErr.Reasons[0].ErrorMessage != "no such handler" {
		t.Errorf("got %+v", statusErr)
	}
	if want := "function default/fn is CreateFailed: InvalidParameterValue.Handler: no such handler"; err.Error() != want {
		t.Errorf("Error() = %q", err.Error())
	}
}

func TestWaitForActiveNotFound(t *testing.T) {
	f := newFakeAPI(t, sequence(fail("ResourceNotFound.Function")))
	c := newTestClient(t, f, nil)
	if _, err := c.WaitForActive(testCtx(t), "ns", "fn"); !scfapi.IsNotFound(err) {
		t.Fatalf("got %v, want not-found", err)
	}
}

func TestWaitForActiveTimesOutWithLastStatus(t *testing.T) {
	f := newFakeAPI(t, sequence(status("Creating"), status("Updating")))
	c := newTestClient(t, f, nil)
	ctx, cancel := context.WithTimeout(testCtx(t), 200*time.Millisecond)
	defer cancel()
	_, err := c.WaitForActive(ctx, "ns", "fn")
	var timeoutErr *scfapi.WaitTimeoutError
	if !errors.As(err, &timeoutErr) {
		t.Fatalf("got %v, want *WaitTimeoutError", err)
	}
	if timeoutErr.Status != "Updating" || timeoutErr.Target != "Active" || timeoutErr.Waited < 150*time.Millisecond {
		t.Errorf("got %+v", timeoutErr)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Error("the timeout does not wrap context.DeadlineExceeded")
	}
	if timeoutErr.Interrupted() || !strings.HasPrefix(err.Error(), "timed out") {
		t.Errorf("a deadline reads as an interruption: %v", err)
	}
}

func TestWaitForActiveCancelledIsAnInterruption(t *testing.T) {
	f := newFakeAPI(t, sequence(status("Creating")))
	c := newTestClient(t, f, nil)
	ctx, cancel := context.WithCancel(testCtx(t))
	time.AfterFunc(100*time.Millisecond, cancel)
	_, err := c.WaitForActive(ctx, "ns", "fn")
	var timeoutErr *scfapi.WaitTimeoutError
	if !errors.As(err, &timeoutErr) || !timeoutErr.Interrupted() || !strings.HasPrefix(err.Error(), "interrupted") {
		t.Fatalf("got %v, want an interrupted wait", err)
	}
}

func TestWaitForDeleted(t *testing.T) {
	f := newFakeAPI(t, sequence(status("Deleting"), fail("ResourceNotFound.Version"), status("Deleting"), fail("ResourceNotFound.Function")))
	c := newTestClient(t, f, nil)
	if err := c.WaitForDeleted(testCtx(t), "ns", "fn"); err != nil {
		t.Fatalf("WaitForDeleted: %v", err)
	}
	if n := len(f.Calls("GetFunction")); n != 4 {
		t.Errorf("polled %d times, want 4", n)
	}
}

func TestWaitForDeletedFailures(t *testing.T) {
	f := newFakeAPI(t, sequence(status("Deleting"), status("DeleteFailed")))
	c := newTestClient(t, f, nil)
	var statusErr *scfapi.StatusError
	if err := c.WaitForDeleted(testCtx(t), "ns", "fn"); !errors.As(err, &statusErr) || statusErr.Status != "DeleteFailed" {
		t.Fatalf("got %v, want a DeleteFailed *StatusError", err)
	}

	f2 := newFakeAPI(t, sequence(fail("ResourceNotFound.Version")))
	c2 := newTestClient(t, f2, nil)
	ctx, cancel := context.WithTimeout(testCtx(t), 200*time.Millisecond)
	defer cancel()
	var timeoutErr *scfapi.WaitTimeoutError
	if err := c2.WaitForDeleted(ctx, "ns", "fn"); !errors.As(err, &timeoutErr) || timeoutErr.Target != "deleted" || timeoutErr.Status != "Deleting" {
		t.Fatalf("got %v, want *WaitTimeoutError", err)
	}
}

func TestWaitIntervalsGrowToTheMaximum(t *testing.T) {
	f := newFakeAPI(t, sequence(status("Creating"), status("Creating"), status("Creating"), status("Creating"), status("Creating"), status("Active")))
	c := newTestClient(t, f, func(cfg *scfapi.Config) {
		cfg.Wait = scfapi.WaitOptions{InitialDelay: 5 * time.Millisecond, MaxInterval: 20 * time.Millisecond, Multiplier: 2}
	})
	if _, err := c.WaitForActive(testCtx(t), "ns", "fn"); err != nil {
		t.Fatal(err)
	}
	calls := f.Calls("GetFunction")
	// Pauses before polls 2..6: 10, 20, 20, 20, 20 ms (5ms comes first).
	ms := time.Millisecond
	want := []time.Duration{10 * ms, 20 * ms, 20 * ms, 20 * ms, 20 * ms}
	for i := 1; i < len(calls); i++ {
		gap := calls[i].At.Sub(calls[i-1].At)
		if gap < want[i-1]-2*ms {
			t.Errorf("pause before poll %d = %v, want about %v ms", i+1, gap, want[i-1])
		}
	}
}

func TestConcurrentCallsAreSpacedByTheRateLimit(t *testing.T) {
	const n = 6
	const interval = 100 * time.Millisecond // 10 requests per second
	f := newFakeAPI(t, func(call) reply { return status("Active") })
	var mu sync.Mutex
	var waits []time.Duration
	c := newTestClient(t, f, func(cfg *scfapi.Config) {
		cfg.RateLimits = map[string]float64{"GetFunction": 10}
		cfg.Logger = func(_ context.Context, info scfapi.CallInfo) {
			mu.Lock()
			defer mu.Unlock()
			waits = append(waits, info.Wait)
		}
	})
	ctx := testCtx(t)
	start := time.Now()
	var wg sync.WaitGroup
	for range n {
		wg.Go(func() {
			if _, err := c.GetFunction(ctx, "ns", "fn"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()

	var at []time.Time
	for _, cl := range f.Calls("GetFunction") {
		at = append(at, cl.At)
	}
	slices.SortFunc(at, func(a, b time.Time) int { return a.Compare(b) })
	// The limiter releases request k (from 0) no earlier than k intervals
	// after the first. A request can only arrive later than its release, so
	// the k-th arrival at the server is bounded the same way however the
	// machine's load delays single requests.
	for k, arrived := range at {
		if since := arrived.Sub(start); since < time.Duration(k)*interval-2*time.Millisecond {
			t.Errorf("request %d arrived %v after the start, want >= %v", k+1, since, time.Duration(k)*interval)
		}
	}
	if len(at) != n {
		t.Fatalf("server saw %d requests, want %d", len(at), n)
	}
	if total := at[n-1].Sub(start); total < (n-1)*interval-2*time.Millisecond {
		t.Errorf("%d requests took %v, want >= %v", n, total, (n-1)*interval)
	}
	// CallInfo.Wait shows the queueing on the client side too.
	if slices.Max(waits) < interval {
		t.Errorf("limiter waits %v: no call queued", waits)
	}
}
