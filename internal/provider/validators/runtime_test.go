package validators

import (
	"strings"
	"testing"
)

// TestRuntimeCheck: a known runtime passes, a well-formed unknown one is a
// warning that names the known ones, a misspelt one is an error with the
// service's spelling, and anything else is an error.
func TestRuntimeCheck(t *testing.T) {
	check := NewRuntimeCheck(append(Runtimes, "CustomImage")...)
	cases := []struct {
		runtime string
		warning bool   // false: an error
		want    string // in the problem or rule
	}{
		{"Python3.12", true, "the service decides whether \"Python3.12\" exists"},
		{"Nodejs20.15", true, "not a runtime this provider knows"},
		{"Php8.1", true, "Php8.0"},
		{"PHP8.1", true, "PHP7"},
		{"Java11", true, "Java8"},
		{"Go1.21", true, "CustomRuntime"},
		{"Ruby3.2", true, "the known runtimes are Python2.7, Python3.6"},
		{"Dotnet", true, "not a runtime this provider knows"},
		{"python3.9", false, "did you mean Python3.9?"},
		{"PYTHON3.9", false, "did you mean Python3.9?"},
		{" Python3.9", false, "did you mean Python3.9?"},
		{"Python 3.9", false, "did you mean Python3.9?"},
		{"nodejs18.15", false, "did you mean Nodejs18.15?"},
		{"Node.js18.15", false, "did you mean Nodejs18.15?"},
		{"golang1", false, "did you mean Golang1?"},
		{"customruntime", false, "did you mean CustomRuntime?"},
		{"Nodejs 16", false, "did you mean Nodejs16.13? The Nodejs runtimes are Nodejs6.10, Nodejs8.9, Nodejs10.15, Nodejs12.16, Nodejs14.18, Nodejs16.13, Nodejs18.15"},
		{"node16", false, "did you mean Nodejs16.13?"},
		{"Nodejs", false, "the Nodejs runtimes are"},
		{"Python", false, "the Python runtimes are Python2.7"},
		{"python3.12", false, "did you mean Python3.12 (a runtime this provider does not know yet; the service decides)?"},
		{"Nodejs 20", false, "did you mean Nodejs20 ("},
		{"", false, "a runtime is a capital letter, letters and a version"},
		{"ruby3.2", false, "use one of Python2.7"},
		{"Python3.9!", false, "a runtime is a capital letter"},
		{"3.9", false, "a runtime is a capital letter"},
	}
	for _, tc := range cases {
		v := check.Check(tc.runtime)
		if v == nil {
			t.Errorf("%q: accepted, want a verdict", tc.runtime)
			continue
		}
		text := v.Problem + ". " + v.Rule
		if v.Warning != tc.warning || !strings.Contains(text, tc.want) {
			t.Errorf("%q: warning %t, %q; want warning %t containing %q", tc.runtime, v.Warning, text, tc.warning, tc.want)
		}
	}
	for _, known := range append(Runtimes, "CustomImage") {
		if v := check.Check(known); v != nil {
			t.Errorf("%q is known, got %+v", known, v)
		}
	}
	// CustomImage is a function's runtime only: for a layer it is not known.
	if v := NewRuntimeCheck(Runtimes...).Check("CustomImage"); v == nil {
		t.Error("a layer's check accepts CustomImage")
	}
}

// TestHandlerRulesByFamily: a runtime the service adds gets its family's
// handler rule.
func TestHandlerRulesByFamily(t *testing.T) {
	for _, tc := range []struct{ runtime, handler, wantRule string }{
		{"Java11", "example.Hello", "package.Class::method"},
		{"Go1.21", "main handler", "a single name"},
		{"Python3.12", "index", `"file.function"`},
	} {
		err := CheckHandler(tc.runtime, tc.handler)
		if err == nil || !strings.Contains(err.Error(), tc.wantRule) {
			t.Errorf("runtime %s, handler %q: %v, want the rule %q", tc.runtime, tc.handler, err, tc.wantRule)
		}
	}
	if err := CheckHandler("Java11", "example.Hello::handleRequest"); err != nil {
		t.Errorf("Java11 with a Java handler: %v", err)
	}
}
