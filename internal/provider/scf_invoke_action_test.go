package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

const invokeActions = `
action "scf_function_invoke" "hello" {
  config {
    function_name = scf_function.hello.name
    payload       = jsonencode({ name = "ada" })
  }
}

action "scf_function_invoke" "greeter" {
  config {
    function_name   = scf_function.greeter.name
    qualifier       = "$LATEST"
    invocation_type = "RequestResponse"
    payload         = jsonencode({ name = "bo" })
  }
}
`

// invocations counts the Invoke requests scf-fake answered OK.
func (e *testEnv) invocations() int64 { return e.fake.Stats().Responses["Invoke"]["OK"] }

// An action_trigger runs the action after the resource it is attached to.
func TestAccSCFFunctionInvokeAction_actionTrigger(t *testing.T) {
	requireRuntimes(t, "python3", "node")
	env := newTestEnv(t, fakescf.Options{Exec: true})
	config := demoFunctions(t) + invokeActions + `
resource "terraform_data" "deployed" {
  input = [scf_function.hello.code_sha256, scf_function.greeter.code_sha256]

  lifecycle {
    action_trigger {
      events  = [after_create]
      actions = [action.scf_function_invoke.hello, action.scf_function_invoke.greeter]
    }
  }
}
`
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureActions},
		Steps: []resource.TestStep{{
			Config: env.config(config),
			Check: func(*terraform.State) error {
				if n := env.invocations(); n != 2 {
					return fmt.Errorf("scf-fake ran %d invocations, want 2 (one per triggered action)", n)
				}
				return nil
			},
		}},
	})
}

// terraform apply -invoke runs one action on demand and shows its progress,
// log and result; a failing function fails the command with its message.
func TestAccSCFFunctionInvokeAction_applyInvoke(t *testing.T) {
	requireRuntimes(t, "python3", "node")
	cli := newTerraformCLI(t)
	cli.skipUnlessCLIHas(featureActions)
	env := newTestEnv(t, fakescf.Options{Exec: true})
	failZip := writeZip(t, t.TempDir(), "fail.zip", map[string]string{
		"index.py": "def main_handler(event, context):\n    print('checking ' + event['name'])\n    raise ValueError(event['name'] + ' is not welcome')\n",
	})
	cli.write(env.providerBlock() + demoFunctions(t) + invokeActions + fmt.Sprintf(`
resource "scf_function" "fails" {
  name    = "fails"
  runtime = "Python3.9"
  handler = "index.main_handler"
  code    = { zip_file = %q }
}

action "scf_function_invoke" "queue" {
  config {
    function_name   = scf_function.hello.name
    invocation_type = "Event"
    payload         = jsonencode({ name = "later" })
  }
}

action "scf_function_invoke" "fails" {
  config {
    function_name = scf_function.fails.name
    payload       = jsonencode({ name = "eve" })
  }
}
`, failZip))
	ctx := context.Background()
	if r := cli.run(ctx, nil, "apply", "-auto-approve", "-no-color"); r.ExitCode != 0 {
		t.Fatalf("apply: %s", r.Output())
	}
	before := env.invocations()
	r := cli.run(ctx, nil, "apply", "-auto-approve", "-no-color", "-invoke=action.scf_function_invoke.hello")
	if r.ExitCode != 0 {
		t.Fatalf("apply -invoke: %s", r.Output())
	}
	for _, want := range []string{"Invoking default/hello", "answered in", `Result: {"message": "hi, ada!"}`, "START RequestId"} {
		if !strings.Contains(r.Output(), want) {
			t.Errorf("apply -invoke output lacks %q:\n%s", want, r.Output())
		}
	}
	if n := env.invocations() - before; n != 1 {
		t.Errorf("apply -invoke ran the function %d times, want 1", n)
	}

	r = cli.run(ctx, nil, "apply", "-auto-approve", "-no-color", "-invoke=action.scf_function_invoke.queue")
	if r.ExitCode != 0 || !strings.Contains(r.Output(), "Queueing an asynchronous invocation of default/hello") ||
		!regexp.MustCompile(`Queued: function request ID [0-9a-f-]{36}`).MatchString(r.Output()) || strings.Contains(r.Output(), "Result:") {
		t.Fatalf("apply -invoke of an Event invocation (exit %d):\n%s", r.ExitCode, r.Output())
	}

	r = cli.run(ctx, nil, "apply", "-auto-approve", "-no-color", "-invoke=action.scf_function_invoke.fails")
	if r.ExitCode == 0 || !regexp.MustCompile(`(?s)SCF Function Failed.*eve is not welcome \(ValueError\).*checking eve`).MatchString(r.Output()) {
		t.Fatalf("apply -invoke of a failing function (exit %d):\n%s", r.ExitCode, r.Output())
	}

	// A payload that is not JSON is refused before anything runs.
	before = env.invocations()
	cli.write(env.providerBlock() + demoFunctions(t) + `
action "scf_function_invoke" "bad" {
  config {
    function_name = scf_function.hello.name
    payload       = "{not json"
  }
}
`)
	r = cli.run(ctx, nil, "plan", "-no-color", "-invoke=action.scf_function_invoke.bad")
	if r.ExitCode == 0 || !strings.Contains(r.Output(), "Invalid JSON String Value") {
		t.Fatalf("plan -invoke with a bad payload (exit %d):\n%s", r.ExitCode, r.Output())
	}
	if n := env.invocations() - before; n != 0 {
		t.Fatalf("a payload refused at plan time still invoked the function %d times", n)
	}
	cli.write(env.providerBlock() + demoFunctions(t))
	if r := cli.run(ctx, nil, "destroy", "-auto-approve", "-no-color"); r.ExitCode != 0 {
		t.Fatalf("destroy: %s", r.Output())
	}
}
