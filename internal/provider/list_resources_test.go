package provider

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// objectListTypes are the list resources objectListResource serves, with
// the filters each has.
var objectListTypes = map[string][]string{
	"scf_namespace":               {"namespace"},
	"scf_layer_version":           {"layer_name"},
	"scf_function_version":        {"namespace", "function_name"},
	"scf_function_alias":          {"namespace", "function_name"},
	"scf_trigger":                 {"namespace", "function_name", "type"},
	"scf_reserved_concurrency":    {"namespace", "function_name"},
	"scf_provisioned_concurrency": {"namespace", "function_name"},
}

// TestListResourceFilters validates, through the provider's served
// protocol, every filter of every list resource: each is optional, a valid
// value passes, and an invalid one is an error naming the attribute, before
// any API call (the server here has no client at all).
func TestListResourceFilters(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	server := NewProtocol6Server("test")()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	lister, ok := server.(tfprotov6.ListResourceServer)
	if !ok {
		t.Fatal("the server serves no list resources")
	}
	valid := map[string]string{"namespace": "team-a", "function_name": "hello", "type": "timer", "layer_name": "libs"}
	invalid := map[string]struct{ value, detail string }{
		"namespace":     {"team/a", `namespace "team/a" is invalid`},
		"function_name": {"1-bad", "1-bad"},
		"type":          {"kafka", `value must be one of`},
		"layer_name":    {"-libs", "-libs"},
	}
	for typeName, filters := range objectListTypes {
		t.Run(typeName, func(t *testing.T) {
			s := schemas.ListResourceSchemas[typeName]
			if s == nil {
				t.Fatalf("no list resource %s", typeName)
			}
			typ, _ := s.ValueType().(tftypes.Object)
			var names []string
			for name := range typ.AttributeTypes {
				names = append(names, name)
			}
			slices.Sort(names)
			want := slices.Clone(filters)
			slices.Sort(want)
			if !slices.Equal(names, want) {
				t.Errorf("attributes %v, want %v", names, want)
			}
			validate := func(set map[string]string) []*tfprotov6.Diagnostic {
				t.Helper()
				values := map[string]tftypes.Value{}
				for name, at := range typ.AttributeTypes {
					values[name] = tftypes.NewValue(at, nil)
					if v, ok := set[name]; ok {
						values[name] = tftypes.NewValue(tftypes.String, v)
					}
				}
				config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, values))
				if err != nil {
					t.Fatal(err)
				}
				resp, err := lister.ValidateListResourceConfig(ctx, &tfprotov6.ValidateListResourceConfigRequest{TypeName: typeName, Config: &config})
				if err != nil {
					t.Fatal(err)
				}
				return resp.Diagnostics
			}
			if diags := validate(nil); len(diags) > 0 {
				t.Errorf("no filter: %v", diagnosticTexts(diags))
			}
			all := map[string]string{}
			for _, f := range filters {
				all[f] = valid[f]
			}
			if diags := validate(all); len(diags) > 0 {
				t.Errorf("valid filters %v: %v", all, diagnosticTexts(diags))
			}
			for _, f := range filters {
				bad := invalid[f]
				diags := validate(map[string]string{f: bad.value})
				if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError ||
					!strings.Contains(diags[0].Detail, "Attribute "+f) || !strings.Contains(diags[0].Detail, bad.detail) {
					t.Errorf("%s = %q: %v; want one error naming the attribute and saying %q", f, bad.value, diagnosticTexts(diags), bad.detail)
				}
			}
		})
	}
}

// listEstate is an estate of two functions in two namespaces, each with a
// version, an alias and a timer trigger; only hello has concurrency.
const listEstate = `
resource "scf_namespace" "team" {
  name = "team-l"
}

resource "scf_function" "hello" {
  namespace = "default"
  name      = "hello"
  handler   = "index.main_handler"
  code      = { zip_file = %[1]q }
}

resource "scf_function_version" "hello" {
  namespace     = scf_function.hello.namespace
  function_name = scf_function.hello.name
}

resource "scf_function_alias" "hello" {
  namespace        = scf_function_version.hello.namespace
  function_name    = scf_function_version.hello.function_name
  name             = "live"
  function_version = scf_function_version.hello.version
}

resource "scf_trigger" "hello" {
  namespace     = scf_function.hello.namespace
  function_name = scf_function.hello.name
  name          = "tick"
  timer         = { cron_expression = "0 */5 * * * * *" }
}

resource "scf_function" "worker" {
  namespace = scf_namespace.team.name
  name      = "worker"
  handler   = "index.main_handler"
  code      = { zip_file = %[1]q }
}

resource "scf_function_version" "worker" {
  namespace     = scf_function.worker.namespace
  function_name = scf_function.worker.name
}

resource "scf_function_alias" "worker" {
  namespace        = scf_function_version.worker.namespace
  function_name    = scf_function_version.worker.function_name
  name             = "live"
  function_version = scf_function_version.worker.version
}

resource "scf_trigger" "worker" {
  namespace     = scf_function.worker.namespace
  function_name = scf_function.worker.name
  name          = "tick"
  timer         = { cron_expression = "0 */5 * * * * *" }
}

resource "scf_reserved_concurrency" "hello" {
  function_name            = scf_function.hello.name
  reserved_concurrency_mem = 512
}

resource "scf_provisioned_concurrency" "hello" {
  function_name               = scf_function_version.hello.function_name
  qualifier                   = scf_function_version.hello.version
  provisioned_concurrency_num = 1
}
`

func objectListBlock(typeName, label, config string, include bool) string {
	return `
list "` + typeName + `" "` + label + `" {
  provider         = scf
  include_resource = ` + map[bool]string{true: "true", false: "false"}[include] + `
  config {
    ` + config + `
  }
}
`
}

// TestAccListResources_filters: each kind's filters keep exactly what they
// name, results carry the identity and display name, include_resource the
// object as import reads it, and an unknown namespace, function or layer
// is an error naming the attribute.
func TestAccListResources_filters(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "def main_handler(e, c):\n    return 1\n"})
	names := func(typeName, label string, display ...string) []querycheck.QueryResultCheck {
		checks := []querycheck.QueryResultCheck{querycheck.ExpectLength(typeName+"."+label, len(display))}
		for _, d := range display {
			checks = append(checks, querycheck.ExpectResourceDisplayName(typeName+"."+label,
				queryfilter.ByDisplayName(knownvalue.StringExact(d)), knownvalue.StringExact(d)))
		}
		return checks
	}
	query := objectListBlock("scf_namespace", "team", `namespace = "team-l"`, false) +
		objectListBlock("scf_function_version", "all", "", false) +
		objectListBlock("scf_function_version", "worker", `function_name = "worker"`, false) +
		objectListBlock("scf_function_alias", "default", `namespace = "default"`, true) +
		objectListBlock("scf_trigger", "timers", `type = "timer"`, false) +
		objectListBlock("scf_trigger", "cos", `type = "cos"`, false) +
		objectListBlock("scf_reserved_concurrency", "all", "", true) +
		objectListBlock("scf_provisioned_concurrency", "hello", "namespace = \"default\"\n    function_name = \"hello\"", false)
	var checks []querycheck.QueryResultCheck
	checks = append(checks, names("scf_namespace", "team", "team-l")...)
	checks = append(checks, names("scf_function_version", "all", "default/hello/1", "team-l/worker/1")...)
	checks = append(checks, names("scf_function_version", "worker", "team-l/worker/1")...)
	checks = append(checks, names("scf_function_alias", "default", "default/hello/live")...)
	checks = append(checks, names("scf_trigger", "timers", "default/hello/timer/tick", "team-l/worker/timer/tick")...)
	checks = append(checks, names("scf_trigger", "cos")...)
	checks = append(checks, names("scf_reserved_concurrency", "all", "default/hello")...)
	checks = append(checks, names("scf_provisioned_concurrency", "hello", "default/hello/1")...)
	checks = append(checks,
		querycheck.ExpectIdentity("scf_trigger.timers", map[string]knownvalue.Check{
			"namespace": knownvalue.StringExact("team-l"), "function_name": knownvalue.StringExact("worker"),
			"type": knownvalue.StringExact("timer"), "name": knownvalue.StringExact("tick"), "qualifier": knownvalue.StringExact("$DEFAULT"),
		}),
		querycheck.ExpectResourceKnownValues("scf_function_alias.default",
			queryfilter.ByDisplayName(knownvalue.StringExact("default/hello/live")), []querycheck.KnownValueCheck{
				{Path: attrPath("function_version"), KnownValue: knownvalue.StringExact("1")},
				{Path: attrPath("id"), KnownValue: knownvalue.StringExact("default/hello/live")},
			}),
		querycheck.ExpectResourceKnownValues("scf_reserved_concurrency.all",
			queryfilter.ByDisplayName(knownvalue.StringExact("default/hello")), []querycheck.KnownValueCheck{
				{Path: attrPath("reserved_concurrency_mem"), KnownValue: knownvalue.Int64Exact(512)},
			}),
	)
	unknown := func(typeName, config, want string) resource.TestStep {
		return resource.TestStep{Query: true, Config: objectListBlock(typeName, "unknown", config, false), ExpectError: regexp.MustCompile(want)}
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureListResources},
		ProtoV6ProviderFactories: env.factoriesPaged(1),
		Steps: []resource.TestStep{
			{Config: env.config(strings.ReplaceAll(listEstate, "%[1]q", `"`+zipPath+`"`))},
			{Query: true, Config: query, QueryResultChecks: checks},
			unknown("scf_namespace", `namespace = "nowhere"`, `(?s)Unable to List SCF Namespaces.*Attribute namespace: namespace "nowhere" does not exist`),
			unknown("scf_function_version", `namespace = "nowhere"`, `(?s)Unable to List SCF Function Versions.*Attribute namespace: namespace "nowhere" does not exist`),
			unknown("scf_function_alias", `function_name = "nobody"`, `(?s)Unable to List SCF Function Aliases.*Attribute function_name: no function named "nobody" in any namespace`),
			unknown("scf_trigger", "namespace = \"team-l\"\n    function_name = \"hello\"", `(?s)Unable to List SCF Triggers.*Attribute function_name: no function named "hello" in namespace team-l`),
			unknown("scf_reserved_concurrency", `function_name = "nobody"`, `(?s)Unable to List SCF Function Concurrency.*Attribute function_name`),
			unknown("scf_layer_version", `layer_name = "no-such-layer"`, `(?s)Unable to List SCF Layer Versions.*Attribute layer_name: layer "no-such-layer" does not exist`),
		},
	})
	if calls := env.fake.Stats().Requests[scfapi.ActionListAliases]; calls == 0 && !t.Skipped() {
		t.Error("no ListAliases request was sent")
	}
}

// TestAccExamples_objectListResources runs every list resource example
// but scf_function's (TestAccExamples_listResource) against the function
// orders of team-a, with a version, an alias, a timer trigger and both
// concurrencies, and the fake's layer common-libs (versions 1 and 2).
func TestAccExamples_objectListResources(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "def main_handler(e, c):\n    return 1\n"})
	estate := `
resource "scf_namespace" "team" {
  name = "team-a"
}

resource "scf_function" "orders" {
  namespace = scf_namespace.team.name
  name      = "orders"
  handler   = "index.main_handler"
  code      = { zip_file = "` + zipPath + `" }
}

resource "scf_function_version" "orders" {
  namespace     = scf_function.orders.namespace
  function_name = scf_function.orders.name
}

resource "scf_function_alias" "live" {
  namespace        = scf_function_version.orders.namespace
  function_name    = scf_function_version.orders.function_name
  name             = "live"
  function_version = scf_function_version.orders.version
}

resource "scf_trigger" "nightly" {
  namespace     = scf_function.orders.namespace
  function_name = scf_function.orders.name
  name          = "nightly"
  timer         = { cron_expression = "0 0 2 * * * *" }
}

resource "scf_reserved_concurrency" "orders" {
  namespace                = scf_function.orders.namespace
  function_name            = scf_function.orders.name
  reserved_concurrency_mem = 512
}

resource "scf_provisioned_concurrency" "orders" {
  namespace                   = scf_function_version.orders.namespace
  function_name               = scf_function_version.orders.function_name
  qualifier                   = scf_function_version.orders.version
  provisioned_concurrency_num = 1
}
`
	var query string
	for typeName := range objectListTypes {
		query += readExample(t, "list-resources/"+typeName+"/list-resource.tfquery.hcl", zipPath)
	}
	one := func(address string) querycheck.QueryResultCheck { return querycheck.ExpectLength(address, 1) }
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureListResources},
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{Config: env.config(estate)},
			{
				Query:  true,
				Config: query,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectIdentity("scf_namespace.all", map[string]knownvalue.Check{"name": knownvalue.StringExact("team-a")}),
					querycheck.ExpectLength("scf_layer_version.common_libs", 2),
					querycheck.ExpectIdentity("scf_layer_version.all", map[string]knownvalue.Check{
						"layer_name": knownvalue.StringExact("common-libs"), "layer_version": knownvalue.Int64Exact(2)}),
					one("scf_function_version.all"), one("scf_function_version.orders"), one("scf_function_alias.team_a"),
					one("scf_trigger.timers"), one("scf_trigger.orders"), one("scf_reserved_concurrency.all"),
					one("scf_provisioned_concurrency.team_a"),
				},
			},
		},
	})
}
