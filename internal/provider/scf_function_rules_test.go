package provider

import (
	"fmt"
	"testing"

	fwresource "github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

// TestAccSCFFunctionFeatures_validation runs `terraform plan` on one invalid
// use of the newer settings at a time: each fails at plan time, before any
// API call, and the diagnostic names the attribute and the rule.
func TestAccSCFFunctionFeatures_validation(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	nodeZip := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.js": "exports.main_handler = () => 1\n"})
	code := fmt.Sprintf("code = { zip_file = %q }", nodeZip)
	web := code + "\ntype = \"HTTP\"\nruntime = \"Nodejs18.15\"\nprotocol_type = \"WS\""
	image := func(settings string) string {
		return `code = { image_config = { image_type = "personal", image_uri = "ccr.ccs.tencentyun.com/ns/app:v1"` + settings + ` } }`
	}
	concurrency := func(settings string) string {
		return web + "\ninstance_concurrency_config = { " + settings + " }"
	}

	// The rules, as regexps: Terraform wraps the detail at spaces.
	const (
		webOnly       = `is\s+for\s+web\s+functions\s+only`
		idleRange     = `value\s+must\s+be\s+between\s+1\s+and\s+1800,\s+got:\s+`
		concRange     = `value\s+must\s+be\s+between\s+1\s+and\s+100,\s+got:\s+`
		sessionRule   = `Sessions\s+need\s+\x60type\s+=\s+"Session-Based"\x60`
		isolationRule = `applies\s+to\s+isolated\s+instances\s+only`
	)
	cases := []struct {
		name      string
		body      string
		summary   string
		attribute string
		rule      string
	}{
		{"tracing without async runs", code + "\ntrace_enable = true", "Unsupported Setting", "trace_enable",
			`it\s+is\s+true,\s+but\s+\x60async_run_enable\x60\s+is\s+not.\s+Event\s+tracing\s+records\s+asynchronous\s+runs\s+only`},
		{"dependencies with Python", code + "\nruntime = \"Python3.9\"\ninstall_dependency = true", "Unsupported Setting", "install_dependency",
			`the\s+runtime\s+is\s+Python3\.9.\s+Online\s+dependency\s+installation\s+is\s+for\s+Node\.js\s+runtimes\s+only`},
		{"dns cache on a web function", code + "\ntype = \"HTTP\"\ndns_cache = true", "Unsupported Setting", "dns_cache",
			`the\s+function\s+type\s+is\s+HTTP.\s+The\s+DNS\s+cache\s+is\s+for\s+Event\s+functions\s+only`},
		{"WebSocket on an Event function", code + "\nprotocol_type = \"WS\"", "Unsupported Setting", "protocol_type",
			`the\s+function\s+type\s+is\s+Event.\s+A\s+protocol\s+such\s+as\s+WebSocket\s+` + webOnly},
		{"protocol settings without a protocol", code + "\ntype = \"HTTP\"\nprotocol_params = { ws_params = { idle_timeout = 60 } }",
			"Unsupported Setting", "protocol_params", `\x60protocol_type\x60\s+is\s+not.\s+Protocol\s+settings\s+need\s+\x60protocol_type\s+=\s+"WS"\x60`},
		{"idle timeout zero", web + "\nprotocol_params = { ws_params = { idle_timeout = 0 } }",
			"Invalid Attribute Value", "protocol_params.ws_params.idle_timeout", idleRange + `0`},
		{"idle timeout above limit", web + "\nprotocol_params = { ws_params = { idle_timeout = 1801 } }",
			"Invalid Attribute Value", "protocol_params.ws_params.idle_timeout", idleRange + `1801`},
		{"concurrency on an Event function", code + "\ninstance_concurrency_config = { max_concurrency = 2 }",
			"Unsupported Setting", "instance_concurrency_config", `the\s+function\s+type\s+is\s+Event.\s+Concurrency\s+per\s+instance\s+` + webOnly},
		{"max concurrency zero", concurrency("max_concurrency = 0"),
			"Invalid Attribute Value", "instance_concurrency_config.max_concurrency", concRange + `0`},
		{"max concurrency above limit", concurrency("max_concurrency = 101"),
			"Invalid Attribute Value", "instance_concurrency_config.max_concurrency", concRange + `101`},
		{"sessions with request-based concurrency",
			concurrency(`type = "Request-Based", session_config = { session_source = "HEADER", session_name = "X-Session-Id" }`),
			"Unsupported Setting", "instance_concurrency_config.session_config", `\x60type\x60\s+is\s+"Request-Based".\s+` + sessionRule},
		{"idle timeout strategy without isolation",
			concurrency(`type = "Session-Based", session_config = { session_source = "HEADER", session_name = "X-Session-Id", idle_timeout_strategy = "FATAL" }`),
			"Unsupported Setting", "instance_concurrency_config.session_config.idle_timeout_strategy",
			`\x60instance_isolation_enabled\x60\s+is\s+not\s+true.\s+An\s+idle\s+timeout\s+strategy\s+` + isolationRule},
		{"image with a handler", image("") + "\nhandler = \"index.main_handler\"", "Invalid Handler", "handler",
			`it\s+is\s+set\s+for\s+an\s+image\s+function.\s+An\s+image\s+function\s+has\s+no\s+handler`},
		{"image with a code runtime", image("") + "\nruntime = \"Python3.9\"", "Invalid Runtime", "runtime",
			`it\s+is\s+"Python3\.9",\s+but\s+\x60code\x60\s+sets\s+\x60image_config\x60.\s+An\s+image\s+function\s+has\s+runtime\s+"CustomImage"`},
		{"image runtime without an image", code + "\nruntime = \"CustomImage\"", "Invalid Runtime", "runtime",
			`it\s+is\s+"CustomImage",\s+but\s+\x60code\x60\s+sets\s+no\s+\x60image_config\x60`},
		{"enterprise image without a registry", `code = { image_config = { image_type = "enterprise", image_uri = "tcr-demo.tencentcloudcr.com/team/app:v1" } }`,
			"Missing Registry", "code.image_config.registry_id", `it\s+is\s+not\s+set,\s+but\s+\x60image_type\x60\s+is\s+"enterprise"`},
		{"image port zero", image(", image_port = 0"), "Invalid Attribute Value", "code.image_config.image_port",
			`value\s+must\s+be\s+between\s+1\s+and\s+65535,\s+got:\s+0`},
		{"image reference with whitespace", `code = { image_config = { image_type = "personal", image_uri = "ccr.ccs.tencentyun.com/ns/app :v1" } }`,
			"Invalid Attribute Value Match", "code.image_config.image_uri", `must\s+be\s+an\s+image\s+reference\s+without\s+whitespace`},
		{"code source with an image", image("") + "\ncode_source = \"ZipFile\"", "Conflicting Code Source", "code_source",
			`it\s+is\s+"ZipFile",\s+but\s+\x60code\x60\s+sets\s+\x60image_config\x60.\s+An\s+image\s+function\s+has\s+no\s+CodeSource`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				Steps: []resource.TestStep{{
					Config: env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name = "invalid-feature"
  %s
}
`, tc.body)),
					PlanOnly:    true,
					ExpectError: diagnosticRegexp(tc.summary, tc.attribute, tc.rule),
				}},
			})
		})
	}
	// Plan-time errors must come before any call to the service.
	t.Cleanup(func() {
		for action, answers := range env.fake.Stats().Responses {
			if action != "ListNamespaces" && answers["OK"] > 0 {
				t.Errorf("the plans called %s %d times", action, answers["OK"])
			}
		}
	})
}

// TestImageEmptyHandlerIsNoHandler: `handler = ""` on an image function is
// no handler, as the service holds it and as OpenTofu 1.12 writes it into
// generated configuration; any other handler is refused.
func TestImageEmptyHandlerIsNoHandler(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := functionSchema(ctx)
	typ, ok := s.Type().TerraformType(ctx).(tftypes.Object)
	if !ok {
		t.Fatal("the schema is not an object")
	}
	codeType, _ := typ.AttributeTypes["code"].(tftypes.Object)
	imageType, _ := codeType.AttributeTypes["image_config"].(tftypes.Object)
	image := benchObject(codeType, map[string]tftypes.Value{"image_config": benchObject(imageType, map[string]tftypes.Value{
		"image_type": tftypes.NewValue(tftypes.String, "personal"),
		"image_uri":  tftypes.NewValue(tftypes.String, "ccr.ccs.tencentyun.com/ns/app:v1"),
	})})
	for handler, wantError := range map[string]bool{"": false, "index.main_handler": true} {
		config := tfsdk.Config{Schema: s, Raw: benchObject(typ, map[string]tftypes.Value{
			"name": tftypes.NewValue(tftypes.String, "image-fn"), "code": image,
			"handler": tftypes.NewValue(tftypes.String, handler),
		})}
		var resp fwresource.ValidateConfigResponse
		(&scfFunctionResource{}).ValidateConfig(ctx, fwresource.ValidateConfigRequest{Config: config}, &resp)
		if resp.Diagnostics.HasError() != wantError {
			t.Errorf("handler %q: diagnostics %v, want an error: %t", handler, resp.Diagnostics, wantError)
		}
	}
}
