package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

const testResource = "scf_function.test"

func attrPath(name string) tfjsonpath.Path { return tfjsonpath.New(name) }

// expectEmptyPlanAfterApply is added to every applying step: a second plan
// right after apply and refresh must have nothing to do.
var expectEmptyPlanAfterApply = resource.ConfigPlanChecks{
	PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
}

func withPreApply(action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testResource, action)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

func testAccSCFFunctionConfig_basic(zipPath, name, description string) string {
	return fmt.Sprintf(`
resource "scf_function" "test" {
  name        = %[2]q
  handler     = "index.main_handler"
  runtime     = "Python3.6"
  description = %[3]q
  code = {
    zip_file = %[1]q
  }
}
`, zipPath, name, description)
}

func TestAccSCFFunctionResource_basic(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "def main_handler(e, c):\n    return 'hi'\n"})
	functionID := statecheck.CompareValue(compare.ValuesSame())

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{
				Config:           env.config(testAccSCFFunctionConfig_basic(zipPath, "basic-fn", "first version")),
				ConfigPlanChecks: withPreApply(plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testResource, attrPath("id"), knownvalue.StringExact("default/basic-fn")),
					statecheck.ExpectKnownValue(testResource, attrPath("namespace"), knownvalue.StringExact("default")),
					statecheck.ExpectKnownValue(testResource, attrPath("status"), knownvalue.StringExact("Active")),
					statecheck.ExpectKnownValue(testResource, attrPath("function_id"), knownvalue.StringRegexp(regexp.MustCompile(`^lam-[a-z0-9]{8}$`))),
					statecheck.ExpectKnownValue(testResource, attrPath("memory_size"), knownvalue.Int64Exact(128)),
					statecheck.ExpectKnownValue(testResource, attrPath("timeout"), knownvalue.Int64Exact(3)),
					statecheck.ExpectKnownValue(testResource, attrPath("type"), knownvalue.StringExact("Event")),
					statecheck.ExpectKnownValue(testResource, attrPath("code_sha256"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{64}$`))),
					statecheck.ExpectKnownValue(testResource, attrPath("created_time"), knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$`))),
					// The service assigns a log topic when none is given; it is kept without a diff.
					statecheck.ExpectKnownValue(testResource, attrPath("cls_topic_id"), knownvalue.NotNull()),
					statecheck.ExpectKnownValue(testResource, attrPath("environment"), knownvalue.Null()),
					functionID.AddStateValue(testResource, attrPath("function_id")),
				},
			},
			{
				Config:           env.config(testAccSCFFunctionConfig_basic(zipPath, "basic-fn", "second version")),
				ConfigPlanChecks: withPreApply(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testResource, attrPath("description"), knownvalue.StringExact("second version")),
					functionID.AddStateValue(testResource, attrPath("function_id")),
				},
			},
		},
	})
}

// TestAccSCFFunctionResource_import imports in every accepted ID form and
// shows that the next plan is empty.
func TestAccSCFFunctionResource_import(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	if err := env.client.CreateNamespace(context.Background(), "team-a", "imports"); err != nil {
		t.Fatal(err)
	}
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	config := env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name      = "imported"
  namespace = "team-a"
  handler   = "index.main_handler"
  code      = { zip_file = %[1]q }
  environment = { STAGE = "prod" }
  tags        = { team = "a" }
}
`, zipPath))

	importStep := func(id string) resource.TestStep {
		return resource.TestStep{
			Config:                  config,
			ResourceName:            testResource,
			ImportState:             true,
			ImportStateId:           id,
			ImportStateVerify:       true,
			ImportStateVerifyIgnore: []string{"code", "timeouts"},
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed("team-a"),
		Steps: []resource.TestStep{
			{Config: config, ConfigPlanChecks: expectEmptyPlanAfterApply},
			importStep("team-a/imported"),
			importStep("team-a+imported"),
			{Config: config, PlanOnly: true},
		},
	})
}

// TestAccSCFFunctionResource_importExisting adopts a function that was
// created outside Terraform, by its bare name (the default namespace). The
// plan after the import is empty, and giving the same zip as the deployed
// code afterwards records it without uploading anything.
func TestAccSCFFunctionResource_importExisting(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 2\n"})
	env.createOutOfBand(scfapi.DefaultNamespace, "bare-name", zipPath)

	adopted := env.config(`
resource "scf_function" "test" {
  name    = "bare-name"
  handler = "index.main_handler"
}
`)
	withCode := env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name    = "bare-name"
  handler = "index.main_handler"
  code    = { zip_file = %[1]q }
}
`, zipPath))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{
				Config:             adopted,
				ResourceName:       testResource,
				ImportState:        true,
				ImportStateId:      "bare-name",
				ImportStatePersist: true,
			},
			{Config: adopted, PlanOnly: true},
			{
				Config: withCode,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(testResource, attrPath("code_sha256"), knownvalue.StringExact(sha256File(t, zipPath))),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: env.expectCalls(scfapi.ActionUpdateFunctionCode, 0),
			},
		},
	})
}

func TestAccSCFFunctionResource_importInvalidID(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{
				Config:        env.config(`resource "scf_function" "test" { name = "x1" }`),
				ResourceName:  testResource,
				ImportState:   true,
				ImportStateId: "team/9bad-",
				ExpectError:   regexp.MustCompile(`(?s)Unable to Import SCF Function.*<namespace>/<name>`),
			},
		},
	})
}

func TestAccSCFFunctionResource_disappears(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 3\n"})
	config := env.config(testAccSCFFunctionConfig_basic(zipPath, "vanishing", "gone soon"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{
				Config: config,
				Check: func(*terraform.State) error {
					ctx := context.Background()
					if err := env.client.DeleteFunction(ctx, "default", "vanishing"); err != nil {
						return err
					}
					return env.client.WaitForDeleted(ctx, "default", "vanishing")
				},
				ExpectNonEmptyPlan: true,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

// TestAccSCFFunctionResource_handlerNeedsCode: an imported function without
// `code` cannot change its handler, and the plan says why.
func TestAccSCFFunctionResource_handlerNeedsCode(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 7\n"})
	env.createOutOfBand(scfapi.DefaultNamespace, "no-code", zipPath)
	config := func(handler string) string {
		return env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name    = "no-code"
  handler = %q
}
`, handler))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{Config: config("index.main_handler"), ResourceName: testResource, ImportState: true, ImportStateId: "no-code", ImportStatePersist: true},
			{Config: config("index.other_handler"), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Missing Function Code.*Attribute handler: it changes.*code\x60\s+must\s+be\s+set`)},
		},
	})
}
