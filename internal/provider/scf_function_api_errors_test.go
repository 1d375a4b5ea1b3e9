package provider

import (
	"fmt"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// TestAccSCFFunctionResource_apiErrors sends values that pass plan-time
// validation but that the service rejects, and checks the diagnostic end to
// end: the fixed summary, the API's code and RequestId, the advice, and the
// attribute Terraform points at (shown as the configuration line).
func TestAccSCFFunctionResource_apiErrors(t *testing.T) {
	newestCLIsOnly(t)
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	cases := []struct {
		name, attrs string
		inject      string // an error code the fake answers CreateFunction with, instead of a real check
		want        string
	}{
		{name: "unknown role", attrs: `role = "no-such-role"`,
			want: `(?s)Unable to Create SCF Function.*role\s+= "no-such-role".*ResourceNotFound.Role.*RequestId:\s+[0-9a-f-]{36}.*Create the CAM role`},
		{name: "unknown vpc", attrs: `vpc_config = { vpc_id = "vpc-missing1", subnet_id = "subnet-missing1" }`,
			want: `(?s)Unable to Create SCF Function.*vpc_config\s+=.*ResourceNotFound.Vpc.*RequestId`},
		{name: "unknown layer", attrs: `layers = [{ name = "no-such-layer", version = 1 }]`,
			want: `(?s)Unable to Create SCF Function.*layers\s+=.*ResourceNotFound.Layer.*Publish the layer\s+version`},
		{name: "missing namespace", attrs: `namespace = "nowhere"`,
			want: `(?s)Unable to Create SCF Function.*namespace\s+= "nowhere".*ResourceNotFound.Namespace.*Create the\s+namespace first`},
		{name: "unknown queue", attrs: `dead_letter_config = { type = "CMQ-QUEUE", name = "no-such-queue" }`,
			want: `(?s)Unable to Create SCF Function.*dead_letter_config\s+=.*ResourceNotFound.Cmq`},
		{name: "unknown demo", attrs: `code_source = "Demo"`,
			want: `(?s)Unable to Create SCF Function.*Attribute code.demo_id: while creating.*ResourceNotFound.Demo.*demo ID that\s+exists`},
		{name: "function quota", inject: "LimitExceeded.Function",
			want: `(?s)Unable to Create SCF Function.*LimitExceeded.Function.*function\s+quota`},
		{name: "service failure", inject: "FailedOperation.CreateFunction",
			want: `(?s)Unable to Create SCF Function.*FailedOperation.CreateFunction.*could not\s+create\s+the\s+function`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			env := newTestEnv(t, fakescf.Options{})
			code := fmt.Sprintf("code = { zip_file = %q }", zipPath)
			if tc.name == "unknown demo" {
				code = `code = { demo_id = "demo-missing" }`
			}
			if tc.inject != "" {
				env.fake.InjectError(scfapi.ActionCreateFunction, tc.inject, "injected by the test", 1)
			}
			resource.ParallelTest(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
				Steps: []resource.TestStep{{
					Config: env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name = "rejected"
  %s
  %s
}
`, code, tc.attrs)),
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}
