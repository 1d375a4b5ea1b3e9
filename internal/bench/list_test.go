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
