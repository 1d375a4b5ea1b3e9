package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

func TestEstateCounts(t *testing.T) {
	got := estateCounts(500)
	want := map[string]int{"scf_function": 500, "scf_trigger": 500, "scf_function_version": 500,
		"scf_function_alias": 250, "scf_reserved_concurrency": 125, "scf_provisioned_concurrency": 125}
	total := 0
	for kind, n := range want {
		if got[kind] != n {
			t.Errorf("%s: %d, want %d", kind, got[kind], n)
		}
		total += got[kind]
	}
	if total != 2000 || len(got) != len(want) {
		t.Errorf("total %d over %d kinds, want 2000 over %d", total, len(got), len(want))
	}
	if q := estateQuery(); strings.Count(q, "list \"scf_") != len(estateKinds) || strings.Count(q, "include_resource = true") != len(estateKinds) {
		t.Errorf("estateQuery:\n%s", q)
	}
}

func TestBusiestFloor(t *testing.T) {
	limits := map[string]float64{"GetFunction": 100, "ListTriggers": 20, "ListNamespaces": 20}
	calls := map[string]int64{"GetFunction": 1000, "ListTriggers": 500, "ListNamespaces": 10, "Unlimited": 1e6}
	floor, action := busiestFloor(calls, limits)
	if floor != 25 || action != "ListTriggers" {
		t.Errorf("busiestFloor = %v, %s; want 25, ListTriggers", floor, action)
	}
	if got := callsString(map[string]int64{"ListTriggers": 2, "GetFunction": 1}); got != "GetFunction:1,ListTriggers:2" {
		t.Errorf("callsString = %s", got)
	}
}

func TestCountFoundByKind(t *testing.T) {
	log := `{"type":"version","terraform":"1.14.9"}
{"type":"list_resource_found","list_resource_found":{"address":"list.scf_function.all","display_name":"default/a","resource_object":{"name":"a"}}}
{"type":"list_resource_found","list_resource_found":{"address":"list.scf_function.all","display_name":"default/b"}}
{"type":"list_resource_found","list_resource_found":{"address":"list.scf_trigger.all","display_name":"default/a/timer/t","resource_object":{"name":"t"}}}
{"type":"list_complete","list_complete":{"address":"list.scf_function.all","total":2}}
`
	path := filepath.Join(t.TempDir(), "query.log")
	if err := os.WriteFile(path, []byte(log), 0o600); err != nil {
		t.Fatal(err)
	}
	got, err := countFoundByKind(path)
	if err != nil || got["scf_function"] != (found{2, 1}) || got["scf_trigger"] != (found{1, 1}) || len(got) != 2 {
		t.Errorf("countFoundByKind = %v, %v", got, err)
	}
}

func TestStripImports(t *testing.T) {
	path := filepath.Join(t.TempDir(), "generated.tf")
	in := "# __generated__\nimport {\n  to = scf_function.a\n  identity = {\n    name = \"a\"\n  }\n}\n\nresource \"scf_function\" \"a\" {\n  name = \"a\"\n}\n"
	if err := os.WriteFile(path, []byte(in), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := stripImports(path); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(path)
	if want := "# __generated__\n\nresource \"scf_function\" \"a\" {\n  name = \"a\"\n}\n"; string(got) != want {
		t.Errorf("stripImports:\n%s\nwant\n%s", got, want)
	}
	if n, err := countImports(path); err != nil || n != 0 {
		t.Errorf("countImports = %d, %v", n, err)
	}
}

// TestSeedEstate seeds a small estate and reads it back from a fake
// started on the state file, as scf-fake is.
func TestSeedEstate(t *testing.T) {
	if testing.Short() {
		t.Skip("starts two in-process fakes")
	}
	ctx := context.Background()
	dir := t.TempDir()
	zipPath, statePath := filepath.Join(dir, "code.zip"), filepath.Join(dir, "state.json")
	if err := writeZip(zipPath); err != nil {
		t.Fatal(err)
	}
	const n = 8
	if err := seed(ctx, statePath, zipPath, n, "estate-%03d", seedEstateObjects); err != nil {
		t.Fatal(err)
	}
	_, url, stop, err := fakescf.StartLocal(fakescf.Options{StatePath: statePath})
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	client, err := scfapi.New(scfapi.Config{Region: "ap-guangzhou", Endpoint: url,
		Credential: common.NewCredential(fakescf.DefaultSecretID, fakescf.DefaultSecretKey)})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	namespaces, err := client.ListAllNamespaces(ctx, scfapi.NamespaceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ns := range namespaces {
		fns, err := client.ListAllFunctions(ctx, ns.Name)
		if err != nil {
			t.Fatalf("functions of %s: %v", ns.Name, err)
		}
		for _, f := range fns {
			got["scf_function"]++
			triggers, err := client.ListTriggers(ctx, ns.Name, f.FunctionName)
			got["scf_trigger"] += len(triggers)
			versions, err2 := client.ListVersions(ctx, ns.Name, f.FunctionName)
			got["scf_function_version"] += len(versions) - 1 // $LATEST
			aliases, err3 := client.ListAliases(ctx, ns.Name, f.FunctionName)
			got["scf_function_alias"] += len(aliases)
			mem, err4 := client.GetReservedConcurrency(ctx, ns.Name, f.FunctionName)
			if mem != nil {
				got["scf_reserved_concurrency"]++
			}
			prov, err5 := client.ListProvisionedConcurrency(ctx, ns.Name, f.FunctionName)
			got["scf_provisioned_concurrency"] += len(prov)
			for _, err := range []error{err, err2, err3, err4, err5} {
				if err != nil {
					t.Fatalf("%s/%s: %v", ns.Name, f.FunctionName, err)
				}
			}
		}
	}
	want := estateCounts(n)
	for kind, c := range want {
		if got[kind] != c {
			t.Errorf("%s: %d read back, want %d", kind, got[kind], c)
		}
	}
}
