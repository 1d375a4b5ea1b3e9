package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

const testTrigger = "scf_trigger.test"

func timerTriggerConfig(cron string, enable bool, description string) string {
	return fmt.Sprintf(`
resource "scf_trigger" "test" {
  function_name = "fn"
  name          = "every-5"
  enable        = %t
  description   = %q
  timer = {
    cron_expression = %q
  }
}
`, enable, description, cron)
}

// triggerEnv is a test fake with function default/fn, made out of band.
func triggerEnv(t *testing.T) *testEnv {
	env := newTestEnv(t, fakescf.Options{})
	env.createOutOfBand("default", "fn", writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "def main_handler(e, c):\n    return 1\n"}))
	return env
}

func inPlace() resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testTrigger, plancheck.ResourceActionUpdate)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

func (e *testEnv) checkTriggersGone(*terraform.State) error {
	all, err := e.client.ListTriggers(context.Background(), "default", "fn")
	if err != nil {
		return err
	}
	if len(all) > 0 {
		return fmt.Errorf("%d trigger(s) left after destroy", len(all))
	}
	return nil
}

func TestAccSCFTriggerTimer(t *testing.T) {
	newestCLIsOnly(t)
	env := triggerEnv(t)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkTriggersGone,
		Steps: []resource.TestStep{
			{
				Config: env.config(timerTriggerConfig("0 */5 * * * * *", true, "")),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("id"), knownvalue.StringExact("default/fn/timer/every-5")),
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("type"), knownvalue.StringExact("timer")),
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("qualifier"), knownvalue.StringExact("$DEFAULT")),
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("enable"), knownvalue.Bool(true)),
				},
			},
			{
				Config:           env.config(timerTriggerConfig("0 0 2 * * MON-FRI *", false, "weekday nights")),
				ConfigPlanChecks: inPlace(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("timer").AtMapKey("cron_expression"), knownvalue.StringExact("0 0 2 * * MON-FRI *")),
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("enable"), knownvalue.Bool(false)),
				},
			},
			{ResourceName: testTrigger, ImportState: true, ImportStateId: "default/fn/timer/every-5", ImportStateVerify: true},
			{
				// The function goes out of band, and its trigger with it.
				PreConfig: func() {
					ctx := context.Background()
					if err := env.client.DeleteFunction(ctx, "default", "fn"); err != nil {
						t.Fatal(err)
					}
					if err := env.client.WaitForDeleted(ctx, "default", "fn"); err != nil {
						t.Fatal(err)
					}
				},
				Config:             env.config(timerTriggerConfig("0 0 2 * * MON-FRI *", false, "weekday nights")),
				PlanOnly:           true,
				ExpectNonEmptyPlan: true,
				RefreshState:       false,
			},
			{
				PreConfig: func() {
					env.createOutOfBand("default", "fn", writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"}))
				},
				Config: env.config(timerTriggerConfig("0 0 2 * * MON-FRI *", false, "weekday nights")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testTrigger, plancheck.ResourceActionCreate)},
				},
			},
		},
	})
}

func TestAccSCFTriggerCos(t *testing.T) {
	newestCLIsOnly(t)
	env := triggerEnv(t)
	cfg := func(enable bool, prefix string) string {
		return env.config(fmt.Sprintf(`
resource "scf_trigger" "test" {
  function_name = "fn"
  enable        = %t
  cos = {
    bucket = "photos-1250000000"
    event  = "cos:ObjectCreated:*"
    filter = {
      prefix = %q
      suffix = ".jpg"
    }
  }
}
`, enable, prefix))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkTriggersGone,
		Steps: []resource.TestStep{
			{
				Config: cfg(true, "in/"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("name"), knownvalue.StringExact("photos-1250000000.cos.ap-guangzhou.myqcloud.com")),
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("cos").AtMapKey("filter").AtMapKey("prefix"), knownvalue.StringExact("in/")),
				},
			},
			{Config: cfg(false, "in/"), ConfigPlanChecks: inPlace()},
			{
				Config: cfg(false, "out/"),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(testTrigger, plancheck.ResourceActionReplace)},
				},
			},
			{ResourceName: testTrigger, ImportState: true, ImportStateId: "default/fn/cos/photos-1250000000.cos.ap-guangzhou.myqcloud.com", ImportStateVerify: true},
		},
	})
}

func TestAccSCFTriggerCkafka(t *testing.T) {
	newestCLIsOnly(t)
	env := triggerEnv(t)
	cfg := func(maxMsg int) string {
		return env.config(fmt.Sprintf(`
resource "scf_trigger" "test" {
  function_name = "fn"
  ckafka = {
    instance_id = "ckafka-abcd1234"
    topic       = "orders"
    max_msg_num = %d
  }
}
`, maxMsg))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkTriggersGone,
		Steps: []resource.TestStep{
			{
				Config: cfg(100),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("name"), knownvalue.StringExact("ckafka-abcd1234-orders")),
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("ckafka").AtMapKey("retry"), knownvalue.Int64Exact(10000)),
				},
			},
			{
				Config:           cfg(500),
				ConfigPlanChecks: inPlace(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("ckafka").AtMapKey("max_msg_num"), knownvalue.Int64Exact(500)),
				},
				Check: func(*terraform.State) error {
					got, err := env.client.FindTrigger(context.Background(), scfapi.TriggerSpec{Namespace: "default", FunctionName: "fn",
						Qualifier: "$DEFAULT", Type: "ckafka", Name: "ckafka-abcd1234-orders"})
					if err != nil || got == nil || !scfapi.SameTriggerDesc("ckafka", got.TriggerDesc, `{"maxMsgNum":"500"}`) {
						return fmt.Errorf("service's trigger = %+v, %w; want maxMsgNum 500", got, err)
					}
					return nil
				},
			},
			{ResourceName: testTrigger, ImportState: true, ImportStateId: "default/fn/ckafka/ckafka-abcd1234-orders", ImportStateVerify: true},
		},
	})
}

func TestAccSCFTriggerPlanTimeErrors(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{
				Config:      env.config(timerTriggerConfig("0 */5 * * *", true, "")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Cron Expression.*Attribute timer.cron_expression: cron expression.*has 5\s+fields, not 7`),
			},
			{
				Config:      env.config(timerTriggerConfig("0 0 24 * * * *", true, "")),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)field 3 \(hour\).*outside 0-23`),
			},
			{
				Config: env.config(`
resource "scf_trigger" "test" {
  function_name = "fn"
  timer = { cron_expression = "0 * * * * * *" }
}
`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Attribute name: a timer trigger has no name`),
			},
			{
				Config: env.config(`
resource "scf_trigger" "test" {
  function_name = "fn"
  name          = "t"
  timer  = { cron_expression = "0 * * * * * *" }
  ckafka = { instance_id = "ckafka-abcd1234", topic = "t" }
}
`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination`),
			},
			{
				Config: env.config(`
resource "scf_trigger" "test" {
  function_name   = "fn"
  custom_argument = "x"
  ckafka = { instance_id = "ckafka-abcd1234", topic = "t" }
}
`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Attribute custom_argument: custom_argument is set on a ckafka trigger`),
			},
			{
				Config:      env.config(`resource "scf_trigger" "test" { function_name = "fn" }`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Invalid Attribute Combination`),
			},
		},
	})
}
