package fakescf

import (
	"encoding/json"
	"path/filepath"
	"testing"
	"time"
)

func (h *harness) publishVersion(desc string) string {
	h.t.Helper()
	var out struct{ FunctionVersion string }
	if err := json.Unmarshal(h.ok("PublishVersion", map[string]any{"FunctionName": "fn", "Description": desc}), &out); err != nil {
		h.t.Fatal(err)
	}
	return out.FunctionVersion
}

func (h *harness) getQualified(q string) map[string]any {
	h.t.Helper()
	var m map[string]any
	if err := json.Unmarshal(h.ok("GetFunction", map[string]any{"FunctionName": "fn", "Qualifier": q}), &m); err != nil {
		h.t.Fatal(err)
	}
	return m
}

func TestPublishVersionSnapshotsFunction(t *testing.T) {
	h := newHarness(t, Options{CreateDelay: time.Minute})
	h.srv.SetDelays(0, 0, 0)
	h.createActive("fn", map[string]any{"MemorySize": 256, "Description": "first"})
	h.srv.SetDelays(time.Minute, 0, 0)
	if v := h.publishVersion("v one"); v != "1" {
		t.Fatalf("first version = %q, want 1", v)
	}
	if st := h.getQualified("1")["Status"]; st != statusPublishing {
		t.Fatalf("status right after publishing = %v, want Publishing", st)
	}
	h.clock.Advance(time.Minute)
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "MemorySize": 512, "Description": "second"})
	v1 := h.getQualified("1")
	if v1["Status"] != statusActive || v1["MemorySize"] != float64(256) || v1["Description"] != "v one" || v1["Qualifier"] != "1" || v1["FunctionVersion"] != "1" {
		t.Fatalf("version 1 reads %v %v %v %v", v1["Status"], v1["MemorySize"], v1["Description"], v1["Qualifier"])
	}
	if latest := h.get(defaultNamespace, "fn"); latest["MemorySize"] != float64(512) {
		t.Fatalf("$LATEST memory = %v, want 512", latest["MemorySize"])
	}
	h.expect("ResourceNotFound.Version", "GetFunction", map[string]any{"FunctionName": "fn", "Qualifier": "2"})
	h.expect("ResourceNotFound.Version", "GetFunction", map[string]any{"FunctionName": "fn", "Qualifier": "01"})
	if v := h.publishVersion(""); v != "2" {
		t.Fatalf("second version = %q", v)
	}
	var list struct {
		FunctionVersion []string
		TotalCount      int
	}
	if err := json.Unmarshal(h.ok("ListVersionByFunction", map[string]any{"FunctionName": "fn", "Order": "DESC"}), &list); err != nil {
		t.Fatal(err)
	}
	if list.TotalCount != 3 || len(list.FunctionVersion) != 3 || list.FunctionVersion[0] != "2" || list.FunctionVersion[2] != "$LATEST" {
		t.Fatalf("list = %+v", list)
	}
	h.expect("InvalidParameterValue.Order", "ListVersionByFunction", map[string]any{"FunctionName": "fn", "Order": "UP"})
	// Deleting version 1 leaves 2; numbers are not reused.
	h.expect("FailedOperation.DeleteFunction", "DeleteFunction", map[string]any{"FunctionName": "fn", "Qualifier": "2"})
	h.clock.Advance(time.Minute)
	h.ok("DeleteFunction", map[string]any{"FunctionName": "fn", "Qualifier": "1"})
	h.expect("ResourceNotFound.Version", "DeleteFunction", map[string]any{"FunctionName": "fn", "Qualifier": "1"})
	if v := h.publishVersion(""); v != "3" {
		t.Fatalf("version after a deletion = %q, want 3", v)
	}
	h.expect("InvalidParameterValue.Description", "PublishVersion", map[string]any{"FunctionName": "fn", "Description": string(make([]byte, 1001))})
	h.expect("ResourceNotFound.Function", "PublishVersion", map[string]any{"FunctionName": "nope"})
}

func TestPublishVersionFailNextAndLimit(t *testing.T) {
	fx := DefaultFixtures()
	fx.FunctionVersionLimit = 1
	h := newHarness(t, Options{Fixtures: fx})
	h.createActive("fn", nil)
	h.srv.FailNext("PublishVersion", "fn")
	v := h.publishVersion("")
	if st := h.getQualified(v)["Status"]; st != statusPublishFailed {
		t.Fatalf("status = %v, want PublishFailed", st)
	}
	h.expect("LimitExceeded.FunctionVersions", "PublishVersion", map[string]any{"FunctionName": "fn"})
}

func TestAliases(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	h.publishVersion("")
	h.publishVersion("")
	weights := func(v string, w float64) map[string]any {
		return map[string]any{"AdditionalVersionWeights": []any{map[string]any{"Version": v, "Weight": w}}}
	}
	base := func(extra map[string]any) map[string]any {
		p := map[string]any{"FunctionName": "fn", "Name": "live", "FunctionVersion": "1"}
		for k, v := range extra {
			p[k] = v
		}
		return p
	}
	h.expect("InvalidParameterValue.Name", "CreateAlias", base(map[string]any{"Name": "1live"}))
	h.expect("ResourceNotFound.FunctionVersion", "CreateAlias", base(map[string]any{"FunctionVersion": "9"}))
	h.expect("InvalidParameterValue.AdditionalVersionWeights", "CreateAlias", base(map[string]any{"RoutingConfig": weights("2", 1.5)}))
	h.expect("InvalidParameterValue.AdditionalVersionWeights", "CreateAlias", base(map[string]any{"RoutingConfig": weights("1", 0.5)}))
	h.expect("ResourceNotFound.FunctionVersion", "CreateAlias", base(map[string]any{"RoutingConfig": weights("7", 0.5)}))
	h.expect("InvalidParameterValue.AdditionalVersionWeights", "CreateAlias", base(map[string]any{"RoutingConfig": map[string]any{
		"AdditionalVersionWeights": []any{map[string]any{"Version": "2", "Weight": 0.1}, map[string]any{"Version": "$LATEST", "Weight": 0.1}}}}))
	h.ok("CreateAlias", base(map[string]any{"RoutingConfig": weights("2", 0.25), "Description": "d"}))
	h.expect("ResourceInUse.Alias", "CreateAlias", base(nil))
	var got struct {
		FunctionVersion string
		Description     string
		RoutingConfig   struct {
			AdditionalVersionWeights []struct {
				Version string
				Weight  float64
			}
		}
	}
	if err := json.Unmarshal(h.ok("GetAlias", map[string]any{"FunctionName": "fn", "Name": "live"}), &got); err != nil {
		t.Fatal(err)
	}
	if got.FunctionVersion != "1" || got.Description != "d" || len(got.RoutingConfig.AdditionalVersionWeights) != 1 || got.RoutingConfig.AdditionalVersionWeights[0].Weight != 0.25 {
		t.Fatalf("alias = %+v", got)
	}
	h.expect("UnsupportedOperation.AliasBind", "DeleteFunction", map[string]any{"FunctionName": "fn", "Qualifier": "2"})
	h.ok("UpdateAlias", base(map[string]any{"FunctionVersion": "2"}))
	h.ok("DeleteFunction", map[string]any{"FunctionName": "fn", "Qualifier": "1"})
	var list struct{ TotalCount int }
	if err := json.Unmarshal(h.ok("ListAliases", map[string]any{"FunctionName": "fn", "FunctionVersion": "2"}), &list); err != nil || list.TotalCount != 1 {
		t.Fatalf("ListAliases = %+v, %v", list, err)
	}
	h.ok("DeleteAlias", map[string]any{"FunctionName": "fn", "Name": "live"})
	h.expect("ResourceNotFound.Alias", "GetAlias", map[string]any{"FunctionName": "fn", "Name": "live"})
	h.expect("ResourceNotFound.Alias", "UpdateAlias", base(nil))
}

func TestVersionsAndAliasesPersistAndGoWithTheFunction(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarness(t, Options{StatePath: path})
	h.createActive("fn", nil)
	h.publishVersion("kept")
	h.ok("CreateAlias", map[string]any{"FunctionName": "fn", "Name": "live", "FunctionVersion": "1"})
	if err := h.srv.Close(); err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t, Options{StatePath: path})
	if d := h2.getQualified("1")["Description"]; d != "kept" {
		t.Fatalf("description after reload = %v", d)
	}
	h2.ok("GetAlias", map[string]any{"FunctionName": "fn", "Name": "live"})
	h2.ok("DeleteFunction", map[string]any{"FunctionName": "fn"})
	h2.expect("ResourceNotFound.Function", "GetAlias", map[string]any{"FunctionName": "fn", "Name": "live"})
	h2.createActive("fn", nil)
	h2.expect("ResourceNotFound.Version", "GetFunction", map[string]any{"FunctionName": "fn", "Qualifier": "1"})
	h2.expect("ResourceNotFound.Alias", "GetAlias", map[string]any{"FunctionName": "fn", "Name": "live"})
}
