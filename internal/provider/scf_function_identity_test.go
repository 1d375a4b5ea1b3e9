package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// TestSCFFunctionIdentity speaks the protocol directly: the identity schema
// is namespace (optional) and name (required); every import ID form and
// the identity with or without its namespace give the same state and the
// same identity; an identity that breaks the naming rules is refused before
// any API call.
func TestSCFFunctionIdentity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	server := newProtocol6Server(New("test")())()
	schemas, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	schema := schemas.IdentitySchemas["scf_function"]
	if schema == nil || len(schema.IdentityAttributes) != 2 {
		t.Fatalf("scf_function identity schema: %+v", schema)
	}
	for _, a := range schema.IdentityAttributes {
		if a.Name == "name" && (!a.RequiredForImport || a.OptionalForImport) ||
			a.Name == "namespace" && (a.RequiredForImport || !a.OptionalForImport) ||
			a.Name != "name" && a.Name != "namespace" {
			t.Errorf("identity attribute %+v", a)
		}
	}
	identityType := schema.ValueType()
	identity := func(namespace *string, name string) *tfprotov6.ResourceIdentityData {
		ns := tftypes.NewValue(tftypes.String, nil)
		if namespace != nil {
			ns = tftypes.NewValue(tftypes.String, *namespace)
		}
		v, err := tfprotov6.NewDynamicValue(identityType, tftypes.NewValue(identityType, map[string]tftypes.Value{
			"namespace": ns, "name": tftypes.NewValue(tftypes.String, name),
		}))
		if err != nil {
			t.Fatal(err)
		}
		return &tfprotov6.ResourceIdentityData{IdentityData: &v}
	}
	providerSchema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	stateType := providerSchema.ResourceSchemas["scf_function"].ValueType()

	imports := func(want, namespace string, reqs ...*tfprotov6.ImportResourceStateRequest) {
		t.Helper()
		wantIdentity := tftypes.NewValue(identityType, map[string]tftypes.Value{
			"namespace": tftypes.NewValue(tftypes.String, namespace), "name": tftypes.NewValue(tftypes.String, "orders"),
		})
		for _, req := range reqs {
			req.TypeName = "scf_function"
			resp, err := server.ImportResourceState(ctx, req)
			if err != nil {
				t.Fatal(err)
			}
			for _, d := range resp.Diagnostics {
				t.Errorf("import %q/%v: %s: %s", req.ID, req.Identity != nil, d.Summary, d.Detail)
			}
			if len(resp.ImportedResources) != 1 || resp.ImportedResources[0].Identity == nil {
				t.Fatalf("import %q/%v: %+v", req.ID, req.Identity != nil, resp.ImportedResources)
			}
			imported := resp.ImportedResources[0]
			state, err := imported.State.Unmarshal(stateType)
			if err != nil {
				t.Fatal(err)
			}
			var attrs map[string]tftypes.Value
			if err := state.As(&attrs); err != nil {
				t.Fatal(err)
			}
			for a, v := range map[string]string{"id": want, "namespace": namespace, "name": "orders"} {
				var s string
				if err := attrs[a].As(&s); err != nil || s != v {
					t.Errorf("import %q/%v: %s = %v, want %s", req.ID, req.Identity != nil, a, attrs[a], v)
				}
			}
			got, err := imported.Identity.IdentityData.Unmarshal(identityType)
			if err != nil || !got.Equal(wantIdentity) {
				t.Errorf("import %q/%v: identity %v (%v), want %v", req.ID, req.Identity != nil, got, err, wantIdentity)
			}
		}
	}
	teamA := "team-a"
	imports("team-a/orders", "team-a",
		&tfprotov6.ImportResourceStateRequest{ID: "team-a/orders"},
		&tfprotov6.ImportResourceStateRequest{ID: "team-a+orders"},
		&tfprotov6.ImportResourceStateRequest{Identity: identity(&teamA, "orders")})
	empty := ""
	imports("default/orders", "default",
		&tfprotov6.ImportResourceStateRequest{ID: "orders"},
		&tfprotov6.ImportResourceStateRequest{Identity: identity(nil, "orders")},
		&tfprotov6.ImportResourceStateRequest{Identity: identity(&empty, "orders")})

	for _, tc := range []struct {
		namespace *string
		name      string
		want      string
	}{
		{nil, "9orders", "Identity attribute `name` \"9orders\""},
		{ptr("team/a"), "orders", "Identity attribute `namespace` \"team/a\""},
	} {
		resp, err := server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: "scf_function", Identity: identity(tc.namespace, tc.name)})
		if err != nil {
			t.Fatal(err)
		}
		if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary != summaryImport || !strings.Contains(resp.Diagnostics[0].Detail, tc.want) {
			t.Errorf("importing identity %v/%s: %+v", tc.namespace, tc.name, resp.Diagnostics)
		}
	}
}

// adoptedFunction is a configuration that adopts an existing function
// without naming its code, as the README advises after an import.
func adoptedFunction(namespace, name string) string {
	return fmt.Sprintf(`
resource "scf_function" "test" {
  namespace = %q
  name      = %q
  handler   = "index.main_handler"
}
`, namespace, name)
}

// TestAccSCFFunctionResource_identity: a created function has the identity
// {namespace, name}, and an import block naming that identity plans no
// change.
func TestAccSCFFunctionResource_identity(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	if err := env.client.CreateNamespace(context.Background(), "team-a", "identities"); err != nil {
		t.Fatal(err)
	}
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	created := env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  namespace = "team-a"
  name      = "known-by-identity"
  handler   = "index.main_handler"
  code      = { zip_file = %q }
}
`, zipPath))
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureIdentity},
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed("team-a"),
		Steps: []resource.TestStep{
			{
				Config:           created,
				ConfigPlanChecks: withPreApply(plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(testResource, map[string]knownvalue.Check{
						"namespace": knownvalue.StringExact("team-a"),
						"name":      knownvalue.StringExact("known-by-identity"),
					}),
				},
			},
			{
				Config:          env.config(adoptedFunction("team-a", "known-by-identity")),
				ResourceName:    testResource,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithResourceIdentity,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectEmptyPlan(),
					plancheck.ExpectKnownValue(testResource, attrPath("id"), knownvalue.StringExact("team-a/known-by-identity")),
				}},
			},
		},
	})
}

// TestAccSCFFunctionResource_importByIdentityDefaultNamespace imports a
// function made outside Terraform with an identity naming only the
// function: the namespace is `default`, the import plans no change, and
// the state then holds the full identity.
func TestAccSCFFunctionResource_importByIdentityDefaultNamespace(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 2\n"})
	env.createOutOfBand(scfapi.DefaultNamespace, "console-made", zipPath)
	imported := env.config(`
import {
  to       = scf_function.test
  identity = { name = "console-made" }
}
` + adoptedFunction("default", "console-made"))
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureIdentity},
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{
				Config: imported,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply: []plancheck.PlanCheck{
						plancheck.ExpectEmptyPlan(),
						plancheck.ExpectKnownValue(testResource, attrPath("id"), knownvalue.StringExact("default/console-made")),
					},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity(testResource, map[string]knownvalue.Check{
						"namespace": knownvalue.StringExact("default"),
						"name":      knownvalue.StringExact("console-made"),
					}),
					statecheck.ExpectKnownValue(testResource, attrPath("status"), knownvalue.StringExact("Active")),
				},
			},
		},
	})
}

// TestAccSCFFunctionResource_importByIdentityMissing: an identity naming a
// function that does not exist fails the plan with Terraform's message
// for a missing object.
func TestAccSCFFunctionResource_importByIdentityMissing(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureIdentity},
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{
				Config: env.config(`
import {
  to       = scf_function.test
  identity = { namespace = "default", name = "nobody-made-this" }
}
` + adoptedFunction("default", "nobody-made-this")),
				ExpectError: regexp.MustCompile(`Cannot import non-existent remote object`),
			},
		},
	})
}

// TestAccExamples_importByIdentity applies the documentation's
// import-by-identity example with the resource example, as
// TestAccExamples_import does for the string ID.
func TestAccExamples_importByIdentity(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "example.zip", map[string]string{"index.py": "x = 1\n"})
	env.createOutOfBand(scfapi.DefaultNamespace, "hello-world", zipPath, func(req *scfapi.CreateFunctionRequest) { req.Runtime = ptr("Python3.9") })
	config := env.config(readExample(t, "resources/scf_function/resource.tf", zipPath) +
		readExample(t, "resources/scf_function/import-by-identity.tf", zipPath))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureIdentity},
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{
				// The example sets more than the out-of-band function has, so
				// the import is followed by an update in place.
				Config: config,
				ConfigPlanChecks: resource.ConfigPlanChecks{
					PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction("scf_function.hello", plancheck.ResourceActionUpdate)},
					PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
				},
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectIdentity("scf_function.hello", map[string]knownvalue.Check{
						"namespace": knownvalue.StringExact("default"),
						"name":      knownvalue.StringExact("hello-world"),
					}),
				},
			},
		},
	})
}
