package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// Chaos settings: enough functions that every fault kind hits creates,
// updates and deletes, and a fault rate well above the 10% the test must
// prove. The seed makes a run repeatable as far as the scheduling of
// Terraform's parallel walk allows.
const (
	chaosFunctions   = 50
	chaosFaultRate   = 0.2
	chaosSeed        = 20261127
	chaosMaxAttempts = 3
	chaosParallelism = 10
)

// chaosNamespace is the namespace the chaos configuration manages beside the
// functions: its creation, description change and deletion meet the faults
// too.
const chaosNamespace = "chaos-ns"

// chaosLayer is the layer whose versions the chaos configuration publishes;
// the update changes their description, which publishes new versions and
// deletes the old ones.
const (
	chaosLayer         = "chaos-layer"
	chaosLayerVersions = 2
)

// chaosTriggers is how many of the functions get a timer trigger, whose
// description the update changes in place.
const chaosTriggers = 5

// TestAccChaos applies, updates (configuration, code and tags) and destroys
// 50 functions and a namespace with the built provider binary and the real CLI against a
// fake that injects every fault kind into 20% of requests: InternalError,
// RequestLimitExceeded, connections dropped before and after the mutation,
// slow answers and the transient ResourceNotFound.Version of a deletion. After each phase the fake must hold
// exactly the configured functions (none twice, none untracked), the next
// plan must be empty, and after destroy nothing may be left. A failed
// command may be run again (at most three attempts in all); its errors are
// logged. One "chaos:" line per phase reports the figures.
func TestAccChaos(t *testing.T) {
	newestCLIsOnly(t)
	cli := newTerraformCLI(t)
	env := newTestEnv(t, fakescf.Options{
		Faults: fakescf.FaultConfig{
			Rate: chaosFaultRate,
			// ResourceNotFound.Version only takes effect on a GetFunction
			// of a Deleting function, a small share of all requests; listing
			// it three times makes it as likely as the others there. Other
			// actions never draw it, and a GetFunction of a function in
			// another status that draws it gets no fault, which is why the
			// rate is 20% for a measured rate above 10%.
			Kinds:     append(fakescf.AllFaultKinds(), fakescf.FaultVersionNotFound, fakescf.FaultVersionNotFound),
			Seed:      chaosSeed,
			SlowDelay: 300 * time.Millisecond,
		},
		CreateDelay: 400 * time.Millisecond,
		UpdateDelay: 400 * time.Millisecond,
		// Long enough for the first two polls of every deletion to see
		// Deleting, where ResourceNotFound.Version can be injected.
		DeleteDelay: 1500 * time.Millisecond,
		// CreateFunction's documented 10/s would make the test spend most
		// of its time queueing; the faults are what it is about.
		RateLimits: map[string]float64{scfapi.ActionCreateFunction: 50},
	})
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()

	dir := t.TempDir()
	zipOne := writeZip(t, dir, "one.zip", map[string]string{"index.py": "def main_handler(e, c):\n    return 'chaos one'\n"})
	zipTwo := writeZip(t, dir, "two.zip", map[string]string{"index.py": "def main_handler(e, c):\n    return 'chaos two'\n"})
	want := make([]string, chaosFunctions)
	for i := range want {
		want[i] = fmt.Sprintf("chaos-%02d", i)
	}
	// The update changes the configuration, the code and the tags of every
	// function, so each kind of mutation meets the faults.
	config := func(description, zipPath, tags string) string {
		return fmt.Sprintf(`
provider "scf" {
  region      = %[1]q
  secret_id   = %[2]q
  secret_key  = %[3]q
  endpoint    = %[4]q
  max_retries = 10
  rate_limits = { CreateFunction = 50 }
}

resource "scf_namespace" "n" {
  name        = %[9]q
  description = %[6]q
}

resource "scf_trigger" "t" {
  count         = %[12]d
  function_name = scf_function.f[count.index].name
  name          = "every-minute"
  description   = %[6]q

  timer = {
    cron_expression = "0 * * * * * *"
  }
}

resource "scf_function_version" "v" {
  function_name     = scf_function.f[0].name
  description       = "chaos release"
  function_revision = "one"
}

resource "scf_function_alias" "a" {
  function_name    = scf_function.f[0].name
  name             = "live"
  description      = %[6]q
  function_version = scf_function_version.v.version
}

resource "scf_layer_version" "l" {
  count               = %[11]d
  layer_name          = %[10]q
  description         = format("%%s %%d", %[6]q, count.index)
  compatible_runtimes = ["Python3.9"]
  content             = { zip_file = %[7]q }
}

resource "scf_function" "f" {
  count       = %[5]d
  name        = format("chaos-%%02d", count.index)
  handler     = "index.main_handler"
  runtime     = "Python3.9"
  description = %[6]q
  code        = { zip_file = %[7]q }
  tags        = %[8]s
}
`, testRegion, fakescf.DefaultSecretID, fakescf.DefaultSecretKey, env.url, chaosFunctions, description, zipPath, tags, chaosNamespace,
			chaosLayer, chaosLayerVersions, chaosTriggers)
	}

	run := &chaosRun{t: t, cli: cli, env: env, ctx: ctx}
	start := time.Now()

	cli.write(config("first version", zipOne, `{ team = "chaos" }`))
	// The namespace makes one call of each mutation, which the random
	// faults would rarely hit: each loses its first answer for sure.
	env.fake.InjectFault(scfapi.ActionCreateNamespace, fakescf.FaultDropAfter, 1)
	env.fake.InjectFault(scfapi.ActionPublishLayerVersion, fakescf.FaultDropAfter, 1)
	run.phase("create", "apply", want)
	run.checkFunctions(want, "first version")
	run.checkNamespace(true, "first version")
	run.checkLayerVersions("first version")
	run.checkAlias("first version")
	run.checkTriggers("first version")

	cli.write(config("second version", zipTwo, `{ team = "chaos", phase = "two" }`))
	env.fake.InjectFault(scfapi.ActionUpdateNamespace, fakescf.FaultDropAfter, 1)
	env.fake.InjectFault(scfapi.ActionDeleteLayerVersion, fakescf.FaultDropAfter, 1)
	run.phase("update", "apply", want)
	run.checkFunctions(want, "second version")
	run.checkNamespace(true, "second version")
	run.checkLayerVersions("second version")
	run.checkAlias("second version")
	run.checkTriggers("second version")

	env.fake.InjectFault(scfapi.ActionDeleteNamespace, fakescf.FaultDropAfter, 1)
	run.phase("destroy", "destroy", nil)
	run.checkFunctions(nil, "")
	run.checkNamespace(false, "")
	run.checkLayerVersions("")

	total := env.fake.Stats()
	t.Logf("chaos: total requests=%d faults=%s (%.1f%% of requests) elapsed=%s",
		sum(total.Requests), formatFaults(total.FaultsInjected),
		100*float64(sum(total.FaultsInjected))/float64(max(sum(total.Requests), 1)), time.Since(start).Round(time.Second))
}

// chaosRun carries one chaos test through its phases.
type chaosRun struct {
	t   *testing.T
	cli *terraformCLI
	env *testEnv
	ctx context.Context
	// before is the fake's counters at the start of the current phase.
	before fakescf.Stats
}

var (
	retryLineRE = regexp.MustCompile(`SCF API call failed, retrying.*?\berror_code=("[^"]*"|\S+)`)
	failLineRE  = regexp.MustCompile(`SCF API call failed:.*?\berror_code=("[^"]*"|\S+)`)
)

// phase runs `terraform <command>` until it succeeds or chaosMaxAttempts
// commands failed, then the verifying plan, and logs the phase's figures.
func (r *chaosRun) phase(name, command string, want []string) {
	t := r.t
	t.Helper()
	r.before = r.env.fake.Stats()
	args := []string{command, "-auto-approve", "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", chaosParallelism)}
	logEnv := []string{"TF_LOG_PROVIDER=DEBUG"}
	retries := 0
	retryCodes, failCodes := map[string]int64{}, map[string]int64{}
	count := func(log string) {
		for _, m := range retryLineRE.FindAllStringSubmatch(log, -1) {
			retries++
			retryCodes[strings.Trim(m[1], `"`)]++
		}
		for _, m := range failLineRE.FindAllStringSubmatch(log, -1) {
			failCodes[strings.Trim(m[1], `"`)]++
		}
	}
	attempts, outcome := 0, "failed"
	for attempts < chaosMaxAttempts {
		attempts++
		res := r.cli.run(r.ctx, logEnv, args...)
		count(res.Log)
		if res.ExitCode == 0 {
			outcome = "ok"
			break
		}
		t.Logf("chaos: %s attempt %d failed (exit %d); the errors it printed:\n%s", name, attempts, res.ExitCode, errorBlocks(res.Stderr))
		checkClearErrors(t, res.Stderr)
	}
	if outcome != "ok" {
		t.Fatalf("chaos: %s still failed after %d attempts", name, attempts)
	}
	if got := r.env.fake.FunctionNames(scfapi.DefaultNamespace); !slices.Equal(got, want) {
		t.Errorf("chaos: after %s the fake holds %d functions %v, want %d %v", name, len(got), got, len(want), want)
	}
	planArgs := []string{"plan", "-detailed-exitcode", "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", chaosParallelism)}
	if command == "destroy" {
		planArgs = append(planArgs, "-destroy")
	}
	plan := r.cli.run(r.ctx, logEnv, planArgs...)
	if plan.ExitCode != 0 {
		t.Errorf("chaos: the plan after %s is not empty (exit %d):\n%s", name, plan.ExitCode, plan.Output())
	}
	count(plan.Log)

	after := r.env.fake.Stats()
	requests := sum(after.Requests) - sum(r.before.Requests)
	faults := delta(after.FaultsInjected, r.before.FaultsInjected)
	injected := sum(faults)
	rate := float64(injected) / float64(max(requests, 1))
	t.Logf("chaos: phase=%s outcome=%s attempts=%d requests=%d faults=%d (%.1f%%) by kind: %s; retries=%d by code: %s; "+
		"attempts failed and not retried (adopted lost responses and expected not-found answers included) by code: %s; requests by action: %s",
		name, outcome, attempts, requests, injected, 100*rate, formatFaults(faults), retries, formatCounts(retryCodes), formatCounts(failCodes),
		formatCounts(delta(after.Requests, r.before.Requests)))
	if rate < 0.10 {
		t.Errorf("chaos: only %.1f%% of the %s requests got a fault; the test must inject at least 10%%", 100*rate, name)
	}
	for _, k := range []fakescf.FaultKind{fakescf.FaultInternalError, fakescf.FaultThrottle, fakescf.FaultDropBefore, fakescf.FaultDropAfter, fakescf.FaultSlow} {
		if faults[k] == 0 {
			t.Errorf("chaos: phase %s saw no %s fault", name, k)
		}
	}
	if command == "destroy" && faults[fakescf.FaultVersionNotFound] == 0 {
		t.Errorf("chaos: no ResourceNotFound.Version fault took effect in the destroy")
	}
}

// checkFunctions lists the functions through the API (faults included) and
// compares them with want: every name once, nothing else, and the expected
// description.
func (r *chaosRun) checkFunctions(want []string, description string) {
	t := r.t
	t.Helper()
	listed, err := r.env.client.ListAllFunctions(r.ctx, scfapi.DefaultNamespace)
	if err != nil {
		t.Fatalf("chaos: ListFunctions: %v", err)
	}
	seen := map[string]int{}
	ids := map[string]bool{}
	var names []string
	for _, f := range listed {
		seen[f.FunctionName]++
		if seen[f.FunctionName] == 1 {
			names = append(names, f.FunctionName)
		}
		if ids[f.FunctionId] {
			t.Errorf("chaos: FunctionId %s listed twice", f.FunctionId)
		}
		ids[f.FunctionId] = true
		if f.Description != description {
			t.Errorf("chaos: %s has description %q, want %q", f.FunctionName, f.Description, description)
		}
		if f.Status != scfapi.StatusActive {
			t.Errorf("chaos: %s is %s, want Active", f.FunctionName, f.Status)
		}
	}
	for n, c := range seen {
		if c > 1 {
			t.Errorf("chaos: ListFunctions shows %s %d times", n, c)
		}
	}
	sort.Strings(names)
	if !slices.Equal(names, want) {
		t.Errorf("chaos: ListFunctions shows %v, want exactly %v", names, want)
	}
}

// checkNamespace lists the namespaces through the API (faults included):
// the chaos namespace exists once, with the expected description, or not
// at all.
func (r *chaosRun) checkNamespace(exists bool, description string) {
	t := r.t
	t.Helper()
	listed, err := r.env.client.ListAllNamespaces(r.ctx, scfapi.NamespaceFilter{NameContains: chaosNamespace})
	if err != nil {
		t.Fatalf("chaos: ListNamespaces: %v", err)
	}
	switch {
	case !exists && len(listed) != 0:
		t.Errorf("chaos: namespace %s is left after destroy: %+v", chaosNamespace, listed)
	case exists && (len(listed) != 1 || listed[0].Name != chaosNamespace):
		t.Errorf("chaos: ListNamespaces shows %+v, want namespace %s once", listed, chaosNamespace)
	case exists && listed[0].Description != description:
		t.Errorf("chaos: namespace %s has description %q, want %q", chaosNamespace, listed[0].Description, description)
	}
}

// checkTriggers lists the triggers of the first functions through the API
// (faults included): each has exactly one, with the phase's description.
func (r *chaosRun) checkTriggers(description string) {
	t := r.t
	t.Helper()
	for i := range chaosTriggers {
		name := fmt.Sprintf("chaos-%02d", i)
		triggers, err := r.env.client.ListTriggers(r.ctx, scfapi.DefaultNamespace, name)
		if err != nil {
			t.Fatalf("chaos: ListTriggers of %s: %v", name, err)
		}
		if len(triggers) != 1 || triggers[0].TriggerName != "every-minute" || triggers[0].Description != description {
			t.Errorf("chaos: %s has triggers %+v, want one every-minute trigger described %q", name, triggers, description)
		}
	}
}

// checkAlias reads the alias of chaos-00 through the API (faults
// included): it points at the one published version, with the phase's
// description, and that version is the only one.
func (r *chaosRun) checkAlias(description string) {
	t := r.t
	t.Helper()
	alias, err := r.env.client.GetAlias(r.ctx, scfapi.DefaultNamespace, "chaos-00", "live")
	if err != nil {
		t.Fatalf("chaos: GetAlias: %v", err)
	}
	if alias.Description != description || alias.FunctionVersion != "1" {
		t.Errorf("chaos: alias live is %+v, want version 1 and description %q", alias, description)
	}
	versions, err := r.env.client.ListVersions(r.ctx, scfapi.DefaultNamespace, "chaos-00")
	if err != nil {
		t.Fatalf("chaos: ListVersionByFunction: %v", err)
	}
	var published []string
	for _, v := range versions {
		if v.Version != "$LATEST" {
			published = append(published, v.Version)
		}
	}
	if !slices.Equal(published, []string{"1"}) {
		t.Errorf("chaos: chaos-00 has versions %v, want exactly [1]", published)
	}
}

// checkLayerVersions lists the chaos layer's versions through the API
// (faults included): exactly chaosLayerVersions of them, each published once
// with the phase's description, or none after destroy.
func (r *chaosRun) checkLayerVersions(description string) {
	t := r.t
	t.Helper()
	listed, err := r.env.client.ListLayerVersions(r.ctx, chaosLayer, nil)
	if err != nil && !scfapi.IsNotFound(err) && scfapi.ErrorCode(err) != "ResourceNotFound.Layer" {
		t.Fatalf("chaos: ListLayerVersions: %v", err)
	}
	var got []string
	for _, v := range listed {
		got = append(got, v.Description)
	}
	sort.Strings(got)
	var want []string
	for i := range chaosLayerVersions {
		if description != "" {
			want = append(want, fmt.Sprintf("%s %d", description, i))
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("chaos: layer %s has versions with descriptions %q, want %q", chaosLayer, got, want)
	}
}

// checkClearErrors requires every error of a failed command to name the
// function or namespace it is about and to carry one of the provider's own
// summaries or Terraform's.
func checkClearErrors(t *testing.T, stderr string) {
	t.Helper()
	for _, block := range strings.Split(stderr, "Error: ")[1:] {
		if !strings.Contains(block, "default/chaos-") && !strings.Contains(block, "namespace "+chaosNamespace) &&
			!strings.Contains(block, chaosLayer) {
			t.Errorf("chaos: an error does not name its function, namespace or layer version:\nError: %s", block)
		}
	}
}

// errorBlocks keeps the "Error:" parts of Terraform's output.
func errorBlocks(stderr string) string {
	if i := strings.Index(stderr, "Error: "); i >= 0 {
		return stderr[i:]
	}
	return stderr
}

func sum[K comparable](m map[K]int64) int64 {
	var n int64
	for _, v := range m {
		n += v
	}
	return n
}

func delta[K comparable](after, before map[K]int64) map[K]int64 {
	out := map[K]int64{}
	for k, v := range after {
		if d := v - before[k]; d != 0 {
			out[k] = d
		}
	}
	return out
}

func formatFaults(m map[fakescf.FaultKind]int64) string {
	s := map[string]int64{}
	for k, v := range m {
		s[string(k)] = v
	}
	return formatCounts(s)
}

func formatCounts(m map[string]int64) string {
	if len(m) == 0 {
		return "none"
	}
	keys := slices.Sorted(maps.Keys(m))
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%d", k, m[k]))
	}
	return strings.Join(parts, " ")
}
