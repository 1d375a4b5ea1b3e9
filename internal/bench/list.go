package main

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"

	"github.com/hashicorp/go-version"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// The list measurement: BENCH_LIST_N functions (default 300) spread over
// listNamespaces namespaces, found by `terraform query` with
// include_resource and -generate-config-out.
const (
	defaultListN   = 300
	listNamespaces = 4
	// seedWorkers create the functions of the seed in parallel; the seeding
	// fake has no rate limits.
	seedWorkers = 8
)

const listQuery = `list "scf_function" "all" {
  provider         = scf
  include_resource = true
  limit            = %d
}
`

const listConfig = `terraform {
  required_providers {
    scf = { source = "scfprovider/scf" }
  }
}

provider "scf" {}
`

// listCLI is the Terraform CLI of the list measurement: the bench's own
// (BENCH_CLI or the default) when it has `terraform query`, else Terraform
// 1.14 from .ci/terraform-cli.sh.
func (b *bench) listCLI(ctx context.Context) (*bench, error) {
	lb := *b
	if hasQuery(b.cliVersion) {
		return &lb, nil
	}
	cmd := exec.CommandContext(ctx, filepath.Join(b.root, ".ci", "terraform-cli.sh"), "terraform-1.14")
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		return nil, fmt.Errorf(".ci/terraform-cli.sh terraform-1.14: %w", err)
	}
	lb.cli = strings.TrimSpace(string(out))
	if out, err = exec.CommandContext(ctx, lb.cli, "version").Output(); err != nil {
		return nil, fmt.Errorf("%s version: %w", lb.cli, err)
	}
	lb.cliVersion, _, _ = strings.Cut(strings.TrimSpace(string(out)), "\n")
	return &lb, nil
}

// measureList seeds a state file with n functions (through an in-process
// fake without rate limits, so the seed takes about a second instead of
// the n/10 s that CreateFunction's limit would impose), starts scf-fake on
// it with its default limits, and runs `terraform query`. It fails when the
// fake throttled a single request or the query did not find every function.
func (b *bench) measureList(ctx context.Context, n int, limits map[string]float64) (result, error) {
	dir, err := b.workspace("list", listConfig)
	if err != nil {
		return result{}, err
	}
	if err := os.WriteFile(filepath.Join(dir, "all.tfquery.hcl"), fmt.Appendf(nil, listQuery, n*2), 0o600); err != nil {
		return result{}, err
	}
	statePath := filepath.Join(dir, "scf-fake-state.json")
	seedStart := time.Now()
	if err := seedFunctions(ctx, statePath, b.zip, n); err != nil {
		return result{}, fmt.Errorf("seeding %d functions: %w", n, err)
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
	found, withResource, err := countFound(filepath.Join(dir, "query.log"))
	if err != nil {
		return result{}, err
	}
	generated, err := os.ReadFile(filepath.Join(dir, "generated.tf"))
	if err != nil {
		return result{}, err
	}
	imports := len(regexp.MustCompile(`(?m)^import \{$`).FindAll(generated, -1))

	d := diffStats(before, after)
	// Each function costs one GetFunction and one GetFunctionAddress (the
	// code digest), each under its own limit.
	floor := max(float64(n)/limits["GetFunction"], float64(n)/limits["GetFunctionAddress"])
	wall := run.wall.Seconds()
	r := result{name: "list"}
	r.add("n", n)
	r.add("namespaces", listNamespaces)
	r.add("seed_s", seedWall.Seconds())
	r.add("wall_s", wall)
	r.add("floor_s", floor)
	r.add("bound", "GetFunction_rate")
	r.add("found", found)
	r.add("with_resource", withResource)
	r.add("generated_imports", imports)
	r.add("list_namespaces_calls", d.requests["ListNamespaces"])
	r.add("list_functions_calls", d.requests["ListFunctions"])
	r.add("get_function_calls", d.requests["GetFunction"])
	r.add("get_function_address_calls", d.requests["GetFunctionAddress"])
	r.add("api_calls", d.total())
	r.add("throttled", d.throttled)
	r.add("request_limit_exceeded", d.limitExceeded)
	r.add("provider_peak_kib", run.peakKiB)
	r.add("ratio", wall/floor)
	switch {
	case d.throttled > 0 || d.limitExceeded > 0:
		return r, fmt.Errorf("the list was throttled: %d RequestLimitExceeded answers (%d from the rate limiter)\n%s", d.limitExceeded, d.throttled, r.line())
	case found != n || withResource != n || imports != n:
		return r, fmt.Errorf("the query found %d of %d functions (%d with their resource, %d import blocks generated)\n%s", found, n, withResource, imports, r.line())
	}
	return r, nil
}

// countFound counts the list_resource_found messages of `terraform query
// -json` output, and those that carry the resource.
func countFound(logPath string) (found, withResource int, err error) {
	f, err := os.Open(logPath)
	if err != nil {
		return 0, 0, err
	}
	defer func() { _ = f.Close() }()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 1<<20), 16<<20)
	for sc.Scan() {
		var line struct {
			Type  string `json:"type"`
			Found *struct {
				ResourceObject json.RawMessage `json:"resource_object"`
			} `json:"list_resource_found"`
		}
		if json.Unmarshal(sc.Bytes(), &line) != nil || line.Type != "list_resource_found" || line.Found == nil {
			continue
		}
		found++
		if len(line.Found.ResourceObject) > 0 && string(line.Found.ResourceObject) != "null" {
			withResource++
		}
	}
	return found, withResource, sc.Err()
}

// seedFunctions writes a scf-fake state file holding n Active functions
// named listed-NNN, spread over the default namespace and listNamespaces-1
// others. It runs the fake in this process with no rate limits and creates
// the functions through the API client, so the state is what the service
// would hold.
func seedFunctions(ctx context.Context, statePath, zipPath string, n int) error {
	return seed(ctx, statePath, zipPath, n, "listed-%03d", nil)
}

// seedObjects adds a seeded function's other objects; i is its index.
type seedObjects func(ctx context.Context, client *scfapi.Client, namespace, name string, i int) error

// seed writes a scf-fake state file holding n Active functions named by
// nameFormat (of the index), spread over the default namespace and
// listNamespaces-1 others, each with what objects adds (nil: nothing). It
// runs the fake in this process with no rate limits (and a function quota
// above n) and creates everything through the API client, seedWorkers
// functions at a time, so the state is what the service would hold.
func seed(ctx context.Context, statePath, zipPath string, n int, nameFormat string, objects seedObjects) error {
	unlimited := map[string]float64{}
	for action := range fakescf.DefaultRateLimits() {
		unlimited[action] = 0
	}
	fixtures := fakescf.DefaultFixtures()
	fixtures.FunctionLimit = max(fixtures.FunctionLimit, n)
	// The listener lives until stop, not for one request: no context to pass.
	srv, url, stop, err := fakescf.StartLocal(fakescf.Options{StatePath: statePath, RateLimits: unlimited, Fixtures: fixtures}) //nolint:contextcheck // see above
	if err != nil {
		return err
	}
	defer stop()
	clientLimits := map[string]float64{}
	for action := range scfapi.DefaultRateLimits() {
		clientLimits[action] = 1e6
	}
	client, err := scfapi.New(scfapi.Config{
		Region:     "ap-guangzhou",
		Credential: common.NewCredential(fakescf.DefaultSecretID, fakescf.DefaultSecretKey),
		Endpoint:   url,
		RateLimits: clientLimits,
	})
	if err != nil {
		return err
	}
	code, err := os.ReadFile(zipPath)
	if err != nil {
		return err
	}
	encoded := base64.StdEncoding.EncodeToString(code)
	namespaces := []string{scfapi.DefaultNamespace}
	for i := 1; i < listNamespaces; i++ {
		ns := fmt.Sprintf("bench-ns-%d", i)
		if err := client.CreateNamespace(ctx, ns, "bench list"); err != nil {
			return err
		}
		namespaces = append(namespaces, ns)
	}

	jobs := make(chan int)
	errs := make(chan error, seedWorkers)
	var wg sync.WaitGroup
	for range seedWorkers {
		wg.Go(func() {
			for i := range jobs {
				ns, name := namespaces[i%len(namespaces)], fmt.Sprintf(nameFormat, i)
				err := client.CreateFunction(ctx, &scfapi.CreateFunctionRequest{
					FunctionName: &name, Namespace: &ns, Runtime: ptr("Python3.9"), Handler: ptr("index.main_handler"),
					Description: ptr(fmt.Sprintf("listed function %d", i)), Code: &scfapi.Code{ZipFile: &encoded},
				})
				if err == nil && objects != nil {
					err = objects(ctx, client, ns, name, i)
				}
				if err != nil {
					errs <- fmt.Errorf("seeding %s/%s: %w", ns, name, err)
					return
				}
			}
		})
	}
	var seedErr error
feed:
	for i := range n {
		select {
		case jobs <- i:
		case seedErr = <-errs:
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if seedErr == nil {
		select {
		case seedErr = <-errs:
		default:
		}
	}
	if seedErr != nil {
		return seedErr
	}
	listed, err := client.ListAllFunctions(ctx, scfapi.DefaultNamespace)
	if err != nil {
		return err
	}
	if want := (n + len(namespaces) - 1) / len(namespaces); len(listed) != want {
		return fmt.Errorf("the default namespace holds %d functions after seeding, want %d", len(listed), want)
	}
	return srv.Close()
}

func ptr[T any](v T) *T { return &v }

// hasQuery reports whether a CLI's `version` line ("Terraform v1.14.9")
// names a Terraform with `terraform query`, 1.14 or later.
func hasQuery(versionLine string) bool {
	name, v, ok := strings.Cut(versionLine, " v")
	if !ok || name != "Terraform" {
		return false
	}
	parsed, err := version.NewVersion(v)
	return err == nil && parsed.Core().GreaterThanOrEqual(version.Must(version.NewVersion("1.14.0")))
}
