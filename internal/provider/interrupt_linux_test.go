package provider

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// These tests stop the real CLI in the middle of an apply of 30 functions,
// as a user's Ctrl-C or a killed CI job would, and check that no function
// is lost track of. They send signals to process groups and reap processes
// themselves, hence Linux only.

const (
	stopFunctions   = 30
	stopParallelism = 10
	// stopCreateDelay is how long a function of the first wave stays
	// Creating: long enough for a wave to overlap the next starts.
	stopCreateDelay = 3 * time.Second
	// stopLongDelay keeps later functions Creating until the test moves the
	// fake's clock, so that a provider which kept waiting after Ctrl-C
	// would show as an apply that does not end.
	stopLongDelay = 10 * time.Minute
	// stopBound bounds every wait for the CLI or the fake; on a loaded
	// 2-core machine the interesting moments come within seconds.
	stopBound = 90 * time.Second
)

// TestAccInterruptedApply interrupts `terraform apply` of 30 functions with
// SIGINT to its process group, as Ctrl-C in a terminal does (the provider
// ignores SIGINT, as go-plugin makes every plugin do, and learns of it from
// Terraform's StopProvider call). At that moment some functions are done,
// some are Creating while the provider waits for them, three have been
// created but their CreateFunction answer has not arrived, and the rest
// were never sent. The apply must end promptly; every function in the fake
// must be in state, tainted exactly when it is not Active; no process of
// the CLI may be left; and the next apply must converge to an empty plan.
func TestAccInterruptedApply(t *testing.T) {
	cli := newTerraformCLI(t)
	becomeSubreaper(t)
	clock := &stopClock{}
	// The 11th create and later stay Creating until the clock moves; the
	// answers of the 11th to 13th are held back until the provider gives
	// up on them.
	gate := startGatedFake(t, fakescf.Options{CreateDelay: stopCreateDelay, Clock: clock.now},
		createRules{longFrom: 11, hold: func(n int) bool { return n >= 11 && n <= 13 }})
	cli.write(stopConfig(t, gate.url))

	start := time.Now()
	apply := startCLI(t, cli, "apply", "-auto-approve", "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", stopParallelism))
	apply.waitUntil("3 creates waiting for their answer and 15 functions created", func() bool {
		s := gate.snapshot()
		return s.holding == 3 && len(s.created) >= 15
	})
	atSignal := gate.snapshot()
	statuses := functionStatuses(t, gate.client)
	apply.signalGroup(syscall.SIGINT)
	signalled := time.Now()
	res := apply.wait(stopBound)
	stopTook := res.exitedAt.Sub(signalled)
	if res.exitCode == 0 {
		t.Errorf("the interrupted apply exited 0; want a failure\n%s", res.output)
	}
	if stopTook > 30*time.Second {
		t.Errorf("the apply took %s to end after SIGINT; the provider must stop waiting at once", stopTook.Round(time.Millisecond))
	}
	apply.requireGroupGone()

	counts := map[string]int{}
	for _, s := range statuses {
		counts[s]++
	}
	t.Logf("interrupt: SIGINT %s after the apply started: %d Active, %d Creating (%d of them with the CreateFunction answer still in flight), %d not sent; the CLI ended %s later",
		signalled.Sub(start).Round(100*time.Millisecond), counts[scfapi.StatusActive], counts[scfapi.StatusCreating], atSignal.holding,
		stopFunctions-len(statuses), stopTook.Round(10*time.Millisecond))

	state := readState(t, cli)
	inFake := gate.fake.FunctionNames(scfapi.DefaultNamespace)
	if got := slices.Sorted(maps.Keys(state)); !slices.Equal(got, inFake) {
		t.Errorf("after the interrupt the state holds %v\nbut the fake holds %v: every function created must be in state", got, inFake)
	}
	done := 0
	for name, inst := range state {
		if inst.tainted != (inst.status != scfapi.StatusActive) {
			t.Errorf("%s (%s) is in state with status %q and tainted=%v; want tainted exactly when not Active", name, inst.address, inst.status, inst.tainted)
		}
		if !inst.tainted {
			done++
			continue
		}
		// The wait reads as cut short by the stop, not as a timeout to raise.
		interrupted := regexp.MustCompile(`While\s+creating\s+function\s+default/` + name + `:\s+interrupted\s+after\s`)
		if !interrupted.MatchString(res.output) {
			t.Errorf("the interrupted apply does not report the wait for %s as interrupted:\n%s", name, res.output)
		}
	}
	// Five slots had to come free before the 15th create could start.
	if done < 5 {
		t.Errorf("only %d functions are in state untainted; at least the 5 that made room for the 15th create must be", done)
	}
	for i, name := range atSignal.created {
		if n := i + 1; n >= 11 {
			if inst, ok := state[name]; !ok || !inst.tainted || inst.status != scfapi.StatusCreating {
				t.Errorf("create #%d (%s, answer held back: %v) must be in state, tainted and Creating; got %+v (in state: %v)",
					n, name, n <= 13, inst, ok)
			}
		}
	}

	// Let everything still Creating finish, and make the next creates quick.
	clock.advance(stopLongDelay)
	gate.fake.SetDelays(time.Second, 0, 0)
	gate.passThrough()
	converge := cli.run(t.Context(), nil, "apply", "-auto-approve", "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", stopParallelism))
	if converge.ExitCode != 0 {
		t.Fatalf("the apply after the interrupt failed (exit %d):\n%s", converge.ExitCode, converge.Output())
	}
	requireEmptyPlan(t, cli)
	requireAllActive(t, gate)
	t.Logf("interrupt: whole test %s", time.Since(start).Round(100*time.Millisecond))
}

// TestAccKilledApply kills the CLI with SIGKILL in the middle of an apply:
// five functions are done and in state, ten are created but their answers
// have not arrived. The provider process, orphaned, is killed and reaped
// too. The next apply must report each of the ten as already existing, with
// an import block holding its exact ID; pasted with the address from the
// "with" line (or run as `terraform import` for one of them, the advice for
// CLIs before 1.5), they are imported and the apply after converges to an
// empty plan.
func TestAccKilledApply(t *testing.T) {
	cli := newTerraformCLI(t)
	becomeSubreaper(t)
	clock := &stopClock{}
	// Every answer after the fifth is held back, so when ten are held every
	// slot of the walk waits on one: no state write can be under way when
	// the CLI is killed.
	gate := startGatedFake(t, fakescf.Options{CreateDelay: stopCreateDelay, Clock: clock.now},
		createRules{hold: func(n int) bool { return n > 5 }})
	cli.write(stopConfig(t, gate.url))

	start := time.Now()
	apply := startCLI(t, cli, "apply", "-auto-approve", "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", stopParallelism))
	apply.waitUntil("every slot of the walk waiting for a held CreateFunction answer", func() bool {
		return gate.snapshot().holding == stopParallelism
	})
	providers := apply.providerProcesses()
	if len(providers) != 1 {
		t.Fatalf("found %d provider processes under the CLI (pids %v), want 1", len(providers), providers)
	}
	atKill := gate.snapshot()
	apply.kill()
	res := apply.wait(stopBound)
	if res.exitCode != -1 {
		t.Errorf("the killed CLI reported exit %d; want death by signal", res.exitCode)
	}
	// The orphaned provider would live on until something stops it; here,
	// as a killed CI job's cleanup would, it is killed and then reaped.
	for _, pid := range providers {
		killAndReap(t, pid)
	}
	apply.requireGroupGone()
	waitFor(t, "the fake to see every held request abandoned", func() bool { return gate.snapshot().holding == 0 }, nil)

	orphans := slices.Sorted(slices.Values(atKill.created[5:]))
	saved := slices.Sorted(slices.Values(atKill.created[:5]))
	t.Logf("kill: SIGKILL %s after the apply started: %d done, %d created with the answer in flight, %d not sent",
		time.Since(start).Round(100*time.Millisecond), len(saved), len(orphans), stopFunctions-len(atKill.created))
	state := readState(t, cli)
	if got := slices.Sorted(maps.Keys(state)); !slices.Equal(got, saved) {
		t.Fatalf("after the kill the state holds %v, want the 5 functions done before it %v", got, saved)
	}
	if got := gate.fake.FunctionNames(scfapi.DefaultNamespace); !slices.Equal(got, slices.Sorted(slices.Values(atKill.created))) {
		t.Fatalf("after the kill the fake holds %v, want the %d functions created %v", got, len(atKill.created), atKill.created)
	}

	clock.advance(stopLongDelay)
	gate.fake.SetDelays(time.Second, 0, 0)
	gate.passThrough()

	// What the user sees in a terminal (colours included): one error per
	// function created but not saved, each naming its resource in the
	// "with" line and giving the block.
	human := cli.run(t.Context(), nil, "apply", "-auto-approve", "-input=false", fmt.Sprintf("-parallelism=%d", stopParallelism))
	if human.ExitCode == 0 {
		t.Fatalf("the apply after the kill succeeded; want an error for each of %v\n%s", orphans, human.Output())
	}
	advice := pastableAdvice(t, human.Stderr)
	if got := slices.Sorted(maps.Keys(advice)); !slices.Equal(got, orphans) {
		t.Fatalf("the apply after the kill reported %v as already existing, want exactly %v\n%s", got, orphans, human.Stderr)
	}

	// The exact text, from the machine-readable output of the same apply
	// (the human one is word-wrapped at 78 columns).
	machine := cli.run(t.Context(), nil, "apply", "-auto-approve", "-input=false", "-json", fmt.Sprintf("-parallelism=%d", stopParallelism))
	diags := machine.errors()
	if len(diags) != len(orphans) {
		t.Errorf("the -json apply reported %d errors, want %d (one per function not saved):\n%+v", len(diags), len(orphans), diags)
	}
	for _, d := range diags {
		name := functionOfAddress(d.Address)
		wantRE := regexp.MustCompile(`^` + regexp.QuoteMeta(fmt.Sprintf(
			"While creating function default/%[1]s, the API answered ResourceInUse.Function: function %[1]s already exists in namespace default (RequestId: ", name)) +
			`[0-9a-f-]{36}` + regexp.QuoteMeta(").\n\n"+alreadyExistsAdvice("default/"+name)) + `$`)
		if d.Summary != summaryCreate || !wantRE.MatchString(d.Detail) {
			t.Errorf("the error for %s:\nsummary %q\ndetail:\n%s\n\nwant summary %q and detail matching:\n%s", d.Address, d.Summary, d.Detail, summaryCreate, wantRE)
		}
	}

	// The user's fix: the first with the import command of CLIs before
	// 1.5, the others with the import blocks pasted into a file.
	first := advice[orphans[0]]
	args := strings.Fields(strings.Replace(first.command, "<address>", first.address, 1))
	if len(args) != 4 || args[0] != "terraform" || args[1] != "import" {
		t.Fatalf("the import command %q is not `terraform import <address> <id>`", first.command)
	}
	imported := cli.run(t.Context(), nil, "import", "-input=false", "-no-color", args[2], args[3])
	if imported.ExitCode != 0 {
		t.Fatalf("%s failed (exit %d):\n%s", strings.Join(args, " "), imported.ExitCode, imported.Output())
	}
	var pasted strings.Builder
	for _, name := range orphans[1:] {
		a := advice[name]
		pasted.WriteString(strings.Replace(a.block, "<address>", a.address, 1) + "\n\n")
	}
	if err := os.WriteFile(filepath.Join(cli.dir, "imports.tf"), []byte(pasted.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	final := cli.run(t.Context(), nil, "apply", "-auto-approve", "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", stopParallelism))
	if final.ExitCode != 0 {
		t.Fatalf("the apply with the pasted import blocks failed (exit %d):\nimports.tf:\n%s\n%s", final.ExitCode, pasted.String(), final.Output())
	}
	if want := fmt.Sprintf("Resources: %d imported,", len(orphans)-1); !strings.Contains(final.Stdout, want) {
		t.Errorf("the apply with the pasted import blocks does not say %q:\n%s", want, final.Stdout)
	}
	requireEmptyPlan(t, cli)
	requireAllActive(t, gate)
	t.Logf("kill: whole test %s", time.Since(start).Round(100*time.Millisecond))
}

// alreadyExistsAdvice is the advice after a ResourceInUse.Function answer,
// written out here so that any change of the text a user pastes from shows.
func alreadyExistsAdvice(id string) string {
	return `A function with this name already exists in the namespace. If this resource should manage it ` +
		`(an apply that was interrupted or killed may have created it without recording it in state), import it: ` +
		`add this block to the configuration, replace <address> with the resource address from the "with" line above, and apply again.

import {
  to = <address>
  id = "` + id + `"
}

With Terraform older than 1.5, run instead:
  terraform import <address> ` + id + `

Otherwise, choose another name.`
}

// importAdviceSeen is what a user copies from one error.
type importAdviceSeen struct {
	address string // from the "with" line
	block   string // the import block, <address> still in it
	command string // the terraform import line
}

var (
	errorWithLineRE = regexp.MustCompile(`(?m)^  with (\S+),$`)
	errorFunctionRE = regexp.MustCompile(`While\s+creating\s+function\s+default/(\S+),\s+the\s+API\s+answered\s+ResourceInUse\.Function`) // word-wrapped
	importBlockRE   = regexp.MustCompile(`(?m)^import \{\n  to = <address>\n  id = "([^"\n]*)"\n\}$`)
	importCommandRE = regexp.MustCompile(`(?m)^  (terraform import <address> (\S+))$`)
)

var ansiEscapeRE = regexp.MustCompile("\x1b\\[[0-9;]*m")

// pastableAdvice reads Terraform's human output the way a user does: the
// colours and the left rule of each error box gone, as a terminal copies
// them, the resource address from its "with" line, and the import block and
// command. It fails the test on an error that is not about an existing
// function, or whose parts disagree.
func pastableAdvice(t *testing.T, stderr string) map[string]importAdviceSeen {
	t.Helper()
	var diags []string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			diags = append(diags, strings.TrimRight(strings.Join(cur, "\n"), "\n"))
		}
		cur = nil
	}
	for line := range strings.SplitSeq(ansiEscapeRE.ReplaceAllString(stderr, ""), "\n") {
		switch {
		case line == "╷" || line == "╵":
			flush()
			continue
		case strings.HasPrefix(line, "│ "):
			line = line[len("│ "):]
		case line == "│":
			line = ""
		}
		if strings.HasPrefix(line, "Error: ") || strings.HasPrefix(line, "Warning: ") {
			flush()
		}
		cur = append(cur, line)
	}
	flush()

	out := map[string]importAdviceSeen{}
	for _, text := range diags {
		if !strings.HasPrefix(text, "Error: ") {
			continue // the warning about dev_overrides, for one
		}
		with, fn := errorWithLineRE.FindStringSubmatch(text), errorFunctionRE.FindStringSubmatch(text)
		block, command := importBlockRE.FindStringSubmatch(text), importCommandRE.FindStringSubmatch(text)
		if !strings.HasPrefix(text, "Error: "+summaryCreate+"\n") || with == nil || fn == nil || block == nil || command == nil {
			t.Errorf("an error is not an \"already exists\" error with a \"with\" line, an import block and an import command:\n%s", text)
			continue
		}
		name, id := fn[1], "default/"+fn[1]
		if block[1] != id || command[2] != id {
			t.Errorf("the error about %s gives import ID %q in the block and %q in the command, want %q:\n%s", name, block[1], command[2], id, text)
		}
		if got := functionOfAddress(with[1]); got != name {
			t.Errorf("the error about %s is shown with %s, which is %s", name, with[1], got)
		}
		if _, dup := out[name]; dup {
			t.Errorf("%s is reported twice", name)
		}
		out[name] = importAdviceSeen{address: with[1], block: block[0], command: command[1]}
	}
	return out
}

// functionOfAddress returns the function name that the configuration of
// these tests gives the resource at address scf_function.f[N].
func functionOfAddress(address string) string {
	idx, ok := strings.CutPrefix(address, "scf_function.f[")
	if !ok {
		return "not-a-function(" + address + ")"
	}
	n, err := strconv.Atoi(strings.TrimSuffix(idx, "]"))
	if err != nil {
		return "not-a-function(" + address + ")"
	}
	return fmt.Sprintf("fn-%02d", n)
}

// stopConfig is 30 functions of the default namespace, fn-00 to fn-29, with
// the provider's default waits and rate limits.
func stopConfig(t *testing.T, url string) string {
	t.Helper()
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "def main_handler(e, c):\n    return 'stop'\n"})
	return fmt.Sprintf(`
provider "scf" {
  region     = %[1]q
  secret_id  = %[2]q
  secret_key = %[3]q
  endpoint   = %[4]q
}

resource "scf_function" "f" {
  count   = %[5]d
  name    = format("fn-%%02d", count.index)
  handler = "index.main_handler"
  runtime = "Python3.9"
  code    = { zip_file = %[6]q }
}
`, testRegion, fakescf.DefaultSecretID, fakescf.DefaultSecretKey, url, stopFunctions, zipPath)
}

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

// functionStatuses lists the fake's functions through the API.
func functionStatuses(t *testing.T, client *scfapi.Client) map[string]string {
	t.Helper()
	listed, err := client.ListAllFunctions(t.Context(), scfapi.DefaultNamespace)
	if err != nil {
		t.Fatalf("ListFunctions: %v", err)
	}
	out := map[string]string{}
	for _, f := range listed {
		out[f.FunctionName] = f.Status
	}
	return out
}

// requireAllActive checks that the fake holds fn-00 to fn-29, all Active.
func requireAllActive(t *testing.T, gate *gatedFake) {
	t.Helper()
	statuses := functionStatuses(t, gate.client)
	want := make([]string, stopFunctions)
	for i := range want {
		want[i] = fmt.Sprintf("fn-%02d", i)
	}
	if got := slices.Sorted(maps.Keys(statuses)); !slices.Equal(got, want) {
		t.Errorf("the fake holds %v, want exactly %v", got, want)
	}
	for name, status := range statuses {
		if status != scfapi.StatusActive {
			t.Errorf("%s is %s, want Active", name, status)
		}
	}
}

func requireEmptyPlan(t *testing.T, cli *terraformCLI) {
	t.Helper()
	plan := cli.run(t.Context(), nil, "plan", "-detailed-exitcode", "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", stopParallelism))
	if plan.ExitCode != 0 {
		t.Errorf("the plan after the converging apply is not empty (exit %d):\n%s", plan.ExitCode, plan.Output())
	}
}

// stateInstance is what these tests read of one scf_function in state.
type stateInstance struct {
	address string
	status  string
	tainted bool
}

// readState returns the scf_function instances of the state by function
// name, through `terraform show -json`.
func readState(t *testing.T, cli *terraformCLI) map[string]stateInstance {
	t.Helper()
	res := cli.run(t.Context(), nil, "show", "-json", "-no-color")
	if res.ExitCode != 0 {
		t.Fatalf("terraform show -json failed (exit %d):\n%s", res.ExitCode, res.Output())
	}
	var doc struct {
		Values *struct {
			RootModule struct {
				Resources []struct {
					Address string `json:"address"`
					Type    string `json:"type"`
					Tainted bool   `json:"tainted"`
					Values  struct {
						Name   string `json:"name"`
						Status string `json:"status"`
					} `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &doc); err != nil {
		t.Fatalf("terraform show -json: %v\n%s", err, res.Stdout)
	}
	out := map[string]stateInstance{}
	if doc.Values == nil {
		return out // no state yet
	}
	for _, r := range doc.Values.RootModule.Resources {
		if r.Type != "scf_function" {
			continue
		}
		if _, dup := out[r.Values.Name]; dup {
			t.Errorf("function %s is in state twice", r.Values.Name)
		}
		out[r.Values.Name] = stateInstance{address: r.Address, status: r.Values.Status, tainted: r.Tainted}
	}
	return out
}

// runningCLI is a CLI command running in a process group of its own, so
// that the test can signal it and everything it started, as a terminal
// signals its foreground job.
type runningCLI struct {
	t    *testing.T
	cmd  *exec.Cmd
	pgid int
	out  lockedBuffer
	done chan struct{}
	res  runResult
}

type runResult struct {
	exitCode int // -1 when killed by a signal
	exitedAt time.Time
	output   string // stdout and stderr
}

// lockedBuffer collects output written while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func startCLI(t *testing.T, cli *terraformCLI, args ...string) *runningCLI {
	t.Helper()
	cmd := exec.Command(cli.terraform, args...) //nolint:noctx // ended by the test's own signals, see below
	cmd.Dir = cli.dir
	cmd.Env = cli.env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	rc := &runningCLI{t: t, cmd: cmd, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = &rc.out, &rc.out
	cmd.WaitDelay = 10 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", cli.terraform, err)
	}
	rc.pgid = cmd.Process.Pid
	go func() {
		err := cmd.Wait()
		rc.res.exitedAt = time.Now()
		rc.res.exitCode = cmd.ProcessState.ExitCode()
		if err != nil && cmd.ProcessState == nil {
			rc.res.exitCode = -2
		}
		close(rc.done)
	}()
	// Whatever happens to the test, nothing of this command may outlive it.
	t.Cleanup(func() {
		_ = syscall.Kill(-rc.pgid, syscall.SIGKILL) // ESRCH once the group is gone
		<-rc.done
		for _, pid := range groupMembers(rc.pgid) {
			killAndReap(t, pid)
		}
	})
	return rc
}

// waitUntil polls cond until it holds; it fails the test when the command
// ends first or stopBound passes.
func (rc *runningCLI) waitUntil(what string, cond func() bool) {
	rc.t.Helper()
	waitFor(rc.t, what, cond, func() string {
		select {
		case <-rc.done:
			return fmt.Sprintf("terraform %s ended (exit %d) first:\n%s",
				strings.Join(rc.cmd.Args[1:], " "), rc.res.exitCode, rc.out.String())
		default:
			return ""
		}
	})
}

func (rc *runningCLI) signalGroup(sig syscall.Signal) {
	rc.t.Helper()
	if err := syscall.Kill(-rc.pgid, sig); err != nil {
		rc.t.Fatalf("sending %s to process group %d: %v", sig, rc.pgid, err)
	}
}

// kill sends SIGKILL to the CLI alone: its provider process lives on as
// an orphan, as after an out-of-memory kill.
func (rc *runningCLI) kill() {
	rc.t.Helper()
	if err := rc.cmd.Process.Kill(); err != nil {
		rc.t.Fatalf("killing the CLI: %v", err)
	}
}

// wait returns once the command has ended, failing the test after bound.
func (rc *runningCLI) wait(bound time.Duration) runResult {
	rc.t.Helper()
	select {
	case <-rc.done:
	case <-time.After(bound):
		rc.t.Fatalf("terraform %s still runs %s after it was signalled:\n%s", strings.Join(rc.cmd.Args[1:], " "), bound, rc.out.String())
	}
	res := rc.res
	res.output = rc.out.String()
	return res
}

// providerProcesses lists the provider processes the CLI started.
func (rc *runningCLI) providerProcesses() []int {
	rc.t.Helper()
	binary := filepath.Join(providerBinaryDir(rc.t), "terraform-provider-scf")
	var pids []int
	for _, pid := range groupMembers(rc.pgid) {
		st, ok := readProcStat(pid)
		if !ok || st.ppid != rc.cmd.Process.Pid {
			continue
		}
		if exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid)); err == nil && exe == binary {
			pids = append(pids, pid)
		}
	}
	return pids
}

// requireGroupGone checks that no process of the command's group is left,
// not even one waiting to be reaped.
func (rc *runningCLI) requireGroupGone() {
	rc.t.Helper()
	waitFor(rc.t, fmt.Sprintf("every process of group %d to end", rc.pgid), func() bool { return len(groupMembers(rc.pgid)) == 0 },
		func() string { return "" })
}

// waitFor polls cond every 10 ms for up to stopBound. fatal, when it
// returns text, ends the wait early with that text as the failure.
func waitFor(t *testing.T, what string, cond func() bool, fatal func() string) {
	t.Helper()
	deadline := time.Now().Add(stopBound)
	for !cond() {
		if fatal != nil {
			if msg := fatal(); msg != "" {
				t.Fatalf("waiting for %s: %s", what, msg)
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting %s for %s", stopBound, what)
		}
		time.Sleep(10 * time.Millisecond) // polling an observable condition
	}
}

// procStat is what these tests read of /proc/<pid>/stat.
type procStat struct {
	state      string
	ppid, pgrp int
}

func readProcStat(pid int) (procStat, bool) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return procStat{}, false
	}
	// The command name is in parentheses and may contain anything.
	rest := string(data[bytes.LastIndexByte(data, ')')+1:])
	f := strings.Fields(rest)
	if len(f) < 3 {
		return procStat{}, false
	}
	ppid, err1 := strconv.Atoi(f[1])
	pgrp, err2 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil {
		return procStat{}, false
	}
	return procStat{state: f[0], ppid: ppid, pgrp: pgrp}, true
}

// groupMembers lists the processes of a process group, zombies included.
func groupMembers(pgid int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, ok := readProcStat(pid); ok && st.pgrp == pgid {
			pids = append(pids, pid)
		}
	}
	return pids
}

// becomeSubreaper makes this test process the parent of every orphan of
// the processes it starts (PR_SET_CHILD_SUBREAPER), so that a provider
// whose CLI was killed can be reaped here instead of being left to init,
// which in a container may never reap it.
func becomeSubreaper(t *testing.T) {
	t.Helper()
	const prSetChildSubreaper = 36
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		t.Fatalf("prctl(PR_SET_CHILD_SUBREAPER): %v", errno)
	}
	// Registered first, so it runs after the cleanups that reap.
	t.Cleanup(func() { _, _, _ = syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 0, 0) })
}

// killAndReap kills a process that has become this process's child and
// waits for it, failing the test when it cannot be reaped within stopBound.
func killAndReap(t *testing.T, pid int) {
	t.Helper()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
		t.Errorf("killing process %d: %v", pid, err)
	}
	deadline := time.Now().Add(stopBound)
	for {
		var ws syscall.WaitStatus
		got, err := syscall.Wait4(pid, &ws, syscall.WNOHANG, nil)
		switch {
		case got == pid:
			return
		case errors.Is(err, syscall.ECHILD):
			t.Errorf("process %d is not a child of the test, so it cannot be reaped here", pid)
			return
		case err != nil && !errors.Is(err, syscall.EINTR):
			t.Errorf("waiting for process %d: %v", pid, err)
			return
		case time.Now().After(deadline):
			t.Errorf("process %d did not end within %s of SIGKILL", pid, stopBound)
			return
		}
		time.Sleep(10 * time.Millisecond) // polling for the exit of a killed process
	}
}
