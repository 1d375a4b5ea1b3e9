// Command bench is the performance benchmark behind `make bench`. It builds
// the provider and scf-fake, starts the fake with its published rate limits
// (CreateFunction 10/s, GetFunction 100/s) and a 1 s create delay, and
// measures a real Terraform CLI against it:
//
//  1. create_p50: apply of BENCH_N functions (default 100) at -parallelism=50;
//  2. create_p10: the same at Terraform's default parallelism (10);
//  3. refresh: a plan of the functions created by (2);
//  4. plan_overhead: `plan -refresh=false` of 1,000 scf_function resources
//     against 1,000 terraform_data resources with the same attributes, in
//     the same run (target: ratio <= 5), with the CPU time of Terraform core
//     and of the provider processes;
//  5. provider_memory: peak RSS of the provider during (1) and (4);
//  6. list: `terraform query` with include_resource and
//     -generate-config-out of BENCH_LIST_N functions (default 300) in four
//     namespaces, seeded straight into the fake's state; with the bench's
//     CLI when it has `terraform query`, else Terraform 1.14. It fails when the fake throttled a single
//     request or the query missed a function;
//  7. estate_query: `terraform query -generate-config-out` with a list block
//     of each of the provider's eight kinds over an estate seeded straight
//     into the fake's state: BENCH_ESTATE_N functions (default 500) in four
//     namespaces, each with a timer trigger and a published version, an
//     alias of it on half of them, a reserved quota on a quarter and
//     provisioned concurrency on another quarter (2,000 objects), besides
//     the namespaces (the seed's three and the fixtures' one) and the
//     fixtures' three layer versions. The
//     floor is the busiest action's counted calls at its rate; it fails
//     when the fake throttled a single request or a kind's count is off;
//  8. refresh_2000: a refresh plan of BENCH_REFRESH_N functions (default
//     2000, four namespaces) seeded into the fake's state and imported
//     (untimed) through the configuration -generate-config-out writes,
//     against the busiest action's floor, with the provider's peak RSS
//     against a 150 MiB target. It fails when the plan has changes.
//
// Each result is printed as one `bench: NAME key=value ... ratio=X` line and
// all of them are written to bench-results.json (or BENCH_OUT). The targets
// are reported, not enforced: the command fails only when a measurement
// cannot be taken (a build, a fake or a Terraform command fails).
//
// Environment: BENCH_N (functions of 1-3), BENCH_PLAN_N (resources of 4,
// default 1000), BENCH_PLAN_RUNS (interleaved runs of 4, median reported,
// default 3), BENCH_OUT (results file), BENCH_CLI (Terraform CLI; default
// .ci/terraform-cli.sh terraform), BENCH_KEEP=1 (keep the work directory),
// BENCH_ONLY=create,plan,list,estate,refresh2000 (run only some
// measurements while developing; create covers 1-3, plan covers 4, list
// covers 6, estate 7, refresh2000 8; provider_memory needs create and plan),
// BENCH_LIST_N (functions of 6), BENCH_ESTATE_N (functions of 7),
// BENCH_REFRESH_N (functions of 8),
// BENCH_PROFILE=DIR (every provider process writes a CPU profile to
// DIR/<measurement>-<command>.<pid>, through the provider's TF_SCF_CPUPROFILE).
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

// Fixed parameters of the measurements.
const (
	createDelay       = time.Second
	bulkParallelism   = 50
	defaultParallel   = 10 // Terraform's default -parallelism
	defaultN          = 100
	defaultPlanN      = 1000
	defaultPlanRuns   = 3
	memoryLimitMiB    = 100
	createRatioTarget = 1.10
	getPerFnTarget    = 3.0
	planRatioTarget   = 5.0
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx)
	stop()
	if err != nil {
		fmt.Fprintf(os.Stderr, "bench failed: %v\n", err)
		os.Exit(1)
	}
}

type options struct {
	root        string
	n           int
	planN       int
	listN       int
	estateN     int
	refreshN    int
	planRuns    int
	out         string
	cli         string
	keep        bool
	create      bool
	plan        bool
	list        bool
	estate      bool
	refresh2000 bool
	profile     string
}

func loadOptions() (*options, error) {
	root, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(root, "go.mod")); err != nil {
		return nil, fmt.Errorf("run bench from the repository root (go run ./internal/bench): %w", err)
	}
	o := &options{root: root, out: filepath.Join(root, "bench-results.json"), keep: os.Getenv("BENCH_KEEP") == "1"}
	if o.n, err = intEnv("BENCH_N", defaultN); err != nil {
		return nil, err
	}
	if o.planN, err = intEnv("BENCH_PLAN_N", defaultPlanN); err != nil {
		return nil, err
	}
	if o.planRuns, err = intEnv("BENCH_PLAN_RUNS", defaultPlanRuns); err != nil {
		return nil, err
	}
	if o.listN, err = intEnv("BENCH_LIST_N", defaultListN); err != nil {
		return nil, err
	}
	if o.estateN, err = intEnv("BENCH_ESTATE_N", defaultEstateN); err != nil {
		return nil, err
	}
	if o.refreshN, err = intEnv("BENCH_REFRESH_N", defaultRefreshN); err != nil {
		return nil, err
	}
	if v := os.Getenv("BENCH_OUT"); v != "" {
		o.out = v
	}
	o.cli = os.Getenv("BENCH_CLI")
	if v := os.Getenv("BENCH_PROFILE"); v != "" {
		if o.profile, err = filepath.Abs(v); err != nil {
			return nil, err
		}
		if err := os.MkdirAll(o.profile, 0o755); err != nil {
			return nil, err
		}
	}
	o.create, o.plan, o.list, o.estate, o.refresh2000 = true, true, true, true, true
	if only := os.Getenv("BENCH_ONLY"); only != "" {
		o.create, o.plan, o.list, o.estate, o.refresh2000 = false, false, false, false, false
		for part := range strings.SplitSeq(only, ",") {
			switch strings.TrimSpace(part) {
			case "create":
				o.create = true
			case "plan":
				o.plan = true
			case "list":
				o.list = true
			case "estate":
				o.estate = true
			case "refresh2000":
				o.refresh2000 = true
			default:
				return nil, fmt.Errorf("BENCH_ONLY takes create, plan, list, estate and refresh2000; got %q", part)
			}
		}
	}
	return o, nil
}

func intEnv(name string, def int) (int, error) {
	v := os.Getenv(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return 0, fmt.Errorf("%s must be a positive integer; got %q", name, v)
	}
	return n, nil
}

func run(ctx context.Context) (err error) {
	o, err := loadOptions()
	if err != nil {
		return err
	}
	b, err := setup(ctx, o)
	if err != nil {
		return err
	}
	defer func() {
		if o.keep || err != nil {
			fmt.Fprintf(os.Stderr, "bench info: work directory kept: %s\n", b.work)
			return
		}
		_ = os.RemoveAll(b.work)
	}()

	rep := newReport(o, b)
	fmt.Printf("bench info: cli=%q cpus=%d load_avg=%s n=%d plan_n=%d\n", b.cliVersion, runtime.NumCPU(), loadAvg(), o.n, o.planN)

	limits := fakescf.DefaultRateLimits()
	createRate, getRate := limits["CreateFunction"], limits["GetFunction"]

	var createRSS, planRSS int64
	if o.create {
		p50, err := b.measureCreate(ctx, "create_p50", o.n, bulkParallelism, createRate, true)
		if err != nil {
			return err
		}
		rep.add(p50.result)
		createRSS = p50.peakKiB
		p10, err := b.measureCreate(ctx, "create_p10", o.n, defaultParallel, createRate, false)
		if err != nil {
			return err
		}
		rep.add(p10.result)
		refresh, err := b.measureRefresh(ctx, p10, getRate)
		p10.fake.stop()
		if err != nil {
			return err
		}
		rep.add(refresh)
	}
	if o.plan {
		var plan result
		plan, planRSS, err = b.measurePlanOverhead(ctx, o.planN, o.planRuns)
		if err != nil {
			return err
		}
		rep.add(plan)
	}
	if o.create && o.plan {
		rep.add(memoryResult(createRSS, planRSS, o.planN))
	}
	if o.list || o.estate || o.refresh2000 {
		lb, err := b.listCLI(ctx)
		if err != nil {
			return err
		}
		fmt.Printf("bench info: list, estate and refresh_2000 with cli=%q\n", lb.cliVersion)
		for _, m := range []struct {
			on      bool
			measure func() (result, error)
		}{
			{o.list, func() (result, error) { return lb.measureList(ctx, o.listN, limits) }},
			{o.estate, func() (result, error) { return lb.measureEstate(ctx, o.estateN, limits) }},
			{o.refresh2000, func() (result, error) { return lb.measureRefresh2000(ctx, o.refreshN, limits) }},
		} {
			if !m.on {
				continue
			}
			r, err := m.measure()
			if r.name != "" {
				rep.add(r)
			}
			if err != nil {
				return err
			}
		}
	}
	rep.meta["load_avg_end"] = loadAvg()
	if err := rep.write(o.out); err != nil {
		return err
	}
	fmt.Printf("bench info: results written to %s\n", o.out)
	return nil
}

// loadAvg returns the 1, 5 and 15 minute load averages, as in uptime.
func loadAvg() string {
	data, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(data))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], ",")
}

// floors computes the lower bound on the wall time of creating n functions
// at the given parallelism when CreateFunction allows rate calls per second
// and each function stays Creating for delay: the rate limit alone needs
// n/rate seconds plus the delay of the last function, and each of the
// parallel slots holds a function for at least the delay.
func floors(n, parallelism int, rate float64, delay time.Duration) (floor float64, bound string) {
	rateBound := float64(n)/rate + delay.Seconds()
	slots := (n + parallelism - 1) / parallelism
	parBound := float64(slots) * delay.Seconds()
	if parBound > rateBound {
		return parBound, "parallelism"
	}
	return rateBound, "rate"
}

var errNoProvider = errors.New("no provider process was seen")
