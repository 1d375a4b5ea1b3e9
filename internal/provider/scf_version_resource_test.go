package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

func versionAliasConfig(zipPath, memory, aliasVersion, routing string, skip bool) string {
	return fmt.Sprintf(`
resource "scf_function" "test" {
  name        = "versioned"
  handler     = "index.main_handler"
  runtime     = "Python3.9"
  memory_size = %s
  code        = { zip_file = %q }
}

resource "scf_function_version" "v1" {
  function_name     = scf_function.test.name
  description       = "first"
  function_revision = "one"
  skip_destroy      = %t
}

resource "scf_function_version" "v2" {
  function_name     = scf_function.test.name
  description       = "second"
  function_revision = scf_function.test.memory_size
  depends_on        = [scf_function_version.v1]
  lifecycle {
    create_before_destroy = true
  }
}

resource "scf_function_alias" "live" {
  function_name    = scf_function.test.name
  name             = "live"
  function_version = %s
  %s
}
`, memory, zipPath, skip, aliasVersion, routing)
}

func TestAccSCFFunctionVersionAndAlias(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	canary := `routing_config = { additional_version_weights = [{ version = scf_function_version.v2.version, weight = 0.25 }] }`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{
				Config: env.config(versionAliasConfig(zipPath, "128", "scf_function_version.v1.version", canary, false)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("scf_function_version.v1", attrPath("version"), knownvalue.StringExact("1")),
					statecheck.ExpectKnownValue("scf_function_version.v1", attrPath("id"), knownvalue.StringExact("default/versioned/1")),
					statecheck.ExpectKnownValue("scf_function_version.v1", attrPath("status"), knownvalue.StringExact("Active")),
					statecheck.ExpectKnownValue("scf_function_version.v1", attrPath("code_sha256"), knownvalue.StringRegexp(regexp.MustCompile(`^[0-9a-f]{64}$`))),
					statecheck.ExpectKnownValue("scf_function_version.v2", attrPath("version"), knownvalue.StringExact("2")),
					statecheck.ExpectKnownValue("scf_function_alias.live", attrPath("routing_config").AtMapKey("additional_version_weights").AtSliceIndex(0).AtMapKey("weight"), knownvalue.Float64Exact(0.25)),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				// The weight and the main version change in place.
				Config: env.config(versionAliasConfig(zipPath, "128", "scf_function_version.v2.version", "", false)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("scf_function_alias.live", plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("scf_function_alias.live", attrPath("function_version"), knownvalue.StringExact("2")),
					statecheck.ExpectKnownValue("scf_function_alias.live", attrPath("routing_config"), knownvalue.Null()),
				},
			},
			{
				ResourceName: "scf_function_version.v2", ImportState: true, ImportStateId: "default/versioned/2",
				ImportStateVerify: true, ImportStateVerifyIgnore: []string{"function_revision"},
			},
			{
				ResourceName: "scf_function_alias.live", ImportState: true, ImportStateId: "default/versioned/live", ImportStateVerify: true,
			},
			{
				// A function change republishes v2 through function_revision.
				Config: env.config(versionAliasConfig(zipPath, "256", "scf_function_version.v2.version", "", true)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("scf_function_version.v2", plancheck.ResourceActionReplace)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("scf_function_version.v2", attrPath("version"), knownvalue.StringExact("3")),
					statecheck.ExpectKnownValue("scf_function_alias.live", attrPath("function_version"), knownvalue.StringExact("3")),
				},
			},
		},
	})
}

func TestAccSCFFunctionAliasPlanErrors(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	cfg := func(body string) string {
		return env.config(`
resource "scf_function_alias" "bad" {
  function_name = "f"
  ` + body + `
}`)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{Config: cfg(`name = "1bad"
  function_version = "1"`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)name.*starting with a\s+letter`)},
			{Config: cfg(`name = "ok"
  function_version = "1"
  routing_config = { additional_version_weights = [{ version = "2", weight = 1.5 }] }`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)weight.*between\s+0`)},
			{Config: cfg(`name = "ok"
  function_version = "1"
  routing_config = { additional_version_weights = [{ version = "1", weight = 0.5 }] }`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)Invalid SCF Function Alias.*function_version`)},
			{Config: cfg(`name = "ok"
  function_version = "1"
  routing_config = { additional_version_weights = [{ version = "2", weight = 0.5 }, { version = "3", weight = 0.6 }] }`), PlanOnly: true, ExpectError: regexp.MustCompile(`(?s)additional_version_weights`)},
		},
	})
}
