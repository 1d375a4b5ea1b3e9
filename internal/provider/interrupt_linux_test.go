package provider

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

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

	// Terraform writes the state file as each resource finishes; OpenTofu
	// 1.12 only every TF_STATE_PERSIST_INTERVAL (20 s at the least) and when
	// it stops, so a kill leaves it nothing of this apply: then the five done
	// are not saved either, and the next apply must report all fifteen.
	saved := slices.Sorted(slices.Values(atKill.created[:5]))
	orphans := slices.Sorted(slices.Values(atKill.created[5:]))
	if !cli.version(t.Context()).writesStateAtOnce() {
		saved, orphans = nil, slices.Sorted(slices.Values(atKill.created))
	}
	t.Logf("kill: SIGKILL %s after the apply started: %d done, %d created with the answer in flight, %d not sent",
		time.Since(start).Round(100*time.Millisecond), len(saved), len(orphans), stopFunctions-len(atKill.created))
	state := readState(t, cli)
	if got := slices.Sorted(maps.Keys(state)); !slices.Equal(got, saved) {
		t.Fatalf("after the kill the state holds %v, want the %d functions saved before it %v", got, len(saved), saved)
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
