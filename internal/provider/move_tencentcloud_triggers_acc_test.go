package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// TestAccTriggerAndConcurrencyMovedFromTencentcloud: a timer trigger, a
// reserved and a provisioned concurrency the official provider made
// (created here out of band in the fake, as its recorded estate describes
// them) are taken over with `moved` blocks and an equivalent configuration.
// The plan shows the moves and nothing else; applying it calls no
// mutating API; the identities are in state; the plan after it is empty.
func TestAccTriggerAndConcurrencyMovedFromTencentcloud(t *testing.T) {
	cli := movedCLI(t)
	env := newTestEnv(t, fakescf.Options{})
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()

	const namespace, function, cron = "mig-ns", "mig-fn", "0 0 2 * * * *"
	if err := env.client.CreateNamespace(ctx, namespace, "made by tencentcloud"); err != nil {
		t.Fatal(err)
	}
	zipPath := writeZip(t, t.TempDir(), "fn.zip", map[string]string{"index.py": "def main(event, context):\n    return 'ok'\n"})
	env.createOutOfBand(namespace, function, zipPath, func(r *scfapi.CreateFunctionRequest) {
		r.Runtime, r.Handler, r.MemorySize, r.Timeout = ptr("Python3.9"), ptr("index.main"), ptr(int64(256)), ptr(int64(30))
	})
	version, err := env.client.PublishVersion(ctx, namespace, function, "release 1")
	if err != nil {
		t.Fatal(err)
	}
	if version != "1" {
		t.Fatalf("published version %s, want 1 as recorded", version)
	}
	if _, err := env.client.WaitForVersionActive(ctx, namespace, function, version); err != nil {
		t.Fatal(err)
	}
	if err := env.client.CreateTrigger(ctx, scfapi.TriggerSpec{Namespace: namespace, FunctionName: function, Qualifier: "$DEFAULT",
		Type: scfapi.TriggerTimer, Name: "nightly", Desc: cron, Enable: true}); err != nil {
		t.Fatal(err)
	}
	if err := env.client.PutReservedConcurrency(ctx, namespace, function, 1024); err != nil {
		t.Fatal(err)
	}
	if err := env.client.PutProvisionedConcurrency(ctx, namespace, function, version, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := env.client.WaitForProvisionedConcurrency(ctx, namespace, function, version); err != nil {
		t.Fatal(err)
	}
	writeEstateState(t, cli, tencentcloudTriggerType, tencentcloudReservedConcurrencyType, tencentcloudProvisionedConcurrencyType)
	movedConfig(t, cli, env, fmt.Sprintf(`
moved {
  from = tencentcloud_scf_trigger.nightly
  to   = scf_trigger.nightly
}

resource "scf_trigger" "nightly" {
  namespace     = %[1]q
  function_name = %[2]q
  name          = "nightly"
  qualifier     = "$DEFAULT"
  timer         = { cron_expression = %[3]q }
}

moved {
  from = tencentcloud_scf_reserved_concurrency_config.rc
  to   = scf_reserved_concurrency.rc
}

resource "scf_reserved_concurrency" "rc" {
  namespace                = %[1]q
  function_name            = %[2]q
  reserved_concurrency_mem = 1024
}

moved {
  from = tencentcloud_scf_provisioned_concurrency_config.pc
  to   = scf_provisioned_concurrency.pc
}

resource "scf_provisioned_concurrency" "pc" {
  namespace                   = %[1]q
  function_name               = %[2]q
  qualifier                   = "1"
  provisioned_concurrency_num = 2
}
`, namespace, function, cron))
	moves := map[string]string{
		"scf_trigger.nightly":            "tencentcloud_scf_trigger.nightly",
		"scf_reserved_concurrency.rc":    "tencentcloud_scf_reserved_concurrency_config.rc",
		"scf_provisioned_concurrency.pc": "tencentcloud_scf_provisioned_concurrency_config.pc",
	}
	before := env.fake.Stats().Requests

	// Without a refresh the moved state alone meets the configuration: it
	// is what Read would make of the objects.
	if res := cli.run(ctx, nil, "plan", "-refresh=false", "-out=unrefreshed.tfplan", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Fatalf("plan -refresh=false failed:\n%s", res.Output())
	}
	for _, rc := range showPlan(ctx, t, cli, "unrefreshed.tfplan").ResourceChanges {
		if !rc.Change.Actions.NoOp() || rc.PreviousAddress != moves[rc.Address] {
			t.Errorf("without refresh, %s (moved from %q): %s, want a no-op move; before %v after %v", rc.Address,
				rc.PreviousAddress, actionsName(rc.Change.Actions), rc.Change.Before, rc.Change.After)
		}
	}

	res := cli.run(ctx, nil, "plan", "-out=moves.tfplan", "-input=false", "-no-color")
	if res.ExitCode != 0 {
		t.Fatalf("plan failed:\n%s", res.Output())
	}
	for to, from := range moves {
		if want := from + " has moved to " + to; !strings.Contains(res.Stdout, want) {
			t.Errorf("the plan does not say %q:\n%s", want, res.Stdout)
		}
	}
	plan := showPlan(ctx, t, cli, "moves.tfplan")
	if len(plan.ResourceChanges) != len(moves) {
		t.Fatalf("the plan has %d resource changes, want the %d moves:\n%s", len(plan.ResourceChanges), len(moves), res.Stdout)
	}
	for _, rc := range plan.ResourceChanges {
		if rc.PreviousAddress != moves[rc.Address] {
			t.Errorf("%s: previous address %q, want %q", rc.Address, rc.PreviousAddress, moves[rc.Address])
		}
		if !rc.Change.Actions.NoOp() {
			t.Errorf("%s: %s, want no-op; before %v after %v", rc.Address, actionsName(rc.Change.Actions), rc.Change.Before, rc.Change.After)
		}
	}

	if res := cli.run(ctx, nil, "apply", "-input=false", "-no-color", "moves.tfplan"); res.ExitCode != 0 {
		t.Fatalf("apply failed:\n%s", res.Output())
	}
	for action, n := range env.fake.Stats().Requests {
		if n > before[action] && !strings.HasPrefix(action, "Get") && !strings.HasPrefix(action, "List") {
			t.Errorf("the plan and apply of the moves made %d %s calls, want reads only", n-before[action], action)
		}
	}

	state := showState(ctx, t, cli)
	var addresses []string
	for _, r := range state.Values.RootModule.Resources {
		addresses = append(addresses, r.Address)
		if !strings.HasSuffix(r.ProviderName, "/scfprovider/scf") {
			t.Errorf("%s is managed by %s after the move, want scfprovider/scf", r.Address, r.ProviderName)
		}
		want := map[string]map[string]any{
			"scf_trigger.nightly": {"namespace": namespace, "function_name": function, "type": "timer", "name": "nightly",
				"qualifier": "$DEFAULT"},
			"scf_reserved_concurrency.rc":    {"namespace": namespace, "function_name": function},
			"scf_provisioned_concurrency.pc": {"namespace": namespace, "function_name": function, "qualifier": "1"},
		}[r.Address]
		if fmt.Sprint(r.IdentityValues) != fmt.Sprint(want) {
			t.Errorf("%s: identity %v, want %v", r.Address, r.IdentityValues, want)
		}
	}
	slices.Sort(addresses)
	if strings.Join(addresses, " ") != "scf_provisioned_concurrency.pc scf_reserved_concurrency.rc scf_trigger.nightly" {
		t.Errorf("state holds %v", addresses)
	}
	if res := cli.run(ctx, nil, "plan", "-detailed-exitcode", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Errorf("the plan after the moves is not empty (exit %d):\n%s", res.ExitCode, res.Output())
	}
}

// TestAccProvisionedConcurrencyMovedFromTencentcloudRefused: concurrency
// that scales by utilization stops the plan with the provider's
// diagnostic, which names the attributes and the way out.
func TestAccProvisionedConcurrencyMovedFromTencentcloudRefused(t *testing.T) {
	cli := movedCLI(t)
	env := newTestEnv(t, fakescf.Options{})
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Minute)
	defer cancel()
	writeEstateState(t, cli, tencentcloudProvisionedConcurrencyType)
	adaptStateAttributes(t, cli, func(a map[string]any) {
		a["provisioned_type"], a["tracking_target"], a["min_capacity"], a["max_capacity"] = "ConcurrencyUtilizationTracking", 0.6, 1, 4
	})
	movedConfig(t, cli, env, `
moved {
  from = tencentcloud_scf_provisioned_concurrency_config.pc
  to   = scf_provisioned_concurrency.pc
}

resource "scf_provisioned_concurrency" "pc" {
  namespace                   = "mig-ns"
  function_name               = "mig-fn"
  qualifier                   = "1"
  provisioned_concurrency_num = 2
}
`)
	res := cli.run(ctx, nil, "plan", "-json", "-input=false")
	if res.ExitCode == 0 {
		t.Fatalf("the plan succeeded:\n%s", res.Output())
	}
	errs := res.errors()
	if summary := concurrencyDiagnostics.unable("Move"); len(errs) != 1 || errs[0].Summary != summary {
		t.Fatalf("want one %q error, got %+v\n%s", summary, errs, res.Output())
	}
	for _, want := range []string{"mig-ns/mig-fn/1", "tracking_target", "min_capacity", "max_capacity", "removed {",
		`id = "mig-ns/mig-fn/1"`} {
		if !strings.Contains(errs[0].Detail, want) {
			t.Errorf("the error detail lacks %q: %s", want, errs[0].Detail)
		}
	}
}

// writeEstateState writes terraform.tfstate with the resources of the given
// types from the recorded estate (testdata/tencentcloud_scf_estate_state.json)
// as the official provider wrote them, under the CLI's registry host.
func writeEstateState(t *testing.T, cli *terraformCLI, types ...string) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "tencentcloud_scf_estate_state.json"))
	if err != nil {
		t.Fatal(err)
	}
	var state map[string]json.RawMessage
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	var resources, kept []map[string]any
	if err := json.Unmarshal(state["resources"], &resources); err != nil {
		t.Fatal(err)
	}
	for _, r := range resources {
		if typ, _ := r["type"].(string); slices.Contains(types, typ) {
			r["provider"] = strings.Replace(r["provider"].(string), "registry.terraform.io", providerHost(), 1) //nolint:forcetypeassert // the recorded state
			delete(r, "dependencies")
			kept = append(kept, r)
		}
	}
	if len(kept) != len(types) {
		t.Fatalf("the estate has %d resources of %v, want one of each", len(kept), types)
	}
	state["resources"] = rawJSON(t, kept)
	writeStateFile(t, cli, state)
}

// adaptStateAttributes changes the attributes of every instance in
// terraform.tfstate.
func adaptStateAttributes(t *testing.T, cli *terraformCLI, adapt func(map[string]any)) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(cli.dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	var state map[string]json.RawMessage
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	var resources []struct {
		Mode      string           `json:"mode"`
		Type      string           `json:"type"`
		Name      string           `json:"name"`
		Provider  string           `json:"provider"`
		Instances []map[string]any `json:"instances"`
	}
	if err := json.Unmarshal(state["resources"], &resources); err != nil {
		t.Fatal(err)
	}
	for _, r := range resources {
		for _, i := range r.Instances {
			a, _ := i["attributes"].(map[string]any)
			adapt(a)
		}
	}
	state["resources"] = rawJSON(t, resources)
	writeStateFile(t, cli, state)
}

func writeStateFile(t *testing.T, cli *terraformCLI, state map[string]json.RawMessage) {
	t.Helper()
	out, err := json.MarshalIndent(state, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cli.dir, "terraform.tfstate"), out, 0o600); err != nil {
		t.Fatal(err)
	}
}
