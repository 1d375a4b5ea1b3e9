package fastpath

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// reviewedVersions are the versions of the modules whose internals the fast
// paths reproduce or work around, as last reviewed against their source.
var reviewedVersions = map[string]string{
	"github.com/hashicorp/terraform-plugin-framework": "v1.19.0",
	"github.com/hashicorp/terraform-plugin-go":        "v0.31.0",
}

// toReview is what depends on those internals, each with where to read.
const toReview = `The fast paths reproduce parts of the framework; re-read its source for each before changing the version here:
  - Planner (plan.go): fwserver's PlanResourceChange: automatic deferral, defaults (fwschemadata TransformDefaults),
    write-only nulling, MarkComputedNilsAsUnknown only when plan and prior differ, SchemaModifyPlan and
    AttributeModifyPlan (which values are read and written back, through which conversions), the resource's
    ModifyPlan request (Private, Identity), the identity checks, NormaliseRequiresReplace, toproto6's response.
    The plan modifiers taken as no-ops (planModifiersNoOp): UseStateForUnknown, RequiresReplace.
  - Checker (validate.go): fwserver's ValidateResourceConfig (ConfigValidators, ValidateConfig, SchemaValidate,
    in that order), AttributeValidate and its per-kind validator requests, AttributeValidateNestedAttributes.
  - values.go: where fwschemadata (ValueAtPath, SetAtPath) validates and converts values, and that semantic
    equality still runs only in ReadResource, ApplyResourceChange and ReadDataSource.
  - server.go: proto6server's registerContext still keeps a cancel function per request until StopProvider
    (the leak releasableContext works around), and ConfigureProvider's response still cannot carry a deferral.
  - server_forwarded.go: the RPC families plugin-go keeps outside tfprotov6.ProviderServer (list resources,
    actions, state stores): TestServerForwardsEveryFrameworkMethod names any new one.
  - The benchmark in doc.go: if the framework's plan is no longer quadratic in the number of attributes
    (BenchmarkFrameworkPlan), delete this package instead.`

// TestFrameworkVersionIsReviewed fails when go.mod moves the framework or
// plugin-go to a version the fast paths have not been reviewed against.
// It reads go.mod: a test binary's build information lists no
// dependencies (runtime/debug.ReadBuildInfo gives only the main module).
func TestFrameworkVersionIsReviewed(t *testing.T) {
	required, replaced := moduleRequirements(t)
	for module, reviewed := range reviewedVersions {
		if replaced[module] {
			t.Errorf("go.mod replaces %s, whose source the fast paths were reviewed against at %s.\n%s", module, reviewed, toReview)
		}
		if got := required[module]; got != reviewed {
			t.Errorf("go.mod requires %s %q, the fast paths were reviewed against %s.\n%s", module, got, reviewed, toReview)
		}
	}
}

// moduleRequirements reads the module's go.mod, found from the package's
// directory up: the version each module is required at, and which are
// replaced.
func moduleRequirements(t *testing.T) (required map[string]string, replaced map[string]bool) {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	var goMod []byte
	for {
		if goMod, err = os.ReadFile(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the package")
		}
		dir = parent
	}
	required, replaced = map[string]string{}, map[string]bool{}
	block := ""
	for line := range strings.Lines(string(goMod)) {
		fields := strings.Fields(strings.Split(line, "//")[0])
		directive := block
		switch {
		case len(fields) == 0:
			continue
		case fields[0] == ")":
			block = ""
			continue
		case len(fields) == 2 && fields[1] == "(":
			block = fields[0]
			continue
		case block == "":
			directive, fields = fields[0], fields[1:]
		}
		switch {
		case directive == "require" && len(fields) >= 2:
			required[fields[0]] = fields[1]
		case directive == "replace" && len(fields) >= 1:
			replaced[fields[0]] = true
		}
	}
	return required, replaced
}
