package provider

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"math/big"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	tfjson "github.com/hashicorp/terraform-json"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// The harness of move_tencentcloud_function_acc_test.go and
// move_tencentcloud_estate_acc_test.go, whose tests take objects over from
// the official provider with `moved` blocks through the real CLI: plugin-testing can neither start from a state file another
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
// left it: recording, a state it wrote in testdata, plus copies of its
// resources under other names (clones: new name → recorded name), each
// instance's attributes changed by adapt, which drops the resource by
// returning false. Attributes are kept as raw JSON, so every one the
// provider wrote is written back as it was.
func writeTencentcloudState(t *testing.T, cli *terraformCLI, recording string, clones map[string]string,
	adapt func(typeName, name string, attributes map[string]json.RawMessage) (keep bool)) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", recording))
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
		if adapt(r.Type, r.Name, r.Instances[0].Attributes) {
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

// The unit tests of the moves of the estate's other kinds
// (move_tencentcloud_<kind>_test.go) start from the state the official
// provider wrote for one object of each kind, and go through the served
// protocol as those of the function do.

const estateStateFile = "tencentcloud_scf_estate_state.json"

// estateInstance returns the attributes the official provider wrote for the
// one resource of typeName in testdata/tencentcloud_scf_estate_state.json.
func estateInstance(t *testing.T, typeName string) json.RawMessage {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", estateStateFile))
	if err != nil {
		t.Fatal(err)
	}
	var state recordedTencentcloudState
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	for _, r := range state.Resources {
		if r.Type != typeName {
			continue
		}
		if want := `provider["` + tencentcloudAddress + `"]`; r.Provider != want {
			t.Fatalf("recorded provider %s, want %s", r.Provider, want)
		}
		if len(r.Instances) != 1 || r.Instances[0].SchemaVersion != 0 {
			t.Fatalf("recorded %s: want one instance at schema version 0", typeName)
		}
		return r.Instances[0].Attributes
	}
	t.Fatalf("no %s in the recorded estate", typeName)
	return nil
}

// estateAttributes is estateInstance as a map, for tests that change it.
func estateAttributes(t *testing.T, typeName string) map[string]any {
	t.Helper()
	var attributes map[string]any
	if err := json.Unmarshal(estateInstance(t, typeName), &attributes); err != nil {
		t.Fatal(err)
	}
	return attributes
}

// estateMoveRequest is the MoveResourceState call Terraform makes for a
// `moved` block from the recorded object of source to target.
func estateMoveRequest(t *testing.T, source, target string) *tfprotov6.MoveResourceStateRequest {
	t.Helper()
	req := moveRequest(estateInstance(t, source))
	req.SourceTypeName, req.TargetTypeName = source, target
	return req
}

// moveInto runs req through the provider server as main.go serves it and
// decodes the moved state into model, a pointer to r's model, so the result
// is also checked against r's schema. It returns the moved identity and the
// diagnostics.
func moveInto(t *testing.T, req *tfprotov6.MoveResourceStateRequest, r resource.Resource, model any) (map[string]tftypes.Value, []*tfprotov6.Diagnostic) {
	t.Helper()
	ctx := context.Background()
	server := NewProtocol6Server("test")()
	resp, err := server.MoveResourceState(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if resp.TargetState == nil {
		if resp.TargetIdentity != nil {
			t.Error("a move without a state gave an identity")
		}
		return nil, resp.Diagnostics
	}
	schemaResp, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := resp.TargetState.Unmarshal(schemaResp.ResourceSchemas[req.TargetTypeName].ValueType())
	if err != nil {
		t.Fatalf("the moved state does not match the schema: %s", err)
	}
	if !raw.IsFullyKnown() {
		t.Fatal("the moved state holds unknown values")
	}
	var schemaOut resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &schemaOut)
	if d := (tfsdk.State{Schema: schemaOut.Schema, Raw: raw}).Get(ctx, model); d.HasError() {
		t.Fatalf("decoding the moved state: %v", d)
	}
	if resp.TargetIdentity == nil || resp.TargetIdentity.IdentityData == nil {
		t.Fatal("the move gave no identity")
	}
	schemas, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	rawIdentity, err := resp.TargetIdentity.IdentityData.Unmarshal(schemas.IdentitySchemas[req.TargetTypeName].ValueType())
	if err != nil {
		t.Fatalf("the moved identity does not match the identity schema: %s", err)
	}
	var identity map[string]tftypes.Value
	if err := rawIdentity.As(&identity); err != nil {
		t.Fatal(err)
	}
	return identity, resp.Diagnostics
}

// mustMoveInto is moveInto for a move that succeeds without a diagnostic.
func mustMoveInto(t *testing.T, req *tfprotov6.MoveResourceStateRequest, r resource.Resource, model any) map[string]tftypes.Value {
	t.Helper()
	identity, diags := moveInto(t, req, r, model)
	for _, d := range diags {
		t.Fatalf("move: %s: %s: %s", d.Severity, d.Summary, d.Detail)
	}
	return identity
}

// expectIdentity checks the moved identity's attributes; a number is given
// as its decimal text.
func expectIdentity(t *testing.T, identity map[string]tftypes.Value, want map[string]string) {
	t.Helper()
	if len(identity) != len(want) {
		t.Errorf("moved identity has %d attributes, want %d", len(identity), len(want))
	}
	for attribute, w := range want {
		v := identity[attribute]
		var got string
		if v.Type().Is(tftypes.Number) {
			var n big.Float
			if err := v.As(&n); err != nil {
				t.Fatal(err)
			}
			got = n.Text('f', -1)
		} else if err := v.As(&got); err != nil {
			t.Fatalf("moved identity %s: %s", attribute, err)
		}
		if got != w {
			t.Errorf("moved identity %s = %q, want %q", attribute, got, w)
		}
	}
}

// expectRefusal checks that a move failed with one error under summary
// whose detail has every one of wants.
func expectRefusal(t *testing.T, diags []*tfprotov6.Diagnostic, summary string, wants ...string) {
	t.Helper()
	if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError || diags[0].Summary != summary {
		for _, d := range diags {
			t.Logf("%s: %s: %s", d.Severity, d.Summary, d.Detail)
		}
		t.Fatalf("want one %q error, got %d diagnostics", summary, len(diags))
	}
	for _, w := range wants {
		if !strings.Contains(diags[0].Detail, w) {
			t.Errorf("detail lacks %q: %s", w, diags[0].Detail)
		}
	}
}

// testMoveRefusals runs the refusals every move shares on the recorded
// object of source: a newer schema version, a state not in JSON form and
// one that cannot be decoded (unreadable, a JSON state whose attribute
// has another type), each with the way out.
func testMoveRefusals(t *testing.T, source, target string, r func() resource.Resource, summary, unreadable string) {
	t.Helper()
	for name, tc := range map[string]struct {
		change func(*tfprotov6.MoveResourceStateRequest)
		want   []string
	}{
		"newer schema version": {func(req *tfprotov6.MoveResourceStateRequest) { req.SourceSchemaVersion = 1 },
			[]string{"schema version 1", target + " can move version 0 only", "removed {", "destroy = false", "import {"}},
		"not JSON": {func(req *tfprotov6.MoveResourceStateRequest) { req.SourceState.JSON = nil },
			[]string{"not in JSON form", "removed {"}},
		"unreadable state": {func(req *tfprotov6.MoveResourceStateRequest) { req.SourceState.JSON = []byte(unreadable) },
			[]string{"could not be read", "removed {", "import {"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := estateMoveRequest(t, source, target)
			tc.change(req)
			var model map[string]any // never decoded: the move fails
			_, diags := moveInto(t, req, r(), &model)
			expectRefusal(t, diags, summary, tc.want...)
		})
	}
}

// testMoveLeavesOtherSourcesAlone: a move from another provider's type of
// the same name, or from another of the official provider's types, is not
// target's to make, and the framework refuses it; OpenTofu's address of
// the official provider is accepted.
func testMoveLeavesOtherSourcesAlone(t *testing.T, source, target string, r func() resource.Resource, model any) {
	t.Helper()
	for name, change := range map[string]func(*tfprotov6.MoveResourceStateRequest){
		"another provider's type": func(req *tfprotov6.MoveResourceStateRequest) {
			req.SourceProviderAddress = "registry.terraform.io/example/tencentcloud"
		},
		"another resource type": func(req *tfprotov6.MoveResourceStateRequest) { req.SourceTypeName = "tencentcloud_scf_custom_domain" },
		"the function's type":   func(req *tfprotov6.MoveResourceStateRequest) { req.SourceTypeName = tencentcloudFunctionType },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := estateMoveRequest(t, source, target)
			change(req)
			var m map[string]any
			_, diags := moveInto(t, req, r(), &m)
			if len(diags) != 1 || diags[0].Summary != "Unable to Move Resource State" ||
				!strings.Contains(diags[0].Detail, req.SourceProviderAddress) {
				t.Fatalf("want the framework's refusal, got %v", diags)
			}
		})
	}
	t.Run("OpenTofu's address", func(t *testing.T) {
		req := estateMoveRequest(t, source, target)
		req.SourceProviderAddress = "registry.opentofu.org/tencentcloudstack/tencentcloud"
		mustMoveInto(t, req, r(), model)
	})
}
