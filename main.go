package main

import (
	"flag"
	"fmt"
	"log"
	"os"
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
