package provider

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// featureWriteOnly: write-only arguments came with Terraform 1.11 and
// OpenTofu 1.11.
var featureWriteOnly = cliFeature{name: "write-only arguments", terraform: "1.11", opentofu: "1.11"}

// Secret values of TestAccSecretEnvironments, distinctive so that any
// occurrence is a leak.
const (
	leakDBPassword = "LEAKTEST-db-password-7c1e5a9b3d"
	leakRotatedDB  = "LEAKTEST-db-password-rotated-2f8d"
	leakDrifted    = "LEAKTEST-db-password-drifted-6a0c"
	leakAPIToken   = "LEAKTEST-api-token-wo-4b9e1d7f"
	leakRotatedAPI = "LEAKTEST-api-token-wo-rotated-8e2a"
	leakSigningKey = "LEAKTEST-signing-key-wo-3c5f"
)

// TestAccSecretEnvironments runs each secret path through the real CLI with
// TF_LOG=TRACE: create, drift, rotation, removal, a plan-time refusal, an
// API error that echoes a value, and an import with generated
// configuration. It then looks for each secret value everywhere: Terraform's
// output and TRACE logs (the provider's included), the state, the fake's
// log, the generated configuration. A value may be only in the fake's store
// (the service has it) and, for secret_environment, in state.
func TestAccSecretEnvironments(t *testing.T) {
	cli := newTerraformCLI(t)
	cli.skipUnlessCLIHas(featureWriteOnly)
	fakeLog := &syncBuffer{}
	env := newTestEnv(t, fakescf.Options{Log: fakeLog})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "def main_handler(e, c):\n    return 1\n"})
	ctx, cancel := context.WithTimeout(t.Context(), 4*time.Minute)
	defer cancel()

	var runs []cliResult
	var states []string // the state after each command
	run := func(args ...string) cliResult {
		res := cli.run(ctx, []string{"TF_LOG=TRACE"}, args...)
		runs = append(runs, res)
		if data, err := os.ReadFile(filepath.Join(cli.dir, "terraform.tfstate")); err == nil {
			states = append(states, string(data))
		}
		return res
	}
	function := func(secret, woVars string, woVersion int) string {
		return env.providerBlock() + fmt.Sprintf(`
resource "scf_function" "api" {
  name        = "secret-api"
  handler     = "index.main_handler"
  runtime     = "Python3.9"
  code        = { zip_file = %q }
  environment = { STAGE = "prod" }
  secret_environment = { DB_PASSWORD = %q }
  secret_environment_wo         = { %s }
  secret_environment_wo_version = %d
}
`, zipPath, secret, woVars, woVersion)
	}
	serviceEnv := func() map[string]string {
		t.Helper()
		fn, err := env.client.GetFunction(ctx, scfapi.DefaultNamespace, "secret-api")
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]string{}
		for _, v := range fn.Environment.Variables {
			out[v.Key] = v.Value
		}
		return out
	}
	wantService := func(step string, want map[string]string) {
		t.Helper()
		got := serviceEnv()
		if len(got) != len(want) {
			t.Errorf("%s: the function has %d variables, want %d", step, len(got), len(want))
		}
		for k, v := range want {
			if got[k] != v {
				t.Errorf("%s: the function's %s is not the configured value", step, k)
			}
		}
	}
	stateFile := func() string {
		data, err := os.ReadFile(filepath.Join(cli.dir, "terraform.tfstate"))
		if err != nil {
			t.Fatal(err)
		}
		return string(data)
	}
	mustSucceed := func(what string, res cliResult) {
		t.Helper()
		if res.ExitCode != 0 {
			t.Fatalf("%s failed (exit %d):\n%s", what, res.ExitCode, res.Output())
		}
	}

	// Create: all three reach the service; the plan shows no value.
	cli.write(function(leakDBPassword, fmt.Sprintf("API_TOKEN = %q, SIGNING_KEY = %q", leakAPIToken, leakSigningKey), 1))
	plan := run("plan", "-input=false", "-no-color")
	mustSucceed("plan", plan)
	if !strings.Contains(plan.Stdout, "(sensitive value)") || !strings.Contains(plan.Stdout, "(write-only attribute)") {
		t.Errorf("the plan does not mark the secrets:\n%s", plan.Stdout)
	}
	mustSucceed("apply", run("apply", "-auto-approve", "-input=false", "-no-color"))
	wantService("create", map[string]string{"STAGE": "prod", "DB_PASSWORD": leakDBPassword, "API_TOKEN": leakAPIToken, "SIGNING_KEY": leakSigningKey})
	state := stateFile()
	if !strings.Contains(state, leakDBPassword) {
		t.Error("secret_environment is not in state; it should be, marked sensitive")
	}
	if !strings.Contains(state, `"API_TOKEN"`) || !strings.Contains(state, `"SIGNING_KEY"`) {
		t.Error("secret_environment_wo_keys does not name the write-only variables in state")
	}
	if res := run("plan", "-detailed-exitcode", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Errorf("the plan after apply is not empty (exit %d):\n%s", res.ExitCode, res.Output())
	}

	// Drift of a secret_environment value plans an update, shown as sensitive.
	drift := &scfapi.UpdateFunctionConfigurationRequest{FunctionName: ptr("secret-api"), Namespace: ptr(scfapi.DefaultNamespace),
		Environment: expandEnvironment(map[string]string{"STAGE": "prod", "DB_PASSWORD": leakDrifted, "API_TOKEN": leakAPIToken,
			"SIGNING_KEY": leakSigningKey}, false)}
	if err := env.client.UpdateFunctionConfiguration(ctx, drift); err != nil {
		t.Fatal(err)
	}
	if _, err := env.client.WaitForActive(ctx, scfapi.DefaultNamespace, "secret-api"); err != nil {
		t.Fatal(err)
	}
	driftPlan := run("plan", "-detailed-exitcode", "-input=false", "-no-color")
	if driftPlan.ExitCode != 2 || !strings.Contains(driftPlan.Stdout, "secret_environment") || !strings.Contains(driftPlan.Stdout, "(sensitive value)") {
		t.Errorf("drift of DB_PASSWORD: want an update of secret_environment shown as sensitive, got exit %d:\n%s", driftPlan.ExitCode, driftPlan.Output())
	}
	mustSucceed("apply over drift", run("apply", "-auto-approve", "-input=false", "-no-color"))
	wantService("after drift", map[string]string{"STAGE": "prod", "DB_PASSWORD": leakDBPassword, "API_TOKEN": leakAPIToken, "SIGNING_KEY": leakSigningKey})

	// Rotation: new values, the write-only ones sent because the version
	// changed; a write-only name removed is removed from the function.
	cli.write(function(leakRotatedDB, fmt.Sprintf("API_TOKEN = %q", leakRotatedAPI), 2))
	mustSucceed("apply of the rotation", run("apply", "-auto-approve", "-input=false", "-no-color"))
	wantService("rotation", map[string]string{"STAGE": "prod", "DB_PASSWORD": leakRotatedDB, "API_TOKEN": leakRotatedAPI})
	if res := run("plan", "-detailed-exitcode", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Errorf("the plan after the rotation is not empty (exit %d):\n%s", res.ExitCode, res.Output())
	}

	// A name in two attributes is refused at plan, naming both.
	cli.write(function(leakRotatedDB, fmt.Sprintf("API_TOKEN = %q, DB_PASSWORD = %q", leakRotatedAPI, leakRotatedAPI), 2))
	dup := run("plan", "-input=false", "-no-color")
	if dup.ExitCode == 0 || !strings.Contains(dup.Stderr, "Invalid Environment") ||
		!strings.Contains(dup.Stderr, "secret_environment_wo") || !strings.Contains(dup.Stderr, "also set in secret_environment") {
		t.Errorf("a name in two attributes: want Invalid Environment naming both, got exit %d:\n%s", dup.ExitCode, dup.Output())
	}

	// An API error that echoes a value shows it as sensitive.
	env.fake.InjectError(scfapi.ActionUpdateFunctionConfiguration, "InvalidParameterValue.Environment",
		"Environment value "+leakRotatedAPI+"x is invalid", 1)
	cli.write(function(leakRotatedDB, fmt.Sprintf("API_TOKEN = %q", leakRotatedAPI+"x"), 3))
	echo := run("apply", "-auto-approve", "-input=false", "-no-color")
	if echo.ExitCode == 0 || !strings.Contains(echo.Stderr, "InvalidParameterValue.Environment") || !strings.Contains(echo.Stderr, "(sensitive value)") {
		t.Errorf("an API error echoing a value: want it scrubbed, got exit %d:\n%s", echo.ExitCode, echo.Output())
	}
	cli.write(function(leakRotatedDB, fmt.Sprintf("API_TOKEN = %q", leakRotatedAPI), 2))
	mustSucceed("apply back", run("apply", "-auto-approve", "-input=false", "-no-color"))

	// Import with generated configuration, into a second working directory:
	// the configuration holds no value, and the plan refuses to delete the
	// secrets it cannot carry, naming them.
	imp := newTerraformCLI(t)
	imp.write(env.providerBlock() + `
import {
  to = scf_function.api
  id = "default/secret-api"
}
`)
	gen := imp.run(ctx, []string{"TF_LOG=TRACE"}, "plan", "-input=false", "-no-color", "-generate-config-out=generated.tf")
	runs = append(runs, gen)
	generated, err := os.ReadFile(filepath.Join(imp.dir, "generated.tf"))
	if err != nil {
		t.Fatalf("no generated configuration (exit %d):\n%s", gen.ExitCode, gen.Output())
	}
	placeholder := regexp.MustCompile(`secret_environment +=  *null # sensitive`)
	if !placeholder.Match(generated) || !strings.Contains(string(generated), `STAGE = "prod"`) {
		t.Errorf("generated configuration: want environment written and secret_environment as a placeholder:\n%s", generated)
	}
	if gen.ExitCode == 0 || !strings.Contains(gen.Stderr, summaryUnconfiguredSecrets) || !strings.Contains(gen.Stderr, "API_TOKEN, DB_PASSWORD") {
		t.Errorf("the plan of the generated configuration: want %q naming API_TOKEN and DB_PASSWORD, got exit %d:\n%s",
			summaryUnconfiguredSecrets, gen.ExitCode, gen.Output())
	}
	// Filled in as the error says, the import plans nothing else.
	filled := placeholder.ReplaceAllLiteralString(string(generated),
		fmt.Sprintf("secret_environment = { DB_PASSWORD = %q, API_TOKEN = %q }", leakRotatedDB, leakRotatedAPI))
	if err := os.WriteFile(filepath.Join(imp.dir, "generated.tf"), []byte(filled), 0o600); err != nil {
		t.Fatal(err)
	}
	imported := imp.run(ctx, []string{"TF_LOG=TRACE"}, "plan", "-input=false", "-no-color")
	runs = append(runs, imported)
	if imported.ExitCode != 0 || !strings.Contains(imported.Stdout, "1 to import, 0 to add, 0 to change, 0 to destroy") {
		t.Errorf("the filled-in import: want an import only, got exit %d:\n%s", imported.ExitCode, imported.Output())
	}

	mustSucceed("destroy", run("destroy", "-auto-approve", "-input=false", "-no-color"))

	// The scan.
	secrets := map[string]string{"DB_PASSWORD": leakDBPassword, "rotated DB_PASSWORD": leakRotatedDB, "drifted DB_PASSWORD": leakDrifted,
		"API_TOKEN": leakAPIToken, "rotated API_TOKEN": leakRotatedAPI, "SIGNING_KEY": leakSigningKey}
	writeOnly := map[string]bool{"API_TOKEN": true, "rotated API_TOKEN": true, "SIGNING_KEY": true}
	requireProviderTraceLogs(t, runs)
	if !strings.Contains(fakeLog.String(), "action=UpdateFunctionConfiguration") {
		t.Fatal("the fake's log lacks the updates; the scan would not be meaningful")
	}
	texts := map[string]string{"the fake's log": fakeLog.String(), "the generated configuration": string(generated)}
	for i, r := range runs {
		where := fmt.Sprintf("terraform %s (run %d)", strings.Join(r.Args, " "), i+1)
		texts[where+" stdout"], texts[where+" stderr"], texts[where+" TRACE log"] = r.Stdout, r.Stderr, r.Log
	}
	scanned := 0
	for where, text := range texts {
		scanned += len(text)
		for name, value := range secrets {
			if strings.Contains(text, value) {
				t.Errorf("%s contains the %s", where, name)
			}
		}
	}
	for i, state := range states {
		for name, value := range secrets {
			if writeOnly[name] && strings.Contains(state, value) {
				t.Errorf("the state after command %d contains the write-only %s", i+1, name)
			}
		}
	}
	t.Logf("scanned %d texts, %d bytes, for %d secret values", len(texts), scanned, len(secrets))
}
