package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// Image functions: `code.image_config` instead of a code package.

const testImageRepo = "ccr.ccs.tencentyun.com/ns/app"

// imageConfigPath is the path of an attribute of code.image_config.
func imageConfigPath(name string) tfjsonpath.Path {
	return attrPath("code").AtMapKey("image_config").AtMapKey(name)
}

// imageFunction renders the test function with an image; settings are the
// attribute lines of image_config, and extra the lines of the resource.
func imageFunction(name, settings, extra string) string {
	return fmt.Sprintf(`
resource "scf_function" "test" {
  name = %q
  code = {
    image_config = {
      %s
    }
  }
  %s
}
`, name, settings, extra)
}

// personalImage is the image_config lines of a personal-edition image.
func personalImage(ref string) string {
	return fmt.Sprintf("image_type = \"personal\"\n      image_uri = %q", ref)
}

// resolvedImage checks that a reported image reference is ref pinned to a
// digest, and records the digest for the checks after it (state checks run
// in order), since only the service knows which digest a tag resolves to.
func resolvedImage(ref string, digest *string) knownvalue.Check {
	re := regexp.MustCompile(`^` + regexp.QuoteMeta(ref) + `@sha256:([0-9a-f]{64})$`)
	return knownvalue.StringFunc(func(got string) error {
		m := re.FindStringSubmatch(got)
		if m == nil {
			return fmt.Errorf("resolved_image_uri is %q, want %s@sha256:<64 hex digits>", got, ref)
		}
		*digest = m[1]
		return nil
	})
}

// deployedImage is what GetFunction reports about an image beyond its
// reference.
type deployedImage struct {
	port                      int64
	command, args, entryPoint string
	accelerate                bool
}

// expectDeployedImage compares the image settings the service holds with want.
func (e *testEnv) expectDeployedImage(name string, want deployedImage) func(*terraform.State) error {
	return func(*terraform.State) error {
		fn, err := e.client.GetFunction(context.Background(), scfapi.DefaultNamespace, name)
		if err != nil {
			return err
		}
		if fn.ImageConfig == nil {
			return fmt.Errorf("%s has no ImageConfig", name)
		}
		img := fn.ImageConfig
		got := deployedImage{port: derefOr(img.ImagePort, 0), command: deref(img.Command), args: deref(img.Args),
			entryPoint: deref(img.EntryPoint), accelerate: derefOr(img.ContainerImageAccelerate, false)}
		if got != want {
			return fmt.Errorf("the service holds image settings %+v, want %+v", got, want)
		}
		return nil
	}
}

// TestAccSCFFunctionImage_lifecycle creates an image function without a
// runtime or handler, deploys a new tag in place, then sets the container
// settings and removes them again: the service returns to its defaults.
func TestAccSCFFunctionImage_lifecycle(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	v1, v2 := testImageRepo+":v1", testImageRepo+":v2"
	withSettings := personalImage(v2) + `
      image_port                 = 8080
      command                    = "python"
      args                       = "-u app.py"
      container_image_accelerate = true`

	sameFunction := statecheck.CompareValue(compare.ValuesSame())
	newImage := statecheck.CompareValue(compare.ValuesDiffer())
	var digestV1, digestV2 string
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{
				Config: env.config(imageFunction("image-fn", personalImage(v1), "")),
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionCreate),
						plancheck.ExpectKnownValue(testResource, attrPath("runtime"), knownvalue.StringExact(runtimeCustomImage)),
						plancheck.ExpectKnownValue(testResource, attrPath("handler"), knownvalue.StringExact("")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testResource, attrPath("runtime"), knownvalue.StringExact(runtimeCustomImage)),
					statecheck.ExpectKnownValue(testResource, attrPath("handler"), knownvalue.StringExact("")),
					statecheck.ExpectKnownValue(testResource, attrPath("resolved_image_uri"), resolvedImage(v1, &digestV1)),
					// The configured tag stays in state: the digest is the service's addition.
					statecheck.ExpectKnownValue(testResource, imageConfigPath("image_uri"), knownvalue.StringExact(v1)),
					// An image has no code package; its digest stands in.
					statecheck.ExpectKnownValue(testResource, attrPath("code_sha256"), digestOf(&digestV1)),
					statecheck.ExpectKnownValue(testResource, imageConfigPath("image_port"), knownvalue.Null()),
					sameFunction.AddStateValue(testResource, attrPath("function_id")),
					newImage.AddStateValue(testResource, attrPath("resolved_image_uri")),
				},
				Check: env.expectDeployedImage("image-fn", deployedImage{port: defaultImagePort}),
			},
			{Config: env.config(imageFunction("image-fn", personalImage(v1), "")), PlanOnly: true},
			{
				Config:           env.config(imageFunction("image-fn", personalImage(v2), "")),
				ConfigPlanChecks: withPreApply(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testResource, attrPath("resolved_image_uri"), resolvedImage(v2, &digestV2)),
					statecheck.ExpectKnownValue(testResource, imageConfigPath("image_uri"), knownvalue.StringExact(v2)),
					statecheck.ExpectKnownValue(testResource, attrPath("code_sha256"), digestOf(&digestV2)),
					sameFunction.AddStateValue(testResource, attrPath("function_id")),
					newImage.AddStateValue(testResource, attrPath("resolved_image_uri")),
				},
			},
			{
				Config:           env.config(imageFunction("image-fn", withSettings, "")),
				ConfigPlanChecks: withPreApply(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testResource, imageConfigPath("image_port"), knownvalue.Int64Exact(8080)),
					statecheck.ExpectKnownValue(testResource, imageConfigPath("command"), knownvalue.StringExact("python")),
					statecheck.ExpectKnownValue(testResource, imageConfigPath("args"), knownvalue.StringExact("-u app.py")),
					statecheck.ExpectKnownValue(testResource, imageConfigPath("container_image_accelerate"), knownvalue.Bool(true)),
					sameFunction.AddStateValue(testResource, attrPath("function_id")),
				},
				Check: env.expectDeployedImage("image-fn", deployedImage{port: 8080, command: "python", args: "-u app.py", accelerate: true}),
			},
			{
				Config:           env.config(imageFunction("image-fn", personalImage(v2), "")),
				ConfigPlanChecks: withPreApply(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testResource, imageConfigPath("image_port"), knownvalue.Null()),
					statecheck.ExpectKnownValue(testResource, imageConfigPath("command"), knownvalue.Null()),
					statecheck.ExpectKnownValue(testResource, imageConfigPath("args"), knownvalue.Null()),
					statecheck.ExpectKnownValue(testResource, imageConfigPath("container_image_accelerate"), knownvalue.Null()),
					sameFunction.AddStateValue(testResource, attrPath("function_id")),
				},
				Check: env.expectDeployedImage("image-fn", deployedImage{port: defaultImagePort}),
			},
		},
	})
}

// TestAccSCFFunctionImage_enterprise deploys an image of a TCR enterprise
// instance, which needs its registry ID, and reads the ID back.
func TestAccSCFFunctionImage_enterprise(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	config := env.config(imageFunction("enterprise-image", `image_type  = "enterprise"
      image_uri   = "tcr-demo.tencentcloudcr.com/team/app:v1"
      registry_id = "tcr-demo0001"`, ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{{
			Config:           config,
			ConfigPlanChecks: withPreApply(plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testResource, imageConfigPath("image_type"), knownvalue.StringExact("enterprise")),
				statecheck.ExpectKnownValue(testResource, imageConfigPath("registry_id"), knownvalue.StringExact("tcr-demo0001")),
				statecheck.ExpectKnownValue(testResource, attrPath("resolved_image_uri"),
					knownvalue.StringRegexp(regexp.MustCompile(`^tcr-demo\.tencentcloudcr\.com/team/app:v1@sha256:[0-9a-f]{64}$`))),
			},
			Check: func(*terraform.State) error {
				fn, err := env.client.GetFunction(context.Background(), scfapi.DefaultNamespace, "enterprise-image")
				if err != nil {
					return err
				}
				if fn.ImageConfig == nil || deref(fn.ImageConfig.RegistryId) != "tcr-demo0001" {
					return fmt.Errorf("the service holds image %+v, want registry tcr-demo0001", fn.ImageConfig)
				}
				return nil
			},
		}},
	})
}

// createImageOutOfBand creates an image function directly through the API,
// as the console would, and returns it once Active.
func (e *testEnv) createImageOutOfBand(name, ref string) *scfapi.Function {
	e.t.Helper()
	ctx := context.Background()
	if err := e.client.CreateFunction(ctx, &scfapi.CreateFunctionRequest{
		FunctionName: ptr(name),
		Runtime:      ptr(runtimeCustomImage),
		Code:         &scfapi.Code{ImageConfig: &scfapi.ImageConfig{ImageType: ptr(imagePersonal), ImageUri: ptr(ref)}},
	}); err != nil {
		e.t.Fatalf("creating image function %s out of band: %s", name, err)
	}
	fn, err := e.client.WaitForActive(ctx, scfapi.DefaultNamespace, name)
	if err != nil {
		e.t.Fatalf("waiting for %s: %s", name, err)
	}
	return fn
}

// TestAccSCFFunctionImage_importKeepsTheTag imports an image function made
// outside Terraform. The service reports the image with the digest it
// resolved; a configuration naming only repo:tag, or pinning that same
// digest, still plans no change.
func TestAccSCFFunctionImage_importKeepsTheTag(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	ref := testImageRepo + ":v1"
	deployed := deref(env.createImageOutOfBand("console-image", ref).ImageConfig.ImageUri)
	if !strings.HasPrefix(deployed, ref+"@sha256:") {
		t.Fatalf("the service reports %q for %s", deployed, ref)
	}
	tagged := env.config(imageFunction("console-image", personalImage(ref), ""))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			// An import block fails the step unless the import plans no change.
			{
				Config:          tagged,
				ResourceName:    testResource,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "default/console-image",
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectKnownValue(testResource, attrPath("runtime"), knownvalue.StringExact(runtimeCustomImage)),
					plancheck.ExpectKnownValue(testResource, attrPath("resolved_image_uri"), knownvalue.StringExact(deployed)),
				}},
			},
			{Config: tagged, ResourceName: testResource, ImportState: true, ImportStateId: "console-image", ImportStatePersist: true},
			{Config: tagged, PlanOnly: true},
			{Config: env.config(imageFunction("console-image", personalImage(deployed), "")), PlanOnly: true},
		},
	})
}

// TestAccSCFFunctionImage_pinnedDigest pins the image by digest: another
// digest of the same tag is a new image, deployed in place.
func TestAccSCFFunctionImage_pinnedDigest(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	digestA, digestB := strings.Repeat("a", 64), strings.Repeat("b", 64)
	pinned := func(digest string) string {
		return env.config(imageFunction("pinned-image", personalImage(testImageRepo+":v1@sha256:"+digest), ""))
	}
	sameFunction := statecheck.CompareValue(compare.ValuesSame())
	step := func(digest string, action plancheck.ResourceActionType) resource.TestStep {
		return resource.TestStep{
			Config:           pinned(digest),
			ConfigPlanChecks: withPreApply(action),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testResource, attrPath("resolved_image_uri"), knownvalue.StringExact(testImageRepo+":v1@sha256:"+digest)),
				statecheck.ExpectKnownValue(testResource, attrPath("code_sha256"), knownvalue.StringExact(digest)),
				sameFunction.AddStateValue(testResource, attrPath("function_id")),
			},
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			step(digestA, plancheck.ResourceActionCreate),
			step(digestB, plancheck.ResourceActionUpdate),
		},
	})
}

// TestAccSCFFunctionImage_importVerify imports an image function Terraform
// created: everything but the form of the reference reads back as applied,
// and the configuration plans no change against the imported state.
func TestAccSCFFunctionImage_importVerify(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	config := env.config(imageFunction("verified-image", personalImage(testImageRepo+":v3")+`
      image_port = 8080
      command    = "python"`, `memory_size = 512`))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{Config: config, ConfigPlanChecks: expectEmptyPlanAfterApply},
			{
				Config:            config,
				ResourceName:      testResource,
				ImportState:       true,
				ImportStateVerify: true,
				// An import knows the image only as the service reports it,
				// with its digest; the configured tag comes from the
				// configuration (the next step shows it plans no change).
				// Timeouts exist only in configuration.
				ImportStateVerifyIgnore: []string{"code.image_config.image_uri", "timeouts"},
			},
			// An import block fails the step unless the import plans no change.
			{Config: config, ResourceName: testResource, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
		},
	})
}

// entryPointImage is an image function that sets the retired entry_point.
func entryPointImage() string {
	return imageFunction("entry-point", personalImage(testImageRepo+":v1")+`
      entry_point = "/app/start.sh"`, "")
}

// TestAccSCFFunctionImage_entryPointIsStillSent: the retired EntryPoint is
// deprecated, not removed, so a function that sets it deploys with it.
func TestAccSCFFunctionImage_entryPointIsStillSent(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{{
			Config:           env.config(entryPointImage()),
			ConfigPlanChecks: withPreApply(plancheck.ResourceActionCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testResource, imageConfigPath("entry_point"), knownvalue.StringExact("/app/start.sh")),
			},
			Check: env.expectDeployedImage("entry-point", deployedImage{port: defaultImagePort, entryPoint: "/app/start.sh"}),
		}},
	})
}

// TestAccSCFFunctionImage_entryPointWarns runs `plan -json` with the real
// CLI, because plugin-testing does not show warnings: setting entry_point
// warns, pointing to command and args, and the plan succeeds.
func TestAccSCFFunctionImage_entryPointWarns(t *testing.T) {
	cli := newTerraformCLI(t)
	env := newTestEnv(t, fakescf.Options{})
	t.Parallel()
	cli.write(env.config(entryPointImage()))
	res := cli.run(t.Context(), nil, "plan", "-input=false", "-json")
	if res.ExitCode != 0 {
		t.Fatalf("plan failed:\n%s", res.Output())
	}
	var warnings []jsonDiagnostic
	for _, d := range jsonDiagnostics(t, res.Stdout) {
		if d.Severity == "error" {
			t.Errorf("plan reports an error: %+v", d)
		}
		if d.Severity == "warning" && strings.Contains(d.Detail, "EntryPoint") {
			warnings = append(warnings, d)
		}
	}
	// Terraform validates the configuration twice in a plan, and prints the
	// warning of each pass.
	if len(warnings) == 0 || !strings.Contains(warnings[0].Detail, "`command` and `args`") {
		t.Errorf("want a deprecation warning naming command and args, got %+v\n%s", warnings, res.Stdout)
	}
}
