package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/helper/resource"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

// isolateCredentials clears every place the provider looks for settings, so
// a developer's own environment cannot leak into these tests.
func isolateCredentials(t *testing.T) {
	t.Helper()
	for _, v := range []string{envRegion, envSecretID, envSecretKey, envSecurityToken, envEndpoint} {
		t.Setenv(v, "")
	}
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("TENCENTCLOUD_CREDENTIALS_FILE", filepath.Join(home, "no-such-file"))
}

// planWithProvider plans one function under the given provider block.
func planWithProvider(providerBlock, zipPath string) string {
	return providerBlock + fmt.Sprintf(`
resource "scf_function" "test" {
  name = "configured"
  code = { zip_file = %q }
}
`, zipPath)
}

func TestAccProvider_missingSettings(t *testing.T) {
	isolateCredentials(t)
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	cases := []struct {
		name, block string
		want        string
	}{
		{"no region", fmt.Sprintf(`provider "scf" {
  secret_id  = "id"
  secret_key = "key"
  endpoint   = %q
}`, env.url), `(?s)Missing SCF Region.*Attribute region: it is not set.*TENCENTCLOUD_REGION`},
		{"no credentials", `provider "scf" { region = "ap-guangzhou" }`,
			`(?s)Missing SCF API Credentials.*Attribute secret_id: no API key.*TENCENTCLOUD_SECRET_ID.*credentials`},
		{"key without id", `provider "scf" {
  region     = "ap-guangzhou"
  secret_key = "key"
}`, `(?s)Missing SCF API Secret ID.*Attribute secret_id: it is not set.*TENCENTCLOUD_SECRET_ID`},
		{"id without key", `provider "scf" {
  region    = "ap-guangzhou"
  secret_id = "id"
}`, `(?s)Missing SCF API Secret Key.*Attribute secret_key: it is not set.*TENCENTCLOUD_SECRET_KEY`},
		{"bad endpoint", `provider "scf" {
  region   = "ap-guangzhou"
  endpoint = "127.0.0.1:9000"
}`, `(?s)Invalid SCF Endpoint.*Attribute endpoint: "127.0.0.1:9000".*http or https URL`},
		{"unknown rate limit action", `provider "scf" {
  region      = "ap-guangzhou"
  rate_limits = { CreateFunctions = 5 }
}`, `(?s)Invalid Rate Limit Action.*Attribute rate_limits\["CreateFunctions"\]:.*Use one of:.*CreateFunction`},
		{"unknown value", `resource "terraform_data" "later" { input = "ap-guangzhou" }
provider "scf" {
  region     = terraform_data.later.output
  secret_id  = "id"
  secret_key = "key"
}`, `(?s)Unknown SCF Provider Setting.*Attribute region: it depends.*TENCENTCLOUD_REGION`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			resource.Test(t, resource.TestCase{
				ProtoV6ProviderFactories: env.factories(),
				Steps: []resource.TestStep{{
					Config:      planWithProvider(tc.block, zipPath),
					PlanOnly:    true,
					ExpectError: regexp.MustCompile(tc.want),
				}},
			})
		})
	}
}

// TestAccProvider_sharedCredentialsFile applies with the key taken from the
// SDK's shared credentials file, the last place the provider looks.
func TestAccProvider_sharedCredentialsFile(t *testing.T) {
	isolateCredentials(t)
	env := newTestEnv(t, fakescf.Options{})
	file := filepath.Join(t.TempDir(), "credentials")
	content := fmt.Sprintf("[default]\nsecret_id = %s\nsecret_key = %s\n", fakescf.DefaultSecretID, fakescf.DefaultSecretKey)
	if err := os.WriteFile(file, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("TENCENTCLOUD_CREDENTIALS_FILE", file)
	t.Setenv(envRegion, testRegion)
	t.Setenv(envEndpoint, env.url)
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	resource.Test(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed("default"),
		Steps: []resource.TestStep{{
			Config:           planWithProvider(`provider "scf" {}`, zipPath),
			ConfigPlanChecks: expectEmptyPlanAfterApply,
		}},
	})
}
