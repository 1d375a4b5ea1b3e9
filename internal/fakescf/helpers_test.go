package fakescf

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock lets lifecycle tests move time without sleeping.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2025, 3, 14, 6, 30, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// testSign signs r the way the TC3 documentation describes, written
// separately from the server's verifier so each checks the other.
func testSign(r *http.Request, body []byte, id, key, service string, ts int64) {
	testSignHost(r, body, id, key, service, r.Host, ts)
}

// testSignHost signs host as the value of the host header, which may differ
// from r.Host as it does for the Node.js SDK on a port. The query string is
// signed as sent.
func testSignHost(r *http.Request, body []byte, id, key, service, host string, ts int64) {
	date := time.Unix(ts, 0).UTC().Format("2006-01-02")
	r.Header.Set("X-TC-Timestamp", strconv.FormatInt(ts, 10))
	ph := sha256.Sum256(body)
	if r.Header.Get("X-TC-Content-SHA256") == "UNSIGNED-PAYLOAD" {
		ph = sha256.Sum256([]byte("UNSIGNED-PAYLOAD"))
	}
	canon := fmt.Sprintf("%s\n/\n%s\ncontent-type:%s\nhost:%s\n\ncontent-type;host\n%s",
		r.Method, r.URL.RawQuery, r.Header.Get("Content-Type"), host, hex.EncodeToString(ph[:]))
	ch := sha256.Sum256([]byte(canon))
	scope := date + "/" + service + "/tc3_request"
	sts := "TC3-HMAC-SHA256\n" + strconv.FormatInt(ts, 10) + "\n" + scope + "\n" + hex.EncodeToString(ch[:])
	mac := func(k []byte, m string) []byte {
		h := hmac.New(sha256.New, k)
		h.Write([]byte(m))
		return h.Sum(nil)
	}
	k := mac(mac(mac([]byte("TC3"+key), date), service), "tc3_request")
	sig := hex.EncodeToString(mac(k, sts))
	r.Header.Set("Authorization", fmt.Sprintf("TC3-HMAC-SHA256 Credential=%s/%s, SignedHeaders=content-type;host, Signature=%s", id, scope, sig))
}

// result is one decoded API answer.
type result struct {
	Code    string // "" on success
	Message string
	Raw     json.RawMessage // the object inside "Response"
}

func decodeResult(t testing.TB, body []byte) result {
	t.Helper()
	var env struct {
		Response json.RawMessage
	}
	if err := json.Unmarshal(body, &env); err != nil {
		t.Fatalf("response is not a JSON envelope: %v: %.200s", err, body)
	}
	var inner struct {
		Error *struct {
			Code    string
			Message string
		}
		RequestId string
	}
	if err := json.Unmarshal(env.Response, &inner); err != nil {
		t.Fatalf("Response is not an object: %v: %.200s", err, body)
	}
	if len(inner.RequestId) != 36 {
		t.Fatalf("RequestId %q is not a UUID", inner.RequestId)
	}
	r := result{Raw: env.Response}
	if inner.Error != nil {
		r.Code, r.Message = inner.Error.Code, inner.Error.Message
	}
	return r
}

// harness drives a Server through ServeHTTP with signed requests.
type harness struct {
	t      testing.TB
	srv    *Server
	clock  *fakeClock
	region string
}

// newHarness builds a server with a fake clock and no rate limits unless
// the options say otherwise.
func newHarness(t testing.TB, opts Options) *harness {
	t.Helper()
	clock := newFakeClock()
	if opts.Clock == nil {
		opts.Clock = clock.Now
	}
	if opts.RateLimits == nil {
		opts.RateLimits = map[string]float64{}
		for a := range DefaultRateLimits() {
			opts.RateLimits[a] = 0
		}
	}
	srv, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return &harness{t: t, srv: srv, clock: clock, region: "ap-guangzhou"}
}

func marshalParams(t testing.TB, params any) []byte {
	t.Helper()
	switch p := params.(type) {
	case string:
		return []byte(p)
	case []byte:
		return p
	}
	b, err := json.Marshal(params)
	if err != nil {
		t.Fatalf("marshal params: %v", err)
	}
	return b
}

func (h *harness) newRequest(action string, body []byte) *http.Request {
	return h.newRequestCtx(h.t.Context(), action, body)
}

// newRequestCtx exists for fuzz targets, which must use their own t's context.
func (h *harness) newRequestCtx(ctx context.Context, action string, body []byte) *http.Request {
	service := "scf"
	version := scfVersion
	if action == "ModifyResourceTags" {
		service, version = "tag", tagVersion
	}
	r := httptest.NewRequestWithContext(ctx, http.MethodPost, "http://scf.tencentcloudapi.com/", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("X-TC-Action", action)
	r.Header.Set("X-TC-Version", version)
	if h.region != "" {
		r.Header.Set("X-TC-Region", h.region)
	}
	testSign(r, body, DefaultSecretID, DefaultSecretKey, service, time.Now().Unix())
	return r
}

func (h *harness) serve(r *http.Request) result {
	h.t.Helper()
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, r)
	if rec.Code != http.StatusOK {
		h.t.Fatalf("HTTP status %d, want 200", rec.Code)
	}
	return decodeResult(h.t, rec.Body.Bytes())
}

func (h *harness) call(action string, params any) result {
	h.t.Helper()
	return h.serve(h.newRequest(action, marshalParams(h.t, params)))
}

// ok calls and fails the test on an error answer.
func (h *harness) ok(action string, params any) json.RawMessage {
	h.t.Helper()
	r := h.call(action, params)
	if r.Code != "" {
		h.t.Fatalf("%s: unexpected error %s: %s", action, r.Code, r.Message)
	}
	return r.Raw
}

func (h *harness) expect(code, action string, params any) result {
	h.t.Helper()
	r := h.call(action, params)
	if r.Code != code {
		h.t.Fatalf("%s: got code %q (%s), want %q", action, r.Code, r.Message, code)
	}
	return r
}

// get returns GetFunction decoded into a loose map for shape checks.
func (h *harness) get(ns, name string) map[string]any {
	h.t.Helper()
	raw := h.ok("GetFunction", map[string]any{"FunctionName": name, "Namespace": ns})
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		h.t.Fatal(err)
	}
	return m
}

func (h *harness) status(ns, name string) string {
	h.t.Helper()
	s, _ := h.get(ns, name)["Status"].(string)
	return s
}

// testZip returns a base64 zip with one file.
func testZip(t testing.TB) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("index.py")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte("def main_handler(event, context):\n    return 'ok'\n")); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(buf.Bytes())
}

// createParams returns a minimal valid CreateFunction request.
func createParams(t testing.TB, name string) map[string]any {
	return map[string]any{
		"FunctionName": name,
		"Runtime":      "Python3.9",
		"Code":         map[string]any{"ZipFile": testZip(t)},
	}
}

func (h *harness) createActive(name string, extra map[string]any) {
	h.t.Helper()
	p := createParams(h.t, name)
	for k, v := range extra {
		p[k] = v
	}
	h.ok("CreateFunction", p)
	if st := h.status(nsOf(p), name); st != statusActive {
		h.t.Fatalf("status after create = %s, want Active (zero delay)", st)
	}
}

func nsOf(p map[string]any) string {
	if ns, ok := p["Namespace"].(string); ok && ns != "" {
		return ns
	}
	return defaultNamespace
}

func containsAll(s string, parts ...string) bool {
	for _, p := range parts {
		if !strings.Contains(s, p) {
			return false
		}
	}
	return true
}

// obj and arr unwrap decoded JSON, failing the test on the wrong kind.
func obj(t testing.TB, v any) map[string]any {
	t.Helper()
	m, ok := v.(map[string]any)
	if !ok {
		t.Fatalf("%v is not a JSON object", v)
	}
	return m
}

func arr(t testing.TB, v any) []any {
	t.Helper()
	a, ok := v.([]any)
	if !ok {
		t.Fatalf("%v is not a JSON array", v)
	}
	return a
}
