package provider

import (
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

func TestAccSCFFunctionAliasRuleRouting(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	byRange := `routing_config = { additional_version_matches = [{
    version = scf_function_version.v2.version, key = "invoke.headers.User", method = "range", expression = "[0,40]"
  }] }`
	twoRules := `routing_config = { additional_version_matches = [
    { version = scf_function_version.v2.version, key = "invoke.headers.User", method = "range", expression = "(-1,10)" },
    { version = scf_function_version.v2.version, key = "invoke.headers.Team", method = "exact", expression = "beta" },
  ] }`
	byWeight := `routing_config = { additional_version_weights = [{ version = scf_function_version.v2.version, weight = 0.3 }] }`
	matches := attrPath("routing_config").AtMapKey("additional_version_matches")
	rule := func(version, key, method, expr string) knownvalue.Check {
		return knownvalue.ObjectExact(map[string]knownvalue.Check{
			"version": knownvalue.StringExact(version), "key": knownvalue.StringExact(key),
			"method": knownvalue.StringExact(method), "expression": knownvalue.StringExact(expr),
		})
	}
	inPlace := resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("scf_function_alias.live", plancheck.ResourceActionUpdate)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{
				Config: env.config(versionAliasConfig(zipPath, "128", "scf_function_version.v1.version", byRange, false)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("scf_function_alias.live", matches, knownvalue.ListExact([]knownvalue.Check{
						rule("2", "invoke.headers.User", "range", "[0,40]"),
					})),
					statecheck.ExpectKnownValue("scf_function_alias.live", attrPath("routing_config").AtMapKey("additional_version_weights"), knownvalue.Null()),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			{
				ResourceName: "scf_function_alias.live", ImportState: true, ImportStateId: "default/versioned/live", ImportStateVerify: true,
			},
			{
				Config:           env.config(versionAliasConfig(zipPath, "128", "scf_function_version.v1.version", twoRules, false)),
				ConfigPlanChecks: inPlace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("scf_function_alias.live", matches, knownvalue.ListExact([]knownvalue.Check{
						rule("2", "invoke.headers.User", "range", "(-1,10)"),
						rule("2", "invoke.headers.Team", "exact", "beta"),
					})),
				},
			},
			{
				ResourceName: "scf_function_alias.live", ImportState: true, ImportStateId: "default/versioned/live", ImportStateVerify: true,
			},
			{
				// From rules to weights, in place.
				Config:           env.config(versionAliasConfig(zipPath, "128", "scf_function_version.v1.version", byWeight, false)),
				ConfigPlanChecks: inPlace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("scf_function_alias.live", matches, knownvalue.Null()),
					statecheck.ExpectKnownValue("scf_function_alias.live", attrPath("routing_config").AtMapKey("additional_version_weights").AtSliceIndex(0).AtMapKey("weight"), knownvalue.Float64Exact(0.3)),
				},
			},
			{
				Config:           env.config(versionAliasConfig(zipPath, "128", "scf_function_version.v1.version", byRange, false)),
				ConfigPlanChecks: inPlace,
			},
		},
	})
}

// Each plan-time error of rule-based routing, in its own TestCase; a space
// in a wanted pattern matches the CLI's line wrapping too.
func TestAccSCFFunctionAliasRuleRoutingPlanErrors(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	routed := func(routing string) string {
		return env.config(`
resource "scf_function_alias" "bad" {
  function_name    = "f"
  name             = "live"
  function_version = "1"
  routing_config   = ` + routing + `
}`)
	}
	one := func(key, method, expr string) string {
		return `{ additional_version_matches = [{ version = "2", key = "` + key + `", method = "` + method + `", expression = "` + expr + `" }] }`
	}
	for name, tc := range map[string]struct {
		routing string
		want    string
	}{
		"method":            {one("invoke.headers.User", "prefix", "a"), `(?s)method.*value must be one of`},
		"range syntax":      {one("invoke.headers.User", "range", "0-40"), `(?s)expression.*not an open interval \(a,b\) or a closed interval`},
		"half-open range":   {one("invoke.headers.User", "range", "[0,40)"), `(?s)expression.*"\[0,40\)" is not an open interval`},
		"range bounds":      {one("invoke.headers.User", "range", "[40,0]"), `(?s)expression.*lower bound of "\[40,0\]" must be below the upper bound`},
		"empty exact value": {one("invoke.headers.User", "exact", ""), `(?s)expression.*at least 1`},
		"key format":        {one("headers.User", "exact", "Bob"), `(?s)key.*must be invoke\.headers\.<name>`},
		"version required":  {`{ additional_version_matches = [{ key = "invoke.headers.User", method = "exact", expression = "Bob" }] }`, `(?s)version.*required`},
		"main version":      {`{ additional_version_matches = [{ version = "1", key = "invoke.headers.User", method = "exact", expression = "Bob" }] }`, `(?s)version 1 is the alias's function_version`},
		"two versions": {`{ additional_version_matches = [
      { version = "2", key = "invoke.headers.User", method = "exact", expression = "Bob" },
      { version = "3", key = "invoke.headers.User", method = "exact", expression = "Al" },
    ] }`, `(?s)rules name versions 2 and 3`},
		"weights and matches": {`{
      additional_version_weights = [{ version = "2", weight = 0.5 }]
      additional_version_matches = [{ version = "2", key = "invoke.headers.User", method = "exact", expression = "Bob" }]
    }`, `(?s)additional_version_weights.*additional_version_matches`},
		"neither": {`{}`, `(?s)No attribute specified when one \(and only one\) of`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				Steps: []resource.TestStep{
					{Config: routed(tc.routing), PlanOnly: true, ExpectError: regexp.MustCompile(strings.ReplaceAll(tc.want, " ", `\s+`))},
				},
			})
		})
	}
}

func TestCheckRangeExpression(t *testing.T) {
	for expr, want := range map[string]string{
		"[0,40]":                   "",
		"(-5,5)":                   "",
		"[-10,-1]":                 "",
		"[0,40)":                   "is not an open interval",
		"(0,40]":                   "is not an open interval",
		"[0, 40]":                  "is not an open interval",
		"[1.5,4]":                  "is not an open interval",
		"[]":                       "is not an open interval",
		"[4,4]":                    "lower bound",
		"(9,2)":                    "lower bound",
		"[0,99999999999999999999]": "64-bit integers",
	} {
		got := checkRangeExpression(expr)
		if want == "" && got != "" || want != "" && !strings.Contains(got, want) {
			t.Errorf("checkRangeExpression(%q) = %q, want %q", expr, got, want)
		}
	}
}
