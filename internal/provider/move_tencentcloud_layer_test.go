package provider

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

func layerMoveRequest(t *testing.T, attributes map[string]any) *tfprotov6.MoveResourceStateRequest {
	t.Helper()
	req := moveRequest(rawJSON(t, attributes))
	req.SourceTypeName, req.TargetTypeName = tencentcloudLayerType, "scf_layer_version"
	return req
}

func TestMoveLayerRecorded(t *testing.T) {
	t.Parallel()
	var m scfLayerVersionModel
	identity := mustMoveInto(t, estateMoveRequest(t, tencentcloudLayerType, "scf_layer_version"), NewSCFLayerVersionResource(), &m)
	expectString(t, "id", m.ID, "mig-libs/1")
	expectString(t, "layer_name", m.LayerName, "mig-libs")
	if m.LayerVersion.ValueInt64() != 1 {
		t.Errorf("layer_version = %s, want 1", m.LayerVersion)
	}
	expectString(t, "description", m.Description, "libs")
	expectNull(t, "license_info (\"\" in that provider's state)", m.LicenseInfo)
	var runtimes []string
	if d := m.CompatibleRuntimes.ElementsAs(context.Background(), &runtimes, false); d.HasError() || !slices.Equal(runtimes, []string{"Python3.9"}) {
		t.Errorf("compatible_runtimes = %s", m.CompatibleRuntimes)
	}
	content := decodeObject[layerContentModel](t, m.Content)
	expectString(t, "content.zip_file", content.ZipFile, "./layer.zip")
	expectNull(t, "content.cos_bucket_name", content.CosBucketName)
	expectNull(t, "content.cos_object_name", content.CosObjectName)
	expectNull(t, "content.cos_bucket_region", content.CosBucketRegion)
	expectString(t, "code_sha256 (code_sha_256)", m.CodeSHA256, "9973374df23f06d2b19371662caa5ba05200096b5ec6c7b221590b526065793f")
	expectString(t, "status", m.Status, "Active")
	expectString(t, "created_time", m.CreatedTime, "2026-12-08T00:33:52+08:00")
	expectNull(t, "timeouts", m.Timeouts)
	expectIdentity(t, identity, map[string]string{"layer_name": "mig-libs", "layer_version": "1"})
}

func TestMoveLayerFromCOS(t *testing.T) {
	t.Parallel()
	src := estateAttributes(t, tencentcloudLayerType)
	src["content"] = []map[string]string{{"zip_file": "", "cos_bucket_name": "layers-1250000000",
		"cos_object_name": "/libs.zip", "cos_bucket_region": "ap-shanghai"}}
	src["license_info"] = "MIT"
	var m scfLayerVersionModel
	mustMoveInto(t, layerMoveRequest(t, src), NewSCFLayerVersionResource(), &m)
	content := decodeObject[layerContentModel](t, m.Content)
	expectNull(t, "content.zip_file", content.ZipFile)
	expectString(t, "content.cos_bucket_name (without the appid)", content.CosBucketName, "layers")
	expectString(t, "content.cos_object_name", content.CosObjectName, "/libs.zip")
	expectString(t, "content.cos_bucket_region", content.CosBucketRegion, "ap-shanghai")
	expectString(t, "license_info", m.LicenseInfo, "MIT")
}

func TestMoveLayerImportedIntoTencentcloud(t *testing.T) {
	t.Parallel()
	// An import into that provider has no content, and only the ID until
	// its first read.
	for name, src := range map[string]map[string]any{
		"read": func() map[string]any {
			a := estateAttributes(t, tencentcloudLayerType)
			a["content"] = []any{}
			return a
		}(),
		"only id":  {"id": "mig-libs#1"},
		"no block": func() map[string]any { a := estateAttributes(t, tencentcloudLayerType); delete(a, "content"); return a }(),
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var m scfLayerVersionModel
			identity := mustMoveInto(t, layerMoveRequest(t, src), NewSCFLayerVersionResource(), &m)
			expectNull(t, "content", m.Content)
			expectString(t, "id", m.ID, "mig-libs/1")
			if name == "only id" {
				expectNull(t, "compatible_runtimes", m.CompatibleRuntimes)
				expectNull(t, "code_sha256", m.CodeSHA256)
				expectNull(t, "created_time", m.CreatedTime)
			}
			expectIdentity(t, identity, map[string]string{"layer_name": "mig-libs", "layer_version": "1"})
		})
	}
}

func TestMoveLayerRefusals(t *testing.T) {
	t.Parallel()
	summary := layerVersionDiagnostics.unable("Move")
	testMoveRefusals(t, tencentcloudLayerType, "scf_layer_version", NewSCFLayerVersionResource, summary, `{"layer_version": "one"}`)
	both := estateAttributes(t, tencentcloudLayerType)
	both["content"] = []map[string]string{{"zip_file": "./layer.zip", "cos_bucket_name": "layers", "cos_object_name": "/libs.zip"}}
	for name, tc := range map[string]struct {
		attributes map[string]any
		want       []string
	}{
		"zip and COS content": {both, []string{"content.zip_file", "content.cos_bucket_name", "removed {",
			`import { to = scf_layer_version.<name>  id = "mig-libs/1" }`}},
		"no version": {map[string]any{"id": "mig-libs", "layer_name": "mig-libs"},
			[]string{"no version number", `id = "<layer name>/<version>"`}},
		"no name": {map[string]any{"id": "", "layer_version": 1}, []string{"layer name", "removed {"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var m scfLayerVersionModel
			_, diags := moveInto(t, layerMoveRequest(t, tc.attributes), NewSCFLayerVersionResource(), &m)
			expectRefusal(t, diags, summary, tc.want...)
		})
	}
}

func TestMoveLayerLeavesOtherSourcesAlone(t *testing.T) {
	t.Parallel()
	var m scfLayerVersionModel
	testMoveLeavesOtherSourcesAlone(t, tencentcloudLayerType, "scf_layer_version", NewSCFLayerVersionResource, &m)
}
