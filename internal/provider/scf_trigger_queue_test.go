package provider

import (
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

func replaced() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testTrigger, plancheck.ResourceActionReplace)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

func TestAccSCFTriggerCmq(t *testing.T) {
	newestCLIsOnly(t)
	env := triggerEnv(t)
	cfg := func(enable bool, filter string) string {
		return env.config(fmt.Sprintf(`
resource "scf_trigger" "test" {
  function_name = "fn"
  enable        = %t
  cmq = {
    topic = "orders"
    %s
  }
}
`, enable, filter))
	}
	tags := `filter_type = "tag"
    filter_keys = ["paid", "refunded"]`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkTriggersGone,
		Steps: []resource.TestStep{
			{
				Config: cfg(true, tags),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("id"), knownvalue.StringExact("default/fn/cmq/orders")),
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("name"), knownvalue.StringExact("orders")),
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("type"), knownvalue.StringExact("cmq")),
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("cmq").AtMapKey("filter_keys"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("paid"), knownvalue.StringExact("refunded")})),
				},
			},
			// Neither update API takes a CMQ trigger: enable replaces it.
			{Config: cfg(false, tags), ConfigPlanChecks: replaced()},
			{ResourceName: testTrigger, ImportState: true, ImportStateId: "default/fn/cmq/orders", ImportStateVerify: true},
			{
				Config:           cfg(false, ""),
				ConfigPlanChecks: replaced(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("cmq").AtMapKey("filter_type"), knownvalue.Null()),
				},
			},
			{ResourceName: testTrigger, ImportState: true, ImportStateId: "default/fn/cmq/orders", ImportStateVerify: true},
		},
	})
}

func TestAccSCFTriggerCmqPlanTimeErrors(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	cmq := func(extra, block string) string {
		return env.config(fmt.Sprintf(`
resource "scf_trigger" "test" {
  function_name = "fn"
  %s
  cmq = {
    %s
  }
}
`, extra, block))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{
				Config:      cmq(`name = "other"`, `topic = "orders"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Attribute name: name "other" differs from cmq.topic "orders".*named after its\s+topic`),
			},
			{
				Config:      cmq("", `topic = "9orders"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)cmq.topic.*must be a letter followed by letters`),
			},
			{
				Config: cmq("", `topic = "orders"
    filter_type = "tag"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*filter_keys`),
			},
			{
				Config: cmq("", `topic = "orders"
    filter_type = "tag"
    filter_keys = ["seventeen-chars-x"]`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)cmq.filter_keys\[0\].*has 17 characters.*at most 16`),
			},
			{
				Config: cmq("", `topic = "orders"
    filter_type = "route"
    filter_keys = ["a", "b", "c", "d", "e", "f"]`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)cmq.filter_keys list must contain at least 1 elements and at most 5\s+elements, got: 6`),
			},
			{
				Config: cmq("", `topic = "orders"
    filter_keys = ["paid"]`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination.*filter_type`),
			},
			{
				Config: cmq("", fmt.Sprintf(`topic = "orders"
    filter_type = "route"
    filter_keys = [%q]`, strings.Repeat("k", 65))),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)cmq.filter_keys\[0\].*string length must be between 1 and 64`),
			},
			{
				Config: cmq("", `topic = "orders"
    filter_type = "header"
    filter_keys = ["a"]`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)cmq.filter_type.*value must be one of`),
			},
		},
	})
}
