package provider

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// queryEstate makes an object of every kind in two namespaces (and a layer,
// which belongs to the region): a function with a published version, an
// alias, a timer trigger, a reserved quota and provisioned concurrency on
// the version, in `default` and in a namespace of its own.
const queryEstate = `
resource "scf_namespace" "team" {
  name        = "estate-b"
  description = "query estate"
}

resource "scf_layer_version" "libs" {
  layer_name          = "estate-libs"
  description         = "shared libraries"
  compatible_runtimes = ["Python3.9"]
  content             = { zip_file = %[1]q }
}

locals {
  namespaces = { a = "default", b = scf_namespace.team.name }
}

resource "scf_function" "f" {
  for_each  = local.namespaces
  namespace = each.value
  name      = "estate-${each.key}"
  handler   = "index.main_handler"
  runtime   = "Python3.9"
  code      = { zip_file = %[1]q }
}

resource "scf_function_version" "v" {
  for_each      = scf_function.f
  namespace     = each.value.namespace
  function_name = each.value.name
  description   = "release"
}

resource "scf_function_alias" "live" {
  for_each         = scf_function_version.v
  namespace        = each.value.namespace
  function_name    = each.value.function_name
  name             = "live"
  function_version = each.value.version
}

resource "scf_trigger" "nightly" {
  for_each      = scf_function.f
  namespace     = each.value.namespace
  function_name = each.value.name
  name          = "nightly"
  timer         = { cron_expression = "0 0 2 * * * *" }
}

resource "scf_reserved_concurrency" "r" {
  for_each                 = scf_function.f
  namespace                = each.value.namespace
  function_name            = each.value.name
  reserved_concurrency_mem = 1024
}

resource "scf_provisioned_concurrency" "p" {
  for_each                    = scf_function_version.v
  namespace                   = each.value.namespace
  function_name               = each.value.function_name
  qualifier                   = each.value.version
  provisioned_concurrency_num = 1
}
`

// estateQuery lists every kind, in every namespace.
const estateQuery = `
list "scf_namespace" "all" {
  provider = scf
}

list "scf_layer_version" "all" {
  provider = scf
}

list "scf_function" "all" {
  provider = scf
}

list "scf_function_version" "all" {
  provider = scf
}

list "scf_function_alias" "all" {
  provider = scf
}

list "scf_trigger" "all" {
  provider = scf
}

list "scf_reserved_concurrency" "all" {
  provider = scf
}

list "scf_provisioned_concurrency" "all" {
  provider = scf
}
`

// TestAccListResources_generateConfigEstate adopts a whole estate the way
// a user would: `terraform query -generate-config-out` with a list block of
// every kind in a fresh working directory, then a plan of nothing but
// imports, the apply, and an empty plan.
func TestAccListResources_generateConfigEstate(t *testing.T) {
	maker := newTerraformCLI(t)
	maker.skipUnlessCLIHas(featureListResources)
	env := newTestEnv(t, fakescf.Options{})
	t.Parallel()
	ctx := t.Context()
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "def main_handler(e, c):\n    return 1\n"})
	maker.write(env.config(fmt.Sprintf(queryEstate, zipPath)))
	if res := maker.run(ctx, nil, "apply", "-auto-approve", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Fatalf("making the estate:\n%s", res.Output())
	}

	cli := newTerraformCLI(t)
	cli.write(env.providerBlock())
	if err := os.WriteFile(filepath.Join(cli.dir, "estate.tfquery.hcl"), []byte(estateQuery), 0o600); err != nil {
		t.Fatal(err)
	}
	res := cli.run(ctx, nil, "query", "-no-color", "-generate-config-out=estate.tf")
	if res.ExitCode != 0 {
		t.Fatalf("terraform query:\n%s", res.Output())
	}
	for _, shown := range []string{
		"estate-b", "estate-libs/1", "default/estate-a", "estate-b/estate-b",
		"default/estate-a/1", "estate-b/estate-b/1", "default/estate-a/live", "estate-b/estate-b/live",
		"default/estate-a/timer/nightly", "estate-b/estate-b/timer/nightly",
	} {
		if !strings.Contains(res.Stdout, shown) {
			t.Errorf("terraform query does not show %s:\n%s", shown, res.Stdout)
		}
	}
	generated, err := os.ReadFile(filepath.Join(cli.dir, "estate.tf"))
	if err != nil {
		t.Fatal(err)
	}
	// Every namespace but `default` and every layer version (the fake's
	// own besides the estate's), and per namespace of the estate the
	// function, its version, alias, trigger, reserved quota and provisioned
	// concurrency.
	namespaces, err := env.client.ListAllNamespaces(ctx, scfapi.NamespaceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := len(namespaces) - 1 + 2*6
	layers, err := env.client.ListAllLayers(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range layers {
		versions, err := env.client.ListLayerVersions(ctx, l.LayerName, nil)
		if err != nil {
			t.Fatal(err)
		}
		want += len(versions)
	}
	if n := strings.Count(string(generated), "\nimport {"); n != want && !strings.HasPrefix(string(generated), "import {") {
		t.Errorf("%d import blocks generated, want %d:\n%s", n, want, generated)
	}

	if res := cli.run(ctx, nil, "plan", "-input=false", "-no-color", "-out=import.tfplan"); res.ExitCode != 0 {
		t.Fatalf("plan of the generated configuration:\n%s\n%s", res.Output(), generated)
	}
	shown := cli.run(ctx, nil, "show", "-json", "import.tfplan")
	var plan cliPlan
	if shown.ExitCode != 0 || json.Unmarshal([]byte(shown.Stdout), &plan) != nil {
		t.Fatalf("terraform show -json:\n%s", shown.Output())
	}
	if len(plan.ResourceChanges) != want {
		t.Errorf("the plan has %d resource changes, want %d imports", len(plan.ResourceChanges), want)
	}
	for _, rc := range plan.ResourceChanges {
		if !slices.Equal(rc.Change.Actions, []string{"no-op"}) || len(rc.Change.Importing) == 0 || string(rc.Change.Importing) == "null" {
			t.Errorf("%s: actions %v, importing %s; want a no-op import", rc.Address, rc.Change.Actions, rc.Change.Importing)
		}
	}
	if t.Failed() {
		t.Fatalf("generated configuration:\n%s\nplan:\n%s", generated, cli.run(ctx, nil, "show", "-no-color", "import.tfplan").Output())
	}
	if res := cli.run(ctx, nil, "apply", "-input=false", "-no-color", "import.tfplan"); res.ExitCode != 0 ||
		!strings.Contains(res.Stdout, fmt.Sprintf("%d imported, 0 added, 0 changed, 0 destroyed", want)) {
		t.Fatalf("apply of the imports:\n%s", res.Output())
	}
	if res := cli.run(ctx, nil, "plan", "-input=false", "-no-color", "-detailed-exitcode"); res.ExitCode != 0 {
		t.Errorf("the plan after the import is not empty (exit %d):\n%s", res.ExitCode, res.Output())
	}
}
