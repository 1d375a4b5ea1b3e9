package scfapi_test

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// contractConfig talks to the fake with its placeholder credential, the
// default rate limits and waits short enough for a fast suite.
func contractConfig(baseURL string) scfapi.Config {
	return scfapi.Config{
		Region:         "ap-guangzhou",
		Credential:     common.NewCredential(fakescf.DefaultSecretID, fakescf.DefaultSecretKey),
		Endpoint:       baseURL,
		Wait:           scfapi.WaitOptions{InitialDelay: 5 * time.Millisecond, MaxInterval: 50 * time.Millisecond, Multiplier: 1.5},
		RetryBaseDelay: 5 * time.Millisecond,
		RetryMaxDelay:  50 * time.Millisecond,
	}
}

// contract is one fake server and one client pointed at it.
type contract struct {
	t   *testing.T
	srv *fakescf.Server
	url string
	c   *scfapi.Client
	ctx context.Context
}

// newContract starts a fake with opts on 127.0.0.1 (stopped by t.Cleanup)
// and a client for it; edit adjusts the client's configuration.
func newContract(t *testing.T, opts fakescf.Options, edit func(*scfapi.Config)) *contract {
	t.Helper()
	srv, baseURL, stop, err := fakescf.StartLocal(opts)
	if err != nil {
		t.Fatalf("StartLocal: %v", err)
	}
	t.Cleanup(stop)
	h := &contract{t: t, srv: srv, url: baseURL, ctx: testCtx(t)}
	h.c = h.client(edit)
	return h
}

// client builds another client for the same fake.
func (h *contract) client(edit func(*scfapi.Config)) *scfapi.Client {
	h.t.Helper()
	cfg := contractConfig(h.url)
	if edit != nil {
		edit(&cfg)
	}
	c, err := scfapi.New(cfg)
	if err != nil {
		h.t.Fatalf("New: %v", err)
	}
	return c
}

// create creates a function and waits until it is Active.
func (h *contract) create(req *scfapi.CreateFunctionRequest) *scfapi.Function {
	h.t.Helper()
	if err := h.c.CreateFunction(h.ctx, req); err != nil {
		h.t.Fatalf("CreateFunction: %v", err)
	}
	f, err := h.c.WaitForActive(h.ctx, deref(req.Namespace), deref(req.FunctionName))
	if err != nil {
		h.t.Fatalf("WaitForActive: %v", err)
	}
	return f
}

func (h *contract) get(ns, name string) *scfapi.Function {
	h.t.Helper()
	f, err := h.c.GetFunction(h.ctx, ns, name)
	if err != nil {
		h.t.Fatalf("GetFunction: %v", err)
	}
	return f
}

// waitActive waits for a function of the default namespace to be Active.
func (h *contract) waitActive(name string) *scfapi.Function {
	h.t.Helper()
	f, err := h.c.WaitForActive(h.ctx, "", name)
	if err != nil {
		h.t.Fatalf("WaitForActive: %v", err)
	}
	return f
}

func (h *contract) codeSha(name string) string {
	h.t.Helper()
	a, err := h.c.GetFunctionAddress(h.ctx, "", name)
	if err != nil {
		h.t.Fatalf("GetFunctionAddress: %v", err)
	}
	if a.Url == "" || a.RequestId == "" {
		h.t.Errorf("GetFunctionAddress = %+v, want a URL and a RequestId", a)
	}
	return a.CodeSha256
}

// makeZip returns a small valid zip archive holding index.py with body.
func makeZip(t testing.TB, body string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("index.py")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(body)); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func b64(b []byte) *string { return sp(base64.StdEncoding.EncodeToString(b)) }

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// zipRequest is a minimal valid CreateFunction request.
func zipRequest(t testing.TB, name string) *scfapi.CreateFunctionRequest {
	return &scfapi.CreateFunctionRequest{
		FunctionName: sp(name),
		Runtime:      sp("Python3.9"),
		Handler:      sp("index.main_handler"),
		Code:         &scfapi.Code{ZipFile: b64(makeZip(t, "def main_handler(e, c):\n    return 'v1'\n"))},
	}
}

func env(kv ...string) *scfapi.Environment {
	e := &scfapi.Environment{}
	for i := 0; i+1 < len(kv); i += 2 {
		e.Variables = append(e.Variables, &scfapi.Variable{Key: sp(kv[i]), Value: sp(kv[i+1])})
	}
	return e
}

func envOf(f *scfapi.Function) map[string]string {
	m := map[string]string{}
	for _, v := range f.Environment.Variables {
		m[v.Key] = v.Value
	}
	return m
}

func tagsOf(f *scfapi.Function) map[string]string {
	m := map[string]string{}
	for _, t := range f.Tags {
		m[t.Key] = t.Value
	}
	return m
}

func layersOf(f *scfapi.Function) []string {
	var out []string
	for _, l := range f.Layers {
		out = append(out, fmt.Sprintf("%s:%d", l.LayerName, l.LayerVersion))
	}
	return out
}

// eventually polls cond until it holds or ten seconds pass.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); !cond(); time.Sleep(2 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
	}
}
