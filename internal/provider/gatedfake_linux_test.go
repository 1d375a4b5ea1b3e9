package provider

import (
	"bytes"
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// gatedFake fronts scf-fake for the interrupt tests: it orders successful
// creates, can hold back a create's answer until the provider gives up, and
// lets the test move the fake's clock.

// stopClock is the fake's clock: the wall clock plus an offset the test
// moves forward to end long operations without waiting for them.
type stopClock struct{ offset atomic.Int64 }

func (c *stopClock) now() time.Time          { return time.Now().Add(time.Duration(c.offset.Load())) }
func (c *stopClock) advance(d time.Duration) { c.offset.Add(int64(d)) }

// createRules steer the CreateFunction calls that the fake accepts, by
// their order (1-based) of success.
type createRules struct {
	// longFrom, when not 0, makes the function of that success and all
	// later ones stay Creating for stopLongDelay.
	longFrom int
	// hold, when it says so, keeps the answer of that success from the
	// provider until the provider gives up on it: the function exists but
	// the provider has not heard so.
	hold func(n int) bool
}

// gatedFake is the fake behind a gate that applies createRules.
type gatedFake struct {
	fake   *fakescf.Server
	url    string
	client *scfapi.Client

	mu      sync.Mutex
	rules   createRules
	created []string // function names, in order of success
	holding int      // answers held right now
	release chan struct{}
}

type gateSnapshot struct {
	created []string
	holding int
}

func startGatedFake(t *testing.T, opts fakescf.Options, rules createRules) *gatedFake {
	t.Helper()
	fake, err := fakescf.New(opts)
	if err != nil {
		t.Fatalf("starting the fake SCF server: %s", err)
	}
	g := &gatedFake{fake: fake, rules: rules, release: make(chan struct{})}
	srv := httptest.NewServer(g)
	// Cleanups run last first: held answers go before the server closes,
	// which waits for its handlers.
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(g.release) })
	g.url = srv.URL
	cfg := scfapi.Config{
		Region:     testRegion,
		Credential: common.NewCredential(fakescf.DefaultSecretID, fakescf.DefaultSecretKey),
		Endpoint:   srv.URL,
	}
	fastClient(&cfg)
	if g.client, err = scfapi.New(cfg); err != nil {
		t.Fatalf("building the test client: %s", err)
	}
	return g
}

func (g *gatedFake) snapshot() gateSnapshot {
	g.mu.Lock()
	defer g.mu.Unlock()
	return gateSnapshot{created: slices.Clone(g.created), holding: g.holding}
}

// passThrough ends the rules: from now on the fake answers as it is.
func (g *gatedFake) passThrough() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.rules = createRules{}
}

// ServeHTTP lets the fake handle every request. CreateFunction calls go
// through one at a time, so that the order of success is exact and the
// delay of a create is set before the fake accepts it.
func (g *gatedFake) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-TC-Action") != scfapi.ActionCreateFunction {
		g.fake.ServeHTTP(w, r)
		return
	}
	body, err := io.ReadAll(r.Body)
	if err != nil {
		return // the client went away
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	rec := httptest.NewRecorder()

	g.mu.Lock()
	n := len(g.created) + 1
	if g.rules.longFrom != 0 && n == g.rules.longFrom {
		g.fake.SetDelays(stopLongDelay, 0, 0)
	}
	g.fake.ServeHTTP(rec, r)
	hold := false
	if name, ok := createdName(body, rec.Body.Bytes()); ok {
		g.created = append(g.created, name)
		hold = g.rules.hold != nil && g.rules.hold(n)
	}
	if hold {
		g.holding++
	}
	g.mu.Unlock()

	if hold {
		select {
		case <-r.Context().Done():
		case <-g.release:
		}
		g.mu.Lock()
		g.holding--
		g.mu.Unlock()
		if r.Context().Err() != nil {
			return
		}
	}
	maps.Copy(w.Header(), rec.Header())
	w.WriteHeader(rec.Code)
	_, _ = w.Write(rec.Body.Bytes()) // nothing to do if the client went away
}

// createdName returns the name of the function a CreateFunction request
// created, if its answer is a success.
func createdName(request, answer []byte) (string, bool) {
	var req struct{ FunctionName string }
	var resp struct {
		Response struct{ Error *struct{ Code string } }
	}
	if json.Unmarshal(request, &req) != nil || json.Unmarshal(answer, &resp) != nil || resp.Response.Error != nil {
		return "", false
	}
	return req.FunctionName, true
}
