package scfapi_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// TestContractThrottlingAtDefaultLimits runs 50 concurrent creates through
// one client at its default limits against the fake at its default limits:
// the client's limiter must space them so that the server never refuses one.
// It takes about five seconds by design.
func TestContractThrottlingAtDefaultLimits(t *testing.T) {
	const n = 50
	limit := scfapi.DefaultRateLimits()[scfapi.ActionCreateFunction]
	if server := fakescf.DefaultRateLimits()[scfapi.ActionCreateFunction]; server != limit {
		t.Fatalf("client limit %v/s, fake limit %v/s: the test assumes they agree", limit, server)
	}
	var mu sync.Mutex
	var sent []time.Time // when each CreateFunction attempt left the client
	h := newContract(t, fakescf.Options{}, func(cfg *scfapi.Config) {
		cfg.Logger = func(_ context.Context, info scfapi.CallInfo) {
			if info.Action != scfapi.ActionCreateFunction {
				return
			}
			mu.Lock()
			defer mu.Unlock()
			sent = append(sent, time.Now().Add(-info.Duration))
		}
	})
	code := &scfapi.Code{ZipFile: b64(makeZip(t, "def main_handler(e, c):\n    return 'ok'\n"))}

	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Go(func() {
			errs[i] = h.c.CreateFunction(h.ctx, &scfapi.CreateFunctionRequest{
				FunctionName: sp(fmt.Sprintf("burst-%02d", i)), Runtime: sp("Python3.9"), Handler: sp("index.main_handler"), Code: code,
			})
		})
	}
	wg.Wait()
	elapsed := time.Since(start)

	for i, err := range errs {
		if err != nil {
			t.Errorf("burst-%02d: %v", i, err)
		}
	}
	st := h.srv.Stats()
	if st.Throttled != 0 || st.Responses[scfapi.ActionCreateFunction]["RequestLimitExceeded"] != 0 {
		t.Errorf("the fake throttled %d requests (%d RequestLimitExceeded answers to CreateFunction)",
			st.Throttled, st.Responses[scfapi.ActionCreateFunction]["RequestLimitExceeded"])
	}
	if got := st.Requests[scfapi.ActionCreateFunction]; got != n {
		t.Errorf("the fake saw %d CreateFunction requests, want exactly %d (no retries)", got, n)
	}
	if got := st.Responses[scfapi.ActionCreateFunction]["OK"]; got != n {
		t.Errorf("%d creates succeeded on the fake, want %d", got, n)
	}
	if names := h.srv.FunctionNames(scfapi.DefaultNamespace); len(names) != n {
		t.Errorf("the fake holds %d functions, want %d", len(names), n)
	}
	// Burst 1 at 10/s: n calls span n-1 intervals of 100ms.
	minElapsed := time.Duration(float64(n-1) / limit * float64(time.Second))
	if elapsed < minElapsed {
		t.Errorf("%d creates took %v, want at least %v at %v/s", n, elapsed, minElapsed, limit)
	}

	mu.Lock()
	defer mu.Unlock()
	slices.SortFunc(sent, func(a, b time.Time) int { return a.Compare(b) })
	// The shortest gap between two sends as the client logged them; only
	// logged, since the fake's own limiter is the judge and these times
	// carry scheduling noise.
	minGap := time.Duration(0)
	for i := 1; i < len(sent); i++ {
		if gap := sent[i].Sub(sent[i-1]); i == 1 || gap < minGap {
			minGap = gap
		}
	}
	spread := 0.0
	if len(sent) > 1 {
		spread = float64(len(sent)-1) / sent[len(sent)-1].Sub(sent[0]).Seconds()
	}
	t.Logf("contract: achieved CreateFunction rate %.2f/s (%d calls in %v) against a limit of %v/s; "+
		"%.2f/s between the first and last send; shortest logged gap %v (client timestamps, scheduling noise included); %d RequestLimitExceeded",
		float64(n)/elapsed.Seconds(), n, elapsed.Round(time.Millisecond), limit, spread, minGap.Round(100*time.Microsecond), st.Throttled)
}
