package provider

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/querycheck"
	"github.com/hashicorp/terraform-plugin-testing/querycheck/queryfilter"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// listSeed is a function the list tests make outside Terraform.
type listSeed struct {
	namespace, name, runtime, typ string
	tags                          map[string]string
	failed                        bool // its creation ends CreateFailed
}

// listSeeds: names sharing the prefix `app-` in three namespaces, one that
// only contains it, runtimes, types, tags and one failed function.
var listSeeds = []listSeed{
	{namespace: "default", name: "app-one", runtime: "Python3.9", tags: map[string]string{"team": "a"}},
	{namespace: "default", name: "app-two", runtime: "Nodejs18.15", typ: "HTTP", tags: map[string]string{"team": "b"}},
	{namespace: "default", name: "my-app", runtime: "Python3.9", tags: map[string]string{"team": "a", "env": "prod"}},
	{namespace: "team-a", name: "app-three", runtime: "Python3.9", tags: map[string]string{"team": "a", "env": "prod"}},
	{namespace: "team-a", name: "worker", runtime: "Go1", typ: "Event"},
	{namespace: "team-b", name: "app-broken", runtime: "Python3.9", failed: true},
}

// seedList creates the namespaces and functions of seeds through the API.
func (e *testEnv) seedList(zipPath string, seeds []listSeed) {
	e.t.Helper()
	ctx := context.Background()
	made := map[string]bool{scfapi.DefaultNamespace: true}
	content, err := os.ReadFile(zipPath)
	if err != nil {
		e.t.Fatal(err)
	}
	encoded := base64.StdEncoding.EncodeToString(content)
	for _, s := range seeds {
		if !made[s.namespace] {
			if err := e.client.CreateNamespace(ctx, s.namespace, "list tests"); err != nil {
				e.t.Fatal(err)
			}
			made[s.namespace] = true
		}
		customize := func(req *scfapi.CreateFunctionRequest) {
			req.Runtime = ptr(s.runtime)
			if s.typ != "" {
				req.Type = ptr(s.typ)
			}
			if s.runtime == "Go1" {
				req.Handler = ptr("main")
			}
			for k, v := range s.tags {
				req.Tags = append(req.Tags, &scfapi.Tag{Key: ptr(k), Value: ptr(v)})
			}
		}
		if !s.failed {
			e.createOutOfBand(s.namespace, s.name, zipPath, customize)
			continue
		}
		e.fake.FailNext(scfapi.ActionCreateFunction, s.name)
		req := &scfapi.CreateFunctionRequest{FunctionName: ptr(s.name), Namespace: ptr(s.namespace), Handler: ptr("index.main_handler"),
			Code: &scfapi.Code{ZipFile: ptr(encoded)}}
		customize(req)
		if err := e.client.CreateFunction(ctx, req); err != nil {
			e.t.Fatal(err)
		}
		if _, err := e.client.WaitForActive(ctx, s.namespace, s.name); err == nil {
			e.t.Fatalf("%s/%s became Active; want CreateFailed", s.namespace, s.name)
		}
	}
}

// factoriesPaged serves the provider with a ListFunctions page of size
// rows, so that a handful of functions spans several pages.
func (e *testEnv) factoriesPaged(size int) map[string]func() (tfprotov6.ProviderServer, error) {
	server := newProtocol6Server(&scfProvider{version: "test", tuneClient: func(cfg *scfapi.Config) {
		fastClient(cfg)
		cfg.ListPageSize = size
	}})
	return map[string]func() (tfprotov6.ProviderServer, error){
		"scf": func() (tfprotov6.ProviderServer, error) { return server(), nil },
	}
}

func functionIdentityCheck(namespace, name string) map[string]knownvalue.Check {
	return map[string]knownvalue.Check{"namespace": knownvalue.StringExact(namespace), "name": knownvalue.StringExact(name)}
}

// listBlock is one list block of the query file.
func listBlock(label, config string, include bool) string {
	return fmt.Sprintf(`
list "scf_function" %q {
  provider         = scf
  include_resource = %t
  config {
    %s
  }
}
`, label, include, config)
}

// TestAccSCFFunctionList_filters runs every filter against functions in
// three namespaces, through pages of two rows (so the three functions of
// `default` and the six of all namespaces are found only by reading every
// page): no namespace searches them all, and each filter keeps exactly the
// functions it names.
func TestAccSCFFunctionList_filters(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	env.seedList(zipPath, listSeeds)

	query := listBlock("all", "", false) +
		listBlock("default", `namespace = "default"`, false) +
		listBlock("prefix", `name_prefix = "app-"`, false) +
		listBlock("runtime", `runtime = "Python3.9"`, false) +
		listBlock("http", `type = "HTTP"`, false) +
		listBlock("tagged", `tags = { team = "a", env = "prod" }`, false) +
		listBlock("failed", `status = "CreateFailed"`, false) +
		listBlock("combined", "namespace = \"team-a\"\n    name_prefix = \"app\"\n    tags = { team = \"a\" }", false) + `
list "scf_function" "capped" {
  provider = scf
  limit    = 4
}
`

	exactly := func(list string, functions ...[2]string) []querycheck.QueryResultCheck {
		checks := []querycheck.QueryResultCheck{querycheck.ExpectLength("scf_function."+list, len(functions))}
		for _, f := range functions {
			checks = append(checks,
				querycheck.ExpectIdentity("scf_function."+list, functionIdentityCheck(f[0], f[1])),
				querycheck.ExpectResourceDisplayName("scf_function."+list, queryfilter.ByResourceIdentity(functionIdentityCheck(f[0], f[1])),
					knownvalue.StringExact(f[0]+"/"+f[1])))
		}
		return checks
	}
	var checks []querycheck.QueryResultCheck
	checks = append(checks, exactly("all", [2]string{"default", "app-one"}, [2]string{"default", "app-two"}, [2]string{"default", "my-app"},
		[2]string{"team-a", "app-three"}, [2]string{"team-a", "worker"}, [2]string{"team-b", "app-broken"})...)
	checks = append(checks, exactly("default", [2]string{"default", "app-one"}, [2]string{"default", "app-two"}, [2]string{"default", "my-app"})...)
	checks = append(checks, exactly("prefix", [2]string{"default", "app-one"}, [2]string{"default", "app-two"}, [2]string{"team-a", "app-three"},
		[2]string{"team-b", "app-broken"})...)
	checks = append(checks, exactly("runtime", [2]string{"default", "app-one"}, [2]string{"default", "my-app"}, [2]string{"team-a", "app-three"},
		[2]string{"team-b", "app-broken"})...)
	checks = append(checks, exactly("http", [2]string{"default", "app-two"})...)
	checks = append(checks, exactly("tagged", [2]string{"default", "my-app"}, [2]string{"team-a", "app-three"})...)
	checks = append(checks, exactly("failed", [2]string{"team-b", "app-broken"})...)
	checks = append(checks, exactly("combined", [2]string{"team-a", "app-three"})...)
	checks = append(checks, querycheck.ExpectLength("scf_function.capped", 4))

	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureListResources},
		ProtoV6ProviderFactories: env.factoriesPaged(2),
		Steps: []resource.TestStep{
			// Query mode runs in the working directory of a configuration,
			// whose provider block the query file uses.
			{Config: env.providerBlock()},
			{
				Query:             true,
				Config:            query,
				QueryResultChecks: checks,
			},
		},
	})
}

// TestAccSCFFunctionList_includeResource: with include_resource each result
// carries the function as import reads it, in every namespace and through
// pages of two rows, a failed function included.
func TestAccSCFFunctionList_includeResource(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	env.seedList(zipPath, listSeeds)
	digest := sha256File(t, zipPath)
	known := func(namespace, name string, checks map[string]knownvalue.Check) querycheck.QueryResultCheck {
		var values []querycheck.KnownValueCheck
		for attr, check := range checks {
			values = append(values, querycheck.KnownValueCheck{Path: attrPath(attr), KnownValue: check})
		}
		return querycheck.ExpectResourceKnownValues("scf_function.full",
			queryfilter.ByResourceIdentity(functionIdentityCheck(namespace, name)), values)
	}
	readsBefore := env.fake.Stats().Requests[scfapi.ActionGetFunction]
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureListResources},
		ProtoV6ProviderFactories: env.factoriesPaged(2),
		Steps: []resource.TestStep{
			{Config: env.providerBlock()},
			{
				Query:  true,
				Config: listBlock("full", "", true),
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("scf_function.full", len(listSeeds)),
					known("team-a", "app-three", map[string]knownvalue.Check{
						"id":          knownvalue.StringExact("team-a/app-three"),
						"runtime":     knownvalue.StringExact("Python3.9"),
						"status":      knownvalue.StringExact("Active"),
						"code_sha256": knownvalue.StringExact(digest),
						"tags": knownvalue.MapExact(map[string]knownvalue.Check{
							"team": knownvalue.StringExact("a"), "env": knownvalue.StringExact("prod")}),
						"code": knownvalue.Null(),
					}),
					known("default", "app-two", map[string]knownvalue.Check{
						"type": knownvalue.StringExact("HTTP"), "runtime": knownvalue.StringExact("Nodejs18.15"),
					}),
					known("team-a", "worker", map[string]knownvalue.Check{
						"handler": knownvalue.StringExact("main"), "runtime": knownvalue.StringExact("Go1"),
					}),
					known("team-b", "app-broken", map[string]knownvalue.Check{
						"status": knownvalue.StringExact("CreateFailed"),
					}),
				},
			},
		},
	})
	// One GetFunction per function: the same read as import, nothing more.
	if reads := env.fake.Stats().Requests[scfapi.ActionGetFunction] - readsBefore; reads != int64(len(listSeeds)) && !t.Skipped() {
		t.Errorf("include_resource sent %d GetFunction requests for %d functions", reads, len(listSeeds))
	}
}

// TestAccSCFFunctionList_missingNamespace: a namespace that does not exist
// fails the query on the attribute, with the API's error.
func TestAccSCFFunctionList_missingNamespace(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureListResources},
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{Config: env.providerBlock()},
			{
				Query:       true,
				Config:      listBlock("none", `namespace = "nowhere"`, false),
				ExpectError: regexp.MustCompile(`(?s)Unable to List SCF Functions.*Attribute namespace: namespace "nowhere" does not exist`),
			},
		},
	})
}

// TestAccExamples_listResource runs the documentation's query example:
// the tagged `orders-` functions of every namespace, read in full.
func TestAccExamples_listResource(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	payments := map[string]string{"team": "payments"}
	env.seedList(zipPath, []listSeed{
		{namespace: "default", name: "orders-api", runtime: "Python3.9", tags: payments},
		{namespace: "team-a", name: "orders-worker", runtime: "Python3.9", tags: payments},
		{namespace: "team-a", name: "orders-legacy", runtime: "Python3.9"},
		{namespace: "default", name: "billing", runtime: "Python3.9", tags: payments},
	})
	example := readExample(t, "list-resources/scf_function/list-resource.tfquery.hcl", zipPath)
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureListResources},
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{Config: env.providerBlock()},
			{
				Query:  true,
				Config: example,
				QueryResultChecks: []querycheck.QueryResultCheck{
					querycheck.ExpectLength("scf_function.orders", 2),
					querycheck.ExpectIdentity("scf_function.orders", functionIdentityCheck("default", "orders-api")),
					querycheck.ExpectIdentity("scf_function.orders", functionIdentityCheck("team-a", "orders-worker")),
					querycheck.ExpectResourceKnownValues("scf_function.orders",
						queryfilter.ByResourceIdentity(functionIdentityCheck("team-a", "orders-worker")),
						[]querycheck.KnownValueCheck{{Path: attrPath("tags"), KnownValue: knownvalue.MapExact(map[string]knownvalue.Check{
							"team": knownvalue.StringExact("payments")})}}),
					querycheck.ExpectLength("scf_function.failed_updates", 0),
				},
			},
		},
	})
}

// TestAccSCFFunctionList_invalidFilters: filters are checked before any
// API call, and the error names the attribute and the rule.
func TestAccSCFFunctionList_invalidFilters(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureListResources},
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{Config: env.providerBlock()},
			{
				Query:       true,
				Config:      listBlock("bad_status", `status = "Broken"`, false),
				ExpectError: regexp.MustCompile(`(?s)Attribute status value must be one of:.*"UpdateFailed"`),
			},
			{
				Query:       true,
				Config:      listBlock("bad_namespace", `namespace = "team/a"`, false),
				ExpectError: regexp.MustCompile(`(?s)Invalid Namespace.*Attribute namespace: namespace "team/a" is invalid.*1-30 characters`),
			},
		},
	})
	if calls := env.fake.Stats().Requests[scfapi.ActionListFunctions]; calls != 0 {
		t.Errorf("invalid filters sent %d ListFunctions requests", calls)
	}
}
