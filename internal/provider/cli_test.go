package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// This file runs the real Terraform CLI against the provider binary built
// from this module, as a user would, without plugin-testing: the chaos,
// authentication and secret tests need to re-run failed commands, read
// machine-readable diagnostics and capture what the provider process itself
// logs, none of which the in-process test driver offers.

// providerBuild holds the provider binary that every CLI test shares; it is
// built once per test binary and removed by TestMain.
var providerBuild struct {
	once sync.Once
	dir  string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if providerBuild.dir != "" {
		_ = os.RemoveAll(providerBuild.dir) // a temp dir; nothing to do on failure
	}
	os.Exit(code)
}

// providerBinaryDir builds the provider (the module's main package) once and
// returns the directory holding terraform-provider-scf.
func providerBinaryDir(t *testing.T) string {
	t.Helper()
	providerBuild.once.Do(func() {
		goBin, err := exec.LookPath("go")
		if err != nil {
			providerBuild.err = fmt.Errorf("the go command is needed to build the provider: %w", err)
			return
		}
		// Shared by every test of this binary, so not t.TempDir(); TestMain removes it.
		dir, err := os.MkdirTemp("", "scf-provider-bin-") //nolint:usetesting // see above
		if err != nil {
			providerBuild.err = err
			return
		}
		providerBuild.dir = dir
		root, err := filepath.Abs(filepath.Join("..", ".."))
		if err != nil {
			providerBuild.err = err
			return
		}
		cmd := exec.CommandContext(t.Context(), goBin, "build", "-o", filepath.Join(dir, "terraform-provider-scf"), ".")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			providerBuild.err = fmt.Errorf("go build of the provider failed: %w\n%s", err, out)
		}
	})
	if providerBuild.err != nil {
		t.Fatal(providerBuild.err)
	}
	return providerBuild.dir
}

// terraformCLI is one working directory in which the real CLI runs with the
// freshly built provider installed through dev_overrides (no `terraform
// init`, which would ask a registry).
type terraformCLI struct {
	t         *testing.T
	terraform string
	dir       string
	env       []string
	// logs collects the TF_LOG_PATH files of every run, for secret scans.
	logs []string
	runs int
}

// cliResult is what one command printed and how it ended.
type cliResult struct {
	Args           []string
	Stdout, Stderr string
	ExitCode       int
	// Log is the TF_LOG_PATH content of this run ("" when logging is off).
	Log string
}

// Output returns stdout and stderr together.
func (r cliResult) Output() string { return r.Stdout + r.Stderr }

// newTerraformCLI skips the test unless TF_ACC is set, like every
// acceptance test, and prepares a working directory.
func newTerraformCLI(t *testing.T) *terraformCLI {
	t.Helper()
	if os.Getenv("TF_ACC") == "" {
		t.Skip("acceptance test: set TF_ACC=1 (and TF_ACC_TERRAFORM_PATH) to run it")
	}
	tf := os.Getenv("TF_ACC_TERRAFORM_PATH")
	if tf == "" {
		var err error
		if tf, err = exec.LookPath("terraform"); err != nil {
			t.Skip("no Terraform CLI: set TF_ACC_TERRAFORM_PATH")
		}
	}
	binDir := providerBinaryDir(t)
	dir := t.TempDir()
	cliConfig := filepath.Join(dir, "cli.tfrc")
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "%s/scfprovider/scf" = %q
  }
  direct {}
}
`, providerHost(), binDir)
	if err := os.WriteFile(cliConfig, []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	work := filepath.Join(dir, "work")
	if err := os.Mkdir(work, 0o700); err != nil {
		t.Fatal(err)
	}
	// Nothing of the caller's Terraform or Tencent Cloud settings may leak in.
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(name, "TF_") || strings.HasPrefix(name, "TENCENTCLOUD_") || name == envEndpoint {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, "TF_CLI_CONFIG_FILE="+cliConfig, "CHECKPOINT_DISABLE=1", "TF_IN_AUTOMATION=1", "TF_INPUT=0")
	return &terraformCLI{t: t, terraform: tf, dir: work, env: env}
}

// providerHost is the registry host of the provider's address: OpenTofu
// needs registry.opentofu.org, which its acceptance runs announce the way
// plugin-testing expects it, with TF_ACC_PROVIDER_HOST.
func providerHost() string {
	if h := os.Getenv("TF_ACC_PROVIDER_HOST"); h != "" {
		return h
	}
	return "registry.terraform.io"
}

// write replaces main.tf, adding the terraform block every configuration of
// these tests needs.
func (c *terraformCLI) write(config string) {
	c.t.Helper()
	header := fmt.Sprintf(`
terraform {
  required_providers {
    scf = { source = "%s/scfprovider/scf" }
  }
}
`, providerHost())
	if err := os.WriteFile(filepath.Join(c.dir, "main.tf"), []byte(header+config), 0o600); err != nil {
		c.t.Fatal(err)
	}
}

// run executes one command. logEnv, when not empty, sets the TF_LOG*
// variables of this run (for example "TF_LOG_PROVIDER=DEBUG"); the log goes
// to a file of its own, returned in cliResult.Log.
func (c *terraformCLI) run(ctx context.Context, logEnv []string, args ...string) cliResult {
	c.t.Helper()
	c.runs++
	env := append([]string(nil), c.env...)
	logPath := ""
	if len(logEnv) > 0 {
		logPath = filepath.Join(filepath.Dir(c.dir), fmt.Sprintf("run-%02d.log", c.runs))
		c.logs = append(c.logs, logPath)
		env = append(env, logEnv...)
		env = append(env, "TF_LOG_PATH="+logPath)
	}
	cmd := exec.CommandContext(ctx, c.terraform, args...)
	cmd.Dir = c.dir
	cmd.Env = env
	// Interrupt rather than kill, so Terraform stops its provider process
	// and writes state before exiting.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 30 * time.Second
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	res := cliResult{Args: args, Stdout: stdout.String(), Stderr: stderr.String()}
	var exitErr *exec.ExitError
	switch {
	case err == nil:
	case errors.As(err, &exitErr):
		res.ExitCode = exitErr.ExitCode()
	default:
		c.t.Fatalf("terraform %s: %v\n%s", strings.Join(args, " "), err, res.Output())
	}
	if logPath != "" {
		data, err := os.ReadFile(logPath)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			c.t.Fatal(err)
		}
		res.Log = string(data)
	}
	return res
}

// cliDiagnostic is one diagnostic of `terraform … -json` output.
type cliDiagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Address  string `json:"address"`
}

// cliJSONLine is the part of a -json output line these tests read.
type cliJSONLine struct {
	Type       string         `json:"type"`
	Diagnostic *cliDiagnostic `json:"diagnostic"`
}

// errors returns the error diagnostics of a run made with -json.
func (r cliResult) errors() []cliDiagnostic {
	var out []cliDiagnostic
	for line := range strings.SplitSeq(r.Stdout, "\n") {
		var l cliJSONLine
		if json.Unmarshal([]byte(line), &l) != nil || l.Type != "diagnostic" || l.Diagnostic == nil {
			continue
		}
		if l.Diagnostic.Severity == "error" {
			out = append(out, *l.Diagnostic)
		}
	}
	return out
}
