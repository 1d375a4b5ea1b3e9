package scfapi_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// failFirst answers code to the first n calls and success afterwards.
func failFirst(n int, code string, success map[string]any) func(call) reply {
	return func(c call) reply {
		if c.N <= n {
			return fail(code)
		}
		return reply{Resp: success}
	}
}

func TestThrottledCallsAreRetried(t *testing.T) {
	for _, code := range []string{"RequestLimitExceeded", "RequestLimitExceeded.UinLimitExceeded", "LimitExceeded.RateLimitExceeded"} {
		t.Run(code, func(t *testing.T) {
			f := newFakeAPI(t, failFirst(2, code, function("Active")))
			c := newTestClient(t, f, nil)
			if _, err := c.GetFunction(testCtx(t), "ns", "fn"); err != nil {
				t.Errorf("GetFunction: %v", err)
			}
			// Mutations too: a throttled request was not applied.
			if err := c.UpdateFunctionConfiguration(testCtx(t), &scfapi.UpdateFunctionConfigurationRequest{FunctionName: sp("fn")}); err != nil {
				t.Errorf("UpdateFunctionConfiguration: %v", err)
			}
			if got := len(f.Calls("GetFunction")); got != 3 {
				t.Errorf("GetFunction sent %d times, want 3", got)
			}
			if got := len(f.Calls("UpdateFunctionConfiguration")); got != 3 {
				t.Errorf("UpdateFunctionConfiguration sent %d times, want 3", got)
			}
		})
	}
}

func TestInternalErrorRetriedForReadsOnly(t *testing.T) {
	f := newFakeAPI(t, failFirst(1, "InternalError.System", function("Active")))
	c := newTestClient(t, f, nil)
	ctx := testCtx(t)
	if _, err := c.GetFunction(ctx, "ns", "fn"); err != nil {
		t.Errorf("GetFunction: %v", err)
	}
	if _, err := c.ListFunctions(ctx, nil); err != nil {
		t.Errorf("ListFunctions: %v", err)
	}
	if _, err := c.ListNamespaces(ctx, nil); err != nil {
		t.Errorf("ListNamespaces: %v", err)
	}
	if _, err := c.GetFunctionAddress(ctx, "ns", "fn"); err != nil {
		t.Errorf("GetFunctionAddress: %v", err)
	}
	for _, a := range []string{"GetFunction", "ListFunctions", "ListNamespaces", "GetFunctionAddress"} {
		if got := len(f.Calls(a)); got != 2 {
			t.Errorf("%s sent %d times, want 2", a, got)
		}
	}

	mutations := map[string]func(context.Context) error{
		"CreateFunction": func(ctx context.Context) error {
			return c.CreateFunction(ctx, &scfapi.CreateFunctionRequest{FunctionName: sp("fn")})
		},
		"UpdateFunctionCode": func(ctx context.Context) error {
			return c.UpdateFunctionCode(ctx, &scfapi.UpdateFunctionCodeRequest{FunctionName: sp("fn")})
		},
		"UpdateFunctionConfiguration": func(ctx context.Context) error {
			return c.UpdateFunctionConfiguration(ctx, &scfapi.UpdateFunctionConfigurationRequest{FunctionName: sp("fn")})
		},
		"DeleteFunction":  func(ctx context.Context) error { return c.DeleteFunction(ctx, "ns", "fn") },
		"CreateNamespace": func(ctx context.Context) error { return c.CreateNamespace(ctx, "ns", "") },
		"DeleteNamespace": func(ctx context.Context) error { return c.DeleteNamespace(ctx, "ns") },
		"UpdateNamespace": func(ctx context.Context) error { return c.UpdateNamespace(ctx, "ns", "d") },
		"ModifyResourceTags": func(ctx context.Context) error {
			return c.ModifyResourceTags(ctx, "ns", "fn", map[string]string{"a": "b"}, nil)
		},
	}
	for action, run := range mutations {
		if err := run(ctx); scfapi.ErrorCode(err) != "InternalError.System" {
			t.Errorf("%s: got %v, want the InternalError", action, err)
		}
		if got := len(f.Calls(action)); got != 1 {
			t.Errorf("%s sent %d times, want 1", action, got)
		}
	}
	if got := len(f.Calls("GetFunction")); got != 2 {
		t.Errorf("an InternalError on a mutation triggered lookups: GetFunction sent %d times", got)
	}
}

func TestAuthFailureIsNotRetried(t *testing.T) {
	f := newFakeAPI(t, func(call) reply { return fail("AuthFailure.SignatureFailure") })
	c := newTestClient(t, f, nil)
	_, err := c.GetFunction(testCtx(t), "ns", "fn")
	if !scfapi.IsAuthFailure(err) {
		t.Fatalf("got %v", err)
	}
	if got := len(f.Calls("")); got != 1 {
		t.Errorf("sent %d times, want 1", got)
	}
}

func TestMaxRetriesBoundsAttempts(t *testing.T) {
	tests := []struct {
		maxRetries, wantCalls int
	}{
		{3, 4},
		{1, 2},
		{-1, 1},
	}
	for _, tt := range tests {
		f := newFakeAPI(t, func(call) reply { return fail("RequestLimitExceeded") })
		c := newTestClient(t, f, func(cfg *scfapi.Config) { cfg.MaxRetries = tt.maxRetries })
		_, err := c.GetFunction(testCtx(t), "ns", "fn")
		if !scfapi.IsThrottled(err) {
			t.Errorf("MaxRetries %d: got %v, want the throttling error", tt.maxRetries, err)
		}
		if got := len(f.Calls("")); got != tt.wantCalls {
			t.Errorf("MaxRetries %d: sent %d times, want %d", tt.maxRetries, got, tt.wantCalls)
		}
	}
}

func TestDefaultMaxRetries(t *testing.T) {
	f := newFakeAPI(t, func(call) reply { return fail("RequestLimitExceeded") })
	c := newTestClient(t, f, func(cfg *scfapi.Config) { cfg.MaxRetries = 0 })
	_, _ = c.GetFunction(testCtx(t), "ns", "fn")
	if got := len(f.Calls("")); got != scfapi.DefaultMaxRetries+1 {
		t.Errorf("sent %d times, want %d", got, scfapi.DefaultMaxRetries+1)
	}
}

func TestCancelledContextStopsRetries(t *testing.T) {
	ctx, cancel := context.WithCancel(testCtx(t))
	f := newFakeAPI(t, func(call) reply { return fail("RequestLimitExceeded") })
	// The hook runs after each attempt, before the retry decision is acted on.
	c := newTestClient(t, f, func(cfg *scfapi.Config) {
		cfg.Logger = func(context.Context, scfapi.CallInfo) { cancel() }
	})
	_, err := c.GetFunction(ctx, "ns", "fn")
	if !scfapi.IsThrottled(err) {
		t.Errorf("got %v, want the last API error", err)
	}
	if got := len(f.Calls("")); got != 1 {
		t.Errorf("sent %d times after the context ended, want 1", got)
	}
}

func TestRequestTimeoutBoundsEachAttempt(t *testing.T) {
	// This server never answers; it returns once the client hangs up (the
	// server notices only after the body is read) or the test ends.
	release := make(chan struct{})
	f := newRawAPI(t, func(_ http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	t.Cleanup(func() { close(release) })
	var attempts []scfapi.CallInfo
	c := newTestClient(t, f, func(cfg *scfapi.Config) {
		cfg.RequestTimeout = 20 * time.Millisecond
		cfg.MaxRetries = 1
		cfg.Logger = func(_ context.Context, info scfapi.CallInfo) { attempts = append(attempts, info) }
	})
	_, err := c.GetFunction(testCtx(t), "ns", "fn")
	if scfapi.ErrorCode(err) != "ClientError.NetworkError" || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want a network error from the attempt deadline", err)
	}
	if len(attempts) != 2 || !attempts[0].Retry || attempts[1].Retry {
		t.Errorf("attempts = %+v", attempts)
	}
}

func TestUnsupportedContentEncodingGetsACode(t *testing.T) {
	f := newRawAPI(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Encoding", "br")
		_, _ = w.Write([]byte("x"))
	})
	c := newTestClient(t, f, nil)
	_, err := c.GetFunction(testCtx(t), "ns", "fn")
	if scfapi.ErrorCode(err) != "ClientError.Unknown" || !strings.Contains(err.Error(), "br") {
		t.Fatalf("got %v", err)
	}
}
