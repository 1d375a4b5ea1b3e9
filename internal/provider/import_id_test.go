package provider

import (
	"strings"
	"testing"
)

func TestParseFunctionID(t *testing.T) {
	t.Parallel()
	cases := []struct {
		id, namespace, name string
		wantErr             string
	}{
		{id: "team-a/hello", namespace: "team-a", name: "hello"},
		{id: "team-a+hello", namespace: "team-a", name: "hello"},
		{id: "hello", namespace: "default", name: "hello"},
		{id: "default/hello_world-2", namespace: "default", name: "hello_world-2"},
		{id: "", wantErr: "function name"},
		{id: "team-a/", wantErr: "function name"},
		{id: "/hello", wantErr: "namespace"},
		{id: "bad ns/hello", wantErr: "namespace"},
		{id: "team/1hello", wantErr: "function name"},
		{id: "team/a/b", wantErr: "function name"},
	}
	for _, tc := range cases {
		ns, name, err := parseFunctionID(tc.id)
		if tc.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) || !strings.Contains(err.Error(), "<namespace>/<name>") {
				t.Errorf("parseFunctionID(%q) error = %v, want one about %s quoting the formats", tc.id, err, tc.wantErr)
			}
			continue
		}
		if err != nil || ns != tc.namespace || name != tc.name {
			t.Errorf("parseFunctionID(%q) = %q, %q, %v; want %q, %q", tc.id, ns, name, err, tc.namespace, tc.name)
		}
	}
}

func FuzzParseFunctionID(f *testing.F) {
	for _, seed := range []string{"ns/name", "ns+name", "name", "", "/", "+", "a/b/c", "ns/na me"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, id string) {
		ns, name, err := parseFunctionID(id)
		if err != nil {
			return
		}
		// Whatever is accepted must round-trip through the state ID.
		ns2, name2, err := parseFunctionID(functionID(ns, name))
		if err != nil || ns2 != ns || name2 != name {
			t.Fatalf("%q parsed to %q/%q, which re-parses to %q/%q (%v)", id, ns, name, ns2, name2, err)
		}
	})
}
