package main

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

// bench holds what every measurement shares: the binaries, the CLI and the
// work directory.
type bench struct {
	root       string
	work       string
	cli        string
	cliVersion string
	registry   string
	// provider is the copy of the provider binary that the CLI config points
	// at; its path identifies provider processes for the RSS sampler.
	provider string
	fake     string
	profile  string
	tfrc     string
	zip      string
}

func setup(ctx context.Context, o *options) (_ *bench, err error) {
	b := &bench{root: o.root, profile: o.profile}
	fmt.Println("bench info: building bin/terraform-provider-scf and bin/scf-fake")
	for _, args := range [][]string{
		{"build", "-o", filepath.Join(o.root, "bin", "terraform-provider-scf"), "."},
		{"build", "-o", filepath.Join(o.root, "bin", "scf-fake"), "./internal/fakescf/cmd/scf-fake"},
	} {
		cmd := exec.CommandContext(ctx, "go", args...)
		cmd.Dir, cmd.Stdout, cmd.Stderr = o.root, os.Stderr, os.Stderr
		if err := cmd.Run(); err != nil {
			return nil, fmt.Errorf("go %s: %w", strings.Join(args, " "), err)
		}
	}

	b.cli = o.cli
	if b.cli == "" {
		cmd := exec.CommandContext(ctx, filepath.Join(o.root, ".ci", "terraform-cli.sh"), "terraform")
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			return nil, fmt.Errorf(".ci/terraform-cli.sh terraform: %w", err)
		}
		b.cli = strings.TrimSpace(string(out))
	}
	out, err := exec.CommandContext(ctx, b.cli, "version").Output()
	if err != nil {
		return nil, fmt.Errorf("%s version: %w", b.cli, err)
	}
	b.cliVersion, _, _ = strings.Cut(strings.TrimSpace(string(out)), "\n")
	b.registry = "registry.terraform.io"
	if strings.HasPrefix(b.cliVersion, "OpenTofu") {
		b.registry = "registry.opentofu.org"
	}

	if b.work, err = os.MkdirTemp("", "scf-bench-"); err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			_ = os.RemoveAll(b.work)
		}
	}()
	// Copies, so a concurrent `go build` into bin/ cannot swap a binary in
	// the middle of a measurement, and the provider's path is ours alone.
	pluginDir := filepath.Join(b.work, "plugins")
	b.provider = filepath.Join(pluginDir, "terraform-provider-scf")
	b.fake = filepath.Join(b.work, "scf-fake")
	if err := copyFile(filepath.Join(o.root, "bin", "terraform-provider-scf"), b.provider); err != nil {
		return nil, err
	}
	if err := copyFile(filepath.Join(o.root, "bin", "scf-fake"), b.fake); err != nil {
		return nil, err
	}
	b.tfrc = filepath.Join(b.work, "cli.tfrc")
	tfrc := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    %q = %q\n  }\n  direct {}\n}\n",
		b.registry+"/scfprovider/scf", pluginDir)
	if err := os.WriteFile(b.tfrc, []byte(tfrc), 0o600); err != nil {
		return nil, err
	}
	b.zip = filepath.Join(b.work, "code.zip")
	if err := writeZip(b.zip); err != nil {
		return nil, err
	}
	return b, nil
}

func copyFile(src, dst string) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer func() { _ = in.Close() }()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		_ = out.Close()
		return err
	}
	return out.Close()
}

// writeZip writes the one small code package every function shares.
func writeZip(path string) error {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("index.py")
	if err != nil {
		return err
	}
	if _, err := io.WriteString(w, "def main_handler(event, context):\n    return \"hello from the bench\"\n"); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return os.WriteFile(path, buf.Bytes(), 0o600)
}

// The attributes every benchmark function sets, the three environments
// included (so the fast paths are measured with write-only and sensitive
// attributes); terraform_data gets an input object with the same
// attributes, so both plans carry the same amount of configuration.
const scfConfig = `terraform {
  required_providers {
    scf = { source = "scfprovider/scf" }
  }
}

provider "scf" {}

resource "scf_function" "bench" {
  count       = %d
  name        = "bench-${count.index}"
  runtime     = "Python3.9"
  handler     = "index.main_handler"
  description = "bench function ${count.index}"
  memory_size = 128
  timeout     = 3
  code = {
    zip_file = %q
  }
  environment                   = { STAGE = "bench" }
  secret_environment            = { DB_PASSWORD = "bench-secret-${count.index}" }
  secret_environment_wo         = { API_TOKEN = "bench-token-${count.index}" }
  secret_environment_wo_version = 1
}
`

const dataConfig = `resource "terraform_data" "bench" {
  count = %d
  input = {
    name        = "bench-${count.index}"
    runtime     = "Python3.9"
    handler     = "index.main_handler"
    description = "bench function ${count.index}"
    memory_size = 128
    timeout     = 3
    code = {
      zip_file = %q
    }
    environment                   = { STAGE = "bench" }
    secret_environment            = { DB_PASSWORD = "bench-secret-${count.index}" }
    secret_environment_wo         = { API_TOKEN = "bench-token-${count.index}" }
    secret_environment_wo_version = 1
  }
}
`

// workspace makes a directory holding one configuration.
func (b *bench) workspace(name, config string) (string, error) {
	dir := filepath.Join(b.work, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return dir, os.WriteFile(filepath.Join(dir, "main.tf"), []byte(config), 0o600)
}

// env is the environment of every Terraform command: the process's own
// without Terraform and Tencent Cloud settings, plus the bench's.
func (b *bench) env(endpoint, profile string) []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "TF_") || strings.HasPrefix(k, "TENCENTCLOUD_") || k == "SCF_ENDPOINT" || k == "CHECKPOINT_DISABLE" {
			continue
		}
		env = append(env, kv)
	}
	if b.profile != "" && profile != "" {
		env = append(env, "TF_SCF_CPUPROFILE="+filepath.Join(b.profile, profile))
	}
	return append(env,
		"TF_CLI_CONFIG_FILE="+b.tfrc,
		"TF_IN_AUTOMATION=1",
		"TF_INPUT=0",
		"CHECKPOINT_DISABLE=1",
		"SCF_ENDPOINT="+endpoint,
		"TENCENTCLOUD_SECRET_ID="+fakescf.DefaultSecretID,
		"TENCENTCLOUD_SECRET_KEY="+fakescf.DefaultSecretKey,
		"TENCENTCLOUD_REGION=ap-guangzhou",
	)
}

// tfRun is one finished Terraform command.
type tfRun struct {
	wall     time.Duration
	exitCode int
	// peakKiB is the provider's highest VmHWM seen (0 without sampling).
	peakKiB   int64
	providers int
	// cpu is the CPU time (user+system) of the CLI and every process it
	// waited for, its providers included; providerCPU is the providers'
	// share, as sampled (0 without sampling).
	cpu, providerCPU time.Duration
}

// terraform runs the CLI in dir, logging to dir/<log>.log. Exit codes in
// okCodes are accepted; with sampleRSS the provider's peak RSS is tracked.
func (b *bench) terraform(ctx context.Context, dir, endpoint, log string, sampleRSS bool, okCodes []int, args ...string) (tfRun, error) {
	logPath := filepath.Join(dir, log+".log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return tfRun{}, err
	}
	defer func() { _ = logFile.Close() }()
	cmd := exec.CommandContext(ctx, b.cli, args...)
	cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, b.env(endpoint, filepath.Base(dir)+"-"+log), logFile, logFile
	// On Ctrl-C Terraform stops gracefully on SIGINT and is killed after 30 s.
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGINT) }
	cmd.WaitDelay = 30 * time.Second

	var rss *rssSampler
	if sampleRSS {
		rss = startRSS(b.provider)
	}
	start := time.Now()
	err = cmd.Run()
	r := tfRun{wall: time.Since(start)}
	if rss != nil {
		r.peakKiB, r.providers, r.providerCPU = rss.finish()
	}
	if cmd.ProcessState != nil {
		// wait4's usage counts the descendants the CLI reaped: its providers.
		r.cpu = cmd.ProcessState.UserTime() + cmd.ProcessState.SystemTime()
	}
	var exitErr *exec.ExitError
	switch {
	case errors.As(err, &exitErr):
		r.exitCode = exitErr.ExitCode()
	case err != nil:
		return r, fmt.Errorf("%s %s: %w", filepath.Base(b.cli), strings.Join(args, " "), err)
	}
	for _, c := range okCodes {
		if c == r.exitCode {
			return r, nil
		}
	}
	return r, fmt.Errorf("%s %s in %s exited with %d:\n%s", filepath.Base(b.cli), strings.Join(args, " "), dir, r.exitCode, tail(logPath, 30))
}

// tail returns the last lines of a file, for error messages.
func tail(path string, lines int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	all := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}
