package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// TestAccFunctionMovedFromTencentcloud: functions the official provider
// made (created here out of band in the fake, as its recorded state
// describes them) are taken over with `moved` blocks and an equivalent
// configuration. The plan shows the moves and nothing else; applying it
// calls no mutating API; the plan after it is empty.
func TestAccFunctionMovedFromTencentcloud(t *testing.T) {
	cli := movedCLI(t)
	env := newTestEnv(t, fakescf.Options{})
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()

	zipPath := writeZip(t, cli.dir, "fn.zip", map[string]string{"index.py": "def main_handler(event, context):\n    return 'ok'\n"})
	layerZip := writeZip(t, t.TempDir(), "layer.zip", map[string]string{"python/common.py": "VERSION = 1\n"})
	encodedLayer := base64File(t, layerZip)
	for range 2 { // the recorded function binds version 2
		if _, err := env.client.PublishLayerVersion(ctx, &scfapi.PublishLayerVersionRequest{
			LayerName: ptr("common-libs"), CompatibleRuntimes: []*string{ptr("Python3.9")}, Content: &scfapi.Code{ZipFile: &encodedLayer},
		}, ""); err != nil {
			t.Fatal(err)
		}
	}
	functions := map[string]*scfapi.Function{
		"orders": env.createOutOfBand(scfapi.DefaultNamespace, "orders-api", zipPath, func(r *scfapi.CreateFunctionRequest) {
			r.Runtime, r.Description, r.MemorySize, r.Timeout = ptr("Python3.9"), ptr("Order API"), ptr(int64(256)), ptr(int64(30))
			r.Environment = &scfapi.Environment{Variables: []*scfapi.Variable{{Key: ptr("STAGE"), Value: ptr("prod")}}}
			r.Tags = []*scfapi.Tag{{Key: ptr("team"), Value: ptr("orders")}}
			r.Layers = []*scfapi.LayerVersionSimple{{LayerName: ptr("common-libs"), LayerVersion: ptr(int64(2))}}
		}),
		"minimal": env.createOutOfBand(scfapi.DefaultNamespace, "minimal-fn", zipPath, func(r *scfapi.CreateFunctionRequest) {
			r.Runtime, r.Handler = ptr("Nodejs12.16"), ptr("index.main")
		}),
		// Beyond the recording: the settings whose shape the move decides.
		"edge": env.createOutOfBand(scfapi.DefaultNamespace, "edge-fn", zipPath, func(r *scfapi.CreateFunctionRequest) {
			r.Runtime = ptr("Python3.9")
			r.AsyncRunEnable, r.DnsCache = ptr("TRUE"), ptr("TRUE")
			r.PublicNetConfig = &scfapi.PublicNetConfigIn{PublicNetStatus: ptr(enable), EipConfig: &scfapi.EipConfigIn{EipStatus: ptr(enable)}}
			r.IntranetConfig = &scfapi.IntranetConfigIn{IpFixed: ptr(enable)}
		}),
	}
	writeTencentcloudState(t, cli, functionStateFile, map[string]string{"edge": "minimal"}, func(_, name string, a map[string]json.RawMessage) bool {
		fn := functions[name]
		a["function_id"] = rawJSON(t, fn.FunctionId)
		a["modify_time"] = rawJSON(t, fn.ModTime)
		a["code_size"] = rawJSON(t, fn.CodeSize)
		a["cls_logset_id"], a["cls_topic_id"] = rawJSON(t, fn.ClsLogsetId), rawJSON(t, fn.ClsTopicId)
		if name != "edge" {
			return true
		}
		// as that provider's Read leaves them
		a["id"], a["name"] = rawJSON(t, "default+edge-fn"), rawJSON(t, fn.FunctionName)
		a["handler"], a["runtime"] = rawJSON(t, fn.Handler), rawJSON(t, fn.Runtime)
		a["async_run_enable"], a["dns_cache"] = rawJSON(t, fn.AsyncRunEnable), rawJSON(t, true)
		a["enable_eip_config"], a["eip_fixed"], a["eips"] = rawJSON(t, true), rawJSON(t, true), rawJSON(t, fn.EipConfig.Eips)
		a["intranet_config"] = rawJSON(t, []tencentcloudIntranet{{IPFixed: fn.IntranetConfig.IpFixed, IPAddress: fn.IntranetConfig.IpAddress}})
		return true
	})
	resources := func(memorySize int) string {
		return fmt.Sprintf(`
moved {
  from = tencentcloud_scf_function.orders
  to   = scf_function.orders
}

resource "scf_function" "orders" {
  name        = "orders-api"
  handler     = "index.main_handler"
  runtime     = "Python3.9"
  description = "Order API"
  memory_size = %d
  timeout     = 30
  code        = { zip_file = "${path.module}/fn.zip" }
  environment = { STAGE = "prod" }
  tags        = { team = "orders" }
  layers      = [{ name = "common-libs", version = 2 }]
}

moved {
  from = tencentcloud_scf_function.minimal
  to   = scf_function.minimal
}

resource "scf_function" "minimal" {
  name    = "minimal-fn"
  handler = "index.main"
  runtime = "Nodejs12.16"
  code    = { zip_file = "${path.module}/fn.zip" }
}

moved {
  from = tencentcloud_scf_function.edge
  to   = scf_function.edge
}

resource "scf_function" "edge" {
  name              = "edge-fn"
  handler           = "index.main_handler"
  runtime           = "Python3.9"
  code              = { zip_file = "${path.module}/fn.zip" }
  async_run_enable  = true
  dns_cache         = true
  public_net_config = { public_net_status = "ENABLE", eip_config = { eip_status = "ENABLE" } }
  intranet_config   = { ip_fixed = "ENABLE" }
}
`, memorySize)
	}
	mutations := []string{scfapi.ActionCreateFunction, scfapi.ActionUpdateFunctionCode, scfapi.ActionUpdateFunctionConfiguration,
		scfapi.ActionDeleteFunction, scfapi.ActionModifyResourceTags}
	before := map[string]int64{}
	for _, action := range mutations {
		before[action] = env.fake.Stats().Responses[action]["OK"]
	}

	// A configuration that differs from the function plans that difference
	// as an update in place, alongside the move.
	movedConfig(t, cli, env, resources(512))
	if res := cli.run(ctx, nil, "plan", "-out=resize.tfplan", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Fatalf("plan failed:\n%s", res.Output())
	}
	for _, rc := range showPlan(ctx, t, cli, "resize.tfplan").ResourceChanges {
		want := "no-op"
		if rc.Address == "scf_function.orders" {
			want = "update"
			before, _ := rc.Change.Before.(map[string]any)
			after, _ := rc.Change.After.(map[string]any)
			if before["memory_size"] != 256.0 || after["memory_size"] != 512.0 {
				t.Errorf("%s: memory_size planned from %v to %v, want 256 to 512", rc.Address, before["memory_size"], after["memory_size"])
			}
		}
		if got := actionsName(rc.Change.Actions); got != want || rc.PreviousAddress == "" {
			t.Errorf("%s (moved from %q): %s, want %s", rc.Address, rc.PreviousAddress, got, want)
		}
	}

	movedConfig(t, cli, env, resources(256))
	res := cli.run(ctx, nil, "plan", "-out=moves.tfplan", "-input=false", "-no-color")
	if res.ExitCode != 0 {
		t.Fatalf("plan failed:\n%s", res.Output())
	}
	for name := range functions {
		if want := fmt.Sprintf("tencentcloud_scf_function.%[1]s has moved to scf_function.%[1]s", name); !strings.Contains(res.Stdout, want) {
			t.Errorf("the plan does not say %q:\n%s", want, res.Stdout)
		}
	}
	plan := showPlan(ctx, t, cli, "moves.tfplan")
	if len(plan.ResourceChanges) != len(functions) {
		t.Fatalf("the plan has %d resource changes, want the %d moves", len(plan.ResourceChanges), len(functions))
	}
	for _, rc := range plan.ResourceChanges {
		if want := strings.Replace(rc.Address, "scf_function.", "tencentcloud_scf_function.", 1); rc.PreviousAddress != want {
			t.Errorf("%s: previous address %q, want %q", rc.Address, rc.PreviousAddress, want)
		}
		if !rc.Change.Actions.NoOp() {
			t.Errorf("%s: actions %v, want no-op; before %v after %v", rc.Address, rc.Change.Actions, rc.Change.Before, rc.Change.After)
		}
	}

	if res := cli.run(ctx, nil, "apply", "-input=false", "-no-color", "moves.tfplan"); res.ExitCode != 0 {
		t.Fatalf("apply failed:\n%s", res.Output())
	}
	for _, action := range mutations {
		if got := env.fake.Stats().Responses[action]["OK"]; got != before[action] {
			t.Errorf("applying the moves made %d %s calls, want none", got-before[action], action)
		}
	}
	if res := cli.run(ctx, nil, "plan", "-detailed-exitcode", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Errorf("the plan after the moves is not empty (exit %d):\n%s", res.ExitCode, res.Output())
	}
	state := showState(ctx, t, cli)
	for _, r := range state.Values.RootModule.Resources {
		if r.Type != "scf_function" || !strings.HasSuffix(r.ProviderName, "/scfprovider/scf") {
			t.Errorf("%s is managed by %s after the move, want scf_function by scfprovider/scf", r.Address, r.ProviderName)
		}
		fn := functions[r.Name]
		if r.AttributeValues["function_id"] != fn.FunctionId || r.AttributeValues["id"] != "default/"+fn.FunctionName {
			t.Errorf("%s: function_id %v, id %v; want %s and default/%s", r.Address, r.AttributeValues["function_id"],
				r.AttributeValues["id"], fn.FunctionId, fn.FunctionName)
		}
		if r.AttributeValues["code_sha256"] != sha256File(t, zipPath) {
			t.Errorf("%s: code_sha256 %v, want the zip's", r.Address, r.AttributeValues["code_sha256"])
		}
	}
	if len(state.Values.RootModule.Resources) != len(functions) {
		t.Errorf("state holds %d resources, want %d", len(state.Values.RootModule.Resources), len(functions))
	}
}

// TestAccFunctionMovedFromTencentcloudWithTrigger: a trigger of the
// official provider's `triggers` block stays on the function; the move
// warns and names the import ID, with which an import block takes it over
// as scf_trigger in the same plan, and nothing is created or changed.
func TestAccFunctionMovedFromTencentcloudWithTrigger(t *testing.T) {
	cli := movedCLI(t)
	env := newTestEnv(t, fakescf.Options{})
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	zipPath := writeZip(t, cli.dir, "fn.zip", map[string]string{"index.js": "exports.main = async () => 'ok'\n"})
	fn := env.createOutOfBand(scfapi.DefaultNamespace, "minimal-fn", zipPath, func(r *scfapi.CreateFunctionRequest) {
		r.Runtime, r.Handler = ptr("Nodejs12.16"), ptr("index.main")
	})
	const cron = "0 0 2 * * * *"
	if err := env.client.CreateTrigger(ctx, scfapi.TriggerSpec{Namespace: scfapi.DefaultNamespace, FunctionName: fn.FunctionName,
		Type: scfapi.TriggerTimer, Name: "nightly", Desc: cron, Enable: true}); err != nil {
		t.Fatal(err)
	}
	writeTencentcloudState(t, cli, functionStateFile, nil, func(_, name string, a map[string]json.RawMessage) bool {
		a["function_id"], a["modify_time"], a["code_size"] = rawJSON(t, fn.FunctionId), rawJSON(t, fn.ModTime), rawJSON(t, fn.CodeSize)
		a["cls_logset_id"], a["cls_topic_id"] = rawJSON(t, fn.ClsLogsetId), rawJSON(t, fn.ClsTopicId)
		a["triggers"] = rawJSON(t, []tencentcloudInlineTrigger{{Name: "nightly", Type: scfapi.TriggerTimer, TriggerDesc: cron}})
		return name == "minimal"
	})
	movedConfig(t, cli, env, fmt.Sprintf(`
moved {
  from = tencentcloud_scf_function.minimal
  to   = scf_function.minimal
}

resource "scf_function" "minimal" {
  name    = "minimal-fn"
  handler = "index.main"
  runtime = "Nodejs12.16"
  code    = { zip_file = "${path.module}/fn.zip" }
}

import {
  to = scf_trigger.nightly
  id = "default/minimal-fn/timer/nightly"
}

resource "scf_trigger" "nightly" {
  function_name = scf_function.minimal.name
  name          = "nightly"
  qualifier     = "$LATEST" # where that provider made its triggers
  timer         = { cron_expression = %q }
}
`, cron))
	createdBefore := env.fake.Stats().Responses[scfapi.ActionCreateTrigger]["OK"]

	res := cli.run(ctx, nil, "plan", "-out=moves.tfplan", "-input=false", "-no-color")
	if res.ExitCode != 0 {
		t.Fatalf("plan failed:\n%s", res.Output())
	}
	for _, warning := range []string{summaryMoveUnmanaged, `qualifier = "$LATEST"`,
		`timer trigger "nightly": import it as scf_trigger with id "default/minimal-fn/timer/nightly"`} {
		if !strings.Contains(res.Output(), warning) {
			t.Errorf("the plan does not warn %q:\n%s", warning, res.Output())
		}
	}
	for _, rc := range showPlan(ctx, t, cli, "moves.tfplan").ResourceChanges {
		moved, imported := rc.PreviousAddress == "tencentcloud_scf_function.minimal", rc.Change.Importing != nil
		if !rc.Change.Actions.NoOp() || moved == imported {
			t.Errorf("%s: %s, moved %t, imported %t; want a no-op move or import", rc.Address, actionsName(rc.Change.Actions), moved, imported)
		}
	}
	if res := cli.run(ctx, nil, "apply", "-input=false", "-no-color", "moves.tfplan"); res.ExitCode != 0 {
		t.Fatalf("apply failed:\n%s", res.Output())
	}
	if got := env.fake.Stats().Responses[scfapi.ActionCreateTrigger]["OK"]; got != createdBefore {
		t.Errorf("the apply created %d triggers, want none", got-createdBefore)
	}
	if res := cli.run(ctx, nil, "plan", "-detailed-exitcode", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Errorf("the plan after the move and import is not empty (exit %d):\n%s", res.ExitCode, res.Output())
	}
}

// TestAccFunctionMovedFromTencentcloudRefused: a function the move cannot
// carry stops the plan with the provider's diagnostic, which names the
// attribute and the way out.
func TestAccFunctionMovedFromTencentcloudRefused(t *testing.T) {
	cli := movedCLI(t)
	env := newTestEnv(t, fakescf.Options{})
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	writeZip(t, cli.dir, "fn.zip", map[string]string{"index.js": "exports.main = async () => 'ok'\n"})
	writeTencentcloudState(t, cli, functionStateFile, nil, func(_, name string, a map[string]json.RawMessage) bool {
		a["instance_concurrency_config"] = rawJSON(t, []tencentcloudConcurrency{{
			DynamicEnabled: "FALSE", MaxConcurrency: 2, MixNodeConfig: []tencentcloudMixNode{{NodeSpec: "T4", Num: 1}},
		}})
		return name == "minimal"
	})
	movedConfig(t, cli, env, `
moved {
  from = tencentcloud_scf_function.minimal
  to   = scf_function.minimal
}

resource "scf_function" "minimal" {
  name    = "minimal-fn"
  handler = "index.main"
  runtime = "Nodejs12.16"
  code    = { zip_file = "${path.module}/fn.zip" }
}
`)
	res := cli.run(ctx, nil, "plan", "-json", "-input=false")
	if res.ExitCode == 0 {
		t.Fatalf("the plan succeeded:\n%s", res.Output())
	}
	errs := res.errors()
	if len(errs) != 1 || errs[0].Summary != summaryMove {
		t.Fatalf("want one %q error, got %+v\n%s", summaryMove, errs, res.Output())
	}
	for _, want := range []string{"default/minimal-fn", "instance_concurrency_config.mix_node_config", "terraform state rm", "import"} {
		if !strings.Contains(errs[0].Detail, want) {
			t.Errorf("the error detail lacks %q: %s", want, errs[0].Detail)
		}
	}
}
