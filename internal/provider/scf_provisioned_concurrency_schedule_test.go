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

// scheduledConfig provisions version 1 of "warm" with the given scheduled
// actions, each "name|num|cron".
func scheduledConfig(num int, actions ...string) string {
	var b strings.Builder
	for _, a := range actions {
		p := strings.SplitN(a, "|", 3)
		fmt.Fprintf(&b, "    { name = %q, provisioned_concurrency_num = %s, cron_expression = %q },\n", p[0], p[1], p[2])
	}
	schedule := ""
	if len(actions) > 0 {
		schedule = "scheduled_actions = [\n" + b.String() + "  ]"
	}
	return fmt.Sprintf(`
resource "scf_provisioned_concurrency" "test" {
  function_name               = "warm"
  qualifier                   = "1"
  provisioned_concurrency_num = %d
  %s
}
`, num, schedule)
}

func scheduledAction(name string, num int64, cron string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"name": knownvalue.StringExact(name), "provisioned_concurrency_num": knownvalue.Int64Exact(num), "cron_expression": knownvalue.StringExact(cron),
	})
}

func TestAccProvisionedConcurrencySchedule(t *testing.T) {
	newestCLIsOnly(t)
	env := provisionedEnv(t, fakescf.Options{})
	const addr = "scf_provisioned_concurrency.test"
	actions := tfjsonpath.New("scheduled_actions")
	inPlace := resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
	importStep := resource.TestStep{ResourceName: addr, ImportState: true, ImportStateId: "default/warm/1", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{
				Config: env.config(scheduledConfig(1, "morning|4|0 0 9 * * MON-FRI *", "night|0|0 0 22 * * * *")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, actions, knownvalue.SetExact([]knownvalue.Check{
						scheduledAction("morning", 4, "0 0 9 * * MON-FRI *"), scheduledAction("night", 0, "0 0 22 * * * *"),
					})),
				},
				ConfigPlanChecks: resource.ConfigPlanChecks{PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()}},
			},
			importStep,
			{
				// Another static number, target and time, one action fewer: in place.
				Config:           env.config(scheduledConfig(2, "morning|6|0 30 8 * * MON-FRI *")),
				ConfigPlanChecks: inPlace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("available"), knownvalue.Int64Exact(2)),
					statecheck.ExpectKnownValue(addr, actions, knownvalue.SetExact([]knownvalue.Check{scheduledAction("morning", 6, "0 30 8 * * MON-FRI *")})),
				},
			},
			importStep,
			{
				Config:           env.config(scheduledConfig(2)),
				ConfigPlanChecks: inPlace,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, actions, knownvalue.Null()),
				},
			},
		},
	})
}

// Each plan-time error of scheduled actions, in its own TestCase; a space in
// a wanted pattern matches the CLI's line wrapping too.
func TestAccProvisionedConcurrencySchedulePlanErrors(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	for name, tc := range map[string]struct {
		config string
		want   string
	}{
		"cron fields":     {scheduledConfig(1, "morning|4|0 9 * * *"), `(?s)cron_expression.*it has 5 fields, not 7`},
		"cron range":      {scheduledConfig(1, "morning|4|0 0 25 * * * *"), `(?s)Invalid Cron Expression.*field 3 \(hour\)`},
		"negative target": {scheduledConfig(1, "morning|-1|0 0 9 * * * *"), `(?s)provisioned_concurrency_num.*at least 0`},
		"empty name":      {scheduledConfig(1, "|4|0 0 9 * * * *"), `(?s)name.*at least 1`},
		"duplicate name":  {scheduledConfig(1, "morning|4|0 0 9 * * * *", "morning|0|0 0 22 * * * *"), `(?s)Two scheduled actions are named "morning"`},
		"duplicate cron":  {scheduledConfig(1, "up|4|0 0 9 * * * *", "down|0|0 0 9 * * * *"), `(?s)Two scheduled actions run at "0 0 9 \* \* \* \*"`},
		"empty list":      {strings.Replace(scheduledConfig(1), "qualifier", "scheduled_actions = []\n  qualifier", 1), `(?s)scheduled_actions.*at least 1`},
	} {
		t.Run(name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				Steps: []resource.TestStep{
					{Config: env.config(tc.config), PlanOnly: true, ExpectError: regexp.MustCompile(strings.ReplaceAll(tc.want, " ", `\s+`))},
				},
			})
		})
	}
}
