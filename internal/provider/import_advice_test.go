package provider

import (
	"strings"
	"testing"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// TestImportAdviceNamesTheFunction: every "already exists" error gives an
// import block and an import command with the function's own ID, ready to
// paste once <address> is replaced, and points at `name`, so that Terraform
// shows the resource address in its "with" line. (TestAccKilledApply checks
// the whole text of ResourceInUse.Function through the real CLI.)
func TestImportAdviceNamesTheFunction(t *testing.T) {
	t.Parallel()
	cases := map[string]struct {
		err       error
		otherwise string
	}{
		"in use": {&scfapi.APIError{Action: scfapi.ActionCreateFunction, Code: "ResourceInUse.Function", Message: "exists",
			RequestID: "r1", Namespace: "team-a", FunctionName: "fn-07"}, "Otherwise, choose another name."},
		"in use, deleting": {&scfapi.APIError{Action: scfapi.ActionCreateFunction, Code: "ResourceInUse.FunctionName", Message: "deleting",
			RequestID: "r1", Namespace: "team-a", FunctionName: "fn-07"}, "Otherwise, wait for the deletion to finish, or choose another name."},
		"not provably ours": {&scfapi.AdoptionError{Namespace: "team-a", Name: "fn-07", Reason: "its Description differ from this call's request"},
			"Otherwise, delete it or choose another name, and apply again."},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			detail, attribute := functionDiagnostics.describe("creating function team-a/fn-07", tc.err)
			wantTail := "\n\nimport {\n  to = <address>\n  id = \"team-a/fn-07\"\n}\n\n" +
				"With Terraform older than 1.5, run instead:\n  terraform import <address> team-a/fn-07\n\n" + tc.otherwise
			if !strings.HasSuffix(detail, wantTail) {
				t.Errorf("detail does not end with the import block, the command and %q:\n%s", tc.otherwise, detail)
			}
			if !strings.Contains(detail, `replace <address> with the resource address from the "with" line above`) {
				t.Errorf("detail does not say what <address> stands for:\n%s", detail)
			}
			if attribute.String() != "name" {
				t.Errorf("the error points at %q, want name", attribute)
			}
		})
	}
}
