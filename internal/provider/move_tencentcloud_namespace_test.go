package provider

import (
	"testing"
)

const tencentcloudNamespaceType = "tencentcloud_scf_namespace"

func TestMoveNamespaceRecorded(t *testing.T) {
	t.Parallel()
	var m scfNamespaceResourceModel
	identity := mustMoveInto(t, estateMoveRequest(t, tencentcloudNamespaceType, "scf_namespace"), NewSCFNamespaceResource(), &m)
	expectString(t, "id", m.ID, "mig-ns")
	expectString(t, "name (that provider's namespace)", m.Name, "mig-ns")
	expectString(t, "description", m.Description, "made by tencentcloud")
	expectString(t, "type", m.Type, "Default")
	expectString(t, "created_time (create_time in RFC 3339)", m.CreatedTime, "2026-12-08T00:33:52+08:00")
	expectString(t, "modified_time (modify_time in RFC 3339)", m.ModifiedTime, "2026-12-08T00:33:52+08:00")
	expectIdentity(t, identity, map[string]string{"name": "mig-ns"})
}

func TestMoveNamespaceWithoutDescriptionOrTimes(t *testing.T) {
	t.Parallel()
	// As an import into that provider leaves it before its first read.
	req := moveRequest(rawJSON(t, map[string]any{"id": "imported", "namespace": "imported"}))
	req.SourceTypeName, req.TargetTypeName = tencentcloudNamespaceType, "scf_namespace"
	var m scfNamespaceResourceModel
	identity := mustMoveInto(t, req, NewSCFNamespaceResource(), &m)
	expectString(t, "description (scf_namespace's default)", m.Description, "")
	expectNull(t, "type", m.Type)
	expectNull(t, "created_time", m.CreatedTime)
	expectIdentity(t, identity, map[string]string{"name": "imported"})
}

func TestMoveNamespaceRefusals(t *testing.T) {
	t.Parallel()
	summary := namespaceDiagnostics.unable("Move")
	testMoveRefusals(t, tencentcloudNamespaceType, "scf_namespace", NewSCFNamespaceResource, summary, `{"namespace": 3}`)
	for name, tc := range map[string]struct {
		attributes map[string]any
		want       []string
	}{
		"the default namespace": {map[string]any{"id": "default", "namespace": "default"},
			[]string{"`default`", "cannot manage", "removed {", "destroy = false"}},
		"no name": {map[string]any{"id": "", "namespace": ""},
			[]string{"cannot manage", "removed {", `id = "<namespace name>"`}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := moveRequest(rawJSON(t, tc.attributes))
			req.SourceTypeName, req.TargetTypeName = tencentcloudNamespaceType, "scf_namespace"
			var m scfNamespaceResourceModel
			_, diags := moveInto(t, req, NewSCFNamespaceResource(), &m)
			expectRefusal(t, diags, summary, tc.want...)
		})
	}
}

func TestMoveNamespaceLeavesOtherSourcesAlone(t *testing.T) {
	t.Parallel()
	var m scfNamespaceResourceModel
	testMoveLeavesOtherSourcesAlone(t, tencentcloudNamespaceType, "scf_namespace",
		NewSCFNamespaceResource, &m)
}
