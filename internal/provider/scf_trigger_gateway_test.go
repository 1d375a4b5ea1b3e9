package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

func TestAccSCFTriggerApigw(t *testing.T) {
	newestCLIsOnly(t)
	env := triggerEnv(t)
	cfg := func(enable bool, method string) string {
		return env.config(fmt.Sprintf(`
resource "scf_trigger" "test" {
  function_name = "fn"
  name          = "web"
  enable        = %t
  apigw = {
    service_id    = "service-abcd1234"
    environment   = "test"
    method        = %q
    auth_required = true
  }
}
`, enable, method))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkTriggersGone,
		Steps: []resource.TestStep{
			{
				Config: cfg(true, "POST"),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("id"), knownvalue.StringExact("default/fn/apigw/web")),
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("type"), knownvalue.StringExact("apigw")),
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("apigw").AtMapKey("integrated_response"), knownvalue.Bool(false)),
				},
				Check: func(*terraform.State) error {
					got, err := env.client.FindTrigger(context.Background(), scfapi.TriggerSpec{Namespace: "default", FunctionName: "fn",
						Qualifier: "$DEFAULT", Type: "apigw", Name: "web"})
					want := `{"api":{"authRequired":"TRUE","requestConfig":{"method":"POST"},"isIntegratedResponse":"FALSE",` +
						`"IsBase64Encoded":"FALSE"},"service":{"serviceId":"service-abcd1234"},"release":{"environmentName":"test"}}`
					if err != nil || got == nil || !scfapi.SameTriggerDesc("apigw", got.TriggerDesc, want) {
						return fmt.Errorf("service's trigger = %+v, %w; want TriggerDesc with %s", got, err, want)
					}
					return nil
				},
			},
			// Neither update API takes an API Gateway trigger.
			{Config: cfg(false, "POST"), ConfigPlanChecks: replaced()},
			{Config: cfg(false, "GET"), ConfigPlanChecks: replaced()},
			{ResourceName: testTrigger, ImportState: true, ImportStateId: "default/fn/apigw/web", ImportStateVerify: true},
		},
	})
}

func TestAccSCFTriggerApigwPlanTimeErrors(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	apigw := func(name, block string) string {
		return env.config(fmt.Sprintf(`
resource "scf_trigger" "test" {
  function_name = "fn"
  %s
  apigw = {
    %s
  }
}
`, name, block))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{
				Config:      apigw("", `service_id = "service-abcd1234"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Attribute name: an? apigw trigger has no name`),
			},
			{
				Config:      apigw(`name = "my web"`, `service_id = "service-abcd1234"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)"my web" is not a valid apigw trigger name`),
			},
			{
				Config:      apigw(`name = "web"`, `service_id = "svc-1"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)apigw.service_id.*must be an API Gateway service ID`),
			},
			{
				Config: apigw(`name = "web"`, `service_id = "service-abcd1234"
    environment = "prod"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)apigw.environment.*value must be one of`),
			},
			{
				Config: apigw(`name = "web"`, `service_id = "service-abcd1234"
    method = "PATCH"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)apigw.method.*value must be one of`),
			},
			{
				Config:      apigw(`name = "web"`, ""),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)attribute "service_id" is\s+required`),
			},
		},
	})
}
