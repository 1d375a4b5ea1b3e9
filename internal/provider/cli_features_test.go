package provider

import (
	"context"
	"fmt"
	"os"
	"testing"

	"github.com/hashicorp/go-version"
	"github.com/hashicorp/terraform-plugin-testing/tfversion"
)

// cliFeature is what some tests need of the CLI that runs them, with the
// first Terraform and the first OpenTofu that have it, as the acceptance
// runs show (Terraform 1.5.7, 1.11, 1.14.9; OpenTofu 1.6.3 and 1.12.6). A
// test skips on a CLI without it and says which CLI and what it lacks. The
// README's table of features and CLIs says the same.
type cliFeature struct {
	name      string
	terraform string
	opentofu  string // "": no OpenTofu has it yet
}

var (
	featureMoveAcrossProviders = cliFeature{name: "`moved` between providers (MoveResourceState)", terraform: "1.8", opentofu: "1.10"}
	featureEphemeralResources  = cliFeature{name: "ephemeral resources", terraform: "1.10", opentofu: "1.11"}
	featureIdentity            = cliFeature{name: "resource identities", terraform: "1.12", opentofu: "1.12"}
	// OpenTofu 1.12.6 has no `tofu query` command, and its protocol client
	// no ListResource or InvokeAction call.
	featureListResources = cliFeature{name: "list resources (`terraform query`)", terraform: "1.14"}
	featureActions       = cliFeature{name: "actions", terraform: "1.14"}
)

var _ tfversion.TerraformVersionCheck = cliFeature{}

// lacking says why the CLI of this run, at version v, lacks the feature;
// "" when it has it. Which CLI it is, plugin-testing does not say:
// OpenTofu's runs set TF_ACC_PROVIDER_HOST to its registry (providerHost).
func (f cliFeature) lacking(v *version.Version) string {
	product, first := "Terraform", f.terraform
	if providerHost() == "registry.opentofu.org" {
		product, first = "OpenTofu", f.opentofu
	}
	switch {
	case first == "":
		return fmt.Sprintf("%s %s has no %s yet", product, v, f.name)
	case v.Core().LessThan(version.Must(version.NewVersion(first))):
		return fmt.Sprintf("%s %s has no %s: it needs %s %s or later", product, v, f.name, product, first)
	}
	return ""
}

// CheckTerraformVersion skips a resource.TestCase on a CLI without the
// feature.
func (f cliFeature) CheckTerraformVersion(_ context.Context, req tfversion.CheckTerraformVersionRequest, resp *tfversion.CheckTerraformVersionResponse) {
	resp.Skip = f.lacking(req.TerraformVersion)
}

// skipUnlessCLIHas skips a test that runs the CLI itself when the CLI lacks
// the feature.
func (c *terraformCLI) skipUnlessCLIHas(f cliFeature) {
	c.t.Helper()
	v, err := version.NewVersion(c.version(c.t.Context()).number)
	if err != nil {
		c.t.Fatal(err)
	}
	if why := f.lacking(v); why != "" {
		c.t.Skip(why)
	}
}

// newestCLIsOnly skips a test on the older CLIs of an acceptance run
// (.ci/testacc.sh sets ACC_OLDER_CLI for all but Terraform 1.14.9 and
// OpenTofu 1.12.6): what it checks is the provider's own work with the API
// (waits, timeouts, lost answers, injected faults, API errors, quotas, the
// objects beside functions, data sources), which no CLI changes. The tests
// whose outcome depends on the CLI (plans, import, generated configuration,
// diagnostics as printed, interrupts, the examples) run on every CLI; this
// keeps make test under 30 minutes from a fresh clone (README).
func newestCLIsOnly(t *testing.T) {
	t.Helper()
	if os.Getenv("ACC_OLDER_CLI") == "1" {
		t.Skip("runs on the newest Terraform and OpenTofu only: it checks the provider's own work with the API, which no CLI version changes")
	}
}
