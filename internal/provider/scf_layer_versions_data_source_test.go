package provider

import (
	"context"
	"encoding/base64"
	"os"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// TestAccSCFLayerVersionsDataSource lists several versions newest first,
// filters them by runtime, and reads an unknown layer, or a filter that
// matches nothing, as an empty list.
func TestAccSCFLayerVersionsDataSource(t *testing.T) {
	newestCLIsOnly(t)
	env := newTestEnv(t, fakescf.Options{})
	content, err := os.ReadFile(writeZip(t, t.TempDir(), "layer.zip", map[string]string{"python/lib.py": "X = 1\n"}))
	if err != nil {
		t.Fatal(err)
	}
	encoded := base64.StdEncoding.EncodeToString(content)
	for _, p := range []struct {
		runtimes    []string
		description string
	}{{[]string{"Python3.9"}, "one"}, {[]string{"Nodejs18.15"}, ""}, {[]string{"Python3.9", "Nodejs18.15"}, "three"}} {
		req := &scfapi.PublishLayerVersionRequest{LayerName: ptr("listed"), Content: &scfapi.Code{ZipFile: &encoded}}
		if p.description != "" {
			req.Description = ptr(p.description)
		}
		for _, rt := range p.runtimes {
			req.CompatibleRuntimes = append(req.CompatibleRuntimes, ptr(rt))
		}
		if _, err := env.client.PublishLayerVersion(context.Background(), req, ""); err != nil {
			t.Fatal(err)
		}
	}
	version := func(v int64, description knownvalue.Check) knownvalue.Check {
		return knownvalue.ObjectPartial(map[string]knownvalue.Check{
			"layer_version": knownvalue.Int64Exact(v), "description": description, "status": knownvalue.StringExact("Active"),
		})
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		Steps: []resource.TestStep{{
			Config: env.config(`
data "scf_layer_versions" "all" {
  layer_name = "listed"
}
data "scf_layer_versions" "python" {
  layer_name         = "listed"
  compatible_runtime = "Python3.9"
}
data "scf_layer_versions" "java" {
  layer_name         = "listed"
  compatible_runtime = "Java8"
}
data "scf_layer_versions" "unknown" {
  layer_name = "no-such-layer"
}
`),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue("data.scf_layer_versions.all", attrPath("layer_versions"), knownvalue.ListExact([]knownvalue.Check{
					version(3, knownvalue.StringExact("three")), version(2, knownvalue.Null()), version(1, knownvalue.StringExact("one")),
				})),
				statecheck.ExpectKnownValue("data.scf_layer_versions.python", attrPath("layer_versions"), knownvalue.ListExact([]knownvalue.Check{
					version(3, knownvalue.StringExact("three")), version(1, knownvalue.StringExact("one")),
				})),
				statecheck.ExpectKnownValue("data.scf_layer_versions.java", attrPath("layer_versions"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.scf_layer_versions.unknown", attrPath("layer_versions"), knownvalue.ListSizeExact(0)),
				statecheck.ExpectKnownValue("data.scf_layer_versions.unknown", attrPath("id"), knownvalue.StringExact("no-such-layer")),
			},
		}},
	})
}
