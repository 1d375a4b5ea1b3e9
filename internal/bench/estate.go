package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// The estate measurement: `terraform query -generate-config-out` of a whole
// estate, every kind of object the provider has a list resource for, and
// the refresh_2000 measurement: a refresh plan of 2,000 functions. Both are
// seeded straight into the fake's state, as the list measurement is.
const (
	defaultEstateN    = 500  // functions of the estate (BENCH_ESTATE_N)
	defaultRefreshN   = 2000 // functions of refresh_2000 (BENCH_REFRESH_N)
	refreshLimitMiB   = 150  // target peak RSS of the provider in refresh_2000
	estateListLimit   = 100000
	estateTimerCron   = "0 */5 * * * * *"
	estateAlias       = "live"
	estateReservedMem = 256
)

// estateKinds are the list resources of the estate query, one list block
// each, in the order of the result line.
var estateKinds = []string{
	"scf_namespace", "scf_layer_version", "scf_function", "scf_trigger", "scf_function_version",
	"scf_function_alias", "scf_reserved_concurrency", "scf_provisioned_concurrency",
}

// estateQuery is the .tfquery.hcl of the estate: every object of every
// kind, with its resource (which -generate-config-out needs anyway).
func estateQuery() string {
	var sb strings.Builder
	for _, kind := range estateKinds {
		fmt.Fprintf(&sb, "list %q \"all\" {\n  provider         = scf\n  include_resource = true\n  limit            = %d\n}\n\n", kind, estateListLimit)
	}
	return sb.String()
}

// estateMix is what the estate seed gives its functions, by index i: a
// timer trigger and one published version each, an alias of that version
// on the odd ones (half), a reserved quota on i%4 == 0 (a quarter) and
// provisioned concurrency on version 1 of i%4 == 2 (another quarter).
type estateMix struct{ trigger, version, alias, reserved, provisioned bool }

func mixOf(i int) estateMix {
	return estateMix{trigger: true, version: true, alias: i%2 == 1, reserved: i%4 == 0, provisioned: i%4 == 2}
}

// estateCounts is how many objects of each seeded kind n functions get.
func estateCounts(n int) map[string]int {
	c := map[string]int{"scf_function": n}
	for i := range n {
		m := mixOf(i)
		for kind, has := range map[string]bool{"scf_trigger": m.trigger, "scf_function_version": m.version,
			"scf_function_alias": m.alias, "scf_reserved_concurrency": m.reserved, "scf_provisioned_concurrency": m.provisioned} {
			if has {
				c[kind]++
			}
		}
	}
	return c
}

// seedEstateObjects gives function i its objects of estateMix.
func seedEstateObjects(ctx context.Context, client *scfapi.Client, ns, name string, i int) error {
	m := mixOf(i)
	if m.trigger {
		if err := client.CreateTrigger(ctx, scfapi.TriggerSpec{Namespace: ns, FunctionName: name, Type: scfapi.TriggerTimer,
			Name: "every5", Desc: estateTimerCron, Enable: true}); err != nil {
			return fmt.Errorf("creating its trigger: %w", err)
		}
	}
	if m.version {
		v, err := client.PublishVersion(ctx, ns, name, "bench version")
		if err != nil {
			return fmt.Errorf("publishing a version: %w", err)
		}
		if _, err := client.WaitForVersionActive(ctx, ns, name, v); err != nil {
			return err
		}
		if m.alias {
			if err := client.CreateAlias(ctx, &scfapi.AliasRequest{Name: ptr(estateAlias), FunctionName: &name, Namespace: &ns,
				FunctionVersion: &v, Description: ptr("bench alias")}); err != nil {
				return fmt.Errorf("creating its alias: %w", err)
			}
		}
		if m.provisioned {
			if err := client.PutProvisionedConcurrency(ctx, ns, name, v, 1); err != nil {
				return fmt.Errorf("provisioning concurrency: %w", err)
			}
		}
	}
	if m.reserved {
		if err := client.PutReservedConcurrency(ctx, ns, name, estateReservedMem); err != nil {
			return fmt.Errorf("reserving concurrency: %w", err)
		}
	}
	return nil
}

// fixtureEstate is what the estate query finds besides the seeded
// functions' objects: the namespaces but default (those the seed creates
// and the fixtures' own) and the layer versions of the fake's fixtures.
func fixtureEstate() map[string]int {
	f := fakescf.DefaultFixtures()
	layers := 0
	for _, l := range f.Layers {
		layers += len(l.Versions)
	}
	return map[string]int{"scf_namespace": listNamespaces - 1 + len(f.Namespaces), "scf_layer_version": layers}
}

// measureEstate seeds n functions with their objects (estateMix), starts
// scf-fake on the state with its default limits and runs `terraform query
// -generate-config-out` with a list block of every kind. It fails when the
// fake throttled a single request or a kind's count is not what was seeded.
func (b *bench) measureEstate(ctx context.Context, n int, limits map[string]float64) (result, error) {
	dir, err := b.workspace("estate", listConfig)
	if err != nil {
		return result{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, "estate.tfquery.hcl"), []byte(estateQuery()), 0o600); err != nil {
		return result{}, err
	}
	want := estateCounts(n)
	for kind, c := range fixtureEstate() {
		want[kind] = c
	}
	statePath := filepath.Join(dir, "scf-fake-state.json")
	seedStart := time.Now()
	if err := seed(ctx, statePath, b.zip, n, "estate-%03d", seedEstateObjects); err != nil {
		return result{}, fmt.Errorf("seeding the estate of %d functions: %w", n, err)
	}
	seedWall := time.Since(seedStart)

	fake, err := startFake(ctx, b.fake, dir, 0, "-state", statePath)
	if err != nil {
		return result{}, err
	}
	defer fake.stop()
	before, err := fake.stats(ctx)
	if err != nil {
		return result{}, err
	}
	run, err := b.terraform(ctx, dir, fake.endpoint, "query", true, []int{0},
		"query", "-json", "-no-color", "-generate-config-out=generated.tf")
	if err != nil {
		return result{}, err
	}
	after, err := fake.stats(ctx)
	if err != nil {
		return result{}, err
	}
	byKind, err := countFoundByKind(filepath.Join(dir, "query.log"))
	if err != nil {
		return result{}, err
	}
	imports, err := countImports(filepath.Join(dir, "generated.tf"))
	if err != nil {
		return result{}, err
	}
	d := diffStats(before, after)
	floor, bound := busiestFloor(d.requests, limits)
	wall := run.wall.Seconds()
	total, wantTotal, withResource := 0, 0, 0
	var missing []string
	r := result{name: "estate_query"}
	r.add("functions", n)
	r.add("namespaces", listNamespaces)
	r.add("mix", "per_function:1_timer_trigger,1_version;alias:1/2;reserved:1/4;provisioned:1/4")
	r.add("seed_s", seedWall.Seconds())
	r.add("wall_s", wall)
	r.add("floor_s", floor)
	r.add("bound", bound+"_rate")
	for _, kind := range estateKinds {
		got := byKind[kind]
		r.add(strings.TrimPrefix(kind, "scf_")+"_found", got.found)
		total, wantTotal, withResource = total+got.found, wantTotal+want[kind], withResource+got.withResource
		if got.found != want[kind] || got.withResource != want[kind] {
			missing = append(missing, fmt.Sprintf("%s %d of %d (%d with resource)", kind, got.found, want[kind], got.withResource))
		}
	}
	r.add("found", total)
	r.add("generated_imports", imports)
	r.add("calls", callsString(d.requests))
	r.add("api_calls", d.total())
	r.add("throttled", d.throttled)
	r.add("request_limit_exceeded", d.limitExceeded)
	r.add("provider_peak_mib", kibToMiB(run.peakKiB))
	r.add("ratio", wall/floor)
	switch {
	case d.throttled > 0 || d.limitExceeded > 0:
		return r, fmt.Errorf("the estate query was throttled: %d RequestLimitExceeded answers (%d from the rate limiter)\n%s", d.limitExceeded, d.throttled, r.line())
	case len(missing) > 0 || imports != wantTotal:
		return r, fmt.Errorf("the estate query found %s; %d import blocks generated for %d objects\n%s", strings.Join(missing, ", "), imports, wantTotal, r.line())
	}
	return r, nil
}

// measureRefresh2000 seeds n functions, imports them into Terraform state
// through the configuration `terraform query -generate-config-out` writes
// (not timed), and times a refresh plan of them, with the provider's peak
// RSS. The floor is the busiest action's counted calls at its rate.
func (b *bench) measureRefresh2000(ctx context.Context, n int, limits map[string]float64) (result, error) {
	dir, err := b.workspace("refresh_2000", listConfig)
	if err != nil {
		return result{}, err
	}
	query := filepath.Join(dir, "all.tfquery.hcl")
	if err := os.WriteFile(query, fmt.Appendf(nil, listQuery, n*2), 0o600); err != nil {
		return result{}, err
	}
	statePath := filepath.Join(dir, "scf-fake-state.json")
	seedStart := time.Now()
	if err := seed(ctx, statePath, b.zip, n, "refresh-%04d", nil); err != nil {
		return result{}, fmt.Errorf("seeding %d functions: %w", n, err)
	}
	seedWall := time.Since(seedStart)
	fake, err := startFake(ctx, b.fake, dir, 0, "-state", statePath)
	if err != nil {
		return result{}, err
	}
	defer fake.stop()

	// Into Terraform state: generated configuration and import blocks, then
	// an apply that only imports.
	importStart := time.Now()
	if _, err := b.terraform(ctx, dir, fake.endpoint, "query", false, []int{0},
		"query", "-no-color", "-generate-config-out=generated.tf"); err != nil {
		return result{}, err
	}
	if err := os.Remove(query); err != nil {
		return result{}, err
	}
	imports, err := countImports(filepath.Join(dir, "generated.tf"))
	if err != nil {
		return result{}, err
	}
	if imports != n {
		return result{}, fmt.Errorf("refresh_2000: %d import blocks generated for %d functions", imports, n)
	}
	if _, err := b.terraform(ctx, dir, fake.endpoint, "import-apply", false, []int{0},
		"apply", "-auto-approve", "-input=false", "-no-color"); err != nil {
		return result{}, err
	}
	// The import blocks have done their work; the plan refreshes state.
	if err := os.Rename(filepath.Join(dir, "generated.tf"), filepath.Join(dir, "functions.tf")); err != nil {
		return result{}, err
	}
	if err := stripImports(filepath.Join(dir, "functions.tf")); err != nil {
		return result{}, err
	}
	importWall := time.Since(importStart)

	before, err := fake.stats(ctx)
	if err != nil {
		return result{}, err
	}
	run, err := b.terraform(ctx, dir, fake.endpoint, "refresh-plan", true, []int{0, 2},
		"plan", "-input=false", "-no-color", "-detailed-exitcode")
	if err != nil {
		return result{}, err
	}
	after, err := fake.stats(ctx)
	if err != nil {
		return result{}, err
	}
	if run.providers == 0 {
		return result{}, fmt.Errorf("refresh_2000: %w", errNoProvider)
	}
	d := diffStats(before, after)
	floor, bound := busiestFloor(d.requests, limits)
	wall := run.wall.Seconds()
	r := result{name: "refresh_2000"}
	r.add("n", n)
	r.add("namespaces", listNamespaces)
	r.add("seed_s", seedWall.Seconds())
	r.add("import_s", importWall.Seconds())
	r.add("wall_s", wall)
	r.add("floor_s", floor)
	r.add("bound", bound+"_rate")
	r.add("calls", callsString(d.requests))
	r.add("api_calls_per_fn", float64(d.total())/float64(n))
	r.add("get_function_per_fn", float64(d.requests["GetFunction"])/float64(n))
	r.add("throttled", d.throttled)
	r.add("request_limit_exceeded", d.limitExceeded)
	r.add("no_changes", run.exitCode == 0)
	r.add("peak_rss_mib", kibToMiB(run.peakKiB))
	r.add("limit_mib", refreshLimitMiB)
	r.add("rss_ratio", kibToMiB(run.peakKiB)/refreshLimitMiB)
	r.add("ratio", wall/floor)
	if run.exitCode != 0 {
		return r, fmt.Errorf("refresh_2000: the plan of the imported functions has changes (see %s)\n%s", filepath.Join(dir, "refresh-plan.log"), r.line())
	}
	return r, nil
}

// busiestFloor is the lower bound the API's rate limits set on making the
// calls counted: each action's calls at its rate, the busiest action
// bounding the whole. Actions without a limit bound nothing.
func busiestFloor(calls map[string]int64, limits map[string]float64) (floor float64, action string) {
	for _, a := range slices.Sorted(maps.Keys(calls)) {
		if rate := limits[a]; rate > 0 {
			if f := float64(calls[a]) / rate; f > floor {
				floor, action = f, a
			}
		}
	}
	return floor, action
}

// callsString lists the calls per action, sorted, as Action:N,...
func callsString(calls map[string]int64) string {
	parts := make([]string, 0, len(calls))
	for _, a := range slices.Sorted(maps.Keys(calls)) {
		parts = append(parts, fmt.Sprintf("%s:%d", a, calls[a]))
	}
	return strings.Join(parts, ",")
}

// found is what `terraform query -json` found for one kind.
type found struct{ found, withResource int }

// countFoundByKind counts the list_resource_found messages of `terraform
// query -json` output by resource type (list.<type>.<name>), and those that
// carry the resource.
func countFoundByKind(logPath string) (map[string]found, error) {
	f, err := os.Open(logPath)
	if err != nil {
		return nil, err
	}
	defer func() { _ = f.Close() }()
	out := map[string]found{}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for sc.Scan() {
		var line struct {
			Type  string `json:"type"`
			Found *struct {
				Address        string          `json:"address"`
				ResourceObject json.RawMessage `json:"resource_object"`
			} `json:"list_resource_found"`
		}
		if json.Unmarshal(sc.Bytes(), &line) != nil || line.Type != "list_resource_found" || line.Found == nil {
			continue
		}
		parts := strings.Split(line.Found.Address, ".")
		if len(parts) < 3 || parts[0] != "list" {
			continue
		}
		c := out[parts[1]]
		c.found++
		if len(line.Found.ResourceObject) > 0 && string(line.Found.ResourceObject) != "null" {
			c.withResource++
		}
		out[parts[1]] = c
	}
	return out, sc.Err()
}

var importBlock = regexp.MustCompile(`(?m)^import \{$`)

// countImports counts the import blocks of a generated configuration.
func countImports(path string) (int, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, err
	}
	return len(importBlock.FindAll(data, -1)), nil
}

// stripImports removes the top-level import blocks of a configuration
// file, which -generate-config-out writes as `import {` ... `}` lines.
func stripImports(path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	var out []string
	in := false
	for line := range strings.SplitSeq(string(data), "\n") {
		switch {
		case !in && line == "import {":
			in = true
		case in && line == "}":
			in = false
		case !in:
			out = append(out, line)
		}
	}
	return os.WriteFile(path, []byte(strings.Join(out, "\n")), 0o600)
}
