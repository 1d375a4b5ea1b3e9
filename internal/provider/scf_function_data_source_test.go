package provider

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

func functionDataSourceSchema(t *testing.T) schema.Schema {
	t.Helper()
	var resp datasource.SchemaResponse
	NewSCFFunctionDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatalf("schema: %v", resp.Diagnostics)
	}
	return resp.Schema
}

// sameAsResource checks that every attribute the data source shares with
// the resource holds the same value in both.
func sameAsResource(t *testing.T, resourceAddress, dataAddress string) []statecheck.StateCheck {
	t.Helper()
	var names []string
	for name := range functionDataSourceSchema(t).Attributes {
		if name != "image_config" {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	checks := make([]statecheck.StateCheck, 0, len(names))
	for _, name := range names {
		checks = append(checks, statecheck.CompareValuePairs(resourceAddress, attrPath(name), dataAddress, attrPath(name), compare.ValuesSame()))
	}
	return checks
}

// TestAccSCFFunctionDataSource_matchesResource reads a code function and an
// image function that the resource created: every shared attribute holds
// the resource's value, and the image is reported with its digest.
func TestAccSCFFunctionDataSource_matchesResource(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "def main_handler(e, c):\n    return 'hi'\n"})
	config := env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name        = "read-me"
  runtime     = "Python3.9"
  handler     = "index.main_handler"
  memory_size = 256
  code        = { zip_file = %q }
  environment = { STAGE = "prod", LEVEL = "debug" }
  vpc_config  = { vpc_id = "vpc-demo0001", subnet_id = "subnet-demo0001" }
  layers      = [{ name = "common-libs", version = 2 }, { name = "common-libs", version = 1 }]
  tags        = { team = "platform" }
}

resource "scf_function" "image" {
  name = "read-image"
  type = "HTTP"
  code = {
    image_config = {
      image_type = "personal"
      image_uri  = "%s:v1"
      command    = "python"
      image_port = 8080
    }
  }
}

data "scf_function" "test" {
  name      = scf_function.test.name
  namespace = scf_function.test.namespace
}

data "scf_function" "image" {
  name = scf_function.image.name
}
`, zipPath, testImageRepo))

	const imageData = "data.scf_function.image"
	image := func(name string) tfjsonpath.Path { return attrPath("image_config").AtMapKey(name) }
	checks := append(sameAsResource(t, "scf_function.test", "data.scf_function.test"), sameAsResource(t, "scf_function.image", "data.scf_function.image")...)
	checks = append(checks,
		statecheck.ExpectKnownValue("data.scf_function.test", attrPath("memory_size"), knownvalue.Int64Exact(256)),
		statecheck.ExpectKnownValue("data.scf_function.test", attrPath("environment"), knownvalue.MapExact(map[string]knownvalue.Check{
			"STAGE": knownvalue.StringExact("prod"), "LEVEL": knownvalue.StringExact("debug"),
		})),
		statecheck.ExpectKnownValue("data.scf_function.test", attrPath("layers").AtSliceIndex(0).AtMapKey("version"), knownvalue.Int64Exact(2)),
		statecheck.ExpectKnownValue("data.scf_function.test", attrPath("vpc_config").AtMapKey("subnet_id"), knownvalue.StringExact("subnet-demo0001")),
		statecheck.ExpectKnownValue("data.scf_function.test", attrPath("code_sha256"), knownvalue.StringExact(sha256File(t, zipPath))),
		statecheck.ExpectKnownValue("data.scf_function.test", attrPath("image_config"), knownvalue.Null()),
		statecheck.ExpectKnownValue("data.scf_function.image", attrPath("runtime"), knownvalue.StringExact(runtimeCustomImage)),
		statecheck.ExpectKnownValue(imageData, image("image_type"), knownvalue.StringExact("personal")),
		statecheck.ExpectKnownValue(imageData, image("command"), knownvalue.StringExact("python")),
		statecheck.ExpectKnownValue(imageData, image("image_port"), knownvalue.Int64Exact(8080)),
		// Unset settings at the service's default read as null, as in the resource.
		statecheck.ExpectKnownValue(imageData, image("args"), knownvalue.Null()),
		statecheck.CompareValuePairs("scf_function.image", attrPath("resolved_image_uri"), imageData, image("image_uri"), compare.ValuesSame()),
	)

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{{
			Config:            config,
			ConfigStateChecks: checks,
			ConfigPlanChecks:  expectEmptyPlanAfterApply,
		}},
	})
}

// TestAccSCFFunctionDataSource_outOfBand reads a function made outside
// Terraform in another namespace, and fails on one that does not exist.
func TestAccSCFFunctionDataSource_outOfBand(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	if err := env.client.CreateNamespace(context.Background(), "team-a", ""); err != nil {
		t.Fatal(err)
	}
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	fn := env.createOutOfBand("team-a", "console-made", zipPath, func(req *scfapi.CreateFunctionRequest) {
		req.Runtime = ptr("Nodejs18.15")
		req.Tags = []*scfapi.Tag{{Key: ptr("owner"), Value: ptr("console")}}
	})

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{
				Config: env.config(`
data "scf_function" "test" {
  name      = "console-made"
  namespace = "team-a"
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("data.scf_function.test", attrPath("id"), knownvalue.StringExact("team-a/console-made")),
					statecheck.ExpectKnownValue("data.scf_function.test", attrPath("function_id"), knownvalue.StringExact(fn.FunctionId)),
					statecheck.ExpectKnownValue("data.scf_function.test", attrPath("runtime"), knownvalue.StringExact("Nodejs18.15")),
					statecheck.ExpectKnownValue("data.scf_function.test", attrPath("handler"), knownvalue.StringExact("index.main_handler")),
					statecheck.ExpectKnownValue("data.scf_function.test", attrPath("tags"), knownvalue.MapExact(map[string]knownvalue.Check{
						"owner": knownvalue.StringExact("console"),
					})),
					statecheck.ExpectKnownValue("data.scf_function.test", attrPath("code_sha256"), knownvalue.StringExact(sha256File(t, zipPath))),
					// Nothing configured reads as null, as after an import.
					statecheck.ExpectKnownValue("data.scf_function.test", attrPath("environment"), knownvalue.Null()),
					statecheck.ExpectKnownValue("data.scf_function.test", attrPath("public_net_config"), knownvalue.Null()),
				},
			},
			{
				Config: env.config(`
data "scf_function" "test" {
  name = "console-made" # in team-a, not in the default namespace
}
`),
				ExpectError: regexp.MustCompile(`(?s)Unable to Read SCF Function.*No function\s+default/console-made\s+exists`),
			},
		},
	})
}

// TestSCFFunctionDataSourceDescriptions keeps the resource's advice about
// configuring it out of the data source's documentation.
func TestSCFFunctionDataSourceDescriptions(t *testing.T) {
	t.Parallel()
	resourceOnly := regexp.MustCompile(`(?i)in place|replaces the function|removing|at plan time|code\.image_config|plans`)
	var walk func(prefix string, attrs map[string]schema.Attribute)
	walk = func(prefix string, attrs map[string]schema.Attribute) {
		for name, a := range attrs {
			d := a.GetMarkdownDescription()
			if d == "" || resourceOnly.MatchString(d) {
				t.Errorf("%s%s: description %q is empty or about configuring the resource", prefix, name, d)
			}
			if !a.IsComputed() {
				t.Errorf("%s%s is not computed", prefix, name)
			}
			switch a := a.(type) {
			case schema.SingleNestedAttribute:
				walk(prefix+name+".", a.Attributes)
			case schema.ListNestedAttribute:
				walk(prefix+name+".", a.NestedObject.Attributes)
			}
		}
	}
	attrs := functionDataSourceSchema(t).Attributes
	for _, input := range []string{"name", "namespace"} {
		if !attrs[input].IsRequired() && !attrs[input].IsOptional() {
			t.Errorf("%s is not an argument", input)
		}
		delete(attrs, input)
	}
	for _, notRead := range functionInputsNotRead {
		if _, ok := attrs[notRead]; ok {
			t.Errorf("%s cannot be read back, yet the data source has it", notRead)
		}
	}
	walk("", attrs)
}

// TestAccSCFFunctionDataSource_retiredEntryPoint reads the retired
// EntryPoint of an image function as the service reports it, although the
// resource does not record it for a configuration that leaves it out.
func TestAccSCFFunctionDataSource_retiredEntryPoint(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	ctx := context.Background()
	if err := env.client.CreateFunction(ctx, &scfapi.CreateFunctionRequest{
		FunctionName: ptr("entry-point"),
		Runtime:      ptr(runtimeCustomImage),
		Code: &scfapi.Code{ImageConfig: &scfapi.ImageConfig{
			ImageType: ptr(imagePersonal), ImageUri: ptr(testImageRepo + ":v1"), EntryPoint: ptr("/bin/start"),
		}},
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.client.WaitForActive(ctx, scfapi.DefaultNamespace, "entry-point"); err != nil {
		t.Fatal(err)
	}
	image := func(name string) tfjsonpath.Path { return attrPath("image_config").AtMapKey(name) }
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{{
			Config: env.config(`data "scf_function" "image" { name = "entry-point" }`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.scf_function.image", image("entry_point"), knownvalue.StringExact("/bin/start")),
				statecheck.ExpectKnownValue("data.scf_function.image", image("command"), knownvalue.Null()),
			},
		}},
	})
}
