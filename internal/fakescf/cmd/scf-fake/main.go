// Command scf-fake serves the fake Tencent Cloud SCF API on a local address
// for manual testing and scripts.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

type config struct {
	listen      string
	opts        fakescf.Options
	fixturesArg string
}

// parseFlags reports usage errors only; run turns them into exit status 2.
func parseFlags(args []string, stderr io.Writer) (*config, error) {
	fs := flag.NewFlagSet("scf-fake", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := &config{}
	var secretID, secretKey, rateLimits, faultKinds string
	var faultRate float64
	var seed int64
	var createDelay, updateDelay, deleteDelay, slowDelay time.Duration
	fs.StringVar(&c.listen, "listen", "127.0.0.1:9000", "address to listen on (port 0 picks a free port)")
	fs.StringVar(&secretID, "secret-id", fakescf.DefaultSecretID, "accepted SecretId")
	fs.StringVar(&secretKey, "secret-key", fakescf.DefaultSecretKey, "accepted SecretKey")
	fs.StringVar(&c.opts.StatePath, "state", "", "persist namespaces and functions to this JSON file (empty: memory only)")
	fs.StringVar(&c.fixturesArg, "fixtures", "", "fixtures JSON file replacing the embedded defaults")
	fs.DurationVar(&createDelay, "create-delay", 0, "time a new function spends in Creating")
	fs.DurationVar(&updateDelay, "update-delay", 0, "time a function spends in Updating")
	fs.DurationVar(&deleteDelay, "delete-delay", 0, "time a function spends in Deleting")
	fs.StringVar(&rateLimits, "rate-limit", "", "per-action limits overriding the defaults, e.g. CreateFunction=5,GetFunction=50 (0 = unlimited)")
	fs.Float64Var(&faultRate, "fault-rate", 0, "probability (0..1) that a request gets a random fault")
	fs.StringVar(&faultKinds, "faults", "", "comma-separated fault kinds for -fault-rate (default: all of "+kindList()+")")
	fs.Int64Var(&seed, "seed", 1, "seed of the fault random source")
	fs.DurationVar(&slowDelay, "slow-delay", 2*time.Second, "delay added by the slow fault")
	fs.BoolVar(&c.opts.Exec, "exec", false, "run the deployed code on Invoke: Python 3 with python3, Node.js with node, Go as the zip's executable (never through a shell)")
	if err := fs.Parse(args); err != nil {
		return nil, err
	}
	if fs.NArg() > 0 {
		return nil, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if secretID == "" || secretKey == "" {
		return nil, errors.New("-secret-id and -secret-key must not be empty")
	}
	for _, d := range []time.Duration{createDelay, updateDelay, deleteDelay, slowDelay} {
		if d < 0 {
			return nil, errors.New("durations must not be negative")
		}
	}
	if faultRate < 0 || faultRate > 1 {
		return nil, fmt.Errorf("-fault-rate must be between 0 and 1; got %v", faultRate)
	}
	limits, err := parseRateLimits(rateLimits)
	if err != nil {
		return nil, err
	}
	kinds, err := parseKinds(faultKinds)
	if err != nil {
		return nil, err
	}
	c.opts.Credentials = []fakescf.Credential{{SecretID: secretID, SecretKey: secretKey}}
	c.opts.CreateDelay, c.opts.UpdateDelay, c.opts.DeleteDelay = createDelay, updateDelay, deleteDelay
	c.opts.RateLimits = limits
	c.opts.Faults = fakescf.FaultConfig{Rate: faultRate, Kinds: kinds, Seed: seed, SlowDelay: slowDelay}
	return c, nil
}

func kindList() string {
	var names []string
	for _, k := range fakescf.AllFaultKinds() {
		names = append(names, string(k))
	}
	return strings.Join(names, ",")
}

func parseRateLimits(v string) (map[string]float64, error) {
	out := map[string]float64{}
	if v == "" {
		return out, nil
	}
	for item := range strings.SplitSeq(v, ",") {
		action, n, ok := strings.Cut(strings.TrimSpace(item), "=")
		if !ok || action == "" {
			return nil, fmt.Errorf("-rate-limit entries must be ACTION=N; got %q", item)
		}
		f, err := strconv.ParseFloat(n, 64)
		if err != nil || f < 0 {
			return nil, fmt.Errorf("-rate-limit %s: %q is not a non-negative number", action, n)
		}
		out[action] = f
	}
	return out, nil
}

func parseKinds(v string) ([]fakescf.FaultKind, error) {
	if v == "" {
		return nil, nil
	}
	var kinds []fakescf.FaultKind
	for item := range strings.SplitSeq(v, ",") {
		k := fakescf.FaultKind(strings.TrimSpace(item))
		valid := false
		for _, known := range fakescf.AllFaultKinds() {
			valid = valid || k == known
		}
		if !valid {
			return nil, fmt.Errorf("-faults: unknown kind %q (known: %s)", k, kindList())
		}
		kinds = append(kinds, k)
	}
	return kinds, nil
}

func run(args []string, stdout, stderr io.Writer) int {
	cfg, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "scf-fake: %v\n", err)
		return 2
	}
	if cfg.fixturesArg != "" {
		fx, err := fakescf.LoadFixtures(cfg.fixturesArg)
		if err != nil {
			_, _ = fmt.Fprintf(stderr, "scf-fake: %v\n", err)
			return 1
		}
		cfg.opts.Fixtures = fx
	}
	cfg.opts.Log = stderr
	srv, err := fakescf.New(cfg.opts)
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "scf-fake: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	ln, err := (&net.ListenConfig{}).Listen(ctx, "tcp", cfg.listen)
	if err != nil {
		_, _ = fmt.Fprintf(stderr, "scf-fake: %v\n", err)
		return 1
	}
	// Scripts wait for this exact first line to learn the bound address.
	_, _ = fmt.Fprintf(stdout, "scf-fake listening on http://%s\n", ln.Addr())
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- hs.Serve(ln) }()
	code := 0
	select {
	case <-ctx.Done():
	case err := <-serveErr:
		_, _ = fmt.Fprintf(stderr, "scf-fake: serving: %v\n", err)
		code = 1
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if err := hs.Shutdown(shutdownCtx); err != nil {
		_ = hs.Close() // deadline passed: drop what is left
	}
	if err := srv.Close(); err != nil {
		_, _ = fmt.Fprintf(stderr, "scf-fake: saving state: %v\n", err)
		code = 1
	}
	return code
}
