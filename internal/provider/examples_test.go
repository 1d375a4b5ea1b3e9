package provider

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/config"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// The documentation's examples are applied against the fake, so that what
// users copy from the docs is known to work. They refer to their zip files
// as "${path.module}/<name>.zip"; tests substitute a generated archive.
const examplesDir = "../../examples"

func readExample(t *testing.T, name, zipPath string) string {
	t.Helper()
	content, err := os.ReadFile(filepath.Join(examplesDir, name))
	if err != nil {
		t.Fatal(err)
	}
	return regexp.MustCompile(`"\$\{path\.module\}/[a-z]+\.zip"`).ReplaceAllString(string(content), `"`+zipPath+`"`)
}

func TestAccExamples_resources(t *testing.T) {
	for _, example := range []string{"resource.tf", "resource_cos.tf", "resource_vpc_cfs.tf", "resource_http.tf", "resource_image.tf", "resource_websocket.tf"} {
		t.Run(example, func(t *testing.T) {
			env := newTestEnv(t, fakescf.Options{})
			zipPath := writeZip(t, t.TempDir(), "example.zip", map[string]string{"index.py": "def main_handler(e, c): return 'hello'\n"})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
				Steps: []resource.TestStep{{
					Config:           env.config(readExample(t, "resources/scf_function/"+example, zipPath)),
					ConfigPlanChecks: expectEmptyPlanAfterApply,
				}},
			})
		})
	}
}

// TestAccExamples_secrets applies the secrets example with its variables
// set, and checks what reached the function.
func TestAccExamples_secrets(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "example.zip", map[string]string{"index.py": "def main_handler(e, c): return 'hello'\n"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureWriteOnly},
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{{
			Config: env.config(readExample(t, "resources/scf_function/resource_secrets.tf", zipPath)),
			ConfigVariables: config.Variables{
				"db_password": config.StringVariable("example-db-password"), "payment_api_token": config.StringVariable("example-token"),
			},
			ConfigPlanChecks: expectEmptyPlanAfterApply,
			Check: func(*terraform.State) error {
				fn, err := env.client.GetFunction(t.Context(), scfapi.DefaultNamespace, "orders-api")
				if err != nil {
					return err
				}
				got := map[string]string{}
				for _, v := range fn.Environment.Variables {
					got[v.Key] = v.Value
				}
				want := map[string]string{"STAGE": "prod", "DB_PASSWORD": "example-db-password", "PAYMENT_API_TOKEN": "example-token"}
				if !maps.Equal(got, want) {
					return fmt.Errorf("the function's environment is not the example's three merged (%d variables)", len(got))
				}
				return nil
			},
		}},
	})
}

// TestAccExamples_versions applies the function version and alias examples.
func TestAccExamples_versions(t *testing.T) {
	for _, example := range []string{"scf_function_version", "scf_function_alias"} {
		t.Run(example, func(t *testing.T) {
			env := newTestEnv(t, fakescf.Options{})
			zipPath := writeZip(t, t.TempDir(), "example.zip", map[string]string{"index.py": "def main_handler(e, c): return 'hello'\n"})
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
				Steps: []resource.TestStep{{
					Config:           env.config(readExample(t, "resources/"+example+"/resource.tf", zipPath)),
					ConfigPlanChecks: expectEmptyPlanAfterApply,
				}},
			})
		})
	}
}

// TestAccExamples_layers applies the layer version example, with the
// function bound to it, and reads the data source example back.
func TestAccExamples_layers(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "example.zip", map[string]string{"index.py": "def main_handler(e, c): return 'hello'\n"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkLayerGone("shared-libs"),
		Steps: []resource.TestStep{
			{
				Config:           env.config(readExample(t, "resources/scf_layer_version/resource.tf", zipPath)),
				ConfigPlanChecks: expectEmptyPlanAfterApply,
			},
			{
				// Added once the version exists: the data source has no
				// dependency on the resource.
				Config: env.config(readExample(t, "resources/scf_layer_version/resource.tf", zipPath) +
					readExample(t, "data-sources/scf_layer_versions/data-source.tf", zipPath)),
				ConfigPlanChecks: expectEmptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownOutputValue("newest_python_libs", knownvalue.Int64Exact(1)),
				},
			},
		},
	})
}

// TestAccExamples_provider configures the provider exactly as the example
// does, with the endpoint and keys from the environment as a user would.
func TestAccExamples_provider(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	t.Setenv(envEndpoint, env.url)
	t.Setenv(envSecretID, fakescf.DefaultSecretID)
	t.Setenv(envSecretKey, fakescf.DefaultSecretKey)
	zipPath := writeZip(t, t.TempDir(), "example.zip", map[string]string{"index.py": "x = 1\n"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{{
			Config:             readExample(t, "provider/provider.tf", zipPath) + readExample(t, "resources/scf_function/resource.tf", zipPath),
			PlanOnly:           true,
			ExpectNonEmptyPlan: true,
		}},
	})
}

// TestAccExamples_import imports a function made outside Terraform, first
// with the ID of import.sh, then with the import block example.
func TestAccExamples_import(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "example.zip", map[string]string{"index.py": "x = 1\n"})
	script, err := os.ReadFile(filepath.Join(examplesDir, "resources/scf_function/import.sh"))
	if err != nil {
		t.Fatal(err)
	}
	id := regexp.MustCompile(`terraform import scf_function\.hello (\S+)`).FindStringSubmatch(string(script))
	if id == nil {
		t.Fatal("import.sh has no `terraform import scf_function.hello <id>` line")
	}
	namespace, name, err := parseFunctionID(id[1])
	if err != nil {
		t.Fatal(err)
	}
	env.createOutOfBand(namespace, name, zipPath, func(req *scfapi.CreateFunctionRequest) { req.Runtime = ptr("Python3.9") })
	if err := env.client.ModifyResourceTags(context.Background(), namespace, name, map[string]string{"team": "platform"}, nil); err != nil {
		t.Fatal(err)
	}

	resourceBlock := readExample(t, "resources/scf_function/resource.tf", zipPath)
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		Steps: []resource.TestStep{
			{
				Config:        env.config(resourceBlock),
				ResourceName:  "scf_function.hello",
				ImportState:   true,
				ImportStateId: id[1],
			},
			{
				// The example sets more than the out-of-band function has, so
				// the apply after the import block updates it in place.
				Config: env.config(resourceBlock + readExample(t, "resources/scf_function/import-by-string-id.tf", zipPath)),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("scf_function.hello", plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// TestAccExamples_dataSources reads functions made outside Terraform with
// the data source examples.
func TestAccExamples_dataSources(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "example.zip", map[string]string{"index.py": "x = 1\n"})
	env.createOutOfBand(scfapi.DefaultNamespace, "hello-world", zipPath, func(req *scfapi.CreateFunctionRequest) { req.Runtime = ptr("Python3.9") })
	// Only api-orders matches every filter of the scf_functions example.
	for name, runtime := range map[string]string{"api-orders": "Python3.9", "api-users": "Nodejs18.15", "internal-api": "Python3.9"} {
		env.createOutOfBand(scfapi.DefaultNamespace, name, zipPath, func(req *scfapi.CreateFunctionRequest) {
			req.Runtime, req.Type = ptr(runtime), ptr("HTTP")
			req.Tags = []*scfapi.Tag{{Key: ptr("team"), Value: ptr("platform")}}
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{{
			Config: env.config(readExample(t, "data-sources/scf_function/data-source.tf", zipPath) +
				readExample(t, "data-sources/scf_functions/data-source.tf", zipPath)),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("hello_runtime", knownvalue.StringExact("Python3.9")),
				statecheck.ExpectKnownOutputValue("hello_code_sha256", knownvalue.StringExact(sha256File(t, zipPath))),
				statecheck.ExpectKnownOutputValue("platform_api_functions", knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact("api-orders")})),
			},
		}},
	})
}

// TestAccExamples_namespace applies the scf_namespace example, a namespace
// and a function that refers to it, and destroys both in the right order.
func TestAccExamples_namespace(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{DeleteDelay: 300 * time.Millisecond})
	zipPath := writeZip(t, t.TempDir(), "example.zip", map[string]string{"index.py": "def main_handler(e, c): return 'ok'\n"})
	example := readExample(t, "resources/scf_namespace/resource.tf", zipPath)
	namespace := regexp.MustCompile(`resource "scf_namespace" "orders" \{\s+name\s+= "([^"]+)"`).FindStringSubmatch(example)
	if namespace == nil {
		t.Fatal("the example has no scf_namespace.orders with a literal name")
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		// The fake deletes only empty namespaces: the namespace gone means
		// the function went first.
		CheckDestroy: env.checkNamespacesGone(namespace[1]),
		Steps: []resource.TestStep{{
			Config:           env.config(example),
			ConfigPlanChecks: expectEmptyPlanAfterApply,
			Check: func(*terraform.State) error {
				if got := env.fake.FunctionNames(namespace[1]); len(got) != 1 {
					return fmt.Errorf("namespace %s holds %v, want the example's function", namespace[1], got)
				}
				return nil
			},
		}},
	})
}

// TestAccExamples_namespaceImport imports a namespace made outside Terraform
// with the ID of import.sh, then with the import block example; both plan
// no change.
func TestAccExamples_namespaceImport(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	script, err := os.ReadFile(filepath.Join(examplesDir, "resources/scf_namespace/import.sh"))
	if err != nil {
		t.Fatal(err)
	}
	id := regexp.MustCompile(`terraform import scf_namespace\.orders (\S+)`).FindStringSubmatch(string(script))
	if id == nil {
		t.Fatal("import.sh has no `terraform import scf_namespace.orders <name>` line")
	}
	if err := env.client.CreateNamespace(context.Background(), id[1], "Functions of the orders team"); err != nil {
		t.Fatal(err)
	}
	// The namespace alone: the example's function is not what is imported.
	example := readExample(t, "resources/scf_namespace/resource.tf", "unused.zip")
	block := regexp.MustCompile(`(?s)resource "scf_namespace" "orders" \{.*?\n\}\n`).FindString(example)
	if block == "" {
		t.Fatal("the example has no scf_namespace.orders block")
	}
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{tfversion.SkipBelow(tfversion.Version1_5_0)},
		CheckDestroy:             env.checkNamespacesGone(id[1]),
		Steps: []resource.TestStep{
			{
				Config:        env.config(block),
				ResourceName:  "scf_namespace.orders",
				ImportState:   true,
				ImportStateId: id[1],
			},
			{
				Config: env.config(block + readExample(t, "resources/scf_namespace/import-by-string-id.tf", "unused.zip")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("scf_namespace.orders", plancheck.ResourceActionNoop)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// TestAccExamples_namespacesDataSource applies the scf_namespaces example.
func TestAccExamples_namespacesDataSource(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	for _, ns := range []string{"team-web", "team-data", "tools"} {
		if err := env.client.CreateNamespace(context.Background(), ns, ""); err != nil {
			t.Fatal(err)
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{{
			Config: env.config(readExample(t, "data-sources/scf_namespaces/data-source.tf", "unused.zip")),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("team_namespaces", knownvalue.ListExact([]knownvalue.Check{
					knownvalue.StringExact("team-data"), knownvalue.StringExact("team-web"),
				})),
			},
		}},
	})
}

// TestAccExamples_reservedConcurrency applies the scf_reserved_concurrency
// example and imports it with the ID of its import.sh.
func TestAccExamples_reservedConcurrency(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "example.zip", map[string]string{"index.py": "def main_handler(e, c): return 'hello'\n"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{
				Config:           env.config(readExample(t, "resources/scf_reserved_concurrency/resource.tf", zipPath)),
				ConfigPlanChecks: expectEmptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("scf_reserved_concurrency.reports", tfjsonpath.New("reserved_concurrency_mem"), knownvalue.Int64Exact(2048)),
				},
			},
			{
				ResourceName: "scf_reserved_concurrency.reports", ImportState: true, ImportStateVerify: true,
				ImportStateId: importShID(t, "resources/scf_reserved_concurrency/import.sh", "scf_reserved_concurrency.reports"),
			},
		},
	})
}

// TestAccExamples_provisionedConcurrency applies the
// scf_provisioned_concurrency example: a function, a version published by
// scf_function_version, and provisioned concurrency on it.
func TestAccExamples_provisionedConcurrency(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "example.zip", map[string]string{"index.py": "def main_handler(e, c): return 'hello'\n"})
	example := readExample(t, "resources/scf_provisioned_concurrency/resource.tf", zipPath)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{
				Config:           env.config(example),
				ConfigPlanChecks: expectEmptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("scf_provisioned_concurrency.api", tfjsonpath.New("qualifier"), knownvalue.StringExact("1")),
					statecheck.ExpectKnownValue("scf_provisioned_concurrency.api", tfjsonpath.New("status"), knownvalue.StringExact(scfapi.ProvisionDone)),
					statecheck.ExpectKnownValue("scf_provisioned_concurrency.api", tfjsonpath.New("scheduled_actions"), knownvalue.SetSizeExact(2)),
				},
			},
			{
				ResourceName: "scf_provisioned_concurrency.api", ImportState: true, ImportStateVerify: true,
				ImportStateVerifyIgnore: []string{"timeouts"},
				ImportStateId:           importShID(t, "resources/scf_provisioned_concurrency/import.sh", "scf_provisioned_concurrency.api"),
			},
		},
	})
}

// importShID returns the ID of the `terraform import <address> <id>` line
// of an example's import.sh.
func importShID(t *testing.T, name, address string) string {
	t.Helper()
	script, err := os.ReadFile(filepath.Join(examplesDir, name))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`terraform import ` + regexp.QuoteMeta(address) + ` (\S+)`).FindStringSubmatch(string(script))
	if m == nil {
		t.Fatalf("%s has no `terraform import %s <id>` line", name, address)
	}
	return m[1]
}

// TestAccExamples_trigger applies the scf_trigger example and imports its
// triggers with the IDs of import.sh; each import plans no change.
func TestAccExamples_trigger(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "example.zip", map[string]string{"index.py": "def main_handler(e, c): return 'ok'\n"})
	script, err := os.ReadFile(filepath.Join(examplesDir, "resources/scf_trigger/import.sh"))
	if err != nil {
		t.Fatal(err)
	}
	imports := regexp.MustCompile(`terraform import (scf_trigger\.\w+) (\S+)`).FindAllStringSubmatch(string(script), -1)
	if len(imports) == 0 {
		t.Fatal("import.sh has no `terraform import scf_trigger.<name> <id>` line")
	}
	config := env.config(readExample(t, "resources/scf_trigger/resource.tf", zipPath))
	steps := []resource.TestStep{{Config: config, ConfigPlanChecks: expectEmptyPlanAfterApply}}
	for _, imp := range imports {
		steps = append(steps, resource.TestStep{Config: config, ResourceName: imp[1], ImportState: true, ImportStateId: imp[2], ImportStateVerify: true})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps:                    steps,
	})
}

// TestAccExamples_functionInvocation applies the scf_function_invocation
// example to a function answering per environment, in namespace platform,
// whose alias live routes to version 1 while $LATEST runs newer code. The
// example's provider "example" is a stand-in for any provider; the echo
// provider takes its place, with the same expression, so that the token it
// would have been given can be checked.
func TestAccExamples_functionInvocation(t *testing.T) {
	requireRuntimes(t, "python3")
	env := newTestEnv(t, fakescf.Options{Exec: true})
	ctx := context.Background()
	if err := env.client.CreateNamespace(ctx, "platform", ""); err != nil {
		t.Fatal(err)
	}
	tokenFrom := func(release string) map[string]string {
		return map[string]string{"index.py": "def main_handler(event, context):\n    return {'token': '" + release + "-' + event['environment']}\n"}
	}
	dir := t.TempDir()
	exampleFunction(env, "platform", "config-service", writeZip(t, dir, "v1.zip", tokenFrom("v1")))
	env.publishedVersions("platform", "config-service", "1")
	if err := env.client.CreateAlias(ctx, &scfapi.AliasRequest{
		Name: ptr("live"), FunctionName: ptr("config-service"), FunctionVersion: ptr("1"), Namespace: ptr("platform"),
	}); err != nil {
		t.Fatal(err)
	}
	env.editCodeOutOfBand("platform", "config-service", writeZip(t, dir, "v2.zip", tokenFrom("v2")))

	example := readExample(t, "ephemeral-resources/scf_function_invocation/ephemeral-resource.tf", "unused.zip")
	const standIn = "provider \"example\" {\n  token = "
	if strings.Count(example, standIn) != 1 {
		t.Fatalf("the example has no `%s…` to give to the echo provider", standIn)
	}
	config := strings.Replace(example, standIn, "provider \"echo\" {\n  data = ", 1) + `
resource "echo" "token" {}
`
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factoriesWithEcho(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureEphemeralResources},
		Steps: []resource.TestStep{{
			Config: env.config(config),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("echo.token", tfjsonpath.New("data"), knownvalue.StringExact("v1-staging")),
				noInvocationInState{},
			},
		}},
	})
}

// TestAccExamples_functionInvokeAction applies the scf_function_invoke
// example with the scf_function example it names: creating the function
// runs the smoke test once, and new code that fails it fails the apply with
// the function's message, which shows the payload and environment it ran
// with.
func TestAccExamples_functionInvokeAction(t *testing.T) {
	requireRuntimes(t, "python3")
	env := newTestEnv(t, fakescf.Options{Exec: true})
	dir := t.TempDir()
	passes := writeZip(t, dir, "passes.zip", map[string]string{
		"index.py": "import os\n\ndef main_handler(event, context):\n    return {'message': os.environ['GREETING'] + ', ' + event['name']}\n",
	})
	fails := writeZip(t, dir, "fails.zip", map[string]string{
		"index.py": "import json, os\n\ndef main_handler(event, context):\n" +
			"    raise RuntimeError(os.environ['GREETING'] + ' got ' + json.dumps(event, sort_keys=True))\n",
	})
	config := func(zipPath string) string {
		return env.config(readExample(t, "resources/scf_function/resource.tf", zipPath) +
			readExample(t, "actions/scf_function_invoke/action.tf", zipPath))
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureActions},
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{
				Config: config(passes),
				Check: func(*terraform.State) error {
					if n := env.invocations(); n != 1 {
						return fmt.Errorf("scf-fake ran %d successful invocations, want 1 (the smoke test after create)", n)
					}
					return nil
				},
			},
			{
				Config:      config(fails),
				ExpectError: regexp.MustCompile(`(?s)SCF Function Failed.*default/hello-world failed: hello got \{"name":\s+"smoke test"\} \(RuntimeError\)`),
			},
		},
	})
}
