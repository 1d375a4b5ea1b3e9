package scfapi_test

// A caller that gives up while CreateFunction's request is on its way
// (Terraform stopped with Ctrl-C, or the create's timeout) must not leave a
// function behind that nothing tracks: the client looks it up with a short
// context of its own and adopts what it created.

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

func TestCreateGivenUpInFlightAdoptsTheFunction(t *testing.T) {
	for _, tc := range []struct {
		name string
		// giveUp returns the caller's context and what ends it once the
		// fake has created the function and holds its answer back.
		giveUp func(ctx context.Context) (context.Context, context.CancelFunc, func())
	}{
		{"cancelled", func(ctx context.Context) (context.Context, context.CancelFunc, func()) {
			ctx, cancel := context.WithCancel(ctx)
			return ctx, cancel, cancel
		}},
		{"deadline", func(ctx context.Context) (context.Context, context.CancelFunc, func()) {
			// Far enough away for the request to reach the fake first,
			// whose answer is held back for a minute.
			ctx, cancel := context.WithTimeout(ctx, 3*time.Second)
			return ctx, cancel, func() {}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newContract(t, fakescf.Options{CreateDelay: time.Minute, Faults: fakescf.FaultConfig{SlowDelay: time.Minute}}, nil)
			h.srv.InjectFault(scfapi.ActionCreateFunction, fakescf.FaultSlow, 1)
			ctx, cancel, end := tc.giveUp(h.ctx)
			defer cancel()
			req := zipRequest(t, "fn")
			done := make(chan error, 1)
			go func() { done <- h.c.CreateFunction(ctx, req) }()

			eventually(t, "the fake to create fn", func() bool { return len(h.srv.FunctionNames(scfapi.DefaultNamespace)) == 1 })
			end()
			select {
			case err := <-done:
				if err != nil {
					t.Fatalf("CreateFunction: %v, want the function it created adopted", err)
				}
			case <-time.After(15 * time.Second):
				t.Fatal("CreateFunction did not return within 15 s of its context ending")
			}
			if ctx.Err() == nil {
				t.Fatal("CreateFunction returned before its context ended: the answer was not held back")
			}
			if n := h.srv.Stats().Requests[scfapi.ActionCreateFunction]; n != 1 {
				t.Errorf("CreateFunction reached the fake %d times, want 1", n)
			}
			if f := h.get(scfapi.DefaultNamespace, "fn"); f.Status != scfapi.StatusCreating {
				t.Errorf("fn is %s, want still Creating", f.Status)
			}
		})
	}
}

// TestCreateGivenUpBeforeTheServiceActedIsNotResent: the service had not
// created anything when the caller gave up; the lookup says so, and the
// request is not sent again for a caller that is gone.
func TestCreateGivenUpBeforeTheServiceActedIsNotResent(t *testing.T) {
	arrived := make(chan struct{}, 1)
	var creates, gets atomic.Int32
	f := newRawAPI(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		switch r.Header.Get("X-TC-Action") {
		case "CreateFunction":
			creates.Add(1)
			arrived <- struct{}{}
			<-r.Context().Done()
		case "GetFunction":
			gets.Add(1)
			w.Header().Set("Content-Type", "application/json")
			_, _ = io.WriteString(w, `{"Response":{"Error":{"Code":"ResourceNotFound.Function","Message":"no such function"},"RequestId":"r-get"}}`)
		default:
			http.Error(w, "unexpected action", http.StatusBadRequest)
		}
	})
	c := newTestClient(t, f, nil)
	ctx, cancel := context.WithCancel(testCtx(t))
	defer cancel()
	done := make(chan error, 1)
	go func() { done <- c.CreateFunction(ctx, createRequest([]byte("zip"))) }()
	select {
	case <-arrived:
	case <-time.After(10 * time.Second):
		t.Fatal("CreateFunction never reached the server")
	}
	cancel()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("CreateFunction succeeded, want the cancellation's error")
		}
	case <-time.After(15 * time.Second):
		t.Fatal("CreateFunction did not return within 15 s of its context ending")
	}
	if n := creates.Load(); n != 1 {
		t.Errorf("CreateFunction sent %d times, want 1", n)
	}
	if n := gets.Load(); n != 1 {
		t.Errorf("GetFunction looked up %d times, want 1 (the lookup after the cancellation)", n)
	}
}
