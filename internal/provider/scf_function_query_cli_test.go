package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

// queryFunctions are made by one configuration and found by a query in
// another: a plain zip function, one with settings in another namespace,
// a WebSocket HTTP function, an image function and one with VPC, public
// network, dead letter queue, CLS, layers, role and async run.
const queryFunctions = `
resource "scf_namespace" "team" {
  name = "team-a"
}

resource "scf_function" "plain" {
  name    = "plain"
  handler = "index.main_handler"
  runtime = "Python3.9"
  code    = { zip_file = %[1]q }
}

resource "scf_function" "settings" {
  namespace   = scf_namespace.team.name
  name        = "settings"
  handler     = "index.main_handler"
  runtime     = "Python3.9"
  description = "many settings"
  memory_size = 256
  timeout     = 30
  environment = { STAGE = "prod" }
  tags        = { team = "a" }
  code        = { zip_file = %[1]q }
}

resource "scf_function" "web" {
  name                        = "web"
  type                        = "HTTP"
  runtime                     = "Nodejs18.15"
  handler                     = "app.handler"
  code                        = { zip_file = %[1]q }
  install_dependency          = true
  protocol_type               = "WS"
  protocol_params             = { ws_params = { idle_timeout = 600 } }
  instance_concurrency_config = { max_concurrency = 10 }
}

resource "scf_function" "image" {
  name = "image"
  code = {
    image_config = {
      image_type = "personal"
      image_uri  = "ccr.ccs.tencentyun.com/ns/app:v1"
    }
  }
}

resource "scf_function" "network" {
  name               = "network"
  handler            = "index.main_handler"
  code               = { zip_file = %[1]q }
  vpc_config         = { vpc_id = "vpc-demo0001", subnet_id = "subnet-demo0001" }
  public_net_config  = { public_net_status = "ENABLE", eip_config = { eip_status = "ENABLE" } }
  dead_letter_config = { type = "CMQ-QUEUE", name = "dlq-demo" }
  cls_logset_id      = "cls-logset-demo"
  cls_topic_id       = "cls-topic-demo"
  layers             = [{ name = "common-libs", version = 2 }]
  role               = "SCF_QcsRole"
  async_run_enable   = true
  trace_enable       = true
}
`

// cliPlan is the part of `terraform show -json <plan>` this test reads.
type cliPlan struct {
	ResourceChanges []struct {
		Address string `json:"address"`
		Change  struct {
			Actions   []string        `json:"actions"`
			Importing json.RawMessage `json:"importing"`
		} `json:"change"`
	} `json:"resource_changes"`
}

// TestAccSCFFunctionList_generateConfig runs what a user runs to adopt
// existing functions: `terraform query -generate-config-out`, then
// `terraform plan` of the generated import blocks and configuration. Every
// function is imported without a change, and after the apply the plan is
// empty.
func TestAccSCFFunctionList_generateConfig(t *testing.T) {
	maker := newTerraformCLI(t)
	maker.skipUnlessCLIHas(featureListResources)
	env := newTestEnv(t, fakescf.Options{})
	t.Parallel()
	ctx := t.Context()
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "def main_handler(e, c):\n    return 1\n"})
	maker.write(env.config(fmt.Sprintf(queryFunctions, zipPath)))
	if res := maker.run(ctx, nil, "apply", "-auto-approve", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Fatalf("making the functions:\n%s", res.Output())
	}

	cli := newTerraformCLI(t)
	cli.write(env.providerBlock())
	query := `
list "scf_function" "found" {
  provider         = scf
  include_resource = true
}
`
	if err := os.WriteFile(filepath.Join(cli.dir, "functions.tfquery.hcl"), []byte(query), 0o600); err != nil {
		t.Fatal(err)
	}
	res := cli.run(ctx, nil, "query", "-no-color", "-generate-config-out=generated.tf")
	if res.ExitCode != 0 {
		t.Fatalf("terraform query:\n%s", res.Output())
	}
	generated, err := os.ReadFile(filepath.Join(cli.dir, "generated.tf"))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"default/image", "default/network", "default/plain", "default/web", "team-a/settings"}
	for _, id := range want {
		namespace, name, _ := strings.Cut(id, "/")
		block := regexp.MustCompile(`(?s)identity = \{\s*name\s*= "` + name + `"\s*namespace = "` + namespace + `"\s*\}`)
		if !block.Match(generated) {
			t.Errorf("no import block with the identity of %s in the generated configuration:\n%s", id, generated)
		}
		if !strings.Contains(res.Stdout, id) {
			t.Errorf("terraform query does not show %s:\n%s", id, res.Stdout)
		}
	}
	// The API cannot say where code came from: the four zip functions are
	// generated without it, which keeps the deployed code; the image
	// function gets its image back.
	if n := len(regexp.MustCompile(`(?m)^\s*code\s*= null$`).FindAll(generated, -1)); n != 4 {
		t.Errorf("%d functions are generated with `code = null`, want the 4 zip functions:\n%s", n, generated)
	}

	// Terraform 1.14 asks for the full state when it generates
	// configuration, include_resource or not: the same query without it
	// generates the same file.
	bare := newTerraformCLI(t)
	bare.write(env.providerBlock())
	if err := os.WriteFile(filepath.Join(bare.dir, "functions.tfquery.hcl"), []byte(strings.Replace(query, "include_resource = true", "", 1)), 0o600); err != nil {
		t.Fatal(err)
	}
	if res := bare.run(ctx, nil, "query", "-no-color", "-generate-config-out=generated.tf"); res.ExitCode != 0 {
		t.Fatalf("terraform query without include_resource:\n%s", res.Output())
	}
	if again, err := os.ReadFile(filepath.Join(bare.dir, "generated.tf")); err != nil || string(again) != string(generated) {
		t.Errorf("without include_resource the generated configuration differs (%v):\n%s", err, again)
	}

	if res := cli.run(ctx, nil, "plan", "-input=false", "-no-color", "-out=import.tfplan"); res.ExitCode != 0 {
		t.Fatalf("plan of the generated configuration:\n%s", res.Output())
	}
	shown := cli.run(ctx, nil, "show", "-json", "import.tfplan")
	var plan cliPlan
	if shown.ExitCode != 0 || json.Unmarshal([]byte(shown.Stdout), &plan) != nil {
		t.Fatalf("terraform show -json:\n%s", shown.Output())
	}
	if len(plan.ResourceChanges) != len(want) {
		t.Errorf("the plan has %d resource changes, want %d imports", len(plan.ResourceChanges), len(want))
	}
	for _, rc := range plan.ResourceChanges {
		if !slices.Equal(rc.Change.Actions, []string{"no-op"}) || len(rc.Change.Importing) == 0 || string(rc.Change.Importing) == "null" {
			t.Errorf("%s: actions %v, importing %s; want a no-op import", rc.Address, rc.Change.Actions, rc.Change.Importing)
		}
	}
	if res := cli.run(ctx, nil, "apply", "-input=false", "-no-color", "import.tfplan"); res.ExitCode != 0 ||
		!strings.Contains(res.Stdout, fmt.Sprintf("%d imported, 0 added, 0 changed, 0 destroyed", len(want))) {
		t.Fatalf("apply of the imports:\n%s", res.Output())
	}
	if res := cli.run(ctx, nil, "plan", "-input=false", "-no-color", "-detailed-exitcode"); res.ExitCode != 0 {
		t.Errorf("the plan after the import is not empty (exit %d):\n%s", res.ExitCode, res.Output())
	}
}
