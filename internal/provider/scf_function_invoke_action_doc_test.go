package provider

import (
	"os"
	"sort"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/action"
)

// The action's page is a hand-written guide (tfplugindocs cannot render
// actions with the CLI make generate uses), so this test keeps its schema
// section equal to the schema.
func TestSCFFunctionInvokeActionGuideMatchesTheSchema(t *testing.T) {
	page, err := os.ReadFile("../../templates/guides/function-invoke-action.md.tmpl")
	if err != nil {
		t.Fatal(err)
	}
	var resp action.SchemaResponse
	NewSCFFunctionInvokeAction().Schema(t.Context(), action.SchemaRequest{}, &resp)
	names := make([]string, 0, len(resp.Schema.Attributes))
	for name := range resp.Schema.Attributes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		line := "- `" + name + "` (String) " + resp.Schema.Attributes[name].GetMarkdownDescription()
		if !strings.Contains(string(page), line+"\n") {
			t.Errorf("the guide lacks, or words differently:\n%s", line)
		}
	}
	if got, want := strings.Count(string(page), "\n- `"), len(names); got != want {
		t.Errorf("the guide lists %d attributes; the schema has %d", got, want)
	}
	if !strings.Contains(string(page), resp.Schema.MarkdownDescription[:60]) {
		t.Error("the guide does not open with the action's description")
	}
}
