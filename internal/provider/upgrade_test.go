package provider

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

// Upgrades never replace. testdata/upgrade holds, for versions of this
// provider, the state each wrote for every example of the docs (every
// resource kind, in the shapes users copy): the example's configuration as
// it was then (resources.tf), the Terraform state (state.json, named so that
// it is never taken for a working directory's state file), the
// fake's store holding the objects (fake.json) and the code the example
// deploys (code.zip). TestAccUpgradesPlanNoChange plans each with today's
// provider; TestRecordUpgradeStates writes a new recording. Recordings are
// never rewritten: each later change adds one, so every earlier state stays
// checked.
const upgradeRecordings = "testdata/upgrade"

// upgradeZip is the code of every recorded example, relative to the working
// directory, so that recorded states name the same file wherever they run.
const upgradeZip = "code.zip"

// recordedState is the name of a recording's Terraform state.
const recordedState = "state.json"

// TestAccUpgradesPlanNoChange plans every recorded state with today's
// provider, refreshing and not: no change, so no replacement, and nothing
// sent but reads.
func TestAccUpgradesPlanNoChange(t *testing.T) {
	newestCLIsOnly(t)
	recordings, err := filepath.Glob(filepath.Join(upgradeRecordings, "*", "*", recordedState))
	if err != nil || len(recordings) == 0 {
		t.Fatalf("no recorded states under %s (%v)", upgradeRecordings, err)
	}
	versions := map[string]bool{}
	for _, stateFile := range recordings {
		dir := filepath.Dir(stateFile)
		versions[filepath.Base(filepath.Dir(dir))] = true
		name := filepath.Base(filepath.Dir(dir)) + "/" + filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			planRecording(t, dir)
		})
	}
	t.Logf("%d recorded states of %d provider versions", len(recordings), len(versions))
}

func planRecording(t *testing.T, recording string) {
	work := t.TempDir()
	fakeStore := filepath.Join(work, "fake.json")
	copyFile(t, filepath.Join(recording, "fake.json"), fakeStore)
	env := newTestEnv(t, fakescf.Options{StatePath: fakeStore})
	cli := newTerraformCLI(t)
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	version := cli.version(ctx)
	resources, err := os.ReadFile(filepath.Join(recording, "resources.tf"))
	if err != nil {
		t.Fatal(err)
	}
	cli.write(env.providerBlock() + string(resources))
	copyFile(t, filepath.Join(recording, upgradeZip), filepath.Join(cli.dir, upgradeZip))
	// The state as the recording's CLI wrote it, but for the version that
	// wrote it: every CLI refuses a state from a newer version of itself.
	state := readJSON(t, filepath.Join(recording, recordedState))
	state["terraform_version"] = version.number
	writeJSON(t, filepath.Join(cli.dir, "terraform.tfstate"), state)

	before := env.fake.Stats().Requests
	if res := cli.run(ctx, nil, "plan", "-detailed-exitcode", "-input=false", "-no-color"); res.ExitCode != 0 {
		t.Errorf("plan of the state recorded in %s: exit %d, want 0 (no changes):\n%s", recording, res.ExitCode, res.Output())
	}
	// Without a refresh, Terraform plans an update of every instance whose
	// state lacks the sensitivity of an attribute added since, though no
	// value changes: it compares the sensitive paths the state file lists
	// with the schema's, and only a refresh or an apply rewrites them. No
	// provider can avoid it; what it must do is change nothing else, and
	// send nothing when applied.
	res := cli.run(ctx, nil, "plan", "-detailed-exitcode", "-input=false", "-no-color", "-refresh=false", "-out=upgrade.tfplan")
	switch res.ExitCode {
	case 0:
	case 2:
		explainedBySensitivity(t, state, cli.showPlan(ctx, "upgrade.tfplan"), res.Stdout)
		cli.mustRun(ctx, "apply", "-input=false", "-no-color", "upgrade.tfplan")
		if again := cli.run(ctx, nil, "plan", "-detailed-exitcode", "-input=false", "-no-color", "-refresh=false"); again.ExitCode != 0 {
			t.Errorf("plan -refresh=false after applying the sensitivity: exit %d, want 0:\n%s", again.ExitCode, again.Output())
		}
	default:
		t.Errorf("plan -refresh=false of the state recorded in %s: exit %d:\n%s", recording, res.ExitCode, res.Output())
	}
	reads := int64(0)
	for action, n := range env.fake.Stats().Requests {
		switch {
		case n > before[action] && !readOnlyAction(action):
			t.Errorf("the plans sent %s (%d times)", action, n-before[action])
		case n > before[action]:
			reads += n - before[action]
		}
	}
	if reads == 0 {
		t.Error("the refreshing plan read nothing from the fake: the recording's objects were not consulted")
	}
}

// explainedBySensitivity fails unless every change of plan is an update
// that changes no value and identity, of an instance whose state lacks a
// sensitive attribute today's schema has.
func explainedBySensitivity(t *testing.T, state map[string]any, plan planJSON, output string) {
	t.Helper()
	schemas := providerSchemas(t)
	lacking := map[string][]string{}               // address -> the sensitive attributes its state lacks
	for _, r := range state["resources"].([]any) { //nolint:forcetypeassert // a state file's shape
		res := r.(map[string]any) //nolint:forcetypeassert // a state file's shape
		typeName, _ := res["type"].(string)
		name, _ := res["name"].(string)
		for _, i := range res["instances"].([]any) { //nolint:forcetypeassert // a state file's shape
			listed := map[string]bool{}
			paths, _ := i.(map[string]any)["sensitive_attributes"].([]any)
			for _, p := range paths {
				if steps, ok := p.([]any); ok && len(steps) > 0 {
					if step, ok := steps[0].(map[string]any); ok {
						attr, _ := step["value"].(string)
						listed[attr] = true
					}
				}
			}
			for _, a := range schemas[typeName].Block.Attributes {
				if a.Sensitive && !listed[a.Name] {
					lacking[typeName+"."+name] = append(lacking[typeName+"."+name], a.Name)
				}
			}
		}
	}
	for _, rc := range plan.ResourceChanges {
		if strings.Join(rc.Change.Actions, ",") == "no-op" {
			continue
		}
		before, _ := json.Marshal(rc.Change.Before)
		after, _ := json.Marshal(rc.Change.After)
		if strings.Join(rc.Change.Actions, ",") != "update" || string(before) != string(after) || len(lacking[rc.Address]) == 0 {
			t.Errorf("%s: %v, the values equal: %t, sensitive attributes its state lacks: %v; want only an update "+
				"of the sensitivity:\n%s", rc.Address, rc.Change.Actions, string(before) == string(after), lacking[rc.Address], output)
		}
	}
}

// providerSchemas are the provider's resource schemas as Terraform sees them.
func providerSchemas(t *testing.T) map[string]*tfprotov6.Schema {
	t.Helper()
	resp, err := NewProtocol6Server("test")().GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return resp.ResourceSchemas
}

// readOnlyAction reports an action that changes nothing.
func readOnlyAction(action string) bool {
	return strings.HasPrefix(action, "Get") || strings.HasPrefix(action, "List")
}

// TestRecordUpgradeStates records the states a provider version writes,
// when SCF_RECORD_UPGRADE names the recording (by convention
// <version>-<commit>, such as 0.1.0-fe645e2). It applies every example of
// SCF_RECORD_EXAMPLES (default: this tree's examples/resources) with the
// provider built from SCF_RECORD_PROVIDER_DIR (a directory holding an older
// terraform-provider-scf binary; default: this tree's), each against a fake
// of its own, and writes testdata/upgrade/<name>/<kind>-<example>/.
//
//	SCF_RECORD_UPGRADE=0.1.0-abc1234 TF_ACC=1 TF_ACC_TERRAFORM_PATH=... \
//	  go test ./internal/provider -run TestRecordUpgradeStates
func TestRecordUpgradeStates(t *testing.T) {
	name := os.Getenv("SCF_RECORD_UPGRADE")
	if name == "" {
		t.Skip("records states only when SCF_RECORD_UPGRADE names the recording")
	}
	examples := cmp.Or(os.Getenv("SCF_RECORD_EXAMPLES"), filepath.Join("..", "..", "examples", "resources"))
	files, err := filepath.Glob(filepath.Join(examples, "*", "resource*.tf"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples in %s (%v)", examples, err)
	}
	out := filepath.Join(upgradeRecordings, name)
	if _, err := os.Stat(out); err == nil {
		t.Fatalf("%s exists: recordings are never rewritten, name a new one", out)
	}
	for _, file := range files {
		kind := filepath.Base(filepath.Dir(file))
		example := strings.TrimSuffix(filepath.Base(file), ".tf")
		t.Run(kind+"/"+example, func(t *testing.T) {
			recordExample(t, file, filepath.Join(out, kind+"-"+example))
		})
	}
}

// zipReference is how examples name their code: "${path.module}/<name>.zip".
var zipReference = regexp.MustCompile(`"\$\{path\.module\}/[a-z]+\.zip"`)

func recordExample(t *testing.T, file, out string) {
	work := t.TempDir()
	fakeStore := filepath.Join(work, "fake.json")
	env := newTestEnv(t, fakescf.Options{StatePath: fakeStore})
	cli := newTerraformCLI(t)
	if dir := os.Getenv("SCF_RECORD_PROVIDER_DIR"); dir != "" {
		cli.useProviderFrom(dir)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Minute)
	defer cancel()
	content, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	resources := zipReference.ReplaceAllString(string(content), fmt.Sprintf("%q", upgradeZip))
	writeZip(t, cli.dir, upgradeZip, map[string]string{"index.py": "def main_handler(event, context):\n    return 'hello'\n"})
	cli.write(env.providerBlock() + resources)
	cli.mustRun(ctx, "apply", "-auto-approve", "-input=false", "-no-color")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	copyFile(t, filepath.Join(cli.dir, "terraform.tfstate"), filepath.Join(out, recordedState))
	copyFile(t, filepath.Join(cli.dir, upgradeZip), filepath.Join(out, upgradeZip))
	copyFile(t, fakeStore, filepath.Join(out, "fake.json"))
	if err := os.WriteFile(filepath.Join(out, "resources.tf"), []byte(strings.TrimLeft(resources, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// useProviderFrom makes the CLI run the provider binary in dir instead of
// the one built from this tree.
func (c *terraformCLI) useProviderFrom(dir string) {
	c.t.Helper()
	abs, err := filepath.Abs(dir)
	if err != nil {
		c.t.Fatal(err)
	}
	if _, err := exec.LookPath(filepath.Join(abs, "terraform-provider-scf")); err != nil {
		c.t.Fatalf("SCF_RECORD_PROVIDER_DIR: %v", err)
	}
	rc := filepath.Join(filepath.Dir(c.dir), "recording.tfrc")
	content := fmt.Sprintf("provider_installation {\n  dev_overrides {\n    \"%s/scfprovider/scf\" = %q\n  }\n  direct {}\n}\n", providerHost(), abs)
	if err := os.WriteFile(rc, []byte(content), 0o600); err != nil {
		c.t.Fatal(err)
	}
	c.env = slices.DeleteFunc(c.env, func(kv string) bool { return strings.HasPrefix(kv, "TF_CLI_CONFIG_FILE=") })
	c.env = append(c.env, "TF_CLI_CONFIG_FILE="+rc)
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func readJSON(t *testing.T, file string) map[string]any {
	t.Helper()
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var v map[string]any
	if err := json.Unmarshal(data, &v); err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	return v
}

func writeJSON(t *testing.T, file string, v any) {
	t.Helper()
	data, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
