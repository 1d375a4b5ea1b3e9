package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestCountFound counts the results of `terraform query -json` output, and
// those that carry their resource, among the other messages and any line
// that is not JSON.
func TestCountFound(t *testing.T) {
	log := `{"type":"version","terraform":"1.14.9"}
not json: a warning on stderr
{"type":"list_start","list_start":{"address":"list.scf_function.all"}}
{"type":"list_resource_found","list_resource_found":{"address":"list.scf_function.all","display_name":"default/a","resource_object":{"name":"a"}}}
{"type":"list_resource_found","list_resource_found":{"address":"list.scf_function.all","display_name":"default/b"}}
{"type":"list_resource_found","list_resource_found":{"address":"list.scf_function.all","display_name":"default/c","resource_object":null}}
{"type":"list_complete","list_complete":{"address":"list.scf_function.all","total":3}}
`
	path := filepath.Join(t.TempDir(), "query.log")
	if err := os.WriteFile(path, []byte(log), 0o600); err != nil {
		t.Fatal(err)
	}
	found, withResource, err := countFound(path)
	if err != nil || found != 3 || withResource != 1 {
		t.Errorf("countFound = %d, %d, %v; want 3, 1, nil", found, withResource, err)
	}
}

func TestHasQuery(t *testing.T) {
	for line, want := range map[string]bool{
		"Terraform v1.14.9": true, "Terraform v1.15.0-rc1": true, "Terraform v1.14.0-beta2": true,
		"Terraform v1.11.4": false, "Terraform v1.5.7": false, "OpenTofu v1.6.3": false, "": false,
	} {
		if got := hasQuery(line); got != want {
			t.Errorf("hasQuery(%q) = %v, want %v", line, got, want)
		}
	}
}
