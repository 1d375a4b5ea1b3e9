package provider

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// authProviderBlock configures the provider with explicit credentials.
func authProviderBlock(url, secretID, secretKey, token string) string {
	tokenLine := ""
	if token != "" {
		tokenLine = fmt.Sprintf("  security_token = %q\n", token)
	}
	return fmt.Sprintf(`
provider "scf" {
  region     = %q
  secret_id  = %q
  secret_key = %q
%s  endpoint   = %q
}
`, testRegion, secretID, secretKey, tokenLine, url)
}

// authFunctions declares n functions using the zip at zipPath.
func authFunctions(n int, zipPath string) string {
	return fmt.Sprintf(`
resource "scf_function" "f" {
  count   = %d
  name    = "auth-${count.index}"
  handler = "index.main_handler"
  code    = { zip_file = %q }
}
`, n, zipPath)
}

// TestAccAuthFailures runs `terraform apply` with credentials the API
// rejects: a wrong secret key, an unknown SecretId, an expired session token
// and a clock out of the signature window. Each ends with exactly one
// diagnostic that carries the AuthFailure code and says what to check, and
// the fake saw one request in all (the provider's credential check): no
// retries, and no request per resource.
//
// Clock skew: the provider's clock cannot be moved from a test, so the fake
// is given a signature window of one nanosecond instead of five minutes.
// Every real request then lies outside the window, which takes the same
// server check (AuthFailure.SignatureExpire) and the same client path as a
// machine whose clock is more than five minutes off.
func TestAccAuthFailures(t *testing.T) {
	newestCLIsOnly(t)
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	const token = "session-token-for-auth-test"
	cases := []struct {
		name              string
		opts              fakescf.Options
		id, key, tok      string
		code              string
		advice            string // a phrase of the advice
		mustNotMentionKey string
	}{
		{
			name: "wrong secret key", id: fakescf.DefaultSecretID, key: "wrong-secret-key-0123456789abcdef",
			code: "AuthFailure.SignatureFailure", advice: "Check that `secret_key`", mustNotMentionKey: "wrong-secret-key-0123456789abcdef",
		},
		{
			name: "unknown secret id", id: "AKIDnobodyHasThisKey000000000000", key: fakescf.DefaultSecretKey,
			code: "AuthFailure.SecretIdNotFound", advice: "Check `secret_id`",
		},
		{
			name: "expired token",
			opts: fakescf.Options{Credentials: []fakescf.Credential{{
				SecretID: fakescf.DefaultSecretID, SecretKey: fakescf.DefaultSecretKey, Token: token, ExpiresAt: time.Now().Add(-time.Minute),
			}}},
			id: fakescf.DefaultSecretID, key: fakescf.DefaultSecretKey, tok: token,
			code: "AuthFailure.TokenFailure", advice: "Get new temporary credentials", mustNotMentionKey: token,
		},
		{
			name: "clock skew", opts: fakescf.Options{SignatureSkew: time.Nanosecond},
			id: fakescf.DefaultSecretID, key: fakescf.DefaultSecretKey,
			code: "AuthFailure.SignatureExpire", advice: "Check this machine's clock",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cli := newTerraformCLI(t)
			env := newTestEnv(t, tc.opts)
			cli.write(authProviderBlock(env.url, tc.id, tc.key, tc.tok) + authFunctions(1, zipPath))
			ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
			defer cancel()
			res := cli.run(ctx, nil, "apply", "-auto-approve", "-input=false", "-json")
			checkOneAuthDiagnostic(t, res, tc.code, tc.advice, fakescf.DefaultSecretKey, tc.key, tc.mustNotMentionKey)
			checkNoStorm(t, env.fake.Stats().Requests, map[string]int64{scfapi.ActionListNamespaces: 1})
			if names := env.fake.FunctionNames(scfapi.DefaultNamespace); len(names) != 0 {
				t.Errorf("functions were created with a rejected credential: %v", names)
			}
		})
	}
}

// TestAccAuthFailureWithManyResources applies three functions, then plans
// with a wrong key: the refresh of all three is replaced by one rejected
// credential check and one diagnostic.
func TestAccAuthFailureWithManyResources(t *testing.T) {
	newestCLIsOnly(t)
	cli := newTerraformCLI(t)
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()

	good := authProviderBlock(env.url, fakescf.DefaultSecretID, fakescf.DefaultSecretKey, "")
	cli.write(good + authFunctions(3, zipPath))
	if res := cli.run(ctx, nil, "apply", "-auto-approve", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Fatalf("apply with the right key failed:\n%s", res.Output())
	}
	t.Cleanup(func() {
		cli.write(good + authFunctions(3, zipPath))
		if res := cli.run(context.WithoutCancel(ctx), nil, "destroy", "-auto-approve", "-input=false", "-no-color"); res.ExitCode != 0 {
			t.Errorf("destroy failed:\n%s", res.Output())
		}
	})

	const wrongKey = "another-wrong-key-fedcba9876543210"
	cli.write(authProviderBlock(env.url, fakescf.DefaultSecretID, wrongKey, "") + authFunctions(3, zipPath))
	before := env.fake.Stats().Requests
	res := cli.run(ctx, nil, "plan", "-input=false", "-json")
	checkOneAuthDiagnostic(t, res, "AuthFailure.SignatureFailure", "Check that `secret_key`", fakescf.DefaultSecretKey, wrongKey)
	checkNoStorm(t, delta(env.fake.Stats().Requests, before), map[string]int64{scfapi.ActionListNamespaces: 1})
}

// checkOneAuthDiagnostic requires a failed run with exactly one error
// diagnostic, the credential summary, the code and the advice, and none of
// the secrets.
func checkOneAuthDiagnostic(t *testing.T, res cliResult, code, advice string, secrets ...string) {
	t.Helper()
	if res.ExitCode == 0 {
		t.Fatalf("the command succeeded with a rejected credential:\n%s", res.Output())
	}
	diags := res.errors()
	if len(diags) != 1 {
		t.Fatalf("got %d error diagnostics, want exactly 1:\n%+v\n%s", len(diags), diags, res.Stderr)
	}
	d := diags[0]
	t.Logf("the one diagnostic: %s: %s", d.Summary, d.Detail)
	if d.Summary != summaryAuth || !strings.Contains(d.Detail, code) || !strings.Contains(d.Detail, advice) {
		t.Errorf("diagnostic %q: %q; want summary %q with %s and advice %q", d.Summary, d.Detail, summaryAuth, code, advice)
	}
	if !strings.Contains(d.Detail, "RequestId: ") {
		t.Errorf("diagnostic detail lacks the RequestId: %q", d.Detail)
	}
	for _, s := range secrets {
		if s != "" && strings.Contains(res.Output(), s) {
			t.Errorf("the output contains the secret %q", s)
		}
	}
}

// checkNoStorm compares the requests the fake counted with want exactly.
func checkNoStorm(t *testing.T, got, want map[string]int64) {
	t.Helper()
	if !maps.Equal(got, want) {
		t.Errorf("the fake counted requests %v, want exactly %v (no retries, no request per resource)", got, want)
	}
}

// TestAccCredentialCheckIgnoresOtherFailures: the configure-time check only
// stops on a rejected credential. A key without permission to list
// namespaces, or a check that fails for another reason, leaves the real
// calls to succeed or report.
func TestAccCredentialCheckIgnoresOtherFailures(t *testing.T) {
	newestCLIsOnly(t)
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	cases := map[string]struct {
		opts  fakescf.Options
		setup func(*fakescf.Server)
		code  string // an answer ListNamespaces must have given
	}{
		"listing namespaces denied": {
			opts: fakescf.Options{Credentials: []fakescf.Credential{{
				SecretID: fakescf.DefaultSecretID, SecretKey: fakescf.DefaultSecretKey, DeniedActions: []string{scfapi.ActionListNamespaces},
			}}},
			code: "UnauthorizedOperation.CAM",
		},
		"permission error, then no answer at all": {
			setup: func(s *fakescf.Server) {
				s.InjectError(scfapi.ActionListNamespaces, "AuthFailure.UnauthorizedOperation", "not allowed", 1)
				s.InjectFault(scfapi.ActionListNamespaces, fakescf.FaultDropBefore, 1000)
			},
			code: "AuthFailure.UnauthorizedOperation",
		},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			env := newTestEnv(t, tc.opts)
			if tc.setup != nil {
				tc.setup(env.fake)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
				Steps: []resource.TestStep{{
					Config: env.config(testAccSCFFunctionConfig_basic(zipPath, "unchecked", "created anyway")),
					Check: func(*terraform.State) error {
						if got := env.fake.Stats().Responses[scfapi.ActionListNamespaces]; got[tc.code] == 0 {
							return fmt.Errorf("ListNamespaces answers %v, want %s among them", got, tc.code)
						}
						return nil
					},
				}},
			})
		})
	}
}
