package provider

import (
	"context"
	"fmt"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// namespaceItem matches one element of `namespaces`.
func namespaceItem(name, description, typ string) knownvalue.Check {
	return knownvalue.ObjectExact(map[string]knownvalue.Check{
		"name":          knownvalue.StringExact(name),
		"description":   knownvalue.StringExact(description),
		"type":          knownvalue.StringExact(typ),
		"created_time":  knownvalue.StringRegexp(rfc3339CST),
		"modified_time": knownvalue.StringRegexp(rfc3339CST),
	})
}

// TestAccSCFNamespacesDataSource lists every namespace, filters by name and
// description (a namespace managed in the same configuration included), and
// gives an empty list for a filter that matches nothing.
func TestAccSCFNamespacesDataSource(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	for _, ns := range [][2]string{{"team-a", "orders team"}, {"team-b", "billing team"}, {"sandbox", "experiments"}} {
		if err := env.client.CreateNamespace(context.Background(), ns[0], ns[1]); err != nil {
			t.Fatal(err)
		}
	}
	list := tfjsonpath.New("namespaces")
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{{
			Config: env.config(`
resource "scf_namespace" "managed" {
  name        = "team-c"
  description = "support team"
}

data "scf_namespaces" "all" {
  depends_on = [scf_namespace.managed]
}

data "scf_namespaces" "teams" {
  name_contains = "team-"
  depends_on    = [scf_namespace.managed]
}

data "scf_namespaces" "billing" {
  name_contains        = "team"
  description_contains = "billing"
}

data "scf_namespaces" "none" {
  name_contains = "no-such-namespace"
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.scf_namespaces.all", list, knownvalue.ListExact([]knownvalue.Check{
					namespaceItem("default", "", "default"),
					namespaceItem("frozen", "Unavailable namespace for tests", "Default"),
					namespaceItem("sandbox", "experiments", "Default"),
					namespaceItem("team-a", "orders team", "Default"),
					namespaceItem("team-b", "billing team", "Default"),
					namespaceItem("team-c", "support team", "Default"),
				})),
				statecheck.ExpectKnownValue("data.scf_namespaces.teams", list, knownvalue.ListExact([]knownvalue.Check{
					namespaceItem("team-a", "orders team", "Default"),
					namespaceItem("team-b", "billing team", "Default"),
					namespaceItem("team-c", "support team", "Default"),
				})),
				statecheck.ExpectKnownValue("data.scf_namespaces.billing", list, knownvalue.ListExact([]knownvalue.Check{
					namespaceItem("team-b", "billing team", "Default"),
				})),
				statecheck.ExpectKnownValue("data.scf_namespaces.none", list, knownvalue.ListExact([]knownvalue.Check{})),
			},
		}},
	})
}

// TestAccSCFNamespacesDataSource_paged: 150 namespaces take two pages of
// ListNamespaces, every one of them is listed once and in order, and a
// throttled page is retried instead of failing the read.
func TestAccSCFNamespacesDataSource_paged(t *testing.T) {
	fx := fakescf.DefaultFixtures()
	for i := range 150 {
		fx.Namespaces = append(fx.Namespaces, fakescf.NamespaceFixture{Name: fmt.Sprintf("bulk-%03d", i), Description: "bulk"})
	}
	env := newTestEnv(t, fakescf.Options{Fixtures: fx})
	var before int64
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{{
			PreConfig: func() {
				env.fake.InjectFault(scfapi.ActionListNamespaces, fakescf.FaultThrottle, 1)
				before = env.fake.Stats().Responses[scfapi.ActionListNamespaces]["OK"]
			},
			Config: env.config(`
data "scf_namespaces" "bulk" {
  description_contains = "bulk"
}

output "count" {
  value = length(data.scf_namespaces.bulk.namespaces)
}

output "first" {
  value = data.scf_namespaces.bulk.namespaces[0].name
}

output "last" {
  value = data.scf_namespaces.bulk.namespaces[149].name
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownOutputValue("count", knownvalue.Int64Exact(150)),
				statecheck.ExpectKnownOutputValue("first", knownvalue.StringExact("bulk-000")),
				statecheck.ExpectKnownOutputValue("last", knownvalue.StringExact("bulk-149")),
			},
			Check: func(*terraform.State) error {
				stats := env.fake.Stats()
				if got := stats.FaultsInjected[fakescf.FaultThrottle]; got != 1 {
					return fmt.Errorf("%d throttling faults took effect, want 1", got)
				}
				// Each read of the data source takes two pages (plan, apply
				// and refresh read it again), besides the credential checks.
				if got := stats.Responses[scfapi.ActionListNamespaces]["OK"] - before; got < 2 {
					return fmt.Errorf("%d successful ListNamespaces calls, want at least the two pages", got)
				}
				return nil
			},
		}},
	})
}
