package fakescf

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func TestStatePersistsAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "state.json")
	clock := newFakeClock()
	opts := Options{StatePath: path, Clock: clock.Now, CreateDelay: time.Minute}

	h1 := newHarness(t, opts)
	h1.ok("CreateNamespace", map[string]any{"Namespace": "team", "Description": "Team"})
	h1.ok("CreateFunction", createParams(t, "kept"))
	p := createParams(t, "other")
	p["Namespace"] = "team"
	p["Environment"] = map[string]any{"Variables": []map[string]any{{"Key": "A", "Value": "1"}}}
	h1.ok("CreateFunction", p)
	// The nested web settings and the update-only IgnoreSysLog survive too.
	web := createParams(t, "web")
	web["Namespace"], web["Type"] = "team", typeHTTP
	web["InstanceConcurrencyConfig"] = session(func(cc, _ map[string]any) {
		cc["MixNodeConfig"] = []map[string]any{{"NodeSpec": "gpu-t4", "Num": 2}}
	})
	h1.ok("CreateFunction", web)
	clock.Advance(time.Minute)
	h1.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "web", "Namespace": "team", "IgnoreSysLog": true})
	h1.ok("CreateFunction", createParams(t, "gone"))
	clock.Advance(time.Minute)
	h1.ok("DeleteFunction", map[string]any{"FunctionName": "gone"})
	before := h1.get("team", "other")
	webBefore := h1.get("team", "web")
	// A function still Creating when the server stops.
	h1.ok("CreateFunction", createParams(t, "pending"))
	if err := h1.srv.Close(); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 {
		t.Fatalf("state dir holds %d entries, want only the state file", len(entries))
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), "UEsDB") {
		t.Fatal("state file stores zip bytes")
	}

	h2 := newHarness(t, opts)
	if got := h2.srv.FunctionNames(defaultNamespace); !reflect.DeepEqual(got, []string{"kept", "pending"}) {
		t.Fatalf("default namespace after restart = %v", got)
	}
	after := h2.get("team", "other")
	if !reflect.DeepEqual(before, after) {
		for k := range before {
			if k != "RequestId" && !reflect.DeepEqual(before[k], after[k]) {
				t.Errorf("%s: %v -> %v", k, before[k], after[k])
			}
		}
	}
	webAfter := h2.get("team", "web")
	for _, k := range []string{"InstanceConcurrencyConfig", "AccessInfo", "Type"} {
		if !reflect.DeepEqual(webBefore[k], webAfter[k]) {
			t.Errorf("web.%s: %v -> %v", k, webBefore[k], webAfter[k])
		}
	}
	if webAfter["InstanceConcurrencyConfig"] == nil {
		t.Error("web lost its InstanceConcurrencyConfig")
	}
	h2.srv.mu.Lock()
	ignored := h2.srv.st.Functions[fnKey("team", "web")].Config.IgnoreSysLog
	h2.srv.mu.Unlock()
	if !ignored {
		t.Error("IgnoreSysLog was not persisted")
	}
	if st := h2.status(defaultNamespace, "pending"); st != statusCreating {
		t.Fatalf("pending = %s, want Creating", st)
	}
	clock.Advance(time.Minute)
	if st := h2.status(defaultNamespace, "pending"); st != statusActive {
		t.Fatalf("pending after the delay = %s, want Active", st)
	}
	h2.ok("DeleteFunction", map[string]any{"FunctionName": "other", "Namespace": "team"})
	h2.ok("DeleteFunction", map[string]any{"FunctionName": "web", "Namespace": "team"})
	h2.ok("DeleteNamespace", map[string]any{"Namespace": "team"})
}

func TestCorruptStateFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	for _, content := range []string{"{not json", `{"format":99}`, `{"format":1,"namespaces":{},"functions":{"x/y":{"namespace":"x","name":"y"}}}`} {
		if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := New(Options{StatePath: path}); err == nil || !strings.Contains(err.Error(), "state file") {
			t.Errorf("content %q: err = %v", content, err)
		}
	}
}
