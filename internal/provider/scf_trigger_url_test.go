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

func TestAccSCFTriggerHTTP(t *testing.T) {
	newestCLIsOnly(t)
	env := triggerEnv(t)
	cfg := func(name string, enable bool, body string) string {
		return env.config(fmt.Sprintf(`
resource "scf_trigger" "test" {
  function_name = "fn"
  name          = %q
  enable        = %t
  description   = "url"
  http = {
    %s
  }
}
`, name, enable, body))
	}
	open := `auth_type       = "NONE"
    enable_intranet = false
    enable_extranet = true`
	camWithCors := `auth_type       = "CAM"
    enable_intranet = true
    enable_extranet = false
    cors = {
      origins           = ["https://example.com"]
      methods           = ["POST", "PATCH"]
      max_age           = 600
      allow_credentials = false
    }`
	serviceDesc := func(want string) func(*terraform.State) error {
		return func(*terraform.State) error {
			got, err := env.client.FindTrigger(context.Background(), scfapi.TriggerSpec{Namespace: "default", FunctionName: "fn",
				Qualifier: "$DEFAULT", Type: "http", Name: "url"})
			if err != nil || got == nil || got.TriggerDesc != want {
				return fmt.Errorf("service's trigger = %+v, %w; want TriggerDesc %s", got, err, want)
			}
			return nil
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkTriggersGone,
		Steps: []resource.TestStep{
			{
				Config: cfg("url", true, open),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("id"), knownvalue.StringExact("default/fn/http/url")),
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("http").AtMapKey("cors"), knownvalue.Null()),
				},
				Check: serviceDesc(`{"AuthType":"NONE","NetConfig":{"EnableIntranet":false,"EnableExtranet":true}}`),
			},
			{
				// UpdateTrigger takes a function URL: everything changes in place.
				Config:           cfg("url", false, camWithCors),
				ConfigPlanChecks: inPlace(),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("http").AtMapKey("cors").AtMapKey("headers"), knownvalue.Null()),
					statecheck.ExpectKnownValue(testTrigger, tfjsonpath.New("http").AtMapKey("cors").AtMapKey("allow_credentials"), knownvalue.Bool(false)),
				},
				Check: serviceDesc(`{"AuthType":"CAM","NetConfig":{"EnableIntranet":true,"EnableExtranet":false},"CorsConfig":` +
					`{"Enable":true,"Origins":["https://example.com"],"Methods":["POST","PATCH"],"MaxAge":600,"Credentials":false}}`),
			},
			{ResourceName: testTrigger, ImportState: true, ImportStateId: "default/fn/http/url", ImportStateVerify: true},
			{
				Config: cfg("url-2", false, camWithCors),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testTrigger, plancheck.ResourceActionReplace)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

func TestAccSCFTriggerHTTPPlanTimeErrors(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	url := func(name, body string) string {
		return env.config(fmt.Sprintf(`
resource "scf_trigger" "test" {
  function_name = "fn"
  %s
  http = {
    enable_intranet = false
    enable_extranet = true
    %s
  }
}
`, name, body))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{
				Config:      url("", `auth_type = "NONE"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)Attribute name: a http trigger has no name`),
			},
			{
				Config:      url(`name = "url"`, `auth_type = "OPEN"`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)http.auth_type.*value must be one of`),
			},
			{
				Config: url(`name = "url"`, `auth_type = "NONE"
    cors = { origins = [] }`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)http.cors.origins list must contain at least 1 elements`),
			},
			{
				Config: url(`name = "url"`, `auth_type = "NONE"
    cors = {
      origins = ["*"]
      max_age = -1
    }`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)http.cors.max_age value must be at least 0`),
			},
			{
				Config: url(`name = "url"`, `auth_type = "NONE"
    cors = { methods = ["GET"] }`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`(?s)attribute\s+"origins" is\s+required`),
			},
		},
	})
}
