package provider

import (
	"context"
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// namedFunctions checks that a `functions` list holds exactly these names,
// in this order.
func namedFunctions(names ...string) knownvalue.Check {
	checks := make([]knownvalue.Check, 0, len(names))
	for _, n := range names {
		checks = append(checks, knownvalue.ObjectPartial(map[string]knownvalue.Check{"name": knownvalue.StringExact(n)}))
	}
	return knownvalue.ListExact(checks)
}

func expectFunctions(address string, check knownvalue.Check) statecheck.StateCheck {
	return statecheck.ExpectKnownValue(address, attrPath("functions"), check)
}

// TestAccSCFFunctionsDataSource_filters lists functions made outside
// Terraform with each filter alone and all of them together.
func TestAccSCFFunctionsDataSource_filters(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	if err := env.client.CreateNamespace(context.Background(), "team-x", ""); err != nil {
		t.Fatal(err)
	}
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	with := func(runtime, typ, team string) func(*scfapi.CreateFunctionRequest) {
		return func(req *scfapi.CreateFunctionRequest) {
			req.Runtime, req.Type = ptr(runtime), ptr(typ)
			req.Tags = []*scfapi.Tag{{Key: ptr("team"), Value: ptr(team)}}
		}
	}
	env.createOutOfBand(scfapi.DefaultNamespace, "app-b", zipPath, with("Nodejs18.15", "Event", "b"))
	appC := env.createOutOfBand(scfapi.DefaultNamespace, "app-c", zipPath, with("Python3.9", "HTTP", "a"), func(req *scfapi.CreateFunctionRequest) {
		req.Description = ptr("web front")
	})
	env.createOutOfBand(scfapi.DefaultNamespace, "app-a", zipPath, with("Python3.9", "Event", "a"))
	// The service's search finds "app" anywhere in a name; name_prefix does not.
	env.createOutOfBand(scfapi.DefaultNamespace, "web-app", zipPath, with("Python3.9", "HTTP", "b"))
	env.createOutOfBand("team-x", "app-x", zipPath, with("Python3.9", "Event", "a"))

	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{
			{
				Config: env.config(`
data "scf_functions" "all" {}
data "scf_functions" "prefix" {
  name_prefix = "app"
}
data "scf_functions" "runtime" {
  runtime = "Nodejs18.15"
}
data "scf_functions" "type" {
  type = "HTTP"
}
data "scf_functions" "tags" {
  tags = { team = "a" }
}
data "scf_functions" "combined" {
  namespace   = "default"
  name_prefix = "app"
  runtime     = "Python3.9"
  type        = "HTTP"
  tags        = { team = "a" }
}
data "scf_functions" "namespace" {
  namespace = "team-x"
}
data "scf_functions" "nothing" {
  name_prefix = "app"
  tags        = { team = "nobody" }
}
`),
				ConfigStateChecks: []statecheck.StateCheck{
					expectFunctions("data.scf_functions.all", namedFunctions("app-a", "app-b", "app-c", "web-app")),
					statecheck.ExpectKnownValue("data.scf_functions.all", attrPath("namespace"), knownvalue.StringExact("default")),
					expectFunctions("data.scf_functions.prefix", namedFunctions("app-a", "app-b", "app-c")),
					expectFunctions("data.scf_functions.runtime", namedFunctions("app-b")),
					expectFunctions("data.scf_functions.type", namedFunctions("app-c", "web-app")),
					expectFunctions("data.scf_functions.tags", namedFunctions("app-a", "app-c")),
					expectFunctions("data.scf_functions.combined", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectExact(map[string]knownvalue.Check{
						"name":             knownvalue.StringExact("app-c"),
						"namespace":        knownvalue.StringExact("default"),
						"function_id":      knownvalue.StringExact(appC.FunctionId),
						"runtime":          knownvalue.StringExact("Python3.9"),
						"type":             knownvalue.StringExact("HTTP"),
						"status":           knownvalue.StringExact(scfapi.StatusActive),
						"status_desc":      knownvalue.NotNull(),
						"description":      knownvalue.StringExact("web front"),
						"created_time":     knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$`)),
						"modified_time":    knownvalue.StringRegexp(regexp.MustCompile(`^\d{4}-\d\d-\d\dT`)),
						"tags":             knownvalue.MapExact(map[string]knownvalue.Check{"team": knownvalue.StringExact("a")}),
						"async_run_enable": knownvalue.Bool(false),
						"trace_enable":     knownvalue.Bool(false),
					})})),
					expectFunctions("data.scf_functions.namespace", knownvalue.ListExact([]knownvalue.Check{knownvalue.ObjectPartial(map[string]knownvalue.Check{
						"name": knownvalue.StringExact("app-x"), "namespace": knownvalue.StringExact("team-x"),
					})})),
					expectFunctions("data.scf_functions.nothing", knownvalue.ListSizeExact(0)),
				},
			},
			{
				Config:      env.config(`data "scf_functions" "missing" { namespace = "no-such-ns" }`),
				ExpectError: regexp.MustCompile(`(?s)Unable to List SCF Functions.*namespace\s+no-such-ns.*ResourceNotFound\.Namespace`),
			},
		},
	})
}

// TestAccSCFFunctionsDataSource_paging lists more functions than one page
// holds, with the client's pages made small so that a few functions do.
func TestAccSCFFunctionsDataSource_paging(t *testing.T) {
	newestCLIsOnly(t)
	const pageSize, total = 4, 9 // three pages, the last one short
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	names := make([]string, 0, total)
	for i := range total {
		names = append(names, fmt.Sprintf("bulk-%02d", i))
		env.createOutOfBand(scfapi.DefaultNamespace, names[i], zipPath)
	}
	env.createOutOfBand(scfapi.DefaultNamespace, "other", zipPath)

	server := newProtocol6Server(&scfProvider{version: "test", tuneClient: func(cfg *scfapi.Config) {
		fastClient(cfg)
		cfg.ListPageSize = pageSize
	}})
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: map[string]func() (tfprotov6.ProviderServer, error){
			"scf": func() (tfprotov6.ProviderServer, error) { return server(), nil },
		},
		Steps: []resource.TestStep{{
			Config: env.config(`
data "scf_functions" "bulk" {
  name_prefix = "bulk-"
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				expectFunctions("data.scf_functions.bulk", namedFunctions(names...)),
			},
		}},
	})
}
