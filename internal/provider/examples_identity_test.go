package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// identityImportExample is one resource type's import-by-identity.tf: the
// object it names, made out of band, and the resource block that matches
// it. The blocks are the types' resource.tf blocks with the references to
// objects not managed here written as their values, and without the
// arguments an import cannot read back (function_revision, a layer's
// content, timeouts), which would add an update to the import.
type identityImportExample struct {
	typeName string
	address  string
	resource string
	create   func(t *testing.T, env *testEnv, zipPath string)
	identity map[string]knownvalue.Check
	gone     func(env *testEnv) func(*terraform.State) error
}

// exampleFunction is the Python function the examples' other objects hang on.
func exampleFunction(env *testEnv, namespace, name, zipPath string) {
	env.createOutOfBand(namespace, name, zipPath, func(req *scfapi.CreateFunctionRequest) { req.Runtime = ptr("Python3.9") })
}

func (e *testEnv) publishedVersions(namespace, name, upTo string) {
	e.t.Helper()
	if err := e.fake.RegisterPublishedVersion(namespace, name, upTo); err != nil {
		e.t.Fatal(err)
	}
}

var identityImportExamples = []identityImportExample{
	{
		typeName: "scf_namespace",
		address:  "scf_namespace.orders",
		resource: `
resource "scf_namespace" "orders" {
  name        = "orders"
  description = "Functions of the orders team"
}
`,
		create: func(t *testing.T, env *testEnv, _ string) {
			if err := env.client.CreateNamespace(context.Background(), "orders", "Functions of the orders team"); err != nil {
				t.Fatal(err)
			}
		},
		identity: map[string]knownvalue.Check{"name": knownvalue.StringExact("orders")},
		gone:     func(env *testEnv) func(*terraform.State) error { return env.checkNamespacesGone("orders") },
	},
	{
		typeName: "scf_trigger",
		address:  "scf_trigger.nightly",
		resource: `
resource "scf_trigger" "nightly" {
  function_name   = "report"
  name            = "nightly"
  description     = "Weekday report"
  custom_argument = "{\"scope\":\"daily\"}"

  timer = {
    cron_expression = "0 0 2 * * MON-FRI *"
  }
}
`,
		create: func(t *testing.T, env *testEnv, zipPath string) {
			exampleFunction(env, scfapi.DefaultNamespace, "report", zipPath)
			if err := env.client.CreateTrigger(context.Background(), scfapi.TriggerSpec{
				Namespace: scfapi.DefaultNamespace, FunctionName: "report", Qualifier: "$DEFAULT", Type: "timer", Name: "nightly",
				Desc: "0 0 2 * * MON-FRI *", Enable: true, Description: "Weekday report", CustomArgument: `{"scope":"daily"}`,
			}); err != nil {
				t.Fatal(err)
			}
		},
		identity: map[string]knownvalue.Check{
			"namespace": knownvalue.StringExact("default"), "function_name": knownvalue.StringExact("report"),
			"type": knownvalue.StringExact("timer"), "name": knownvalue.StringExact("nightly"), "qualifier": knownvalue.StringExact("$DEFAULT"),
		},
	},
	{
		typeName: "scf_function_version",
		address:  "scf_function_version.orders",
		resource: `
resource "scf_function_version" "orders" {
  function_name = "orders"
  description   = "release"
}
`,
		create: func(t *testing.T, env *testEnv, zipPath string) {
			exampleFunction(env, scfapi.DefaultNamespace, "orders", zipPath)
			env.publishedVersions(scfapi.DefaultNamespace, "orders", "2")
			ctx := context.Background()
			version, err := env.client.PublishVersion(ctx, scfapi.DefaultNamespace, "orders", "release")
			if err != nil || version != "3" {
				t.Fatalf("publishing version 3 of orders: got version %q, %v", version, err)
			}
			if _, err := env.client.WaitForVersionActive(ctx, scfapi.DefaultNamespace, "orders", version); err != nil {
				t.Fatal(err)
			}
		},
		identity: map[string]knownvalue.Check{
			"namespace": knownvalue.StringExact("default"), "function_name": knownvalue.StringExact("orders"), "version": knownvalue.StringExact("3"),
		},
	},
	{
		typeName: "scf_function_alias",
		address:  "scf_function_alias.live",
		resource: `
resource "scf_function_alias" "live" {
  function_name    = "api"
  name             = "live"
  function_version = "1"
  routing_config = {
    additional_version_weights = [{
      version = "2"
      weight  = 0.1
    }]
  }
}
`,
		create: func(t *testing.T, env *testEnv, zipPath string) {
			exampleFunction(env, scfapi.DefaultNamespace, "api", zipPath)
			env.publishedVersions(scfapi.DefaultNamespace, "api", "2")
			if err := env.client.CreateAlias(context.Background(), &scfapi.AliasRequest{
				Name: ptr("live"), FunctionName: ptr("api"), FunctionVersion: ptr("1"), Namespace: ptr(scfapi.DefaultNamespace),
				RoutingConfig: &scfapi.RoutingConfig{AdditionalVersionWeights: []*scfapi.VersionWeight{{Version: ptr("2"), Weight: ptr(0.1)}}},
			}); err != nil {
				t.Fatal(err)
			}
		},
		identity: map[string]knownvalue.Check{
			"namespace": knownvalue.StringExact("default"), "function_name": knownvalue.StringExact("api"), "name": knownvalue.StringExact("live"),
		},
	},
	{
		typeName: "scf_reserved_concurrency",
		address:  "scf_reserved_concurrency.reports",
		resource: `
resource "scf_reserved_concurrency" "reports" {
  function_name            = "reports"
  namespace                = "default"
  reserved_concurrency_mem = 2048
}
`,
		create: func(t *testing.T, env *testEnv, zipPath string) {
			exampleFunction(env, scfapi.DefaultNamespace, "reports", zipPath)
			if err := env.client.PutReservedConcurrency(context.Background(), scfapi.DefaultNamespace, "reports", 2048); err != nil {
				t.Fatal(err)
			}
		},
		identity: map[string]knownvalue.Check{
			"namespace": knownvalue.StringExact("default"), "function_name": knownvalue.StringExact("reports"),
		},
	},
	{
		typeName: "scf_provisioned_concurrency",
		address:  "scf_provisioned_concurrency.api",
		resource: `
resource "scf_provisioned_concurrency" "api" {
  function_name               = "api"
  namespace                   = "default"
  qualifier                   = "1"
  provisioned_concurrency_num = 4

  scheduled_actions = [
    {
      name                        = "working-hours"
      provisioned_concurrency_num = 20
      cron_expression             = "0 0 9 * * MON-FRI *"
    },
    {
      name                        = "night"
      provisioned_concurrency_num = 0
      cron_expression             = "0 0 22 * * * *"
    },
  ]
}
`,
		create: func(t *testing.T, env *testEnv, zipPath string) {
			exampleFunction(env, scfapi.DefaultNamespace, "api", zipPath)
			env.publishedVersions(scfapi.DefaultNamespace, "api", "1")
			ctx := context.Background()
			if err := env.client.PutProvisionedConcurrency(ctx, scfapi.DefaultNamespace, "api", "1", 4,
				scfapi.TriggerAction{TriggerName: "working-hours", TriggerProvisionedConcurrencyNum: 20, TriggerCronConfig: "0 0 9 * * MON-FRI *"},
				scfapi.TriggerAction{TriggerName: "night", TriggerProvisionedConcurrencyNum: 0, TriggerCronConfig: "0 0 22 * * * *"},
			); err != nil {
				t.Fatal(err)
			}
			if _, err := env.client.WaitForProvisionedConcurrency(ctx, scfapi.DefaultNamespace, "api", "1"); err != nil {
				t.Fatal(err)
			}
		},
		identity: map[string]knownvalue.Check{
			"namespace": knownvalue.StringExact("default"), "function_name": knownvalue.StringExact("api"), "qualifier": knownvalue.StringExact("1"),
		},
	},
	{
		typeName: "scf_layer_version",
		address:  "scf_layer_version.libs",
		resource: `
resource "scf_layer_version" "libs" {
  layer_name          = "shared-libs"
  description         = "Helpers shared by the order functions"
  compatible_runtimes = ["Python3.9", "Python3.10"]
  license_info        = "MIT"
}
`,
		create: func(t *testing.T, env *testEnv, zipPath string) {
			ctx := context.Background()
			version, err := env.client.PublishLayerVersion(ctx, &scfapi.PublishLayerVersionRequest{
				LayerName: ptr("shared-libs"), Description: ptr("Helpers shared by the order functions"), LicenseInfo: ptr("MIT"),
				CompatibleRuntimes: []*string{ptr("Python3.9"), ptr("Python3.10")},
				Content:            &scfapi.Code{ZipFile: ptr(base64File(t, zipPath))},
			}, sha256File(t, zipPath))
			if err != nil || version != 1 {
				t.Fatalf("publishing shared-libs version 1: got version %d, %v", version, err)
			}
			if _, err := env.client.WaitForLayerVersionActive(ctx, "shared-libs", version); err != nil {
				t.Fatal(err)
			}
		},
		identity: map[string]knownvalue.Check{"layer_name": knownvalue.StringExact("shared-libs"), "layer_version": knownvalue.Int64Exact(1)},
		gone:     func(env *testEnv) func(*terraform.State) error { return env.checkLayerGone("shared-libs") },
	},
}

// TestAccExamples_importByIdentityOfEachType applies each resource type's
// import-by-identity.tf to the object it names, made outside Terraform:
// the plan only imports, the state records the identity, and the next
// plan is empty (Terraform 1.12 and later). scf_function's is
// TestAccExamples_importByIdentity.
func TestAccExamples_importByIdentityOfEachType(t *testing.T) {
	for _, example := range identityImportExamples {
		t.Run(example.typeName, func(t *testing.T) {
			env := newTestEnv(t, fakescf.Options{})
			zipPath := writeZip(t, t.TempDir(), "example.zip", map[string]string{"index.py": "def main_handler(e, c): return 'ok'\n"})
			example.create(t, env, zipPath)
			var checkDestroy resource.TestCheckFunc
			if example.gone != nil {
				checkDestroy = example.gone(env)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureIdentity},
				CheckDestroy:             checkDestroy,
				Steps: []resource.TestStep{{
					Config: env.config(example.resource + readExample(t, "resources/"+example.typeName+"/import-by-identity.tf", zipPath)),
					ConfigPlanChecks: resource.ConfigPlanChecks{
						PreApply:             []plancheck.PlanCheck{expectOnlyImportByIdentity(example.address)},
						PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
					},
					ConfigStateChecks: []statecheck.StateCheck{statecheck.ExpectIdentity(example.address, example.identity)},
				}},
			})
		})
	}
}

// expectOnlyImportByIdentity checks that the plan imports address by its
// identity and changes nothing, there or elsewhere.
func expectOnlyImportByIdentity(address string) plancheck.PlanCheck {
	return onlyImportByIdentity{address: address}
}

type onlyImportByIdentity struct{ address string }

func (c onlyImportByIdentity) CheckPlan(_ context.Context, req plancheck.CheckPlanRequest, resp *plancheck.CheckPlanResponse) {
	imported := false
	for _, rc := range req.Plan.ResourceChanges {
		if !rc.Change.Actions.NoOp() {
			resp.Error = fmt.Errorf("the plan has %v for %s, want only the import of %s", rc.Change.Actions, rc.Address, c.address)
			return
		}
		if rc.Address == c.address {
			imported = rc.Change.Importing != nil && rc.Change.Importing.Identity != nil
		}
	}
	if !imported {
		resp.Error = fmt.Errorf("the plan does not import %s by identity", c.address)
	}
}
