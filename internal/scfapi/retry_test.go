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

func TestInternalErrorOnReadsIsRetried(t *testing.T) {
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
}

// TestInternalErrorOnMutationsIsVerified: after InternalError the service
// may have applied a mutation anyway, so it is never resent blindly. Function
// mutations look the function up first and resend only when the service
// shows the request did not land; an applied one counts as done, and a
// function this call cannot have created is refused. Idempotent mutations
// (namespaces, tags) are simply resent.
func TestInternalErrorOnMutationsIsVerified(t *testing.T) {
	zip := []byte("zip-bytes")
	ours := func() reply { return reply{Resp: createdFunction(zip, time.Now())} }
	tests := []struct {
		name    string
		action  string
		get     func() reply // GetFunction's answer; nil when no lookup may happen
		run     func(context.Context, *scfapi.Client) error
		sends   int
		wantErr string // "" for success, else the error must contain this
	}{
		{"create, nothing created", "CreateFunction", func() reply { return fail("ResourceNotFound.Function") },
			func(ctx context.Context, c *scfapi.Client) error { return c.CreateFunction(ctx, createRequest(zip)) }, 2, ""},
		{"create, applied anyway", "CreateFunction", ours,
			func(ctx context.Context, c *scfapi.Client) error { return c.CreateFunction(ctx, createRequest(zip)) }, 1, ""},
		{"create, an older function", "CreateFunction", func() reply { return reply{Resp: createdFunction(zip, time.Now().Add(-time.Hour))} },
			func(ctx context.Context, c *scfapi.Client) error { return c.CreateFunction(ctx, createRequest(zip)) }, 1, "terraform import"},
		{"update code, not applied", "UpdateFunctionCode", func() reply { return reply{Resp: function(scfapi.StatusActive)} },
			func(ctx context.Context, c *scfapi.Client) error {
				return c.UpdateFunctionCode(ctx, &scfapi.UpdateFunctionCodeRequest{FunctionName: sp("fn")})
			}, 2, ""},
		{"update configuration, applied", "UpdateFunctionConfiguration", func() reply { return reply{Resp: function(scfapi.StatusUpdating)} },
			func(ctx context.Context, c *scfapi.Client) error {
				return c.UpdateFunctionConfiguration(ctx, &scfapi.UpdateFunctionConfigurationRequest{FunctionName: sp("fn")})
			}, 1, ""},
		{"delete, not applied", "DeleteFunction", func() reply { return reply{Resp: function(scfapi.StatusActive)} },
			func(ctx context.Context, c *scfapi.Client) error { return c.DeleteFunction(ctx, "ns", "fn") }, 2, ""},
		{"delete, applied", "DeleteFunction", func() reply { return reply{Resp: function(scfapi.StatusDeleting)} },
			func(ctx context.Context, c *scfapi.Client) error { return c.DeleteFunction(ctx, "ns", "fn") }, 1, ""},
		{"create namespace", "CreateNamespace", nil,
			func(ctx context.Context, c *scfapi.Client) error { return c.CreateNamespace(ctx, "ns", "") }, 2, ""},
		{"delete namespace", "DeleteNamespace", nil,
			func(ctx context.Context, c *scfapi.Client) error { return c.DeleteNamespace(ctx, "ns") }, 2, ""},
		{"update namespace", "UpdateNamespace", nil,
			func(ctx context.Context, c *scfapi.Client) error { return c.UpdateNamespace(ctx, "ns", "d") }, 2, ""},
		{"tags", "ModifyResourceTags", nil,
			func(ctx context.Context, c *scfapi.Client) error {
				return c.ModifyResourceTags(ctx, "ns", "fn", map[string]string{"a": "b"}, nil)
			}, 2, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t, func(c call) reply {
				switch {
				case c.Action == tt.action && c.N == 1:
					return fail("InternalError")
				case c.Action == tt.action:
					return ok()
				case c.Action == "GetFunction" && tt.get != nil:
					return tt.get()
				}
				return fail("UnexpectedAction")
			})
			c := newTestClient(t, f, nil)
			err := tt.run(testCtx(t), c)
			switch {
			case tt.wantErr == "" && err != nil:
				t.Fatalf("got %v, want success", err)
			case tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)):
				t.Fatalf("got %v, want an error saying %q", err, tt.wantErr)
			}
			if got := len(f.Calls(tt.action)); got != tt.sends {
				t.Errorf("%s sent %d times, want %d", tt.action, got, tt.sends)
			}
			lookups := len(f.Calls("GetFunction"))
			if tt.get == nil && lookups != 0 {
				t.Errorf("%d GetFunction lookups for an idempotent mutation", lookups)
			}
			if tt.get != nil && lookups != 1 {
				t.Errorf("%d GetFunction lookups, want 1", lookups)
			}
		})
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
