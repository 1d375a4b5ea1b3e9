package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

const testNamespace = "scf_namespace.test"

var rfc3339CST = regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$`)

func namespaceConfig(name, description string) string {
	if description == "" {
		return fmt.Sprintf(`
resource "scf_namespace" "test" {
  name = %q
}
`, name)
	}
	return fmt.Sprintf(`
resource "scf_namespace" "test" {
  name        = %q
  description = %q
}
`, name, description)
}

// namespaceAction is withPreApply for the namespace under test.
func namespaceAction(action plancheck.ResourceActionType) resource.ConfigPlanChecks {
	return resource.ConfigPlanChecks{
		PreApply:             []plancheck.PlanCheck{plancheck.ExpectResourceAction(testNamespace, action)},
		PostApplyPostRefresh: []plancheck.PlanCheck{plancheck.ExpectEmptyPlan()},
	}
}

// findNamespace asks the fake, through the client, for a namespace.
func (e *testEnv) findNamespace(name string) *scfapi.Namespace {
	e.t.Helper()
	ns, err := e.client.FindNamespace(context.Background(), name)
	if err != nil {
		e.t.Fatalf("looking for namespace %s: %s", name, err)
	}
	return ns
}

// checkNamespacesGone checks that none of names is left after destroy.
func (e *testEnv) checkNamespacesGone(names ...string) func(*terraform.State) error {
	return func(*terraform.State) error {
		for _, name := range names {
			ns, err := e.client.FindNamespace(context.Background(), name)
			if err != nil {
				return err
			}
			if ns != nil {
				return fmt.Errorf("namespace %s is left after destroy", name)
			}
		}
		return nil
	}
}

// namespaceHasDescription checks the service's description of a namespace.
func (e *testEnv) namespaceHasDescription(name, want string) resource.TestCheckFunc {
	return func(*terraform.State) error {
		ns := e.findNamespace(name)
		if ns == nil {
			return fmt.Errorf("namespace %s does not exist", name)
		}
		if ns.Description != want {
			return fmt.Errorf("namespace %s has description %q, want %q", name, ns.Description, want)
		}
		return nil
	}
}

// TestAccSCFNamespaceResource_basic creates a namespace, changes its
// description in place and removes it, imports it with the command and
// with an import block (which must plan no change), and destroys it.
func TestAccSCFNamespaceResource_basic(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkNamespacesGone("team-a"),
		Steps: []resource.TestStep{
			{
				Config:           env.config(namespaceConfig("team-a", "Team A")),
				ConfigPlanChecks: namespaceAction(plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testNamespace, attrPath("id"), knownvalue.StringExact("team-a")),
					statecheck.ExpectKnownValue(testNamespace, attrPath("name"), knownvalue.StringExact("team-a")),
					statecheck.ExpectKnownValue(testNamespace, attrPath("description"), knownvalue.StringExact("Team A")),
					statecheck.ExpectKnownValue(testNamespace, attrPath("type"), knownvalue.StringExact("Default")),
					statecheck.ExpectKnownValue(testNamespace, attrPath("created_time"), knownvalue.StringRegexp(rfc3339CST)),
					statecheck.ExpectKnownValue(testNamespace, attrPath("modified_time"), knownvalue.StringRegexp(rfc3339CST)),
				},
				Check: env.namespaceHasDescription("team-a", "Team A"),
			},
			{
				Config:           env.config(namespaceConfig("team-a", "Team A: orders & billing")),
				ConfigPlanChecks: namespaceAction(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testNamespace, attrPath("description"), knownvalue.StringExact("Team A: orders & billing")),
				},
				Check: resource.ComposeAggregateTestCheckFunc(
					env.namespaceHasDescription("team-a", "Team A: orders & billing"),
					env.expectCalls(scfapi.ActionUpdateNamespace, 1),
					env.expectCalls(scfapi.ActionCreateNamespace, 1),
				),
			},
			{
				// Removing the description empties it, in place.
				Config:           env.config(namespaceConfig("team-a", "")),
				ConfigPlanChecks: namespaceAction(plancheck.ResourceActionUpdate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testNamespace, attrPath("description"), knownvalue.StringExact("")),
				},
				Check: env.namespaceHasDescription("team-a", ""),
			},
			{
				Config:            env.config(namespaceConfig("team-a", "")),
				ResourceName:      testNamespace,
				ImportState:       true,
				ImportStateId:     "team-a",
				ImportStateVerify: true,
			},
			{
				// An import block must plan a no-op import.
				Config:          env.config(namespaceConfig("team-a", "")),
				ResourceName:    testNamespace,
				ImportState:     true,
				ImportStateKind: resource.ImportBlockWithID,
				ImportStateId:   "team-a",
			},
			{Config: env.config(namespaceConfig("team-a", "")), PlanOnly: true},
			{
				// A new name replaces the namespace.
				Config:           env.config(namespaceConfig("team-b", "")),
				ConfigPlanChecks: namespaceAction(plancheck.ResourceActionReplace),
				Check: func(*terraform.State) error {
					if env.findNamespace("team-a") != nil || env.findNamespace("team-b") == nil {
						return fmt.Errorf("after the rename team-a must be gone and team-b exist")
					}
					return nil
				},
			},
		},
	})
}

// TestAccSCFNamespaceResource_importExisting imports a namespace made in the
// console: its description comes from the service, and the configuration
// that states it plans no change.
func TestAccSCFNamespaceResource_importExisting(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	if err := env.client.CreateNamespace(context.Background(), "console-made", "made by hand"); err != nil {
		t.Fatal(err)
	}
	config := env.config(namespaceConfig("console-made", "made by hand"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkNamespacesGone("console-made"),
		Steps: []resource.TestStep{
			{
				Config:             config,
				ResourceName:       testNamespace,
				ImportState:        true,
				ImportStateId:      "console-made",
				ImportStatePersist: true,
				ImportStateCheck: func(states []*terraform.InstanceState) error {
					if len(states) != 1 {
						return fmt.Errorf("imported %d instances", len(states))
					}
					a := states[0].Attributes
					if a["id"] != "console-made" || a["description"] != "made by hand" || a["type"] != "Default" ||
						!rfc3339CST.MatchString(a["created_time"]) {
						return fmt.Errorf("imported attributes: %v", a)
					}
					return nil
				},
			},
			{Config: config, PlanOnly: true},
		},
	})
}

// TestAccSCFNamespaceResource_importErrors: an ID that breaks the name rule,
// the default namespace and a namespace that does not exist are refused
// with a message that says why.
func TestAccSCFNamespaceResource_importErrors(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	config := env.config(namespaceConfig("whatever", ""))
	step := func(id, want string) resource.TestStep {
		return resource.TestStep{
			Config: config, ResourceName: testNamespace, ImportState: true, ImportStateId: id,
			ExpectError: regexp.MustCompile(want),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			step("default", `Unable\s+to\s+Import\s+SCF\s+Namespace[\s\S]*it\s+is\s+the\s+default\s+namespace[\s\S]*can\s+be\s+neither\s+created\s+nor\s+deleted`),
			step("team/a", `Unable\s+to\s+Import\s+SCF\s+Namespace[\s\S]*character\s+5,\s+'/'[\s\S]*Import\s+a\s+namespace\s+by\s+its\s+name`),
			step("absent", `Cannot\s+import\s+non-existent\s+remote\s+object`),
		},
	})
}

// TestAccSCFNamespaceResource_disappears: a namespace deleted outside
// Terraform leaves the state at the next refresh and is created again.
func TestAccSCFNamespaceResource_disappears(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	config := env.config(namespaceConfig("fleeting", "comes back"))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkNamespacesGone("fleeting"),
		Steps: []resource.TestStep{
			{Config: config, ConfigPlanChecks: expectEmptyPlanAfterApply},
			{
				PreConfig: func() {
					if err := env.client.DeleteNamespace(context.Background(), "fleeting"); err != nil {
						t.Fatal(err)
					}
				},
				Config:           config,
				ConfigPlanChecks: namespaceAction(plancheck.ResourceActionCreate),
				Check:            env.namespaceHasDescription("fleeting", "comes back"),
			},
		},
	})
}

// TestAccSCFNamespaceResource_validation: every rule of the name and the
// description fails at plan time, naming the attribute and the rule, and
// nothing reaches the API.
func TestAccSCFNamespaceResource_validation(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	const (
		nameRule = `A\s+namespace\s+must\s+be\s+1-30\s+characters\s+of\s+letters,\s+digits,\s+"-"\s+and\s+"_",\s+and\s+not\s+"default",\s+` +
			`which\s+every\s+account\s+has\s+and\s+which\s+can\s+be\s+neither\s+created\s+nor\s+deleted`
		descRule = `A\s+namespace\s+description\s+must\s+be\s+at\s+most\s+1000\s+characters`
	)
	cases := []struct {
		name, config, summary, attribute, rule string
	}{
		{"default", namespaceConfig("default", ""), "Invalid Namespace", "name", `it\s+is\s+the\s+default\s+namespace\.\s+` + nameRule},
		{"empty", namespaceConfig("", ""), "Invalid Namespace", "name", `it\s+is\s+empty\.\s+` + nameRule},
		{"space", namespaceConfig("team a", ""), "Invalid Namespace", "name", `character\s+5,\s+'\s+'` + sameDiagnostic + nameRule},
		{"dot", namespaceConfig("team.a", ""), "Invalid Namespace", "name", `character\s+5,\s+'\.'` + sameDiagnostic + nameRule},
		{"too long", namespaceConfig(strings.Repeat("n", 31), ""), "Invalid Namespace", "name", `it\s+is\s+31\s+characters\s+long\.\s+` + nameRule},
		{"description too long", namespaceConfig("team-a", strings.Repeat("字", 1001)), "Invalid Description", "description",
			`it\s+is\s+1001\s+characters\s+long\.\s+` + descRule},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				Steps: []resource.TestStep{{
					Config:      env.config(tc.config),
					PlanOnly:    true,
					ExpectError: diagnosticRegexp(tc.summary, tc.attribute, tc.rule),
				}},
			})
		})
	}
	if got := env.fake.Stats().Requests[scfapi.ActionCreateNamespace]; got != 0 {
		t.Errorf("the fake received %d CreateNamespace calls; plan-time errors must stop before the API", got)
	}
}

// TestAccSCFNamespaceResource_quota: the quota is the service's to check, at
// apply, and the error says what to do.
func TestAccSCFNamespaceResource_quota(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	for _, ns := range []string{"q1", "q2", "q3", "q4"} { // "frozen" is the fifth
		if err := env.client.CreateNamespace(context.Background(), ns, ""); err != nil {
			t.Fatal(err)
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{{
			Config: env.config(namespaceConfig("one-too-many", "")),
			ExpectError: regexp.MustCompile(`Unable\s+to\s+Create\s+SCF\s+Namespace[\s\S]*creating\s+namespace\s+one-too-many,\s+the\s+API\s+answered\s+` +
				`LimitExceeded\.Namespace[\s\S]*quota\s+of\s+namespaces\s+in\s+this\s+region[\s\S]*ask\s+Tencent\s+Cloud\s+for\s+a\s+higher\s+quota`),
		}},
	})
}

// TestAccSCFNamespaceResource_alreadyExists: creating a namespace that
// exists outside Terraform fails with the import block to adopt it.
func TestAccSCFNamespaceResource_alreadyExists(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	if err := env.client.CreateNamespace(context.Background(), "taken", ""); err != nil {
		t.Fatal(err)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{{
			Config: env.config(namespaceConfig("taken", "")),
			ExpectError: regexp.MustCompile(`Unable\s+to\s+Create\s+SCF\s+Namespace[\s\S]*ResourceInUse\.Namespace[\s\S]*` +
				`import\s+\{\s+to\s+=\s+<address>\s+id\s+=\s+"taken"\s+\}[\s\S]*terraform\s+import\s+<address>\s+taken`),
		}},
	})
}

// TestAccSCFNamespaceResource_deleteRefused: a namespace that still holds
// functions made outside Terraform is not deleted; the error names them (ten,
// and how many more) and says how to order the deletion. Once they are gone
// the namespace is deleted.
func TestAccSCFNamespaceResource_deleteRefused(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	names := make([]string, 12)
	for i := range names {
		names[i] = fmt.Sprintf("resident-%02d", i)
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkNamespacesGone("busy"),
		Steps: []resource.TestStep{
			{Config: env.config(namespaceConfig("busy", "")), ConfigPlanChecks: expectEmptyPlanAfterApply},
			{
				PreConfig: func() {
					for _, n := range names {
						env.createOutOfBand("busy", n, zipPath)
					}
				},
				Config: env.providerBlock(),
				ExpectError: regexp.MustCompile(`Unable\s+to\s+Delete\s+SCF\s+Namespace[\s\S]*Namespace\s+busy\s+still\s+holds\s+12\s+functions:\s+` +
					`busy/resident-00,\s+busy/resident-01,[\s\S]*busy/resident-09\s+and\s+2\s+more\.\s+The\s+service\s+deletes\s+only\s+empty\s+namespaces;\s+` +
					`it\s+answered\s+ResourceInUse\.Namespace[\s\S]*Delete\s+those\s+functions\s+first[\s\S]*` +
					`set\s+their\s+\x60namespace\x60\s+to\s+\x60scf_namespace\.<name>\.name\x60`),
			},
			{
				PreConfig: func() {
					for _, n := range names {
						if err := env.client.DeleteFunction(context.Background(), "busy", n); err != nil {
							t.Fatal(err)
						}
						if err := env.client.WaitForDeleted(context.Background(), "busy", n); err != nil {
							t.Fatal(err)
						}
					}
				},
				Config: env.providerBlock(),
			},
		},
	})
}

// TestAccSCFNamespaceResource_deleteWaitsForDeletingFunctions: functions
// that someone else is already deleting do not make the deletion fail: it
// waits for them.
func TestAccSCFNamespaceResource_deleteWaitsForDeletingFunctions(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{DeleteDelay: time.Second})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkNamespacesGone("draining"),
		Steps: []resource.TestStep{
			{Config: env.config(namespaceConfig("draining", "")), ConfigPlanChecks: expectEmptyPlanAfterApply},
			{
				PreConfig: func() {
					env.createOutOfBand("draining", "leaving", zipPath)
					if err := env.client.DeleteFunction(context.Background(), "draining", "leaving"); err != nil {
						t.Fatal(err)
					}
				},
				Config: env.providerBlock(),
				Check:  env.checkNamespacesGone("draining"),
			},
		},
	})
}

// TestAccSCFNamespaceResource_withFunctions is the destroy-ordering test: the
// functions name their namespace through a reference, so Terraform creates
// the namespace first and destroys it last, although the fake keeps each
// function in Deleting for a while and refuses to delete a namespace that
// holds any function.
func TestAccSCFNamespaceResource_withFunctions(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{CreateDelay: 300 * time.Millisecond, DeleteDelay: 700 * time.Millisecond})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "def main_handler(e, c):\n    return 'hi'\n"})
	config := env.config(fmt.Sprintf(`
resource "scf_namespace" "test" {
  name        = "orders"
  description = "The orders team"
}

resource "scf_function" "fn" {
  count     = 3
  name      = "orders-${count.index}"
  namespace = scf_namespace.test.name
  handler   = "index.main_handler"
  runtime   = "Python3.9"
  code      = { zip_file = %q }
}
`, zipPath))
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		// The fake deletes only empty namespaces: the namespace gone means
		// the functions went first.
		CheckDestroy: env.checkNamespacesGone("orders"),
		Steps: []resource.TestStep{
			{
				Config:           config,
				ConfigPlanChecks: expectEmptyPlanAfterApply,
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue("scf_function.fn[0]", attrPath("id"), knownvalue.StringExact("orders/orders-0")),
				},
				Check: func(*terraform.State) error {
					if got := env.fake.FunctionNames("orders"); len(got) != 3 {
						return fmt.Errorf("namespace orders holds %v, want 3 functions", got)
					}
					return nil
				},
			},
			{
				// An explicit destroy, besides the one that ends the test.
				Config:  config,
				Destroy: true,
			},
		},
	})
}

// TestSCFNamespaceIdentity speaks the protocol directly, as Terraform 1.12 and
// later do (the CLIs the acceptance tests use predate resource identity):
// the identity schema is the name, and importing by identity or by ID gives
// the same state and identity; the default namespace is refused either way.
func TestSCFNamespaceIdentity(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	server := newProtocol6Server(New("test")())()
	schemas, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	schema := schemas.IdentitySchemas["scf_namespace"]
	if schema == nil || len(schema.IdentityAttributes) != 1 || schema.IdentityAttributes[0].Name != "name" ||
		!schema.IdentityAttributes[0].RequiredForImport {
		t.Fatalf("scf_namespace identity schema: %+v", schema)
	}
	identityType := schema.ValueType()
	identity := func(name string) *tfprotov6.ResourceIdentityData {
		v, err := tfprotov6.NewDynamicValue(identityType, tftypes.NewValue(identityType, map[string]tftypes.Value{
			"name": tftypes.NewValue(tftypes.String, name),
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
	stateType := providerSchema.ResourceSchemas["scf_namespace"].ValueType()

	for _, req := range []*tfprotov6.ImportResourceStateRequest{
		{TypeName: "scf_namespace", ID: "team-a"},
		{TypeName: "scf_namespace", Identity: identity("team-a")},
	} {
		resp, err := server.ImportResourceState(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range resp.Diagnostics {
			t.Errorf("import %q/%v: %s: %s", req.ID, req.Identity != nil, d.Summary, d.Detail)
		}
		if len(resp.ImportedResources) != 1 {
			t.Fatalf("imported %d resources", len(resp.ImportedResources))
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
		for _, a := range []string{"id", "name"} {
			var s string
			if err := attrs[a].As(&s); err != nil || s != "team-a" {
				t.Errorf("imported %s = %v (%v), want team-a", a, attrs[a], err)
			}
		}
		if imported.Identity == nil {
			t.Fatal("the import returned no identity")
		}
		got, err := imported.Identity.IdentityData.Unmarshal(identityType)
		if err != nil {
			t.Fatal(err)
		}
		if want := tftypes.NewValue(identityType, map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, "team-a")}); !got.Equal(want) {
			t.Errorf("identity %s, want %s", got, want)
		}
	}

	resp, err := server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: "scf_namespace", Identity: identity("default")})
	if err != nil {
		t.Fatal(err)
	}
	if len(resp.Diagnostics) != 1 || resp.Diagnostics[0].Summary != namespaceDiagnostics.unable("Import") ||
		!strings.Contains(resp.Diagnostics[0].Detail, "it is the default namespace") {
		t.Errorf("importing the default namespace by identity: %+v", resp.Diagnostics)
	}
}

// TestNamespaceAPIErrors: the namespace actions' codes point at attributes
// scf_namespace has, other codes borrow only the shared advice (never a
// function's attribute), and an existing namespace gets the import block.
func TestNamespaceAPIErrors(t *testing.T) {
	t.Parallel()
	var resp fwresource.SchemaResponse
	(&scfNamespaceResource{}).Schema(context.Background(), fwresource.SchemaRequest{}, &resp)
	for code, hint := range namespaceDiagnostics.hints {
		if len(hint.attribute.Steps()) == 0 {
			continue
		}
		if _, diags := resp.Schema.AttributeAtPath(context.Background(), hint.attribute); diags.HasError() {
			t.Errorf("%s points at %s, which scf_namespace does not have", code, hint.attribute)
		}
	}

	detail, attribute := namespaceDiagnostics.describe("creating namespace taken", &scfapi.APIError{Action: scfapi.ActionCreateNamespace,
		Code: "ResourceInUse.Namespace", Message: "exists", RequestID: "r1", Namespace: "taken"})
	if attribute.String() != "name" || !strings.Contains(detail, "import {\n  to = <address>\n  id = \"taken\"\n}") ||
		!strings.Contains(detail, "terraform import <address> taken") {
		t.Errorf("ResourceInUse.Namespace at %q:\n%s", attribute, detail)
	}
	detail, attribute = namespaceDiagnostics.describe("creating namespace x", &scfapi.APIError{Action: scfapi.ActionCreateNamespace,
		Code: "UnauthorizedOperation.CAM", Message: "no", RequestID: "r2"})
	if len(attribute.Steps()) != 0 || !strings.Contains(detail, "Grant it SCF permissions in CAM") {
		t.Errorf("UnauthorizedOperation.CAM at %q:\n%s", attribute, detail)
	}
	detail, attribute = namespaceDiagnostics.describe("updating namespace x", &scfapi.APIError{Action: scfapi.ActionUpdateNamespace,
		Code: "InvalidParameterValue.Runtime", Message: "odd", RequestID: "r3"})
	if len(attribute.Steps()) != 0 || !strings.Contains(detail, "The service does not offer this runtime here") {
		t.Errorf("a function's code must not point at a function attribute: %q:\n%s", attribute, detail)
	}
}

func TestNamespaceInUseDetail(t *testing.T) {
	t.Parallel()
	refusal := &scfapi.APIError{Code: "ResourceInUse.Namespace", Message: "still contains functions.", RequestID: "r9"}
	var functions []scfapi.FunctionSummary
	for i := 11; i >= 0; i-- {
		functions = append(functions, scfapi.FunctionSummary{FunctionName: fmt.Sprintf("fn-%02d", i)})
	}
	got := namespaceInUseDetail("busy", functions, refusal)
	want := "Namespace busy still holds 12 functions: busy/fn-00, busy/fn-01, busy/fn-02, busy/fn-03, busy/fn-04, busy/fn-05, " +
		"busy/fn-06, busy/fn-07, busy/fn-08, busy/fn-09 and 2 more. The service deletes only empty namespaces; it answered " +
		"ResourceInUse.Namespace: still contains functions (RequestId: r9)."
	if !strings.HasPrefix(got, want) {
		t.Errorf("detail:\n%s\nwant it to start with:\n%s", got, want)
	}
	if one := namespaceInUseDetail("busy", functions[:1], refusal); !strings.HasPrefix(one, "Namespace busy still holds 1 function: busy/fn-11. ") {
		t.Errorf("one function:\n%s", one)
	}
}
