package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

func versionMoveRequest(t *testing.T, attributes map[string]any) *tfprotov6.MoveResourceStateRequest {
	t.Helper()
	req := moveRequest(rawJSON(t, attributes))
	req.SourceTypeName, req.TargetTypeName = tencentcloudVersionType, "scf_function_version"
	return req
}

func TestMoveVersionRecorded(t *testing.T) {
	t.Parallel()
	var m scfFunctionVersionModel
	identity := mustMoveInto(t, estateMoveRequest(t, tencentcloudVersionType, "scf_function_version"), NewSCFFunctionVersionResource(), &m)
	expectString(t, "id", m.ID, "mig-ns/mig-fn/1")
	expectString(t, "function_name", m.FunctionName, "mig-fn")
	expectString(t, "namespace", m.Namespace, "mig-ns")
	expectString(t, "version (function_version)", m.Version, "1")
	expectString(t, "description", m.Description, "release 1")
	if m.SkipDestroy.IsNull() || m.SkipDestroy.ValueBool() {
		t.Errorf("skip_destroy = %s, want false", m.SkipDestroy)
	}
	expectNull(t, "function_revision", m.FunctionRevision)
	// What only the refresh can tell.
	expectNull(t, "code_sha256", m.CodeSha256)
	expectNull(t, "status", m.Status)
	expectNull(t, "created_time", m.CreatedTime)
	expectIdentity(t, identity, map[string]string{"namespace": "mig-ns", "function_name": "mig-fn", "version": "1"})
}

func TestMoveVersionInTheDefaultNamespace(t *testing.T) {
	t.Parallel()
	// Without a configured namespace that provider writes "" in the ID,
	// and the service's answer in the attribute once read.
	for name, src := range map[string]map[string]any{
		"read":    {"id": "orders#default#3", "function_name": "orders", "namespace": "default", "function_version": "3", "description": ""},
		"only id": {"id": "orders##3"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var m scfFunctionVersionModel
			identity := mustMoveInto(t, versionMoveRequest(t, src), NewSCFFunctionVersionResource(), &m)
			expectString(t, "id", m.ID, "default/orders/3")
			expectString(t, "description", m.Description, "")
			expectIdentity(t, identity, map[string]string{"namespace": "default", "function_name": "orders", "version": "3"})
		})
	}
}

func TestMoveVersionRefusals(t *testing.T) {
	t.Parallel()
	summary := versionDiagnostics.unable("Move")
	testMoveRefusals(t, tencentcloudVersionType, "scf_function_version", NewSCFFunctionVersionResource, summary, `{"function_version": 1}`)
	for name, src := range map[string]map[string]any{
		"no version":        {"id": "orders#default", "function_name": "orders"},
		"not a version":     {"id": "orders#default#$LATEST", "function_name": "orders", "function_version": "$LATEST"},
		"no function name":  {"id": "", "function_version": "1"},
		"a version 0-based": {"id": "orders#default#01"},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var m scfFunctionVersionModel
			_, diags := moveInto(t, versionMoveRequest(t, src), NewSCFFunctionVersionResource(), &m)
			expectRefusal(t, diags, summary, "no function name and version number", "removed {",
				`id = "<namespace>/<function name>/<version>"`)
		})
	}
}

func TestMoveVersionLeavesOtherSourcesAlone(t *testing.T) {
	t.Parallel()
	var m scfFunctionVersionModel
	testMoveLeavesOtherSourcesAlone(t, tencentcloudVersionType, "scf_function_version", NewSCFFunctionVersionResource, &m)
}
