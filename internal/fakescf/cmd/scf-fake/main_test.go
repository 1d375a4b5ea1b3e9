package main

import (
	"bufio"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

func TestUsageErrorsExitTwo(t *testing.T) {
	cases := [][]string{
		{"-no-such-flag"},
		{"-rate-limit", "CreateFunction"},
		{"-rate-limit", "CreateFunction=fast"},
		{"-faults", "meteor"},
		{"-fault-rate", "1.5"},
		{"-create-delay", "-1s"},
		{"-secret-id", ""},
		{"extra-argument"},
	}
	for _, args := range cases {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 2 {
			t.Errorf("%v: exit %d, want 2 (stderr %q)", args, code, stderr.String())
		}
		if stdout.Len() != 0 {
			t.Errorf("%v: wrote to stdout: %q", args, stdout.String())
		}
	}
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-help"}, &stdout, &stderr); code != 0 {
		t.Errorf("-help: exit %d", code)
	}
	for _, flagName := range []string{"-listen", "-secret-id", "-secret-key", "-state", "-fixtures", "-create-delay", "-update-delay",
		"-delete-delay", "-rate-limit", "-fault-rate", "-faults", "-seed", "-slow-delay", "127.0.0.1:9000", fakescf.DefaultSecretID} {
		if !strings.Contains(stderr.String(), flagName) {
			t.Errorf("-help does not mention %s", flagName)
		}
	}
	if code := run([]string{"-fixtures", filepath.Join(t.TempDir(), "missing.json")}, &stdout, &stderr); code != 1 {
		t.Errorf("missing fixtures: exit %d, want 1", code)
	}
}

func TestCommandServesAndShutsDown(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "scf-fake")
	build := exec.CommandContext(t.Context(), "go", "build", "-o", bin, ".")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	state := filepath.Join(dir, "state.json")
	cmd := exec.CommandContext(t.Context(), bin, "-listen", "127.0.0.1:0", "-state", state, "-secret-id", "AKIDcmdtest", "-secret-key", "cmdtestkey")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
	}()
	var line string
	select {
	case line = <-lines:
	case <-time.After(5 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatalf("no first line; stderr: %s", stderr.String())
	}
	addr, ok := strings.CutPrefix(strings.TrimSpace(line), "scf-fake listening on http://")
	if !ok || strings.HasSuffix(addr, ":0") || !strings.HasPrefix(addr, "127.0.0.1:") {
		_ = cmd.Process.Kill()
		t.Fatalf("first line = %q", line)
	}

	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = addr
	cpf.HttpProfile.Scheme = "HTTP"
	cpf.HttpProfile.ReqTimeout = 5
	client := common.NewCommonClient(common.NewCredential("AKIDcmdtest", "cmdtestkey"), "ap-guangzhou", cpf)
	req := tchttp.NewCommonRequest("scf", "2018-04-16", "CreateNamespace")
	if err := req.SetActionParameters(`{"Namespace":"from-cmd"}`); err != nil {
		t.Fatal(err)
	}
	req.SetContext(t.Context())
	if err := client.Send(req, tchttp.NewCommonResponse()); err != nil {
		_ = cmd.Process.Kill()
		t.Fatalf("signed request: %v", err)
	}

	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v; stderr: %s", err, stderr.String())
		}
	case <-time.After(8 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("no exit within 8s of SIGTERM")
	}
	data, err := os.ReadFile(state)
	if err != nil || !strings.Contains(string(data), "from-cmd") {
		t.Fatalf("state file after shutdown: %v %q", err, data)
	}
	if !strings.Contains(stderr.String(), "action=CreateNamespace code=OK") {
		t.Errorf("stderr log = %q", stderr.String())
	}
	if strings.Contains(stderr.String(), "cmdtestkey") {
		t.Error("log leaks the secret key")
	}
}

func TestExecFlag(t *testing.T) {
	for args, want := range map[string]bool{"": false, "-exec": true} {
		cfg, err := parseFlags(strings.Fields(args), io.Discard)
		if err != nil {
			t.Fatalf("parseFlags(%q): %v", args, err)
		}
		if cfg.opts.Exec != want {
			t.Errorf("parseFlags(%q): Exec = %v, want %v", args, cfg.opts.Exec, want)
		}
	}
}
