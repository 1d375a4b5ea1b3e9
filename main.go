package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"runtime/debug"
	"runtime/pprof"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6/tf6server"

	"github.com/scfprovider/terraform-provider-scf/internal/provider"
)

// version is set by goreleaser at build time.
var version = "dev"

// envCPUProfile names an environment variable for profiling the provider
// under a real Terraform CLI: when set to a path prefix, each provider
// process writes a CPU profile to <prefix>.<pid> until Terraform stops it
// (go tool pprof reads it). Terraform starts the provider several times per
// command, hence one file per process.
const envCPUProfile = "TF_SCF_CPUPROFILE"

func main() {
	var debug bool
	flag.BoolVar(&debug, "debug", false, "run the provider with support for debuggers like delve")
	flag.Parse()
	if err := run(debug); err != nil {
		log.Fatal(err.Error())
	}
}

func run(debug bool) error {
	var opts []tf6server.ServeOpt
	if debug {
		// Logs then go to this process's own stderr: the SDK's defaults apply.
		opts = append(opts, tf6server.WithManagedDebug())
	} else {
		quietUnwantedLogs(os.Environ(), os.Setenv)
	}
	tuneGC(os.Getenv)
	if prefix := os.Getenv(envCPUProfile); prefix != "" {
		stop, err := startCPUProfile(fmt.Sprintf("%s.%d", prefix, os.Getpid()))
		if err != nil {
			return err
		}
		defer stop()
	}
	// The same as providerserver.Serve, with the server that releases
	// request contexts (see provider.NewProtocol6Server).
	return tf6server.Serve("registry.terraform.io/scfprovider/scf", provider.NewProtocol6Server(version), opts...)
}

// Garbage collector settings unless GOGC or GOMEMLIMIT says otherwise.
const (
	gcPercent   = 400
	memoryLimit = 80 << 20
)

// tuneGC trades memory the provider has to spare for CPU time. With Go's
// default GOGC=100 the collector took about a third of the provider's CPU in
// a plan of 1,000 new functions: each request allocates a few hundred KB of
// short-lived values (decoded configuration, framework walks) while the live
// heap stays around 10 MB, so the heap was collected every few requests.
// GOGC=400 collects a fifth as often; the soft memory limit makes the
// collector run earlier instead whenever that would take the heap past
// 80 MiB, which keeps the provider well under 100 MB as before. The user's
// GOGC or GOMEMLIMIT, when set, wins: the runtime has already applied them.
func tuneGC(getenv func(string) string) {
	if getenv("GOGC") != "" || getenv("GOMEMLIMIT") != "" {
		return
	}
	debug.SetGCPercent(gcPercent)
	debug.SetMemoryLimit(memoryLimit)
}

func startCPUProfile(path string) (func(), error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", envCPUProfile, err)
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("%s: %w", envCPUProfile, err)
	}
	return func() {
		pprof.StopCPUProfile()
		_ = f.Close()
	}, nil
}

// quietUnwantedLogs switches off the provider's log output when nobody asked
// for logs. Terraform keeps a provider's logs only when TF_LOG or
// TF_LOG_PROVIDER is set, yet terraform-plugin-go and the framework format
// every trace line as JSON and write it to Terraform, which parses and drops
// it: for a plan of 1,000 functions that was a quarter of the provider's CPU
// time (terraform-plugin-framework issue 1269). When no TF_LOG* or
// TF_ACC_LOG* variable is set, the loggers are set to OFF through the
// variables the SDK reads; any such variable leaves logging exactly as the
// SDK configures it.
func quietUnwantedLogs(environ []string, setenv func(key, value string) error) {
	for _, kv := range environ {
		key, value, _ := strings.Cut(kv, "=")
		if value != "" && (strings.HasPrefix(key, "TF_LOG") || strings.HasPrefix(key, "TF_ACC_LOG")) {
			return
		}
	}
	for _, key := range []string{"TF_LOG_SDK", "TF_LOG_SDK_PROTO", "TF_LOG_SDK_FRAMEWORK", "TF_LOG_PROVIDER_SCF"} {
		_ = setenv(key, "OFF") // os.Setenv fails only for invalid names
	}
}
