package provider

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// allAttributesConfig sets every input of the resource. The values come
// from the fake's default fixtures (roles, VPCs, layers, CLS, CMQ).
type allAttributesConfig struct {
	zip, handler, description            string
	memory, timeout, initTimeout         int
	envValue, subnet, role, topic, queue string
	layerVersion                         int
	eip, remoteDir, tagValue             string
}

func (c allAttributesConfig) render() string {
	queueType := "CMQ-QUEUE"
	if c.queue == "dlq-topic-demo" {
		queueType = "CMQ-TOPIC"
	}
	return fmt.Sprintf(`
resource "scf_function" "test" {
  name         = "everything"
  namespace    = "team-all"
  code_source  = "ZipFile"
  code         = { zip_file = %[1]q }
  handler      = %[2]q
  description  = %[3]q
  memory_size  = %[4]d
  timeout      = %[5]d
  init_timeout = %[6]d
  runtime      = "Python3.9"
  type         = "Event"
  environment  = { STAGE = %[7]q, REGION = "gz" }
  vpc_config   = { vpc_id = "vpc-demo0001", subnet_id = %[8]q }
  role         = %[9]q
  cls_logset_id = "cls-logset-demo"
  cls_topic_id  = %[10]q
  layers = [{ name = "common-libs", version = %[12]d }]
  dead_letter_config = { type = %[13]q, name = %[11]q }
  public_net_config = {
    public_net_status = "ENABLE"
    eip_config        = { eip_status = %[14]q }
  }
  cfs_config = {
    cfs_ins_list = [{
      user_id          = "10000"
      user_group_id    = "10000"
      cfs_id           = "cfs-demo0001"
      mount_ins_id     = "cfs-demo0001-mount"
      local_mount_dir  = "/mnt/data"
      remote_mount_dir = %[15]q
    }]
  }
  tags     = { team = %[16]q }
  timeouts = { create = "5m", update = "5m", delete = "5m" }
}
`, c.zip, c.handler, c.description, c.memory, c.timeout, c.initTimeout, c.envValue, c.subnet, c.role, c.topic,
		c.queue, c.layerVersion, queueType, c.eip, c.remoteDir, c.tagValue)
}

// TestAccSCFFunctionResource_update creates a function with every attribute
// set, then changes each group in place: configuration, code and handler,
// tags. The function ID stays the same throughout.
func TestAccSCFFunctionResource_update(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	if err := env.client.CreateNamespace(context.Background(), "team-all", "all attributes"); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	zipV1 := writeZip(t, dir, "v1.zip", map[string]string{"index.py": "def main_handler(e, c): return 1\n"})
	zipV2 := writeZip(t, dir, "v2.zip", map[string]string{"index.py": "def other_handler(e, c): return 2\n"})

	base := allAttributesConfig{
		zip: zipV1, handler: "index.main_handler", description: "all attributes, first", memory: 256, timeout: 30,
		initTimeout: 60, envValue: "one", subnet: "subnet-demo0001", role: "SCF_QcsRole", topic: "cls-topic-demo",
		queue: "dlq-demo", layerVersion: 1, eip: "ENABLE", remoteDir: "/", tagValue: "blue",
	}
	configChange := base
	configChange.description, configChange.memory, configChange.timeout, configChange.initTimeout = "all attributes, second", 512, 60, 90
	configChange.envValue, configChange.subnet, configChange.role, configChange.topic = "two", "subnet-demo0002", "scf-demo-role", "cls-topic-demo2"
	configChange.queue, configChange.layerVersion, configChange.eip, configChange.remoteDir = "dlq-topic-demo", 2, "DISABLE", "/shared"
	codeChange := configChange
	codeChange.zip, codeChange.handler = zipV2, "index.other_handler"
	tagChange := codeChange
	tagChange.tagValue = "green"

	sameFunction := statecheck.CompareValue(compare.ValuesSame())
	digests := statecheck.CompareValue(compare.ValuesDiffer())
	step := func(c allAttributesConfig, action plancheck.ResourceActionType, checks ...statecheck.StateCheck) resource.TestStep {
		return resource.TestStep{
			Config:            env.config(c.render()),
			ConfigPlanChecks:  withPreApply(action),
			ConfigStateChecks: append(checks, sameFunction.AddStateValue(testResource, attrPath("function_id"))),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed("team-all"),
		Steps: []resource.TestStep{
			step(base, plancheck.ResourceActionCreate,
				statecheck.ExpectKnownValue(testResource, attrPath("environment"), knownvalue.MapExact(map[string]knownvalue.Check{
					"STAGE": knownvalue.StringExact("one"), "REGION": knownvalue.StringExact("gz"),
				})),
				statecheck.ExpectKnownValue(testResource, attrPath("public_net_config").AtMapKey("eip_config").AtMapKey("eip_status"), knownvalue.StringExact("ENABLE")),
				statecheck.ExpectKnownValue(testResource, attrPath("layers"), knownvalue.ListExact([]knownvalue.Check{
					knownvalue.ObjectExact(map[string]knownvalue.Check{"name": knownvalue.StringExact("common-libs"), "version": knownvalue.Int64Exact(1)}),
				})),
				digests.AddStateValue(testResource, attrPath("code_sha256")),
			),
			step(configChange, plancheck.ResourceActionUpdate,
				statecheck.ExpectKnownValue(testResource, attrPath("memory_size"), knownvalue.Int64Exact(512)),
				statecheck.ExpectKnownValue(testResource, attrPath("init_timeout"), knownvalue.Int64Exact(90)),
				statecheck.ExpectKnownValue(testResource, attrPath("role"), knownvalue.StringExact("scf-demo-role")),
				statecheck.ExpectKnownValue(testResource, attrPath("vpc_config").AtMapKey("subnet_id"), knownvalue.StringExact("subnet-demo0002")),
				statecheck.ExpectKnownValue(testResource, attrPath("cls_topic_id"), knownvalue.StringExact("cls-topic-demo2")),
				statecheck.ExpectKnownValue(testResource, attrPath("dead_letter_config").AtMapKey("type"), knownvalue.StringExact("CMQ-TOPIC")),
				statecheck.ExpectKnownValue(testResource, attrPath("cfs_config").AtMapKey("cfs_ins_list").AtSliceIndex(0).AtMapKey("remote_mount_dir"), knownvalue.StringExact("/shared")),
			),
			step(codeChange, plancheck.ResourceActionUpdate,
				statecheck.ExpectKnownValue(testResource, attrPath("handler"), knownvalue.StringExact("index.other_handler")),
				statecheck.ExpectKnownValue(testResource, attrPath("code_sha256"), knownvalue.StringExact(sha256File(t, zipV2))),
				digests.AddStateValue(testResource, attrPath("code_sha256")),
			),
			step(tagChange, plancheck.ResourceActionUpdate,
				statecheck.ExpectKnownValue(testResource, attrPath("tags"), knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("green")})),
			),
		},
	})
}

// TestAccSCFFunctionResource_replace shows that each identity attribute
// replaces the function.
func TestAccSCFFunctionResource_replace(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	if err := env.client.CreateNamespace(context.Background(), "other", "replace target"); err != nil {
		t.Fatal(err)
	}
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.js": "exports.main_handler = () => 1\n"})
	config := func(name, namespace, runtime, typ string) string {
		return env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name      = %[1]q
  namespace = %[2]q
  runtime   = %[3]q
  type      = %[4]q
  handler   = "index.main_handler"
  code      = { zip_file = %[5]q }
}
`, name, namespace, runtime, typ, zipPath))
	}
	differentFunction := statecheck.CompareValue(compare.ValuesDiffer())
	step := func(cfg string, action plancheck.ResourceActionType) resource.TestStep {
		return resource.TestStep{
			Config:            cfg,
			ConfigPlanChecks:  withPreApply(action),
			ConfigStateChecks: []statecheck.StateCheck{differentFunction.AddStateValue(testResource, attrPath("function_id"))},
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed("other"),
		Steps: []resource.TestStep{
			step(config("replace-me", "default", "Nodejs12.16", "Event"), plancheck.ResourceActionCreate),
			step(config("replaced", "default", "Nodejs12.16", "Event"), plancheck.ResourceActionDestroyBeforeCreate),
			step(config("replaced", "other", "Nodejs12.16", "Event"), plancheck.ResourceActionDestroyBeforeCreate),
			step(config("replaced", "other", "Nodejs16.13", "Event"), plancheck.ResourceActionDestroyBeforeCreate),
			step(config("replaced", "other", "Nodejs16.13", "HTTP"), plancheck.ResourceActionDestroyBeforeCreate),
		},
	})
}

// TestAccSCFFunctionResource_clearEnvironmentAndLayers removes both
// attributes from the configuration and checks that the function lost them.
func TestAccSCFFunctionResource_clearEnvironmentAndLayers(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 4\n"})
	with := env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name        = "clearing"
  runtime     = "Python3.6"
  code        = { zip_file = %[1]q }
  environment = { TOKEN_NAME = "abc", MODE = "debug" }
  layers      = [{ name = "common-libs", version = 2 }, { name = "common-libs", version = 1 }]
}
`, zipPath))
	without := env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name    = "clearing"
  runtime = "Python3.6"
  code    = { zip_file = %[1]q }
}
`, zipPath))
	functionIsBare := func(*terraform.State) error {
		fn, err := env.client.GetFunction(context.Background(), "default", "clearing")
		if err != nil {
			return err
		}
		if len(fn.Environment.Variables) != 0 || len(fn.Layers) != 0 {
			return fmt.Errorf("the function still has %d variables and %d layers", len(fn.Environment.Variables), len(fn.Layers))
		}
		return nil
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{
				Config:           with,
				ConfigPlanChecks: withPreApply(plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testResource, attrPath("layers").AtSliceIndex(0).AtMapKey("version"), knownvalue.Int64Exact(2)),
				},
			},
			{
				Config:           without,
				ConfigPlanChecks: withPreApply(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testResource, attrPath("environment"), knownvalue.Null()),
					statecheck.ExpectKnownValue(testResource, attrPath("layers"), knownvalue.Null()),
				},
				Check: functionIsBare,
			},
		},
	})
}

// TestAccSCFFunctionResource_zipContentChange rewrites the zip at the same
// path: the plan hashes the file and schedules a code update by itself.
func TestAccSCFFunctionResource_zipContentChange(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	dir := t.TempDir()
	zipPath := writeZip(t, dir, "code.zip", map[string]string{"index.py": "VERSION = 1\n"})
	config := env.config(testAccSCFFunctionConfig_basic(zipPath, "content-change", "same path"))
	var newDigest string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{Config: config, ConfigPlanChecks: expectEmptyPlanAfterApply},
			{
				PreConfig: func() {
					writeZip(t, dir, "code.zip", map[string]string{"index.py": "VERSION = 2\n"})
					newDigest = sha256File(t, zipPath)
				},
				Config:           config,
				ConfigPlanChecks: withPreApply(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testResource, attrPath("code_sha256"), digestOf(&newDigest)),
				},
			},
		},
	})
}

// TestAccSCFFunctionResource_codeDrift edits the deployed code outside
// Terraform: the refreshed code_sha256 differs from the local zip, so the
// next plan redeploys the configured code.
func TestAccSCFFunctionResource_codeDrift(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	dir := t.TempDir()
	zipPath := writeZip(t, dir, "code.zip", map[string]string{"index.py": "ORIGINAL = True\n"})
	consoleZip := writeZip(t, dir, "console.zip", map[string]string{"index.py": "EDITED_IN_CONSOLE = True\n"})
	config := env.config(testAccSCFFunctionConfig_basic(zipPath, "drifting", "drift"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{Config: config, ConfigPlanChecks: expectEmptyPlanAfterApply},
			{
				PreConfig: func() { env.editCodeOutOfBand("default", "drifting", consoleZip) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionUpdate),
						plancheck.ExpectKnownValue(testResource, attrPath("code_sha256"), knownvalue.StringExact(sha256File(t, zipPath))),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}

// TestAccSCFFunctionResource_createFailed makes the service fail the
// creation: the apply reports the StatusReasons, the function stays in
// state as tainted, and the next apply replaces it.
func TestAccSCFFunctionResource_createFailed(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 5\n"})
	config := env.config(testAccSCFFunctionConfig_basic(zipPath, "failing", "fails once"))
	env.fake.FailNext(scfapi.ActionCreateFunction, "failing",
		fakescf.StatusReason{ErrorCode: "InternalError.ImagePull", ErrorMessage: "dependency install failed"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)Error Waiting for SCF Function.*CreateFailed.*dependency install failed`),
			},
			{
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionReplace)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testResource, attrPath("status"), knownvalue.StringExact("Active")),
				},
			},
		},
	})
}

// editCodeOutOfBand replaces the deployed code, as a console edit would.
func (e *testEnv) editCodeOutOfBand(namespace, name, zipPath string) {
	e.t.Helper()
	content, err := os.ReadFile(zipPath)
	if err != nil {
		e.t.Fatal(err)
	}
	encoded := base64.StdEncoding.EncodeToString(content)
	ctx := context.Background()
	if err := e.client.UpdateFunctionCode(ctx, &scfapi.UpdateFunctionCodeRequest{
		FunctionName: &name, Namespace: &namespace, Code: &scfapi.Code{ZipFile: &encoded},
	}); err != nil {
		e.t.Fatalf("editing %s/%s out of band: %s", namespace, name, err)
	}
	if _, err := e.client.WaitForActive(ctx, namespace, name); err != nil {
		e.t.Fatal(err)
	}
}

// digestOf checks a value only known once a PreConfig has run.
func digestOf(want *string) knownvalue.Check {
	return knownvalue.StringFunc(func(got string) error {
		if got != *want {
			return fmt.Errorf("code_sha256 is %s, want %s", got, *want)
		}
		return nil
	})
}

// TestAccSCFFunctionResource_createTimeout leaves the function in Creating
// past the user's create timeout: the error names the function and its
// status, the function is kept in state (tainted), and the next apply
// replaces it: the delete waits for the creation to settle first.
func TestAccSCFFunctionResource_createTimeout(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{CreateDelay: 3 * time.Second})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 6\n"})
	config := env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name     = "slow-create"
  handler  = "index.main_handler"
  code     = { zip_file = %[1]q }
  timeouts = { create = "1s" }
}
`, zipPath))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{
				Config:      config,
				ExpectError: regexp.MustCompile(`(?s)Error Waiting for SCF Function.*default/slow-create.*still\s+Creating`),
			},
			{
				PreConfig: func() { env.fake.SetDelays(0, 0, 0) },
				Config:    config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionReplace)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
			},
		},
	})
}
