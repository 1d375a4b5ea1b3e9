package scfapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

const (
	testSecretID  = "AKIDtestsecretid"
	testSecretKey = "TESTSECRETKEY-must-never-appear"
	testToken     = "TESTSESSIONTOKEN-must-never-appear"
	testRegion    = "ap-guangzhou"
)

// call is one request as the fake API received it.
type call struct {
	Action, Version, Region, Auth, Token string
	Body                                 []byte
	At                                   time.Time
	// N counts the calls of this action, from 1.
	N int
}

// Service returns the service named in the Authorization credential scope.
func (c call) Service() string {
	// Credential=<id>/<date>/<service>/tc3_request
	_, scope, _ := strings.Cut(c.Auth, "Credential=")
	parts := strings.Split(strings.SplitN(scope, ",", 2)[0], "/")
	if len(parts) < 4 {
		return ""
	}
	return parts[2]
}

// JSON decodes the body into a generic map.
func (c call) JSON(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(c.Body, &m); err != nil {
		t.Fatalf("request body of %s is not JSON: %v", c.Action, err)
	}
	return m
}

// reply is how the fake API answers one call.
type reply struct {
	// Resp is the content of "Response"; a RequestId is added.
	Resp map[string]any
	// Code and Message make an error answer.
	Code, Message string
	// Drop closes the connection without answering, after reading the request.
	Drop bool
	// Status and Raw send a raw body with that HTTP status (200 if 0).
	Status int
	Raw    string
}

func ok() reply { return reply{} }

func fail(code string) reply { return reply{Code: code, Message: "test message for " + code} }

// fakeAPI is a scripted stand-in for the SCF and Tag endpoints.
type fakeAPI struct {
	t      *testing.T
	srv    *httptest.Server
	handle func(c call) reply

	mu       sync.Mutex
	calls    []call
	perCount map[string]int
}

func newFakeAPI(t *testing.T, handle func(c call) reply) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, handle: handle, perCount: map[string]int{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// newRawAPI serves h instead of the scripted replies.
func newRawAPI(t *testing.T, h http.HandlerFunc) *fakeAPI {
	t.Helper()
	f := &fakeAPI{t: t, perCount: map[string]int{}}
	f.srv = httptest.NewServer(h)
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	at := time.Now()
	body, err := io.ReadAll(r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	c := call{
		Action:  r.Header.Get("X-TC-Action"),
		Version: r.Header.Get("X-TC-Version"),
		Region:  r.Header.Get("X-TC-Region"),
		Auth:    r.Header.Get("Authorization"),
		Token:   r.Header.Get("X-TC-Token"),
		Body:    body,
		At:      at,
	}
	f.mu.Lock()
	f.perCount[c.Action]++
	c.N = f.perCount[c.Action]
	f.calls = append(f.calls, c)
	rid := fmt.Sprintf("req-%d", len(f.calls))
	rep := f.handle(c)
	f.mu.Unlock()

	switch {
	case rep.Drop:
		hj, ok := w.(http.Hijacker)
		if !ok {
			f.t.Errorf("response writer cannot hijack")
			return
		}
		conn, _, err := hj.Hijack()
		if err == nil {
			_ = conn.Close()
		}
		return
	case rep.Raw != "":
		status := rep.Status
		if status == 0 {
			status = http.StatusOK
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, rep.Raw)
		return
	}
	resp := map[string]any{}
	for k, v := range rep.Resp {
		resp[k] = v
	}
	if rep.Code != "" {
		resp["Error"] = map[string]string{"Code": rep.Code, "Message": rep.Message}
	}
	resp["RequestId"] = rid
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(map[string]any{"Response": resp})
}

// Calls returns the calls received so far, optionally only those of action.
func (f *fakeAPI) Calls(action string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if action == "" || c.Action == action {
			out = append(out, c)
		}
	}
	return out
}

// fastConfig returns a configuration whose limits, retries and waits all
// run in milliseconds.
func fastConfig(endpoint string) scfapi.Config {
	limits := map[string]float64{}
	for action := range scfapi.DefaultRateLimits() {
		limits[action] = 10000
	}
	return scfapi.Config{
		Region:         testRegion,
		Credential:     common.NewTokenCredential(testSecretID, testSecretKey, testToken),
		Endpoint:       endpoint,
		RateLimits:     limits,
		MaxRetries:     3,
		RetryBaseDelay: time.Millisecond,
		RetryMaxDelay:  4 * time.Millisecond,
		RequestTimeout: 5 * time.Second,
		Wait:           scfapi.WaitOptions{InitialDelay: time.Millisecond, MaxInterval: 4 * time.Millisecond, Multiplier: 2},
	}
}

// newTestClient builds a client against f; edit adjusts the configuration.
func newTestClient(t *testing.T, f *fakeAPI, edit func(*scfapi.Config)) *scfapi.Client {
	t.Helper()
	cfg := fastConfig(f.srv.URL)
	if edit != nil {
		edit(&cfg)
	}
	c, err := scfapi.New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// function returns a GetFunction answer for "fn" with every object non-null.
func function(status string) map[string]any {
	return map[string]any{
		"FunctionName": "fn", "Namespace": "default", "Status": status, "StatusDesc": "",
		"StatusReasons": []any{}, "AddTime": serviceTime(time.Now()), "ModTime": serviceTime(time.Now()),
		"Handler": "index.main", "Runtime": "Python2.7", "MemorySize": 128, "Timeout": 3, "Type": "Event",
		"Description": "", "Role": "", "CodeSize": 0, "ClsLogsetId": "auto-logset", "ClsTopicId": "auto-topic",
		"VpcConfig":   map[string]any{"VpcId": "", "SubnetId": ""},
		"Environment": map[string]any{"Variables": []any{}},
		"Layers":      []any{},
	}
}

// serviceTime formats t the way the service writes AddTime (UTC+8, no zone).
func serviceTime(t time.Time) string {
	return t.In(time.FixedZone("UTC+8", 8*3600)).Format("2006-01-02 15:04:05")
}

func sp(s string) *string { return &s }
func ip(i int64) *int64   { return &i }

// secretFree fails the test when text contains a credential.
func secretFree(t *testing.T, text string) {
	t.Helper()
	for _, s := range []string{testSecretKey, testToken} {
		if strings.Contains(text, s) {
			t.Errorf("text contains a secret: %q", text)
		}
	}
}
