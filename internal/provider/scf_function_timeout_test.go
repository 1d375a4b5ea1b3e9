package provider

import (
	"fmt"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// TestAccSCFFunctionResource_updateTimeout leaves the function in Updating
// past the user's update timeout: the error names the function and its
// status, the function stays in state with what the service holds, and the
// next apply, started while the function is still Updating, waits for it to
// settle and applies its own change; the plan after that is empty.
func TestAccSCFFunctionResource_updateTimeout(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{UpdateDelay: 4 * time.Second})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 7\n"})
	config := func(description string, memory int, updateTimeout string) string {
		return env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name        = "slow-update"
  handler     = "index.main_handler"
  description = %[2]q
  memory_size = %[3]d
  code        = { zip_file = %[1]q }
  timeouts    = { update = %[4]q }
}
`, zipPath, description, memory, updateTimeout))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{
				Config:           config("first", 128, "1s"),
				ConfigPlanChecks: expectEmptyPlanAfterApply,
			},
			{
				Config:      config("second", 128, "1s"),
				ExpectError: regexp.MustCompile(`(?s)Error Waiting for SCF Function.*updating function\s+default/slow-update.*timed\s+out.*still\s+Updating`),
			},
			{
				// Still Updating from the step before: the update waits for
				// the function to settle instead of failing.
				Config: config("second", 256, "1m"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				Check: func(*terraform.State) error {
					busy := env.fake.Stats().Responses[scfapi.ActionUpdateFunctionConfiguration]["FailedOperation.FunctionStatusError"]
					t.Logf("the update was refused %d time(s) while the function was still Updating", busy)
					return nil
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testResource, attrPath("status"), knownvalue.StringExact(scfapi.StatusActive)),
					statecheck.ExpectKnownValue(testResource, attrPath("description"), knownvalue.StringExact("second")),
					statecheck.ExpectKnownValue(testResource, attrPath("memory_size"), knownvalue.Int64Exact(256)),
				},
			},
		},
	})
}
