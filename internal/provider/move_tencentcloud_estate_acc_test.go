package provider

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/go-version"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// TestAccEstateMovedFromTencentcloud: the whole recorded estate, its
// namespace, layer version, function, function version, alias, timer
// trigger, reserved and provisioned concurrency (made here out of band in
// the fake, as the recorded state describes them), is taken over in one
// plan with `moved` blocks and an equivalent configuration, written as
// this provider names the arguments. The plan shows the moves and nothing
// else; neither it nor the apply calls a mutating API; the apply records
// each object's identity; the plan after it, with its refresh, is empty.
func TestAccEstateMovedFromTencentcloud(t *testing.T) {
	cli := movedCLI(t)
	env := newTestEnv(t, fakescf.Options{})
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()

	// The estate, as estate.main.tf made it with the official provider.
	const namespace, function, cron = "mig-ns", "mig-fn", "0 0 2 * * * *"
	if err := env.client.CreateNamespace(ctx, namespace, "made by tencentcloud"); err != nil {
		t.Fatal(err)
	}
	ns, err := env.client.FindNamespace(ctx, namespace)
	if err != nil || ns == nil {
		t.Fatalf("the namespace was not listed: %v", err)
	}
	layerZip := writeZip(t, cli.dir, "layer.zip", map[string]string{"python/libs.py": "VERSION = 1\n"})
	encodedLayer := base64File(t, layerZip)
	layerVersion, err := env.client.PublishLayerVersion(ctx, &scfapi.PublishLayerVersionRequest{
		LayerName: ptr("mig-libs"), Description: ptr("libs"), CompatibleRuntimes: []*string{ptr("Python3.9")},
		Content: &scfapi.Code{ZipFile: &encodedLayer},
	}, "")
	if err != nil {
		t.Fatal(err)
	}
	layer, err := env.client.WaitForLayerVersionActive(ctx, "mig-libs", layerVersion)
	if err != nil {
		t.Fatal(err)
	}
	fnZip := writeZip(t, cli.dir, "fn.zip", map[string]string{"index.py": "def main(event, context):\n    return 'ok'\n"})
	fn := env.createOutOfBand(namespace, function, fnZip, func(r *scfapi.CreateFunctionRequest) {
		r.Handler, r.Runtime, r.MemorySize, r.Timeout = ptr("index.main"), ptr("Python3.9"), ptr(int64(256)), ptr(int64(30))
		r.Environment = &scfapi.Environment{Variables: []*scfapi.Variable{{Key: ptr("STAGE"), Value: ptr("prod")}}}
		r.Layers = []*scfapi.LayerVersionSimple{{LayerName: ptr("mig-libs"), LayerVersion: ptr(layerVersion)}}
	})
	published, err := env.client.PublishVersion(ctx, namespace, function, "release 1")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := env.client.WaitForVersionActive(ctx, namespace, function, published); err != nil {
		t.Fatal(err)
	}
	if err := env.client.CreateAlias(ctx, &scfapi.AliasRequest{Name: ptr("live"), FunctionName: ptr(function),
		Namespace: ptr(namespace), FunctionVersion: ptr(published), Description: ptr("live traffic")}); err != nil {
		t.Fatal(err)
	}
	if layerVersion != 1 || published != "1" {
		t.Fatalf("published layer version %d and function version %s, want 1 and 1 as recorded", layerVersion, published)
	}
	if err := env.client.CreateTrigger(ctx, scfapi.TriggerSpec{Namespace: namespace, FunctionName: function, Qualifier: "$DEFAULT",
		Type: scfapi.TriggerTimer, Name: "nightly", Desc: cron, Enable: true}); err != nil {
		t.Fatal(err)
	}
	// The function's inline trigger: the official provider makes it on
	// $LATEST.
	if err := env.client.CreateTrigger(ctx, scfapi.TriggerSpec{Namespace: namespace, FunctionName: function, Qualifier: "$LATEST",
		Type: scfapi.TriggerTimer, Name: "inline-tick", Desc: "0 */5 * * * * *", Enable: true}); err != nil {
		t.Fatal(err)
	}
	if err := env.client.PutReservedConcurrency(ctx, namespace, function, 1024); err != nil {
		t.Fatal(err)
	}
	if err := env.client.PutProvisionedConcurrency(ctx, namespace, function, published, 2); err != nil {
		t.Fatal(err)
	}
	if _, err := env.client.WaitForProvisionedConcurrency(ctx, namespace, function, published); err != nil {
		t.Fatal(err)
	}

	// The recorded state, with what the fake made of the objects.
	moved := map[string]string{
		"tencentcloud_scf_namespace.team":                    "scf_namespace.team",
		"tencentcloud_scf_layer.libs":                        "scf_layer_version.libs",
		"tencentcloud_scf_function.fn":                       "scf_function.fn",
		"tencentcloud_scf_function_version.v1":               "scf_function_version.v1",
		"tencentcloud_scf_function_alias.live":               "scf_function_alias.live",
		"tencentcloud_scf_trigger.nightly":                   "scf_trigger.nightly",
		"tencentcloud_scf_reserved_concurrency_config.rc":    "scf_reserved_concurrency.rc",
		"tencentcloud_scf_provisioned_concurrency_config.pc": "scf_provisioned_concurrency.pc",
	}
	writeTencentcloudState(t, cli, estateStateFile, nil, func(typeName, name string, a map[string]json.RawMessage) bool {
		switch typeName {
		case tencentcloudNamespaceType:
			a["create_time"], a["modify_time"], a["type"] = rawJSON(t, ns.AddTime), rawJSON(t, ns.ModTime), rawJSON(t, ns.Type)
		case tencentcloudLayerType:
			a["code_sha_256"], a["create_time"] = rawJSON(t, layer.CodeSha256), rawJSON(t, layer.AddTime)
			a["location"], a["status"] = rawJSON(t, layer.Location), rawJSON(t, layer.Status)
		case tencentcloudFunctionType:
			a["function_id"], a["modify_time"], a["code_size"] = rawJSON(t, fn.FunctionId), rawJSON(t, fn.ModTime), rawJSON(t, fn.CodeSize)
			a["cls_logset_id"], a["cls_topic_id"] = rawJSON(t, fn.ClsLogsetId), rawJSON(t, fn.ClsTopicId)
		}
		if _, keep := moved[typeName+"."+name]; !keep {
			t.Fatalf("the recorded estate has %s.%s, which this test does not move", typeName, name)
		}
		return true
	})
	// The configuration is the migration guide's example, as users copy it.
	guide, err := os.ReadFile(filepath.Join("..", "..", "examples", "guides", "tencentcloud-estate", "scf.tf"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(guide), `cron_expression = "`+cron+`"`) {
		t.Fatalf("the guide's example no longer schedules the nightly trigger at %q", cron)
	}
	movedConfig(t, cli, env, string(guide))
	// The function's inline trigger, which the guide imports as its own
	// scf_trigger.
	const imported = "scf_trigger.inline_tick"
	requestsBefore := env.fake.Stats().Requests

	// Without a refresh the moved state alone meets the configuration: it
	// is what Read would make of the objects. The function is the
	// exception: its move leaves to the refresh what the official provider
	// does not know (init_timeout, code_sha256 among others).
	if res := cli.run(ctx, nil, "plan", "-refresh=false", "-out=unrefreshed.tfplan", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Fatalf("plan -refresh=false failed:\n%s", res.Output())
	}
	for _, rc := range showPlan(ctx, t, cli, "unrefreshed.tfplan").ResourceChanges {
		if rc.Address == "scf_function.fn" || rc.Address == imported {
			continue
		}
		if !rc.Change.Actions.NoOp() || rc.PreviousAddress == "" || moved[rc.PreviousAddress] != rc.Address {
			t.Errorf("without refresh, %s (moved from %q): %s, want a no-op move; before %v after %v", rc.Address,
				rc.PreviousAddress, actionsName(rc.Change.Actions), rc.Change.Before, rc.Change.After)
		}
	}

	res := cli.run(ctx, nil, "plan", "-out=moves.tfplan", "-input=false", "-no-color")
	if res.ExitCode != 0 {
		t.Fatalf("plan failed:\n%s", res.Output())
	}
	for from, to := range moved {
		if want := from + " has moved to " + to; !strings.Contains(res.Stdout, want) {
			t.Errorf("the plan does not say %q:\n%s", want, res.Stdout)
		}
	}
	plan := showPlan(ctx, t, cli, "moves.tfplan")
	if len(plan.ResourceChanges) != len(moved)+1 {
		t.Errorf("the plan has %d resource changes, want the %d moves and the import:\n%s", len(plan.ResourceChanges), len(moved), res.Stdout)
	}
	for _, rc := range plan.ResourceChanges {
		if rc.Address == imported {
			if rc.Change.Importing == nil || rc.Change.Importing.ID != namespace+"/"+function+"/timer/inline-tick" || !rc.Change.Actions.NoOp() {
				t.Errorf("%s: %s, importing %+v; want an import only", rc.Address, actionsName(rc.Change.Actions), rc.Change.Importing)
			}
			continue
		}
		if rc.PreviousAddress == "" || moved[rc.PreviousAddress] != rc.Address {
			t.Errorf("%s: previous address %q, want a move", rc.Address, rc.PreviousAddress)
		}
		if !rc.Change.Actions.NoOp() {
			t.Errorf("%s: %s, want no-op; before %v after %v", rc.Address, actionsName(rc.Change.Actions), rc.Change.Before, rc.Change.After)
		}
	}

	if res := cli.run(ctx, nil, "apply", "-input=false", "-no-color", "moves.tfplan"); res.ExitCode != 0 {
		t.Fatalf("apply failed:\n%s", res.Output())
	}
	for action, n := range env.fake.Stats().Requests {
		if grew := n - requestsBefore[action]; grew > 0 && !strings.HasPrefix(action, "Get") && !strings.HasPrefix(action, "List") {
			t.Errorf("planning and applying the moves sent %d %s requests, want only reads", grew, action)
		}
	}
	state := showState(ctx, t, cli)
	if got := len(state.Values.RootModule.Resources); got != len(moved)+1 {
		t.Errorf("state holds %d resources, want %d", got, len(moved)+1)
	}
	for _, r := range state.Values.RootModule.Resources {
		if !strings.HasSuffix(r.ProviderName, "/scfprovider/scf") {
			t.Errorf("%s is managed by %s after the move, want scfprovider/scf", r.Address, r.ProviderName)
		}
	}
	expectEstateIdentities(t, cli, map[string]map[string]any{
		"scf_namespace.team":      {"name": namespace},
		"scf_layer_version.libs":  {"layer_name": "mig-libs", "layer_version": 1.0},
		"scf_function.fn":         {"namespace": namespace, "name": function},
		"scf_function_version.v1": {"namespace": namespace, "function_name": function, "version": "1"},
		"scf_function_alias.live": {"namespace": namespace, "function_name": function, "name": "live"},
		"scf_trigger.nightly": {"namespace": namespace, "function_name": function, "type": "timer", "name": "nightly",
			"qualifier": "$DEFAULT"},
		imported: {"namespace": namespace, "function_name": function, "type": "timer", "name": "inline-tick",
			"qualifier": "$LATEST"},
		"scf_reserved_concurrency.rc":    {"namespace": namespace, "function_name": function},
		"scf_provisioned_concurrency.pc": {"namespace": namespace, "function_name": function, "qualifier": "1"},
	})

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
	writeTencentcloudState(t, cli, estateStateFile, nil, func(typeName, _ string, a map[string]json.RawMessage) bool {
		if typeName != tencentcloudProvisionedConcurrencyType {
			return false
		}
		a["provisioned_type"], a["tracking_target"] = rawJSON(t, "ConcurrencyUtilizationTracking"), rawJSON(t, 0.6)
		a["min_capacity"], a["max_capacity"] = rawJSON(t, 1), rawJSON(t, 4)
		return true
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
	if summary := provisionedMove.summary; len(errs) != 1 || errs[0].Summary != summary {
		t.Fatalf("want one %q error, got %+v\n%s", summary, errs, res.Output())
	}
	for _, want := range []string{"mig-ns/mig-fn/1", "tracking_target", "min_capacity", "max_capacity", "removed {",
		`id = "mig-ns/mig-fn/1"`} {
		if !strings.Contains(errs[0].Detail, want) {
			t.Errorf("the error detail lacks %q: %s", want, errs[0].Detail)
		}
	}
}

// expectEstateIdentities checks the identity each resource has in the
// state file, on a CLI that keeps identities.
func expectEstateIdentities(t *testing.T, cli *terraformCLI, want map[string]map[string]any) {
	t.Helper()
	v, err := version.NewVersion(cli.version(t.Context()).number)
	if err != nil {
		t.Fatal(err)
	}
	if why := featureIdentity.lacking(v); why != "" {
		t.Logf("identities not checked: %s", why)
		return
	}
	raw, err := os.ReadFile(filepath.Join(cli.dir, "terraform.tfstate"))
	if err != nil {
		t.Fatal(err)
	}
	var state struct {
		Resources []struct {
			Type, Name string
			Instances  []struct {
				Identity map[string]any `json:"identity"`
			} `json:"instances"`
		} `json:"resources"`
	}
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	for _, r := range state.Resources {
		address := r.Type + "." + r.Name
		w, ok := want[address]
		if !ok || len(r.Instances) != 1 {
			t.Errorf("%s: unexpected in state, or not one instance", address)
			continue
		}
		got := r.Instances[0].Identity
		if len(got) != len(w) {
			t.Errorf("%s: identity %v, want %v", address, got, w)
			continue
		}
		for attribute, value := range w {
			if got[attribute] != value {
				t.Errorf("%s: identity %s = %v, want %v", address, attribute, got[attribute], value)
			}
		}
	}
}
