package fakescf

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

func publishParams(t testing.TB, name string, runtimes ...string) map[string]any {
	if len(runtimes) == 0 {
		runtimes = []string{"Python3.9"}
	}
	return map[string]any{
		"LayerName":          name,
		"CompatibleRuntimes": runtimes,
		"Content":            map[string]any{"ZipFile": testZip(t)},
		"Description":        "shared code",
	}
}

// publish publishes a version and returns its number.
func (h *harness) publish(params map[string]any) int64 {
	h.t.Helper()
	var out struct{ LayerVersion int64 }
	if err := json.Unmarshal(h.ok("PublishLayerVersion", params), &out); err != nil {
		h.t.Fatal(err)
	}
	return out.LayerVersion
}

type layerVersionView struct {
	LayerName          string
	LayerVersion       int64
	Status             string
	CodeSha256         string
	CompatibleRuntimes []string
	Description        string
	LicenseInfo        string
	AddTime            string
}

func (h *harness) layerVersion(name string, version int64) layerVersionView {
	h.t.Helper()
	var v layerVersionView
	if err := json.Unmarshal(h.ok("GetLayerVersion", map[string]any{"LayerName": name, "LayerVersion": version}), &v); err != nil {
		h.t.Fatal(err)
	}
	return v
}

func (h *harness) listVersions(name string, runtimes ...string) []layerVersionView {
	h.t.Helper()
	p := map[string]any{"LayerName": name}
	if len(runtimes) > 0 {
		p["CompatibleRuntime"] = runtimes
	}
	var out struct{ LayerVersions []layerVersionView }
	if err := json.Unmarshal(h.ok("ListLayerVersions", p), &out); err != nil {
		h.t.Fatal(err)
	}
	return out.LayerVersions
}

func TestLayerVersionLifecycle(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{CreateDelay: time.Minute, DeleteDelay: time.Minute})
	p := publishParams(t, "libs")
	p["LicenseInfo"] = "MIT"
	if v := h.publish(p); v != 1 {
		t.Fatalf("first version = %d, want 1", v)
	}
	got := h.layerVersion("libs", 1)
	if got.Status != statusPublishing || len(got.CodeSha256) != 64 || got.LicenseInfo != "MIT" || got.Description != "shared code" {
		t.Fatalf("just published: %+v", got)
	}
	h.expect("ResourceInUse.LayerVersion", "DeleteLayerVersion", map[string]any{"LayerName": "libs", "LayerVersion": 1})
	h.clock.Advance(time.Minute)
	if st := h.layerVersion("libs", 1).Status; st != statusActive {
		t.Fatalf("status after the delay = %s, want Active", st)
	}
	if v := h.publish(publishParams(t, "libs")); v != 2 {
		t.Fatalf("second version = %d, want 2", v)
	}

	h.ok("DeleteLayerVersion", map[string]any{"LayerName": "libs", "LayerVersion": 1})
	if st := h.layerVersion("libs", 1).Status; st != statusDeleting {
		t.Fatalf("status after delete = %s, want Deleting", st)
	}
	h.expect("FailedOperation.OperationConflict", "DeleteLayerVersion", map[string]any{"LayerName": "libs", "LayerVersion": 1})
	h.clock.Advance(time.Minute)
	h.expect("ResourceNotFound.LayerVersion", "GetLayerVersion", map[string]any{"LayerName": "libs", "LayerVersion": 1})
	h.expect("ResourceNotFound.LayerVersion", "DeleteLayerVersion", map[string]any{"LayerName": "libs", "LayerVersion": 1})

	// Numbers are never reused, even once every version is gone.
	h.ok("DeleteLayerVersion", map[string]any{"LayerName": "libs", "LayerVersion": 2})
	h.clock.Advance(time.Minute)
	h.expect("ResourceNotFound.Layer", "ListLayerVersions", map[string]any{"LayerName": "libs"})
	if v := h.publish(publishParams(t, "libs")); v != 3 {
		t.Fatalf("version after deleting all = %d, want 3", v)
	}
}

func TestLayerVersionFailNext(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	h.srv.FailNext("PublishLayerVersion", "broken")
	v := h.publish(publishParams(t, "broken"))
	if st := h.layerVersion("broken", v).Status; st != statusPublishFailed {
		t.Fatalf("status = %s, want PublishFailed", st)
	}
	// A failed version can be deleted; the next one publishes normally.
	h.ok("DeleteLayerVersion", map[string]any{"LayerName": "broken", "LayerVersion": v})
	if st := h.layerVersion("broken", h.publish(publishParams(t, "broken"))).Status; st != statusActive {
		t.Fatalf("status of the next version = %s, want Active", st)
	}
	h.srv.FailNext("DeleteLayerVersion", "broken")
	h.ok("DeleteLayerVersion", map[string]any{"LayerName": "broken", "LayerVersion": 2})
	if st := h.layerVersion("broken", 2).Status; st != statusDeleteFailed {
		t.Fatalf("status after a failed delete = %s, want DeleteFailed", st)
	}
}

func TestLayerVersionListFilter(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	h.publish(publishParams(t, "multi", "Python3.9"))
	h.publish(publishParams(t, "multi", "Nodejs16.13", "Nodejs18.15"))
	h.publish(publishParams(t, "multi", "Python3.9", "Nodejs18.15"))
	all := h.listVersions("multi")
	if len(all) != 3 || all[0].LayerVersion != 3 || all[2].LayerVersion != 1 {
		t.Fatalf("list = %+v, want versions 3, 2, 1", all)
	}
	node := h.listVersions("multi", "Nodejs18.15")
	if len(node) != 2 || node[0].LayerVersion != 3 || node[1].LayerVersion != 2 {
		t.Fatalf("Nodejs18.15 filter = %+v, want versions 3 and 2", node)
	}
	if none := h.listVersions("multi", "Java8"); len(none) != 0 {
		t.Fatalf("Java8 filter = %+v, want none", none)
	}
	h.expect("InvalidParameterValue.Runtime", "ListLayerVersions", map[string]any{"LayerName": "multi", "CompatibleRuntime": []string{"Cobol"}})
	h.expect("InvalidParameterValue.Name", "ListLayerVersions", map[string]any{"LayerName": "-bad"})
	h.expect("ResourceNotFound.Layer", "ListLayerVersions", map[string]any{"LayerName": "nothing-here"})
}

func TestPublishLayerVersionRules(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{Fixtures: func() *Fixtures { f := DefaultFixtures(); f.LayerVersionLimit = 1; return f }()})
	with := func(change func(p map[string]any)) map[string]any {
		p := publishParams(t, "rules")
		change(p)
		return p
	}
	cases := []struct {
		code   string
		params map[string]any
	}{
		{"InvalidParameterValue.LayerName", with(func(p map[string]any) { p["LayerName"] = "" })},
		{"InvalidParameterValue.LayerName", with(func(p map[string]any) { p["LayerName"] = "1abc" })},
		{"InvalidParameterValue.LayerName", with(func(p map[string]any) { p["LayerName"] = "abc-" })},
		{"InvalidParameterValue.LayerName", with(func(p map[string]any) { p["LayerName"] = "a" + strings.Repeat("b", 64) })},
		{"InvalidParameterValue.CompatibleRuntimes", with(func(p map[string]any) { delete(p, "CompatibleRuntimes") })},
		{"InvalidParameterValue.CompatibleRuntimes", with(func(p map[string]any) { p["CompatibleRuntimes"] = []string{"Cobol"} })},
		{"InvalidParameterValue.CompatibleRuntimes", with(func(p map[string]any) { p["CompatibleRuntimes"] = []string{"CustomImage"} })},
		{"InvalidParameterValue.CompatibleRuntimes", with(func(p map[string]any) { p["CompatibleRuntimes"] = []string{"Go1", "Go1"} })},
		{"InvalidParameterValue.Description", with(func(p map[string]any) { p["Description"] = strings.Repeat("d", 1001) })},
		{"InvalidParameterValue.Content", with(func(p map[string]any) { delete(p, "Content") })},
		{"InvalidParameterValue.Content", with(func(p map[string]any) { p["Content"] = map[string]any{"DemoId": "demo-hello-python"} })},
		{"InvalidParameterValue.Content", with(func(p map[string]any) { p["Content"] = map[string]any{"ZipFile": "aGVsbG8="} })},
		{"InvalidParameterValue.ZipFileBase64BinasciiError", with(func(p map[string]any) { p["Content"] = map[string]any{"ZipFile": "!!!"} })},
		{"InvalidParameterValue.CosBucketName", with(func(p map[string]any) {
			p["Content"] = map[string]any{"CosBucketName": "scf-code-1250000000", "CosObjectName": "/demo/code.zip"}
		})},
		{"InvalidParameterValue.CosObjectName", with(func(p map[string]any) {
			p["Content"] = map[string]any{"CosBucketName": "scf-code", "CosObjectName": "demo/code.zip"}
		})},
		{"InvalidParameterValue.CosBucketRegion", with(func(p map[string]any) {
			p["Content"] = map[string]any{"CosBucketName": "scf-code", "CosObjectName": "/demo/code.zip", "CosBucketRegion": "mars-1"}
		})},
		{"InvalidParameterValue.Cos", with(func(p map[string]any) {
			p["Content"] = map[string]any{"CosBucketName": "scf-code", "CosObjectName": "/missing.zip"}
		})},
		{"InvalidParameterValue.TempCosObjectName", with(func(p map[string]any) { p["Content"] = map[string]any{"TempCosObjectName": "/1/x.zip"} })},
		{"UnknownParameter", with(func(p map[string]any) { p["Runtime"] = "Python3.9" })},
	}
	for _, c := range cases {
		h.expect(c.code, "PublishLayerVersion", c.params)
	}
	h.ok("PublishLayerVersion", with(func(p map[string]any) {
		p["Content"] = map[string]any{"CosBucketName": "scf-code", "CosObjectName": "/demo/code.zip", "CosBucketRegion": "ap-guangzhou"}
	}))
	h.expect("LimitExceeded.LayerVersions", "PublishLayerVersion", publishParams(t, "rules"))
	h.expect("MissingParameter", "GetLayerVersion", map[string]any{"LayerName": "rules"})
	h.expect("ResourceNotFound.LayerVersion", "GetLayerVersion", map[string]any{"LayerName": "rules", "LayerVersion": 9})
}

// TestLayerBindingFollowsTheStore shows that functions bind the fixture
// layers and published versions alike, that a deleted version cannot be
// bound any more, and that a function bound to it keeps it (as Deleted).
func TestLayerBindingFollowsTheStore(t *testing.T) {
	t.Parallel()
	h := newHarness(t, Options{})
	if got := h.listVersions("common-libs"); len(got) != 2 || got[0].Status != statusActive || got[1].AddTime != "2024-03-01 10:00:00" {
		t.Fatalf("fixture layer = %+v", got)
	}
	v := h.publish(publishParams(t, "mine"))
	bind := func(name string, version int64) map[string]any {
		return map[string]any{"Layers": []map[string]any{{"LayerName": "common-libs", "LayerVersion": 2}, {"LayerName": name, "LayerVersion": version}}}
	}
	h.createActive("bound", bind("mine", v))
	h.ok("DeleteLayerVersion", map[string]any{"LayerName": "mine", "LayerVersion": v})
	layers := arr(t, h.get(defaultNamespace, "bound")["Layers"])
	if st := obj(t, layers[1])["Status"]; st != "Deleted" {
		t.Fatalf("deleted binding reads %v, want Deleted", st)
	}
	if st := obj(t, layers[0])["Description"]; st != "Shared helper libraries" {
		t.Fatalf("fixture binding description %v", st)
	}
	p := createParams(t, "late")
	for k, val := range bind("mine", v) {
		p[k] = val
	}
	h.expect("ResourceNotFound.Layer", "CreateFunction", p)
}

func TestLayerVersionsPersist(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "state.json")
	h1 := newHarness(t, Options{StatePath: path})
	h1.publish(publishParams(t, "kept"))
	h1.ok("DeleteLayerVersion", map[string]any{"LayerName": "common-libs", "LayerVersion": 1})
	want := h1.layerVersion("kept", 1)
	if err := h1.srv.Close(); err != nil {
		t.Fatal(err)
	}
	h2 := newHarness(t, Options{StatePath: path})
	if got := h2.layerVersion("kept", 1); got.CodeSha256 != want.CodeSha256 || got.Status != statusActive {
		t.Fatalf("after restart %+v, want %+v", got, want)
	}
	// The fixture's deleted version stays deleted and its number unused.
	h2.expect("ResourceNotFound.LayerVersion", "GetLayerVersion", map[string]any{"LayerName": "common-libs", "LayerVersion": 1})
	if v := h2.publish(publishParams(t, "common-libs")); v != 3 {
		t.Fatalf("next common-libs version = %d, want 3", v)
	}
	if v := h2.publish(publishParams(t, "kept")); v != 2 {
		t.Fatalf("next kept version = %d, want 2", v)
	}
}

func TestLayerActionsTakeFaults(t *testing.T) {
	t.Parallel()
	srv, c := startLive(t, Options{})
	srv.InjectFault("PublishLayerVersion", FaultThrottle, 1)
	if r := c.call("PublishLayerVersion", publishParams(t, "faulty")); r.Code != "RequestLimitExceeded" {
		t.Fatalf("throttle: %s", r.Code)
	}
	srv.InjectFault("PublishLayerVersion", FaultDropAfter, 1)
	if _, err := c.send(t.Context(), "PublishLayerVersion", publishParams(t, "faulty")); err == nil {
		t.Fatal("drop-after answered")
	}
	// The dropped publish was applied: the layer has version 1.
	if r := c.call("GetLayerVersion", map[string]any{"LayerName": "faulty", "LayerVersion": 1}); r.Code != "" {
		t.Fatalf("after drop-after: %s", r.Code)
	}
	for _, a := range []string{"GetLayerVersion", "ListLayerVersions", "DeleteLayerVersion"} {
		srv.InjectError(a, "InternalError.System", "down", 1)
		if r := c.call(a, map[string]any{"LayerName": "faulty", "LayerVersion": 1}); r.Code != "InternalError.System" {
			t.Fatalf("%s injected error: %s", a, r.Code)
		}
	}
	if DefaultRateLimits()["PublishLayerVersion"] != 20 || DefaultRateLimits()["ListLayerVersions"] != 20 {
		t.Fatal("the layer actions lack their documented 20/s limits")
	}
}

// TestListLayers lists each layer once, as its newest version, by name and
// a page at a time; a runtime or a search key narrows the list, and a layer
// whose versions are all deleted is not listed.
func TestListLayers(t *testing.T) {
	h := newHarness(t, Options{})
	h.publish(publishParams(t, "beta", "Nodejs18.15"))
	h.publish(publishParams(t, "alpha"))
	h.publish(publishParams(t, "alpha"))
	h.publish(publishParams(t, "gone"))
	h.ok("DeleteLayerVersion", map[string]any{"LayerName": "gone", "LayerVersion": 1})
	list := func(params map[string]any) (names []string, total int64) {
		t.Helper()
		var out struct {
			Layers     []layerVersionView
			TotalCount int64
		}
		if err := json.Unmarshal(h.ok("ListLayers", params), &out); err != nil {
			t.Fatal(err)
		}
		for _, l := range out.Layers {
			names = append(names, l.LayerName+"/"+strconv.FormatInt(l.LayerVersion, 10))
		}
		return names, out.TotalCount
	}
	// gone's version may still be Deleting: wait until it is not listed.
	deadline := time.Now().Add(5 * time.Second)
	for {
		names, _ := list(map[string]any{})
		if !slices.Contains(names, "gone/1") || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	for _, tc := range []struct {
		params map[string]any
		want   string
		total  int64
	}{
		// common-libs and node-deps are the fixture's layers.
		{map[string]any{}, "alpha/2 beta/1 common-libs/2 node-deps/1", 4},
		{map[string]any{"Limit": 1}, "alpha/2", 4},
		{map[string]any{"Offset": 1, "Limit": 1}, "beta/1", 4},
		{map[string]any{"CompatibleRuntime": "Nodejs18.15"}, "beta/1 node-deps/1", 2},
		{map[string]any{"SearchKey": "lph"}, "alpha/2", 1},
	} {
		names, total := list(tc.params)
		if strings.Join(names, " ") != tc.want || total != tc.total {
			t.Errorf("ListLayers %v = %v (total %d), want %s (total %d)", tc.params, names, total, tc.want, tc.total)
		}
	}
	h.expect("InvalidParameterValue.Runtime", "ListLayers", map[string]any{"CompatibleRuntime": "Cobol"})
}
