package provider

import (
	"context"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

// TestReleaseIdentities speaks the protocol as Terraform 1.12 and later do:
// each release resource's identity schema names what its import ID names,
// with namespace optional; importing by identity, namespace left out or
// not, gives the state and identity of importing by ID; a bad identity is
// refused as the bad ID is.
func TestReleaseIdentities(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	server := newProtocol6Server(New("test")())()
	identitySchemas, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	providerSchema, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	num := func(n int64) tftypes.Value { return tftypes.NewValue(tftypes.Number, big.NewFloat(float64(n))) }
	for _, tc := range []struct {
		typeName string
		id       string
		identity map[string]tftypes.Value // as imported; namespace "default" is also tried left out
		state    map[string]string        // imported string attributes
		bad      map[string]tftypes.Value
		badError string
	}{
		{
			typeName: "scf_function_version", id: "default/orders/3",
			identity: map[string]tftypes.Value{"namespace": str("default"), "function_name": str("orders"), "version": str("3")},
			state:    map[string]string{"id": "default/orders/3", "namespace": "default", "function_name": "orders", "version": "3"},
			bad:      map[string]tftypes.Value{"function_name": str("orders"), "version": str("$LATEST")},
			badError: "is not namespace/function_name/version",
		},
		{
			typeName: "scf_function_alias", id: "default/orders/live",
			identity: map[string]tftypes.Value{"namespace": str("default"), "function_name": str("orders"), "name": str("live")},
			state:    map[string]string{"id": "default/orders/live", "namespace": "default", "function_name": "orders", "name": "live"},
			bad:      map[string]tftypes.Value{"function_name": str("orders"), "name": str("1live")},
			badError: "is not namespace/function_name/alias_name",
		},
		{
			typeName: "scf_reserved_concurrency", id: "default/orders",
			identity: map[string]tftypes.Value{"namespace": str("default"), "function_name": str("orders")},
			state:    map[string]string{"id": "default/orders", "namespace": "default", "function_name": "orders"},
			bad:      map[string]tftypes.Value{"namespace": str("team-a"), "function_name": str("1orders")},
			badError: "function name",
		},
		{
			typeName: "scf_provisioned_concurrency", id: "default/orders/2",
			identity: map[string]tftypes.Value{"namespace": str("default"), "function_name": str("orders"), "qualifier": str("2")},
			state:    map[string]string{"id": "default/orders/2", "namespace": "default", "function_name": "orders", "qualifier": "2"},
			bad:      map[string]tftypes.Value{"function_name": str("orders"), "qualifier": str("$LATEST")},
			badError: "`$LATEST` cannot have provisioned concurrency",
		},
		{
			typeName: "scf_layer_version", id: "libs/4",
			identity: map[string]tftypes.Value{"layer_name": str("libs"), "layer_version": num(4)},
			state:    map[string]string{"id": "libs/4", "layer_name": "libs"},
			bad:      map[string]tftypes.Value{"layer_name": str("libs"), "layer_version": num(0)},
			badError: "libs/0",
		},
	} {
		t.Run(tc.typeName, func(t *testing.T) {
			schema := identitySchemas.IdentitySchemas[tc.typeName]
			if schema == nil || len(schema.IdentityAttributes) != len(tc.identity) {
				t.Fatalf("identity schema: %+v", schema)
			}
			for _, a := range schema.IdentityAttributes {
				if _, ok := tc.identity[a.Name]; !ok {
					t.Errorf("identity attribute %s is not one the import ID names", a.Name)
				}
				if wantOptional := a.Name == "namespace"; a.OptionalForImport != wantOptional || a.RequiredForImport == wantOptional {
					t.Errorf("identity attribute %s: optional %t, required %t", a.Name, a.OptionalForImport, a.RequiredForImport)
				}
			}
			identityType := schema.ValueType()
			identity := func(values map[string]tftypes.Value) *tfprotov6.ResourceIdentityData {
				all := map[string]tftypes.Value{}
				for _, a := range schema.IdentityAttributes {
					all[a.Name] = values[a.Name]
					if all[a.Name].Type() == nil {
						all[a.Name] = tftypes.NewValue(a.ValueType(), nil)
					}
				}
				v, err := tfprotov6.NewDynamicValue(identityType, tftypes.NewValue(identityType, all))
				if err != nil {
					t.Fatal(err)
				}
				return &tfprotov6.ResourceIdentityData{IdentityData: &v}
			}
			requests := []*tfprotov6.ImportResourceStateRequest{
				{TypeName: tc.typeName, ID: tc.id},
				{TypeName: tc.typeName, Identity: identity(tc.identity)},
			}
			if _, ok := tc.identity["namespace"]; ok {
				withoutNamespace := map[string]tftypes.Value{}
				for k, v := range tc.identity {
					if k != "namespace" {
						withoutNamespace[k] = v
					}
				}
				requests = append(requests, &tfprotov6.ImportResourceStateRequest{TypeName: tc.typeName, Identity: identity(withoutNamespace)})
			}
			stateType := providerSchema.ResourceSchemas[tc.typeName].ValueType()
			for i, req := range requests {
				resp, err := server.ImportResourceState(ctx, req)
				if err != nil {
					t.Fatal(err)
				}
				for _, d := range resp.Diagnostics {
					t.Errorf("import %d: %s: %s", i, d.Summary, d.Detail)
				}
				if len(resp.ImportedResources) != 1 || resp.ImportedResources[0].Identity == nil {
					t.Fatalf("import %d: %+v", i, resp.ImportedResources)
				}
				state, err := resp.ImportedResources[0].State.Unmarshal(stateType)
				if err != nil {
					t.Fatal(err)
				}
				var attrs map[string]tftypes.Value
				if err := state.As(&attrs); err != nil {
					t.Fatal(err)
				}
				for name, want := range tc.state {
					var got string
					if err := attrs[name].As(&got); err != nil || got != want {
						t.Errorf("import %d: %s = %v, want %q", i, name, attrs[name], want)
					}
				}
				got, err := resp.ImportedResources[0].Identity.IdentityData.Unmarshal(identityType)
				if err != nil {
					t.Fatal(err)
				}
				if want := tftypes.NewValue(identityType, tc.identity); !got.Equal(want) {
					t.Errorf("import %d: identity %s, want %s", i, got, want)
				}
			}
			resp, err := server.ImportResourceState(ctx, &tfprotov6.ImportResourceStateRequest{TypeName: tc.typeName, Identity: identity(tc.bad)})
			if err != nil {
				t.Fatal(err)
			}
			if len(resp.Diagnostics) != 1 || !strings.Contains(resp.Diagnostics[0].Detail, tc.badError) {
				t.Errorf("importing a bad identity: %+v", resp.Diagnostics)
			}
		})
	}
}

// releaseIdentityConfig manages one of each release resource on function
// "rel", whose versions 1 and 2 the fake is seeded with, with literal
// references so that an import in a fresh working directory plans no
// change. A layer imported without `content` is taken as it is.
func releaseIdentityConfig(layerZip string) string {
	content := ""
	if layerZip != "" {
		content = fmt.Sprintf("content = { zip_file = %q }", layerZip)
	}
	return fmt.Sprintf(`
resource "scf_function_version" "v" {
  function_name = "rel"
  description   = "third"
}

resource "scf_function_alias" "live" {
  function_name    = "rel"
  name             = "live"
  function_version = "1"
  routing_config = {
    additional_version_matches = [{ version = "2", key = "invoke.headers.User", method = "exact", expression = "beta" }]
  }
}

resource "scf_reserved_concurrency" "r" {
  function_name            = "rel"
  reserved_concurrency_mem = 1024
}

resource "scf_provisioned_concurrency" "p" {
  function_name               = "rel"
  qualifier                   = "1"
  provisioned_concurrency_num = 1
  scheduled_actions           = [{ name = "night", provisioned_concurrency_num = 0, cron_expression = "0 0 22 * * * *" }]
}

resource "scf_layer_version" "libs" {
  layer_name          = "libs"
  compatible_runtimes = ["Python3.9"]
  %s
}
`, content)
}

// TestAccReleaseIdentities creates each release resource, checks its
// identity, and imports each by identity with an import block, which plans
// no change (Terraform 1.12 and later).
func TestAccReleaseIdentities(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	env.createOutOfBand("default", "rel", writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"}))
	if err := env.fake.RegisterPublishedVersion("default", "rel", "2"); err != nil {
		t.Fatal(err)
	}
	layerZip := writeZip(t, t.TempDir(), "layer.zip", map[string]string{"lib/util.py": "y = 2\n"})
	config := env.config(releaseIdentityConfig(layerZip))
	fn := func(extra map[string]knownvalue.Check) map[string]knownvalue.Check {
		extra["namespace"], extra["function_name"] = knownvalue.StringExact("default"), knownvalue.StringExact("rel")
		return extra
	}
	identities := map[string]map[string]knownvalue.Check{
		"scf_function_version.v":        fn(map[string]knownvalue.Check{"version": knownvalue.StringExact("3")}),
		"scf_function_alias.live":       fn(map[string]knownvalue.Check{"name": knownvalue.StringExact("live")}),
		"scf_reserved_concurrency.r":    fn(map[string]knownvalue.Check{}),
		"scf_provisioned_concurrency.p": fn(map[string]knownvalue.Check{"qualifier": knownvalue.StringExact("1")}),
		"scf_layer_version.libs":        {"layer_name": knownvalue.StringExact("libs"), "layer_version": knownvalue.Int64Exact(1)},
	}
	steps := []resource.TestStep{{Config: config}}
	for _, address := range slices.Sorted(maps.Keys(identities)) {
		steps[0].ConfigStateChecks = append(steps[0].ConfigStateChecks, statecheck.ExpectIdentity(address, identities[address]))
		importConfig := config
		if address == "scf_layer_version.libs" {
			importConfig = env.config(releaseIdentityConfig(""))
		}
		steps = append(steps, resource.TestStep{
			Config: importConfig, ResourceName: address, ImportState: true, ImportStateKind: resource.ImportBlockWithResourceIdentity,
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		TerraformVersionChecks:   []tfversion.TerraformVersionCheck{featureIdentity},
		ProtoV6ProviderFactories: env.factories(),
		Steps:                    steps,
	})
}
