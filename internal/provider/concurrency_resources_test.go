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
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

func reservedConfig(name string, mem int) string {
	return fmt.Sprintf(`
resource "scf_reserved_concurrency" "test" {
  function_name            = %q
  reserved_concurrency_mem = %d
}
`, name, mem)
}

// provisionedConfig provisions a version of function "warm".
func provisionedConfig(qualifier string, num int) string {
	return fmt.Sprintf(`
resource "scf_provisioned_concurrency" "test" {
  function_name               = "warm"
  qualifier                   = %q
  provisioned_concurrency_num = %d
}
`, qualifier, num)
}

func TestAccReservedConcurrency(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	env.createOutOfBand("default", "capped", writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"}))
	const addr = "scf_reserved_concurrency.test"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{
				Config: env.config(reservedConfig("capped", 1024)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("default/capped")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("namespace"), knownvalue.StringExact("default")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("reserved_concurrency_mem"), knownvalue.Int64Exact(1024)),
				},
			},
			{
				Config: env.config(reservedConfig("capped", 0)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("reserved_concurrency_mem"), knownvalue.Int64Exact(0)),
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateId: "default/capped", ImportStateVerify: true},
			{
				// Removed outside Terraform: the refresh drops it and the plan sets it again.
				PreConfig: func() {
					if err := env.client.DeleteReservedConcurrency(t.Context(), "", "capped"); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.config(reservedConfig("capped", 0)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			mem, err := env.client.GetReservedConcurrency(t.Context(), "", "capped")
			if err != nil || mem != nil {
				return fmt.Errorf("after destroy: %v, %w; want no reserved quota", mem, err)
			}
			return nil
		},
	})
}

func TestAccReservedConcurrencyErrors(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	env.createOutOfBand("default", "big", writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"}))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{Config: env.config(reservedConfig("big", -1)), PlanOnly: true, ExpectError: regexp.MustCompile(`reserved_concurrency_mem`)},
			{Config: env.config(reservedConfig("big", 200000)), ExpectError: regexp.MustCompile(`LimitExceeded\.FunctionReservedConcurrencyMemory`)},
			{Config: env.config(reservedConfig("absent", 128)), ExpectError: regexp.MustCompile(`ResourceNotFound\.Function`)},
		},
	})
}

// provisionedEnv has function "warm" with published version 1, seeded in the
// fake so that these tests do not depend on scf_function_version.
func provisionedEnv(t *testing.T, opts fakescf.Options) *testEnv {
	env := newTestEnv(t, opts)
	env.createOutOfBand("default", "warm", writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"}))
	if err := env.fake.RegisterPublishedVersion("default", "warm", "1"); err != nil {
		t.Fatal(err)
	}
	return env
}

func TestAccProvisionedConcurrency(t *testing.T) {
	newestCLIsOnly(t)
	env := provisionedEnv(t, fakescf.Options{UpdateDelay: 300 * time.Millisecond})
	const addr = "scf_provisioned_concurrency.test"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{
				Config: env.config(provisionedConfig("1", 2)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact("default/warm/1")),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("status"), knownvalue.StringExact(scfapi.ProvisionDone)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("available"), knownvalue.Int64Exact(2)),
				},
			},
			{
				Config: env.config(provisionedConfig("1", 3)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("available"), knownvalue.Int64Exact(3)),
				},
			},
			{ResourceName: addr, ImportState: true, ImportStateId: "default/warm/1", ImportStateVerify: true, ImportStateVerifyIgnore: []string{"timeouts"}},
			{
				PreConfig: func() {
					if err := env.client.DeleteProvisionedConcurrency(t.Context(), "", "warm", "1"); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.config(provisionedConfig("1", 3)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{plancheck.ExpectResourceAction(addr, plancheck.ResourceActionCreate)},
				},
			},
		},
		CheckDestroy: func(*terraform.State) error {
			v, err := env.client.GetProvisionedConcurrency(t.Context(), "", "warm", "1")
			if err != nil || v != nil {
				return fmt.Errorf("after destroy: %+v, %w; want nothing provisioned", v, err)
			}
			return nil
		},
	})
}

func TestAccProvisionedConcurrencyErrors(t *testing.T) {
	newestCLIsOnly(t)
	env := provisionedEnv(t, fakescf.Options{})
	env.fake.FailNext(scfapi.ActionPutProvisionedConcurrencyConfig, "warm", fakescf.StatusReason{ErrorCode: "InternalError", ErrorMessage: "insufficient capacity in zone"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{Config: env.config(provisionedConfig("$LATEST", 1)), PlanOnly: true, ExpectError: regexp.MustCompile(`qualifier`)},
			{Config: env.config(provisionedConfig("1", 0)), PlanOnly: true, ExpectError: regexp.MustCompile(`provisioned_concurrency_num`)},
			{Config: env.config(provisionedConfig("9", 1)), ExpectError: regexp.MustCompile(`ResourceNotFound\.Version`)},
			{Config: env.config(provisionedConfig("1", 1)), ExpectError: regexp.MustCompile(`Failed: insufficient capacity in\s+zone`)},
			{
				// The failed task stays in state, tainted; the next apply replaces it and succeeds.
				Config: env.config(provisionedConfig("1", 1)),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("scf_provisioned_concurrency.test", tfjsonpath.New("status"), knownvalue.StringExact(scfapi.ProvisionDone)),
				},
			},
		},
	})
}
