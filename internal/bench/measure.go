package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// metric is one key=value of a result line.
type metric struct {
	key   string
	value any
}

// result is one `bench:` line; ratio comes last.
type result struct {
	name    string
	metrics []metric
}

func (r *result) add(key string, value any) { r.metrics = append(r.metrics, metric{key, value}) }

func (r result) line() string {
	var sb strings.Builder
	sb.WriteString("bench: " + r.name)
	for _, m := range r.metrics {
		sb.WriteString(" " + m.key + "=" + format(m.value))
	}
	return sb.String()
}

func format(v any) string {
	switch x := v.(type) {
	case float64:
		return strconv.FormatFloat(x, 'f', 2, 64)
	case string:
		if strings.ContainsAny(x, " \t\"=") {
			return strconv.Quote(x)
		}
		return x
	}
	return fmt.Sprint(v)
}

// round2 keeps two decimals in the JSON file, as on the line.
func round2(f float64) float64 { return math.Round(f*100) / 100 }

type report struct {
	meta    map[string]any
	results []result
}

func newReport(o *options, b *bench) *report {
	return &report{meta: map[string]any{
		"started":        time.Now().UTC().Format(time.RFC3339),
		"terraform":      b.cliVersion,
		"go":             runtime.Version(),
		"cpus":           runtime.NumCPU(),
		"load_avg_start": loadAvg(),
		"n":              o.n,
		"plan_n":         o.planN,
		"create_delay_s": createDelay.Seconds(),
	}}
}

// add prints the line at once, so a long run shows progress.
func (rep *report) add(r result) {
	fmt.Println(r.line())
	rep.results = append(rep.results, r)
}

func (rep *report) write(path string) error {
	out := map[string]any{}
	for k, v := range rep.meta {
		out[k] = v
	}
	var results []map[string]any
	for _, r := range rep.results {
		m := map[string]any{"name": r.name}
		for _, kv := range r.metrics {
			if f, ok := kv.value.(float64); ok {
				m[kv.key] = round2(f)
				continue
			}
			m[kv.key] = kv.value
		}
		results = append(results, m)
	}
	out["results"] = results
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // targets such as "ratio<=1.10" stay readable
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o644)
}

// createRun is a finished bulk create; its fake still runs and holds the
// functions for the refresh measurement.
type createRun struct {
	result  result
	dir     string
	fake    *fakeProc
	n       int
	peakKiB int64
}

// measureCreate applies n new functions against a fresh fake. With stopFake
// false the fake is left running (the caller stops it) so the functions can
// be refreshed.
func (b *bench) measureCreate(ctx context.Context, name string, n, parallelism int, rate float64, stopFake bool) (*createRun, error) {
	dir, err := b.workspace(name, fmt.Sprintf(scfConfig, n, b.zip))
	if err != nil {
		return nil, err
	}
	fake, err := startFake(ctx, b.fake, dir, createDelay)
	if err != nil {
		return nil, err
	}
	keep := false
	defer func() {
		if stopFake || !keep {
			fake.stop()
		}
	}()
	before, err := fake.stats(ctx)
	if err != nil {
		return nil, err
	}
	watch := watchStats(ctx, fake, time.Now())
	run, err := b.terraform(ctx, dir, fake.endpoint, "apply", true, []int{0},
		"apply", "-auto-approve", "-input=false", "-no-color", fmt.Sprintf("-parallelism=%d", parallelism))
	watch.finish()
	if err != nil {
		return nil, err
	}
	after, err := fake.stats(ctx)
	if err != nil {
		return nil, err
	}
	d := diffStats(before, after)
	if got := d.ok["CreateFunction"]; got != int64(n) {
		return nil, fmt.Errorf("%s: the fake created %d functions, want %d", name, got, n)
	}
	if run.providers == 0 {
		return nil, fmt.Errorf("%s: %w", name, errNoProvider)
	}
	floor, bound := floors(n, parallelism, rate, createDelay)
	wall := run.wall.Seconds()
	r := result{name: name}
	r.add("n", n)
	r.add("parallelism", parallelism)
	r.add("wall_s", wall)
	r.add("floor_s", floor)
	r.add("bound", bound)
	r.add("get_function_per_fn", float64(d.requests["GetFunction"])/float64(n))
	r.add("api_calls", d.total())
	r.add("request_limit_exceeded", d.limitExceeded)
	r.add("throttled_by_limiter", d.throttled)
	r.add("peak_rss_mib", kibToMiB(run.peakKiB))
	// Phases, seen by polling the fake every 20 ms: start-up and plan before
	// the first create, the creates, and the tail after the last request.
	r.add("first_create_s", watch.firstCreate.Seconds())
	r.add("last_create_s", watch.lastCreate.Seconds())
	r.add("tail_s", wall-watch.lastRequest.Seconds())
	if parallelism == bulkParallelism {
		r.add("target", fmt.Sprintf("ratio<=%.2f,rle=0,get_per_fn<=%g", createRatioTarget, getPerFnTarget))
	}
	r.add("ratio", wall/floor)
	keep = true
	return &createRun{result: r, dir: dir, fake: fake, n: n, peakKiB: run.peakKiB}, nil
}

// measureRefresh plans the functions of a finished create: every function
// is read back, so the floor is n calls at GetFunction's rate.
func (b *bench) measureRefresh(ctx context.Context, c *createRun, getRate float64) (result, error) {
	before, err := c.fake.stats(ctx)
	if err != nil {
		return result{}, err
	}
	// -detailed-exitcode: 0 is no changes, 2 is a diff (reported, as it
	// would mean the provider plans changes right after an apply).
	run, err := b.terraform(ctx, c.dir, c.fake.endpoint, "refresh-plan", false, []int{0, 2},
		"plan", "-input=false", "-no-color", "-detailed-exitcode")
	if err != nil {
		return result{}, err
	}
	after, err := c.fake.stats(ctx)
	if err != nil {
		return result{}, err
	}
	d := diffStats(before, after)
	floor := float64(c.n) / getRate
	wall := run.wall.Seconds()
	r := result{name: "refresh"}
	r.add("n", c.n)
	r.add("wall_s", wall)
	r.add("floor_s", floor)
	r.add("bound", "GetFunction_rate")
	r.add("get_function_per_fn", float64(d.requests["GetFunction"])/float64(c.n))
	r.add("api_calls", d.total())
	r.add("request_limit_exceeded", d.limitExceeded)
	r.add("no_changes", run.exitCode == 0)
	r.add("ratio", wall/floor)
	return r, nil
}

// measurePlanOverhead times `plan -refresh=false` of n new scf_function
// resources and of n terraform_data resources, runs times each, alternating,
// and compares the medians (minimums reported too). It also returns the
// provider's peak RSS.
func (b *bench) measurePlanOverhead(ctx context.Context, n, runs int) (result, int64, error) {
	scfDir, err := b.workspace("plan_scf", fmt.Sprintf(scfConfig, n, b.zip))
	if err != nil {
		return result{}, 0, err
	}
	dataDir, err := b.workspace("plan_data", fmt.Sprintf(dataConfig, n, b.zip))
	if err != nil {
		return result{}, 0, err
	}
	// The provider is configured during plan, so it needs an endpoint. A
	// plan without refresh makes no calls for the resources: api_calls
	// counts only the credential check of each configured provider process.
	fake, err := startFake(ctx, b.fake, scfDir, createDelay)
	if err != nil {
		return result{}, 0, err
	}
	defer fake.stop()
	before, err := fake.stats(ctx)
	if err != nil {
		return result{}, 0, err
	}
	args := []string{"plan", "-refresh=false", "-input=false", "-no-color"}
	var scfWalls, dataWalls, scfCore, scfProvider, dataCPU []float64
	var peak int64
	for i := range runs {
		s, err := b.terraform(ctx, scfDir, fake.endpoint, fmt.Sprintf("plan-%d", i), true, []int{0}, args...)
		if err != nil {
			return result{}, 0, err
		}
		if s.providers == 0 {
			return result{}, 0, fmt.Errorf("plan_overhead: %w", errNoProvider)
		}
		peak = max(peak, s.peakKiB)
		d, err := b.terraform(ctx, dataDir, fake.endpoint, fmt.Sprintf("plan-%d", i), false, []int{0}, args...)
		if err != nil {
			return result{}, 0, err
		}
		scfWalls, dataWalls = append(scfWalls, s.wall.Seconds()), append(dataWalls, d.wall.Seconds())
		scfCore = append(scfCore, (s.cpu - s.providerCPU).Seconds())
		scfProvider = append(scfProvider, s.providerCPU.Seconds())
		dataCPU = append(dataCPU, d.cpu.Seconds())
	}
	after, err := fake.stats(ctx)
	if err != nil {
		return result{}, 0, err
	}
	scf, data := median(scfWalls), median(dataWalls)
	r := result{name: "plan_overhead"}
	r.add("n", n)
	r.add("runs", runs)
	r.add("scf_function_s", scf)
	r.add("terraform_data_s", data)
	r.add("scf_function_min_s", slices.Min(scfWalls))
	r.add("terraform_data_min_s", slices.Min(dataWalls))
	// CPU time shows where the time goes on a shared machine: Terraform
	// core (the CLI) against the provider processes, each a median.
	r.add("scf_core_cpu_s", median(scfCore))
	r.add("scf_provider_cpu_s", median(scfProvider))
	r.add("terraform_data_cpu_s", median(dataCPU))
	r.add("api_calls", diffStats(before, after).total())
	r.add("target", fmt.Sprintf("ratio<=%.1f", planRatioTarget))
	r.add("ratio", scf/data)
	return r, peak, nil
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// memoryResult reports the provider's peak RSS; ratio is the larger peak
// against the 100 MiB target.
func memoryResult(createKiB, planKiB int64, planN int) result {
	r := result{name: "provider_memory"}
	r.add("create_p50_peak_rss_mib", kibToMiB(createKiB))
	r.add(fmt.Sprintf("plan_%d_peak_rss_mib", planN), kibToMiB(planKiB))
	r.add("method", fmt.Sprintf("VmHWM_sampled_every_%dms", rssInterval.Milliseconds()))
	r.add("limit_mib", memoryLimitMiB)
	r.add("ratio", kibToMiB(max(createKiB, planKiB))/memoryLimitMiB)
	return r
}
