package provider

import (
	"context"
	"fmt"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/echoprovider"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

// requireRuntimes skips a test that runs functions when their interpreters
// are missing: scf-fake only runs what the machine can.
func requireRuntimes(t *testing.T, names ...string) {
	t.Helper()
	for _, n := range names {
		if _, err := exec.LookPath(n); err != nil {
			t.Skipf("%s is not on PATH, so scf-fake -exec cannot run these functions", n)
		}
	}
}

// demoFunctions deploys the Python and Node.js functions of examples/demo.
func demoFunctions(t *testing.T) string {
	t.Helper()
	code, err := filepath.Abs(filepath.Join(examplesDir, "demo", "code"))
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf(`
resource "scf_function" "hello" {
  name    = "hello"
  runtime = "Python3.9"
  handler = "index.main_handler"
  timeout = 5
  code    = { zip_file = %[1]q }
  environment = { GREETING = "hi" }
}

resource "scf_function" "greeter" {
  name    = "greeter"
  runtime = "Nodejs12.16"
  handler = "index.main_handler"
  timeout = 5
  code    = { zip_file = %[2]q }
  environment = { STYLE = "loud" }
}
`, filepath.Join(code, "hello.zip"), filepath.Join(code, "greeter.zip"))
}

// factoriesWithEcho adds the testing framework's echo provider, which
// copies an ephemeral value into its own resource for the test to check.
func (e *testEnv) factoriesWithEcho() map[string]func() (tfprotov6.ProviderServer, error) {
	f := e.factories()
	f["echo"] = echoprovider.NewProviderServer()
	return f
}

// noInvocationInState fails when anything of scf_function_invocation was
// written to the state.
type noInvocationInState struct{}

func (noInvocationInState) CheckState(_ context.Context, req statecheck.CheckStateRequest, resp *statecheck.CheckStateResponse) {
	if req.State == nil || req.State.Values == nil {
		return
	}
	for _, r := range req.State.Values.RootModule.Resources {
		if strings.Contains(r.Type, "function_invocation") {
			resp.Error = fmt.Errorf("%s is in the state", r.Address)
		}
	}
}

func TestAccSCFFunctionInvocationEphemeral_demoFunctions(t *testing.T) {
	requireRuntimes(t, "python3", "node")
	env := newTestEnv(t, fakescf.Options{Exec: true})
	functions := demoFunctions(t)
	invocations := `
ephemeral "scf_function_invocation" "hello" {
  function_name = scf_function.hello.name
  payload       = jsonencode({ name = "ada" })
}

ephemeral "scf_function_invocation" "greeter" {
  function_name = scf_function.greeter.name
  namespace     = "default"
  qualifier     = "$LATEST"
  payload       = jsonencode({ name = "bo" })
}

provider "echo" {
  data = {
    hello          = jsondecode(ephemeral.scf_function_invocation.hello.result)
    greeter        = jsondecode(ephemeral.scf_function_invocation.greeter.result)
    hello_logged   = strcontains(ephemeral.scf_function_invocation.hello.log, "START RequestId: ${ephemeral.scf_function_invocation.hello.function_request_id}")
    hello_duration = ephemeral.scf_function_invocation.hello.duration_ms > 0
  }
}

resource "echo" "answers" {}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factoriesWithEcho(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureEphemeralResources},
		Steps: []resource.TestStep{
			{Config: env.config(functions)},
			{
				Config: env.config(functions + invocations),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("echo.answers", tfjsonpath.New("data"), knownvalue.ObjectExact(map[string]knownvalue.Check{
						"hello":          knownvalue.ObjectExact(map[string]knownvalue.Check{"message": knownvalue.StringExact("hi, ada!")}),
						"greeter":        knownvalue.ObjectExact(map[string]knownvalue.Check{"text": knownvalue.StringExact("HELLO, BO!")}),
						"hello_logged":   knownvalue.Bool(true),
						"hello_duration": knownvalue.Bool(true),
					})),
					noInvocationInState{},
				},
			},
		},
	})
}

func TestAccSCFFunctionInvocationEphemeral_functionErrorFailsTheRun(t *testing.T) {
	requireRuntimes(t, "python3")
	env := newTestEnv(t, fakescf.Options{Exec: true})
	zipPath := writeZip(t, t.TempDir(), "fail.zip", map[string]string{
		"index.py": "def main_handler(event, context):\n    print('about to fail')\n    raise RuntimeError('no greeting for ' + event['name'])\n",
	})
	fn := fmt.Sprintf(`
resource "scf_function" "fails" {
  name    = "fails"
  runtime = "Python3.9"
  handler = "index.main_handler"
  code    = { zip_file = %q }
}
`, zipPath)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factoriesWithEcho(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureEphemeralResources},
		Steps: []resource.TestStep{
			{Config: env.config(fn)},
			{
				Config: env.config(fn + `
ephemeral "scf_function_invocation" "fails" {
  function_name = scf_function.fails.name
  payload       = jsonencode({ name = "eve" })
}

provider "echo" {
  data = ephemeral.scf_function_invocation.fails.result
}

resource "echo" "never" {}
`),
				ExpectError: regexp.MustCompile(`(?s)SCF Function Failed.*no greeting for eve \(RuntimeError\).*about to fail`),
			},
			// Back to the function alone, so that the final destroy opens
			// nothing that fails.
			{Config: env.config(fn)},
		},
	})
}

func TestAccSCFFunctionInvocationEphemeral_payloadMustBeJSON(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{Exec: true})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factoriesWithEcho(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureEphemeralResources},
		Steps: []resource.TestStep{{
			Config: env.config(`
ephemeral "scf_function_invocation" "bad" {
  function_name = "hello"
  payload       = "{not json"
}
`),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(`(?s)Invalid JSON String Value`),
		}},
	})
	if n := env.fake.Stats().Requests["Invoke"]; n != 0 {
		t.Fatalf("%d Invoke requests for a configuration refused at plan time", n)
	}
}

// Terraform opens an ephemeral resource while planning whenever its
// arguments are known (depends_on does not delay it), so a function created
// in the same run is named through its id, unknown until the function
// exists: the open then happens during apply, after the create.
func TestAccSCFFunctionInvocationEphemeral_functionCreatedInTheSameRun(t *testing.T) {
	requireRuntimes(t, "python3", "node")
	env := newTestEnv(t, fakescf.Options{Exec: true})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factoriesWithEcho(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureEphemeralResources},
		Steps: []resource.TestStep{{
			Config: env.config(demoFunctions(t) + `
ephemeral "scf_function_invocation" "greeter" {
  function_name = split("/", scf_function.greeter.id)[1]
  payload       = jsonencode({ name = "new" })
}

provider "echo" {
  data = jsondecode(ephemeral.scf_function_invocation.greeter.result)
}

resource "echo" "answer" {}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.answer", tfjsonpath.New("data"),
					knownvalue.ObjectExact(map[string]knownvalue.Check{"text": knownvalue.StringExact("HELLO, NEW!")})),
				noInvocationInState{},
			},
		}},
	})
}
