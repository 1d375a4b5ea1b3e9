package fakescf

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"
)

// liveClient talks to a real listener so that dropped connections are real.
type liveClient struct {
	t    *testing.T
	base string
	hc   *http.Client
}

func startLive(t *testing.T, opts Options) (*Server, *liveClient) {
	t.Helper()
	srv, base, stop, err := StartLocal(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return srv, &liveClient{t: t, base: base, hc: &http.Client{Timeout: 10 * time.Second}}
}

func (c *liveClient) send(ctx context.Context, action string, params any) (result, error) {
	c.t.Helper()
	body := marshalParams(c.t, params)
	r, err := http.NewRequestWithContext(ctx, http.MethodPost, c.base+"/", bytes.NewReader(body))
	if err != nil {
		c.t.Fatal(err)
	}
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-TC-Action", action)
	r.Header.Set("X-TC-Version", scfVersion)
	r.Header.Set("X-TC-Region", "ap-guangzhou")
	testSign(r, body, DefaultSecretID, DefaultSecretKey, "scf", time.Now().Unix())
	resp, err := c.hc.Do(r)
	if err != nil {
		return result{}, err
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return result{}, err
	}
	if resp.StatusCode != http.StatusOK {
		c.t.Fatalf("HTTP %d", resp.StatusCode)
	}
	return decodeResult(c.t, data), nil
}

func (c *liveClient) call(action string, params any) result {
	c.t.Helper()
	r, err := c.send(c.t.Context(), action, params)
	if err != nil {
		c.t.Fatalf("%s: transport error: %v", action, err)
	}
	return r
}

func TestRateLimit(t *testing.T) {
	h := newHarness(t, Options{})
	h.srv.SetRateLimit("ListNamespaces", 3)
	var throttled int
	for range 4 {
		if r := h.call("ListNamespaces", map[string]any{}); r.Code == "RequestLimitExceeded" {
			throttled++
		} else if r.Code != "" {
			t.Fatalf("unexpected %s", r.Code)
		}
	}
	if throttled != 1 {
		t.Fatalf("throttled %d of 4 calls at 3/s, want exactly 1", throttled)
	}
	h.ok("ListFunctions", map[string]any{})
	st := h.srv.Stats()
	if st.Throttled != 1 || st.Requests["ListNamespaces"] != 4 || st.Responses["ListNamespaces"]["RequestLimitExceeded"] != 1 || st.Responses["ListNamespaces"]["OK"] != 3 {
		t.Fatalf("stats = %+v", st)
	}
}

func TestDefaultRateLimitOfCreate(t *testing.T) {
	srv, err := New(Options{Clock: newFakeClock().Now})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, srv: srv, region: "ap-guangzhou"}
	var codes []string
	for i := range 11 {
		r := h.call("CreateFunction", createParams(t, "fn"+string(rune('a'+i))))
		codes = append(codes, r.Code)
	}
	for i, c := range codes[:10] {
		if c != "" {
			t.Fatalf("call %d: %s", i, c)
		}
	}
	if codes[10] != "RequestLimitExceeded" || srv.Stats().Throttled != 1 {
		t.Fatalf("11th create = %q, throttled %d", codes[10], srv.Stats().Throttled)
	}
}

func TestInjectedFaults(t *testing.T) {
	srv, c := startLive(t, Options{RateLimits: map[string]float64{"CreateFunction": 0}, Faults: FaultConfig{SlowDelay: 150 * time.Millisecond}})
	exists := func(name string) bool {
		for _, n := range srv.FunctionNames(defaultNamespace) {
			if n == name {
				return true
			}
		}
		return false
	}

	srv.InjectFault("CreateFunction", FaultInternalError, 1)
	if r := c.call("CreateFunction", createParams(t, "ie")); r.Code != "InternalError" || exists("ie") {
		t.Fatalf("internal-error: %s, applied=%v", r.Code, exists("ie"))
	}
	srv.InjectFault("CreateFunction", FaultThrottle, 1)
	if r := c.call("CreateFunction", createParams(t, "th")); r.Code != "RequestLimitExceeded" || exists("th") {
		t.Fatalf("throttle: %s, applied=%v", r.Code, exists("th"))
	}
	srv.InjectFault("CreateFunction", FaultDropBefore, 1)
	if _, err := c.send(t.Context(), "CreateFunction", createParams(t, "db")); err == nil || exists("db") {
		t.Fatalf("drop-before: err=%v, applied=%v", err, exists("db"))
	}
	srv.InjectFault("CreateFunction", FaultDropAfter, 1)
	if _, err := c.send(t.Context(), "CreateFunction", createParams(t, "da")); err == nil || !exists("da") {
		t.Fatalf("drop-after: err=%v, applied=%v", err, exists("da"))
	}
	// The retried create meets the function the lost response created.
	if r := c.call("CreateFunction", createParams(t, "da")); r.Code != "ResourceInUse.Function" {
		t.Fatalf("retry after drop-after: %s", r.Code)
	}
	srv.InjectFault("CreateFunction", FaultSlow, 1)
	start := time.Now()
	if r := c.call("CreateFunction", createParams(t, "sl")); r.Code != "" || time.Since(start) < 150*time.Millisecond || !exists("sl") {
		t.Fatalf("slow: %s after %s", r.Code, time.Since(start))
	}
	srv.InjectError("CreateFunction", "FailedOperation.CreateFunction", "backend busy", 2)
	for range 2 {
		if r := c.call("CreateFunction", createParams(t, "ie2")); r.Code != "FailedOperation.CreateFunction" || r.Message != "backend busy" {
			t.Fatalf("injected error: %s %q", r.Code, r.Message)
		}
	}
	if exists("ie2") {
		t.Fatal("an injected error applied the request")
	}
	if r := c.call("CreateFunction", createParams(t, "ie2")); r.Code != "" {
		t.Fatalf("after the queue: %s", r.Code)
	}
	st := srv.Stats()
	for _, k := range []FaultKind{FaultInternalError, FaultThrottle, FaultDropBefore, FaultDropAfter, FaultSlow} {
		if st.FaultsInjected[k] != 1 {
			t.Errorf("FaultsInjected[%s] = %d", k, st.FaultsInjected[k])
		}
	}
	if st.Throttled != 0 {
		t.Errorf("Throttled = %d; injected throttles must not count", st.Throttled)
	}
	if st.Requests["CreateFunction"] != 9 || st.Responses["CreateFunction"]["OK"] != 2 {
		t.Errorf("requests/responses = %d %v", st.Requests["CreateFunction"], st.Responses["CreateFunction"])
	}
}

func TestSlowFaultHonoursClientCancel(t *testing.T) {
	srv, c := startLive(t, Options{Faults: FaultConfig{SlowDelay: time.Minute}})
	srv.InjectFault("ListNamespaces", FaultSlow, 1)
	ctx, cancel := context.WithTimeout(t.Context(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := c.send(ctx, "ListNamespaces", map[string]any{}); err == nil {
		t.Fatal("expected the client deadline to fire")
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("slow fault ignored the cancelled request")
	}
}

func TestProbabilisticFaults(t *testing.T) {
	h := newHarness(t, Options{Faults: FaultConfig{Rate: 1, Kinds: []FaultKind{FaultThrottle}, Actions: []string{"ListNamespaces"}}})
	for range 3 {
		h.expect("RequestLimitExceeded", "ListNamespaces", map[string]any{})
	}
	h.ok("ListFunctions", map[string]any{})

	seq := func() []string {
		h := newHarness(t, Options{Faults: FaultConfig{Rate: 0.5, Kinds: []FaultKind{FaultInternalError, FaultThrottle}, Seed: 42}})
		var out []string
		for range 20 {
			out = append(out, h.call("ListNamespaces", map[string]any{}).Code)
		}
		return out
	}
	a, b := seq(), seq()
	faults := 0
	for i := range a {
		if a[i] != b[i] {
			t.Fatalf("same seed, different sequences: %v vs %v", a, b)
		}
		if a[i] != "" {
			faults++
		}
	}
	if faults == 0 || faults == 20 {
		t.Fatalf("rate 0.5 produced %d faults in 20", faults)
	}
	if _, err := New(Options{Faults: FaultConfig{Rate: 2}}); err == nil {
		t.Fatal("rate 2 accepted")
	}
	if _, err := New(Options{Faults: FaultConfig{Kinds: []FaultKind{"meteor"}}}); err == nil {
		t.Fatal("unknown kind accepted")
	}
}

func TestAdminEndpoints(t *testing.T) {
	srv, c := startLive(t, Options{})
	post := func(path, body string) int {
		t.Helper()
		r, err := http.NewRequestWithContext(t.Context(), http.MethodPost, c.base+path, bytes.NewReader([]byte(body)))
		if err != nil {
			t.Fatal(err)
		}
		resp, err := c.hc.Do(r)
		if err != nil {
			t.Fatal(err)
		}
		_ = resp.Body.Close()
		return resp.StatusCode
	}
	if code := post("/_fake/faults", `{"action":"ListNamespaces","code":"InternalError.System","message":"boom","count":1}`); code != http.StatusOK {
		t.Fatalf("faults: %d", code)
	}
	if r := c.call("ListNamespaces", map[string]any{}); r.Code != "InternalError.System" {
		t.Fatalf("after admin fault: %s", r.Code)
	}
	if code := post("/_fake/faults", `{"action":"ListNamespaces","kind":"meteor","count":1}`); code != http.StatusBadRequest {
		t.Fatalf("bad kind: %d", code)
	}
	if code := post("/_fake/fail-next", `{"action":"CreateFunction","function":"fn","reasons":[{"ErrorCode":"X","ErrorMessage":"y"}]}`); code != http.StatusOK {
		t.Fatalf("fail-next: %d", code)
	}
	if code := post("/_fake/delays", `{"create":"1h"}`); code != http.StatusOK {
		t.Fatalf("delays: %d", code)
	}
	if code := post("/_fake/delays", `{"create":"soon"}`); code != http.StatusBadRequest {
		t.Fatalf("bad delay: %d", code)
	}
	if code := post("/_fake/rate-limit", `{"action":"GetFunction","per_second":5}`); code != http.StatusOK {
		t.Fatalf("rate-limit: %d", code)
	}
	c.call("CreateFunction", createParams(t, "fn"))
	srv.mu.Lock()
	st := srv.st.Functions[fnKey(defaultNamespace, "fn")].Status
	fails := len(srv.st.Functions[fnKey(defaultNamespace, "fn")].Pending.Fail)
	srv.mu.Unlock()
	if st != statusCreating || fails != 1 {
		t.Fatalf("status %s, pending failure reasons %d", st, fails)
	}
	r, err := http.NewRequestWithContext(t.Context(), http.MethodGet, c.base+"/_fake/stats", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.hc.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	var stats Stats
	if err := json.NewDecoder(resp.Body).Decode(&stats); err != nil {
		t.Fatal(err)
	}
	if stats.Responses["ListNamespaces"]["InternalError.System"] != 1 || stats.Requests["CreateFunction"] != 1 {
		t.Fatalf("stats = %+v", stats)
	}
}
