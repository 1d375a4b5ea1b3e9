package provider

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

const testLayer = "scf_layer_version.test"

func layerConfig(name, zipPath, description string) string {
	return fmt.Sprintf(`
resource "scf_layer_version" "test" {
  layer_name          = %[1]q
  description         = %[3]q
  compatible_runtimes = ["Python3.9", "Python3.10"]
  license_info        = "MIT"
  content = {
    zip_file = %[2]q
  }
}
`, name, zipPath, description)
}

// checkLayerGone asks the fake that the layer has no version left.
func (e *testEnv) checkLayerGone(name string) func(*terraform.State) error {
	return func(*terraform.State) error {
		versions, err := e.client.ListLayerVersions(context.Background(), name, nil)
		if scfapi.IsLayerNotFound(err) {
			return nil
		}
		if err != nil {
			return err
		}
		return fmt.Errorf("layer %s still has %d version(s) after destroy", name, len(versions))
	}
}

// expectLayerVersionGone checks that an earlier version was deleted.
func (e *testEnv) expectLayerVersionGone(name string, version int64) func(*terraform.State) error {
	return func(*terraform.State) error {
		if _, err := e.client.GetLayerVersion(context.Background(), name, version); !scfapi.IsLayerNotFound(err) {
			return fmt.Errorf("layer version %s/%d still exists (lookup: %w)", name, version, err)
		}
		return nil
	}
}

func withLayerAction(action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testLayer, action)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

// TestAccSCFLayerVersion_lifecycle publishes a version, import-verifies it,
// then replaces it twice: for a new description, and for new content at the
// same path. Each replacement publishes the next number and deletes the old one.
func TestAccSCFLayerVersion_lifecycle(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	dir := t.TempDir()
	zipPath := writeZip(t, dir, "layer.zip", map[string]string{"python/lib.py": "X = 1\n"})
	firstDigest := sha256File(t, zipPath)
	var secondDigest string

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkLayerGone("libs"),
		Steps: []resource.TestStep{
			{
				Config:           env.config(layerConfig("libs", zipPath, "first")),
				ConfigPlanChecks: withLayerAction(plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testLayer, attrPath("id"), knownvalue.StringExact("libs/1")),
					statecheck.ExpectKnownValue(testLayer, attrPath("layer_version"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue(testLayer, attrPath("status"), knownvalue.StringExact("Active")),
					statecheck.ExpectKnownValue(testLayer, attrPath("code_sha256"), knownvalue.StringExact(firstDigest)),
					statecheck.ExpectKnownValue(testLayer, attrPath("compatible_runtimes"),
						knownvalue.SetExact([]knownvalue.Check{knownvalue.StringExact("Python3.9"), knownvalue.StringExact("Python3.10")})),
					statecheck.ExpectKnownValue(testLayer, attrPath("created_time"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$`))),
				},
			},
			{
				ResourceName:            testLayer,
				ImportState:             true,
				ImportStateVerify:       true,
				ImportStateVerifyIgnore: []string{"content", "timeouts"},
			},
			{
				Config:           env.config(layerConfig("libs", zipPath, "second")),
				ConfigPlanChecks: withLayerAction(plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testLayer, attrPath("layer_version"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(testLayer, attrPath("description"), knownvalue.StringExact("second")),
				},
				Check: env.expectLayerVersionGone("libs", 1),
			},
			{
				PreConfig: func() {
					writeZip(t, dir, "layer.zip", map[string]string{"python/lib.py": "X = 2\n"})
					secondDigest = sha256File(t, zipPath)
				},
				Config:           env.config(layerConfig("libs", zipPath, "second")),
				ConfigPlanChecks: withLayerAction(plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testLayer, attrPath("layer_version"), knownvalue.Int64Exact(3)),
				},
				Check: func(s *terraform.State) error {
					if got := s.RootModule().Resources[testLayer].Primary.Attributes["code_sha256"]; got != secondDigest || got == firstDigest {
						return fmt.Errorf("code_sha256 = %s, want the new file's %s", got, secondDigest)
					}
					return env.expectLayerVersionGone("libs", 2)(s)
				},
			},
		},
	})
}

// TestAccSCFLayerVersion_import imports a version published outside
// Terraform: the plan is empty without `content`, and adding the same zip
// records it in place without publishing again.
func TestAccSCFLayerVersion_import(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "layer.zip", map[string]string{"nodejs/node_modules/x/index.js": "module.exports = 1\n"})
	content, err := os.ReadFile(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	encoded := base64.StdEncoding.EncodeToString(content)
	if _, err := env.client.PublishLayerVersion(context.Background(), &scfapi.PublishLayerVersionRequest{
		LayerName: ptr("console-made"), CompatibleRuntimes: []*string{ptr("Nodejs18.15")}, Content: &scfapi.Code{ZipFile: &encoded},
	}, ""); err != nil {
		t.Fatal(err)
	}
	without := env.config(`
resource "scf_layer_version" "test" {
  layer_name          = "console-made"
  compatible_runtimes = ["Nodejs18.15"]
}
`)
	with := env.config(fmt.Sprintf(`
resource "scf_layer_version" "test" {
  layer_name          = "console-made"
  compatible_runtimes = ["Nodejs18.15"]
  content             = { zip_file = %q }
}
`, zipPath))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkLayerGone("console-made"),
		Steps: []resource.TestStep{
			{Config: without, ResourceName: testLayer, ImportState: true, ImportStateId: "console-made/1", ImportStatePersist: true},
			{Config: without, PlanOnly: true},
			{
				Config:           with,
				ConfigPlanChecks: withLayerAction(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testLayer, attrPath("layer_version"), knownvalue.Int64Exact(1)),
				},
				Check: env.expectCalls("PublishLayerVersion", 1),
			},
			{Config: with, ResourceName: testLayer, ImportState: true, ImportStateId: "console-made/9", ExpectError: regexp.MustCompile(`Cannot import non-existent remote object`)},
			{Config: with, ResourceName: testLayer, ImportState: true, ImportStateId: "console-made", ExpectError: regexp.MustCompile("has no version; expected\\s+`<layer_name>/<layer_version>`")},
		},
	})
}

// TestAccSCFLayerVersion_boundByFunction binds a version by reference: a new
// version updates the function in place, and destroy removes the function
// before the layer.
func TestAccSCFLayerVersion_boundByFunction(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	dir := t.TempDir()
	layerZip := writeZip(t, dir, "layer.zip", map[string]string{"python/lib.py": "X = 1\n"})
	codeZip := writeZip(t, dir, "code.zip", map[string]string{"index.py": "def main_handler(e, c): return 1\n"})
	config := func(description string) string {
		return env.config(layerConfig("shared", layerZip, description) + fmt.Sprintf(`
resource "scf_function" "test" {
  name    = "uses-layer"
  handler = "index.main_handler"
  runtime = "Python3.9"
  code    = { zip_file = %q }
  layers = [{
    name    = scf_layer_version.test.layer_name
    version = scf_layer_version.test.layer_version
  }]
}
`, codeZip))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy: func(s *terraform.State) error {
			if err := env.checkDestroyed(scfapi.DefaultNamespace)(s); err != nil {
				return err
			}
			return env.checkLayerGone("shared")(s)
		},
		Steps: []resource.TestStep{
			{
				Config:           config("v1"),
				ConfigPlanChecks: expectEmptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testResource, attrPath("layers"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("shared"), "version": knownvalue.Int64Exact(1)}),
					})),
				},
			},
			{
				Config: config("v2"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testLayer, plancheck.ResourceActionDestroyBeforeCreate),
						plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionUpdate),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testResource, attrPath("layers"), knownvalue.ListExact([]knownvalue.Check{
						knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("shared"), "version": knownvalue.Int64Exact(2)}),
					})),
				},
			},
		},
	})
}

// TestAccSCFLayerVersion_disappears deletes the version behind Terraform's
// back: the refresh drops it and the plan publishes it again.
func TestAccSCFLayerVersion_disappears(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "layer.zip", map[string]string{"python/lib.py": "X = 1\n"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkLayerGone("vanishing"),
		Steps: []resource.TestStep{
			{
				Config: env.config(layerConfig("vanishing", zipPath, "x")),
				Check: func(*terraform.State) error {
					return env.client.DeleteLayerVersion(context.Background(), "vanishing", 1)
				},
				ExpectNonEmptyPlan: true,
			},
			{
				Config:           env.config(layerConfig("vanishing", zipPath, "x")),
				ConfigPlanChecks: withLayerAction(plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testLayer, attrPath("layer_version"), knownvalue.Int64Exact(2)),
				},
			},
		},
	})
}

// TestAccSCFLayerVersion_publishFailed: a version that ends PublishFailed is
// an error naming the status, kept in state tainted, and deleted by destroy.
func TestAccSCFLayerVersion_publishFailed(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	env.fake.FailNext("PublishLayerVersion", "broken")
	zipPath := writeZip(t, t.TempDir(), "layer.zip", map[string]string{"python/lib.py": "X = 1\n"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkLayerGone("broken"),
		Steps: []resource.TestStep{{
			Config:      env.config(layerConfig("broken", zipPath, "x")),
			ExpectError: regexp.MustCompile(`(?s)Error Waiting for SCF Layer Version.*broken/1 is\s+PublishFailed`),
		}},
	})
}

// TestAccSCFLayerVersion_planTimeErrors: every rule fails the plan, before
// any API call.
func TestAccSCFLayerVersion_planTimeErrors(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "layer.zip", map[string]string{"python/lib.py": "X = 1\n"})
	step := func(body, want string) resource.TestStep {
		return resource.TestStep{
			Config:      env.config(`resource "scf_layer_version" "test" {` + "\n" + body + "\n}\n"),
			PlanOnly:    true,
			ExpectError: regexp.MustCompile(want),
		}
	}
	zip := fmt.Sprintf("content = { zip_file = %q }", zipPath)
	runtimes := `compatible_runtimes = ["Python3.9"]`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			step(`layer_name = "1bad"`+"\n"+runtimes+"\n"+zip, `Invalid Layer Name`),
			step(`layer_name = "bad-"`+"\n"+runtimes+"\n"+zip, `ends with '-'`),
			step(`layer_name = "ok"`+"\n"+`compatible_runtimes = ["nodejs 18"]`+"\n"+zip, `(?s)Invalid Runtime.*Did you mean Nodejs18\.15\?`),
			step(`layer_name = "ok"`+"\n"+`compatible_runtimes = []`+"\n"+zip, `set must contain at least 1 elements`),
			step(`layer_name = "ok"`+"\n"+runtimes, `Missing Layer Content`),
			step(`layer_name = "ok"`+"\n"+runtimes+"\ncontent = {}", `(?s)No attribute specified when one \(and only one\) of`),
			step(`layer_name = "ok"`+"\n"+runtimes+"\n"+fmt.Sprintf(`content = { zip_file = %q, cos_bucket_name = "b", cos_object_name = "/o.zip" }`, zipPath), `(?s)2 attributes specified when one \(and only one\) of`),
			step(`layer_name = "ok"`+"\n"+runtimes+"\n"+`content = { cos_bucket_name = "b" }`, `(?s)Attribute "content.cos_object_name" must be specified`),
			step(`layer_name = "ok"`+"\n"+runtimes+"\n"+`content = { zip_file = "/no/such/file.zip" }`, `Invalid Zip File`),
			step(`layer_name = "ok"`+"\n"+runtimes+"\n"+zip+"\n"+fmt.Sprintf("description = %q", strings.Repeat("d", 1001)), `string length must be between 1 and 1000`),
		},
	})
}
