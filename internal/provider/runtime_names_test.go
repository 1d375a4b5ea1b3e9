package provider

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// TestRuntimesAreAnOpenList validates, through the provider's served
// protocol (fast paths included), every attribute that names a runtime: a
// runtime of the service's form that the provider does not know plans with
// a warning, so that a function or layer using a runtime the service has
// just added can be planned, imported and generated; a misspelt one is an
// error with the service's spelling.
func TestRuntimesAreAnOpenList(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	server := NewProtocol6Server("test")()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	str := func(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }
	type target struct {
		kind, typeName string
		values         func(runtime string) map[string]tftypes.Value
		attribute      string
	}
	targets := []target{
		{"resource", "scf_function", func(rt string) map[string]tftypes.Value {
			return map[string]tftypes.Value{"name": str("fn-runtime"), "runtime": str(rt)}
		}, "runtime"},
		{"resource", "scf_layer_version", func(rt string) map[string]tftypes.Value {
			return map[string]tftypes.Value{"layer_name": str("libs"),
				"compatible_runtimes": tftypes.NewValue(tftypes.Set{ElementType: tftypes.String}, []tftypes.Value{str(rt)})}
		}, "compatible_runtimes"},
		{"data source", "scf_layer_versions", func(rt string) map[string]tftypes.Value {
			return map[string]tftypes.Value{"layer_name": str("libs"), "compatible_runtime": str(rt)}
		}, "compatible_runtime"},
		{"data source", "scf_functions", func(rt string) map[string]tftypes.Value {
			return map[string]tftypes.Value{"runtime": str(rt)}
		}, "runtime"},
		{"list resource", "scf_function", func(rt string) map[string]tftypes.Value {
			return map[string]tftypes.Value{"runtime": str(rt)}
		}, "runtime"},
	}
	validate := func(t *testing.T, tg target, runtime string) []*tfprotov6.Diagnostic {
		t.Helper()
		var s *tfprotov6.Schema
		switch tg.kind {
		case "resource":
			s = schemas.ResourceSchemas[tg.typeName]
		case "data source":
			s = schemas.DataSourceSchemas[tg.typeName]
		case "list resource":
			s = schemas.ListResourceSchemas[tg.typeName]
		}
		if s == nil {
			t.Fatalf("no %s %s", tg.kind, tg.typeName)
		}
		typ, _ := s.ValueType().(tftypes.Object)
		set := tg.values(runtime)
		values := map[string]tftypes.Value{}
		for name, at := range typ.AttributeTypes {
			values[name] = tftypes.NewValue(at, nil)
			if v, ok := set[name]; ok {
				values[name] = v
			}
		}
		config, err := tfprotov6.NewDynamicValue(typ, tftypes.NewValue(typ, values))
		if err != nil {
			t.Fatal(err)
		}
		switch tg.kind {
		case "resource":
			resp, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: tg.typeName, Config: &config})
			if err != nil {
				t.Fatal(err)
			}
			return resp.Diagnostics
		case "data source":
			resp, err := server.ValidateDataResourceConfig(ctx, &tfprotov6.ValidateDataResourceConfigRequest{TypeName: tg.typeName, Config: &config})
			if err != nil {
				t.Fatal(err)
			}
			return resp.Diagnostics
		default:
			lister, ok := server.(tfprotov6.ListResourceServer)
			if !ok {
				t.Fatal("the server serves no list resources")
			}
			resp, err := lister.ValidateListResourceConfig(ctx, &tfprotov6.ValidateListResourceConfigRequest{TypeName: tg.typeName, Config: &config})
			if err != nil {
				t.Fatal(err)
			}
			return resp.Diagnostics
		}
	}
	for _, tg := range targets {
		t.Run(tg.kind+" "+tg.typeName, func(t *testing.T) {
			if diags := validate(t, tg, "Python3.9"); len(diags) > 0 {
				t.Errorf("a known runtime: %v", diagnosticTexts(diags))
			}
			for runtime, want := range map[string]struct {
				severity tfprotov6.DiagnosticSeverity
				summary  string
				detail   string
			}{
				"Python3.12": {tfprotov6.DiagnosticSeverityWarning, "Unknown Runtime", `runtime "Python3.12" is not a runtime this provider knows. The known runtimes are Python2.7`},
				"Ruby3.2":    {tfprotov6.DiagnosticSeverityWarning, "Unknown Runtime", `the service decides whether "Ruby3.2" exists`},
				"python3.9":  {tfprotov6.DiagnosticSeverityError, "Invalid Runtime", "Did you mean Python3.9? Runtime names are case-sensitive."},
				"Nodejs 16":  {tfprotov6.DiagnosticSeverityError, "Invalid Runtime", "Did you mean Nodejs16.13? The Nodejs runtimes are Nodejs6.10"},
			} {
				diags := validate(t, tg, runtime)
				if len(diags) != 1 || diags[0].Severity != want.severity || diags[0].Summary != want.summary ||
					!strings.Contains(diags[0].Detail, want.detail) || !strings.Contains(diags[0].Detail, "Attribute "+tg.attribute) {
					t.Errorf("%q: %v; want one %v %q naming %s and saying %q", runtime, diagnosticTexts(diags),
						want.severity, want.summary, tg.attribute, want.detail)
				}
			}
		})
	}
}

func diagnosticTexts(diags []*tfprotov6.Diagnostic) []string {
	var out []string
	for _, d := range diags {
		out = append(out, d.Severity.String()+": "+d.Summary+": "+d.Detail)
	}
	return out
}
