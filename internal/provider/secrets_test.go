package provider

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// Secret values of TestAccSecretsNeverLeak. Each is distinctive, so any
// occurrence in output is a leak and not a coincidence.
const (
	leakSecretID     = "AKIDleakTestUser0000000000000000"
	leakSecretKey    = "LEAKTEST-secret-key-4f1c9a7e2b6d"
	leakToken        = "LEAKTEST-session-token-8e3d5b1a9c7f"
	leakGitPassword  = "LEAKTEST-git-password-2a6c8e0b4d1f"
	leakGitPassword2 = "LEAKTEST-git-password-9b7d5f3e1a0c"
	leakWrongKey     = "LEAKTEST-wrong-key-6d2f0b8a4e9c"
	leakGitRepo      = "https://git.example.com/team/functions.git"
)

// syncBuffer is an io.Writer that the fake may write to while the test
// reads it.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestAccSecretsNeverLeak runs plan, apply, failing commands and destroy
// with TF_LOG=TRACE through the real CLI and the built provider, with a
// secret key, a session token and Git passwords in the configuration, then
// scans everything Terraform printed, every TRACE log (Terraform's and the
// provider process's) and the fake server's log for the secret values.
func TestAccSecretsNeverLeak(t *testing.T) {
	cli := newTerraformCLI(t)
	fakeLog := &syncBuffer{}
	env := newTestEnv(t, fakescf.Options{
		Credentials: []fakescf.Credential{{SecretID: leakSecretID, SecretKey: leakSecretKey, Token: leakToken}},
		Log:         fakeLog,
	})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "def main_handler(e, c):\n    return 1\n"})
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()

	provider := func(key string) string {
		return fmt.Sprintf(`
provider "scf" {
  region         = %q
  secret_id      = %q
  secret_key     = %q
  security_token = %q
  endpoint       = %q
}
`, testRegion, leakSecretID, key, leakToken, env.url)
	}
	gitFunction := func(label, name, repo, password string) string {
		return fmt.Sprintf(`
resource "scf_function" %q {
  name        = %q
  handler     = "index.main_handler"
  runtime     = "Python3.9"
  code_source = "Git"
  code = {
    git_url       = %q
    git_user_name = "deployer"
    git_password  = %q
    git_branch    = "main"
  }
}
`, label, name, repo, password)
	}
	resources := gitFunction("git", "secret-git", leakGitRepo, leakGitPassword) + fmt.Sprintf(`
resource "scf_function" "zip" {
  name        = "secret-zip"
  handler     = "index.main_handler"
  code        = { zip_file = %q }
  environment = { STAGE = "test" }
}
`, zipPath)
	trace := []string{"TF_LOG=TRACE"}
	var runs []cliResult
	run := func(args ...string) cliResult {
		res := cli.run(ctx, trace, args...)
		runs = append(runs, res)
		return res
	}

	cli.write(provider(leakSecretKey) + resources)
	if res := run("plan", "-input=false", "-no-color"); res.ExitCode != 0 || !strings.Contains(res.Stdout, "(sensitive value)") {
		t.Fatalf("plan failed or shows no sensitive value (exit %d):\n%s", res.ExitCode, res.Output())
	}
	if res := run("apply", "-auto-approve", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Fatalf("apply failed:\n%s", res.Output())
	}
	if got := env.fake.FunctionNames(scfapi.DefaultNamespace); strings.Join(got, ",") != "secret-git,secret-zip" {
		t.Fatalf("functions after apply: %v", got)
	}
	if res := run("plan", "-detailed-exitcode", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Errorf("the plan after apply is not empty (exit %d):\n%s", res.ExitCode, res.Output())
	}

	// Commands that fail on purpose, each with a secret in the configuration.
	failing := []struct {
		name, config, want string
		args               []string
	}{
		{"a Git repository the service cannot clone", provider(leakSecretKey) + resources +
			gitFunction("broken", "secret-broken", "https://git.example.com/team/missing.git", leakGitPassword2),
			"InvalidParameterValue.Code", []string{"apply", "-auto-approve", "-input=false", "-no-color"}},
		{"a wrong secret key", provider(leakWrongKey) + resources, "AuthFailure.SignatureFailure",
			[]string{"plan", "-input=false", "-no-color"}},
		{"a Git password without a repository", provider(leakSecretKey) + resources + fmt.Sprintf(`
resource "scf_function" "invalid" {
  name = "secret-invalid"
  code = {
    zip_file     = %q
    git_password = %q
  }
}
`, zipPath, leakGitPassword2), `git_url`, []string{"plan", "-input=false", "-no-color"}},
		{"a Git repository and a zip file together", provider(leakSecretKey) + resources + fmt.Sprintf(`
resource "scf_function" "conflict" {
  name        = "secret-conflict"
  code_source = "Git"
  code = {
    zip_file      = %q
    git_url       = %q
    git_user_name = "deployer"
    git_password  = %q
  }
}
`, zipPath, leakGitRepo, leakGitPassword2), `Conflicting Code Sources`, []string{"plan", "-input=false", "-no-color"}},
	}
	for _, f := range failing {
		cli.write(f.config)
		res := run(f.args...)
		if res.ExitCode == 0 || !strings.Contains(res.Stderr, f.want) {
			t.Errorf("%s: want a failure mentioning %s, got exit %d:\n%s", f.name, f.want, res.ExitCode, res.Output())
		}
	}

	cli.write(provider(leakSecretKey) + resources)
	if res := run("destroy", "-auto-approve", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Errorf("destroy failed:\n%s", res.Output())
	}

	// The scan. The logs must really hold the provider's TRACE output, or
	// the absence of secrets would prove nothing.
	requireProviderTraceLogs(t, runs)
	if !strings.Contains(fakeLog.String(), "action=CreateFunction") {
		t.Fatalf("the fake's log lacks the CreateFunction requests:\n%s", fakeLog.String())
	}
	secrets := map[string]string{
		"secret_key": leakSecretKey, "security_token": leakToken, "git_password": leakGitPassword,
		"second git_password": leakGitPassword2, "wrong secret_key": leakWrongKey,
	}
	scanned := 0
	for i, r := range runs {
		for what, text := range map[string]string{"stdout": r.Stdout, "stderr": r.Stderr, "TF_LOG file": r.Log} {
			scanned += len(text)
			for name, value := range secrets {
				if strings.Contains(text, value) {
					t.Errorf("terraform %s (run %d): the %s contains the %s", strings.Join(r.Args, " "), i+1, what, name)
				}
			}
		}
	}
	scanned += len(fakeLog.String())
	for name, value := range secrets {
		if strings.Contains(fakeLog.String(), value) {
			t.Errorf("the fake's log contains the %s", name)
		}
	}
	t.Logf("scanned %d runs, %d bytes of output and logs (fake log included) for %d secret values", len(runs), scanned, len(secrets))
}

// requireProviderTraceLogs fails unless the runs' logs hold the provider's
// TRACE output and its API calls: without them, finding no secret in the
// logs would prove nothing.
func requireProviderTraceLogs(t *testing.T, runs []cliResult) {
	t.Helper()
	var logs strings.Builder
	for _, r := range runs {
		logs.WriteString(r.Log)
	}
	for _, want := range []string{"provider.terraform-provider-scf", "[TRACE]", "SCF API call succeeded", "ApplyResourceChange"} {
		if !strings.Contains(logs.String(), want) {
			t.Fatalf("the TRACE logs lack %q; the scan would not be meaningful", want)
		}
	}
}
