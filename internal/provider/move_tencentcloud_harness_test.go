package provider

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
)

// The harness of move_tencentcloud_function_acc_test.go, whose tests take
// functions over from the official provider with `moved` blocks through the
// real CLI: plugin-testing can neither start from a state file another
// provider wrote nor serve two in-process providers from different
// namespaces (it puts every one under TF_ACC_PROVIDER_NAMESPACE).
// Terraform also insists on the source provider being installed, so a
// stand-in serving its schema (testprovider/tencentcloud) is built next to
// this provider and installed through dev_overrides as well.

var standInBuild struct {
	once sync.Once
	err  error
}

// movedCLI is a terraformCLI that also has the tencentcloud stand-in, or
// skips the test when the CLI cannot move across providers.
func movedCLI(t *testing.T) *terraformCLI {
	t.Helper()
	cli := newTerraformCLI(t)
	cli.skipUnlessCLIHas(featureMoveAcrossProviders)
	binDir := providerBinaryDir(t)
	standInBuild.once.Do(func() {
		root, err := filepath.Abs(filepath.Join("..", ".."))
		if err != nil {
			standInBuild.err = err
			return
		}
		cmd := exec.CommandContext(t.Context(), "go", "build", "-o", filepath.Join(binDir, "terraform-provider-tencentcloud"),
			"./internal/provider/testprovider/tencentcloud")
		cmd.Dir = root
		if out, err := cmd.CombinedOutput(); err != nil {
			standInBuild.err = fmt.Errorf("go build of the tencentcloud stand-in failed: %w\n%s", err, out)
		}
	})
	if standInBuild.err != nil {
		t.Fatal(standInBuild.err)
	}
	rc := fmt.Sprintf(`provider_installation {
  dev_overrides {
    "%[1]s/scfprovider/scf" = %[2]q
    "%[1]s/tencentcloudstack/tencentcloud" = %[2]q
  }
  direct {}
}
`, providerHost(), binDir)
	if err := os.WriteFile(cliConfigFile(t, cli), []byte(rc), 0o600); err != nil {
		t.Fatal(err)
	}
	return cli
}

func cliConfigFile(t *testing.T, cli *terraformCLI) string {
	t.Helper()
	for _, kv := range cli.env {
		if file, ok := strings.CutPrefix(kv, "TF_CLI_CONFIG_FILE="); ok {
			return file
		}
	}
	t.Fatal("the CLI has no TF_CLI_CONFIG_FILE")
	return ""
}

// movedConfig writes main.tf: both providers required, as while migrating,
// and this provider pointed at the fake.
func movedConfig(t *testing.T, cli *terraformCLI, env *testEnv, resources string) {
	t.Helper()
	config := fmt.Sprintf(`
terraform {
  required_providers {
    scf          = { source = "%[1]s/scfprovider/scf" }
    tencentcloud = { source = "%[1]s/tencentcloudstack/tencentcloud" }
  }
}
`, providerHost()) + env.providerBlock() + resources
	if err := os.WriteFile(filepath.Join(cli.dir, "main.tf"), []byte(config), 0o600); err != nil {
		t.Fatal(err)
	}
}

// writeTencentcloudState writes terraform.tfstate as the official provider
// left it: the recorded state, plus copies of its resources under other
// names (clones: new name → recorded name), each instance's attributes
// changed by adapt, which drops the resource by returning false.
// Attributes are kept as raw JSON, so every one the provider wrote is
// written back as it was.
func writeTencentcloudState(t *testing.T, cli *terraformCLI, clones map[string]string,
	adapt func(name string, attributes map[string]json.RawMessage) (keep bool)) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "tencentcloud_scf_function_state.json"))
	if err != nil {
		t.Fatal(err)
	}
	type instance struct {
		SchemaVersion       int64                      `json:"schema_version"`
		Attributes          map[string]json.RawMessage `json:"attributes"`
		SensitiveAttributes []json.RawMessage          `json:"sensitive_attributes"`
		Private             string                     `json:"private"`
	}
	type stateResource struct {
		Mode      string     `json:"mode"`
		Type      string     `json:"type"`
		Name      string     `json:"name"`
		Provider  string     `json:"provider"`
		Instances []instance `json:"instances"`
	}
	var state struct {
		Version          int               `json:"version"`
		TerraformVersion string            `json:"terraform_version"`
		Serial           int               `json:"serial"`
		Lineage          string            `json:"lineage"`
		Outputs          struct{}          `json:"outputs"`
		CheckResults     []json.RawMessage `json:"check_results"`
		Resources        []stateResource   `json:"resources"`
	}
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	for name, from := range clones {
		var copied stateResource
		for _, r := range state.Resources {
			if r.Name == from {
				// a deep copy: the attributes are adapted separately
				if err := json.Unmarshal(rawJSON(t, r), &copied); err != nil {
					t.Fatal(err)
				}
			}
		}
		if copied.Name == "" {
			t.Fatalf("no recorded resource %s to copy", from)
		}
		copied.Name = name
		state.Resources = append(state.Resources, copied)
	}
	kept := state.Resources[:0]
	for _, r := range state.Resources {
		r.Provider = strings.Replace(r.Provider, "registry.terraform.io", providerHost(), 1)
		if adapt(r.Name, r.Instances[0].Attributes) {
			kept = append(kept, r)
		}
	}
	state.Resources = kept
	out, err := json.MarshalIndent(state, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(cli.dir, "terraform.tfstate"), out, 0o600); err != nil {
		t.Fatal(err)
	}
}

func rawJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

func showPlan(ctx context.Context, t *testing.T, cli *terraformCLI, file string) *tfjson.Plan {
	t.Helper()
	res := cli.run(ctx, nil, "show", "-json", file)
	if res.ExitCode != 0 {
		t.Fatalf("show failed:\n%s", res.Output())
	}
	var plan tfjson.Plan
	if err := json.Unmarshal([]byte(res.Stdout), &plan); err != nil {
		t.Fatal(err)
	}
	return &plan
}

func showState(ctx context.Context, t *testing.T, cli *terraformCLI) *tfjson.State {
	t.Helper()
	res := cli.run(ctx, nil, "show", "-json")
	if res.ExitCode != 0 {
		t.Fatalf("show failed:\n%s", res.Output())
	}
	var state tfjson.State
	if err := json.Unmarshal([]byte(res.Stdout), &state); err != nil {
		t.Fatal(err)
	}
	if state.Values == nil || state.Values.RootModule == nil {
		t.Fatalf("the state is empty:\n%s", res.Stdout)
	}
	return &state
}

func base64File(t *testing.T, p string) string {
	t.Helper()
	content, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return base64.StdEncoding.EncodeToString(content)
}

func actionsName(a tfjson.Actions) string {
	switch {
	case a.NoOp():
		return "no-op"
	case a.Update():
		return "update"
	case a.Replace():
		return "replace"
	}
	return fmt.Sprint([]tfjson.Action(a))
}
