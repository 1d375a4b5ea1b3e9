package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
)

// TestEveryValidatorIsPointed walks the resource schema: every validator,
// at any depth, must be wrapped by validators.Pointed, or its diagnostics
// would point where Terraform shows the wrong line or the Git password.
func TestEveryValidatorIsPointed(t *testing.T) {
	var resp resource.SchemaResponse
	(&scfFunctionResource{}).Schema(context.Background(), resource.SchemaRequest{}, &resp)
	seen := 0
	var walk func(prefix string, attrs map[string]schema.Attribute)
	walk = func(prefix string, attrs map[string]schema.Attribute) {
		for name, a := range attrs {
			for _, v := range attributeValidators(a) {
				seen++
				if !validators.IsPointed(v) {
					t.Errorf("%s%s: validator %T is not wrapped by validators.Pointed", prefix, name, v)
				}
			}
			switch a := a.(type) {
			case schema.SingleNestedAttribute:
				walk(prefix+name+".", a.Attributes)
			case schema.ListNestedAttribute:
				for _, v := range a.NestedObject.Validators {
					seen++
					if !validators.IsPointed(v) {
						t.Errorf("%s%s[*]: validator %T is not wrapped by validators.Pointed", prefix, name, v)
					}
				}
				walk(prefix+name+"[*].", a.NestedObject.Attributes)
			case schema.SetNestedAttribute, schema.MapNestedAttribute:
				t.Errorf("%s%s: validators.Pointed does not handle %T yet", prefix, name, a)
			}
		}
	}
	walk("", resp.Schema.Attributes)
	if seen < 30 {
		t.Errorf("only %d validators found; the walk misses attribute kinds", seen)
	}
}

// attributeValidators returns the validators of any kind of attribute.
func attributeValidators(a schema.Attribute) []any {
	var out []any
	add := func(vs ...any) { out = append(out, vs...) }
	if v, ok := a.(interface{ StringValidators() []validator.String }); ok {
		for _, x := range v.StringValidators() {
			add(x)
		}
	}
	if v, ok := a.(interface{ Int64Validators() []validator.Int64 }); ok {
		for _, x := range v.Int64Validators() {
			add(x)
		}
	}
	if v, ok := a.(interface{ BoolValidators() []validator.Bool }); ok {
		for _, x := range v.BoolValidators() {
			add(x)
		}
	}
	if v, ok := a.(interface{ Float64Validators() []validator.Float64 }); ok {
		for _, x := range v.Float64Validators() {
			add(x)
		}
	}
	if v, ok := a.(interface{ ListValidators() []validator.List }); ok {
		for _, x := range v.ListValidators() {
			add(x)
		}
	}
	if v, ok := a.(interface{ SetValidators() []validator.Set }); ok {
		for _, x := range v.SetValidators() {
			add(x)
		}
	}
	if v, ok := a.(interface{ MapValidators() []validator.Map }); ok {
		for _, x := range v.MapValidators() {
			add(x)
		}
	}
	if v, ok := a.(interface{ ObjectValidators() []validator.Object }); ok {
		for _, x := range v.ObjectValidators() {
			add(x)
		}
	}
	return out
}

// jsonDiagnostic is a diagnostic of `terraform plan -json` with the source
// location Terraform chose for it.
type jsonDiagnostic struct {
	Severity string `json:"severity"`
	Summary  string `json:"summary"`
	Detail   string `json:"detail"`
	Range    *struct {
		Start struct {
			Line int `json:"line"`
		} `json:"start"`
	} `json:"range"`
	Snippet *struct {
		Code   string            `json:"code"`
		Values []json.RawMessage `json:"values"`
	} `json:"snippet"`
}

func jsonDiagnostics(t *testing.T, stdout string) []jsonDiagnostic {
	t.Helper()
	var out []jsonDiagnostic
	for line := range strings.SplitSeq(stdout, "\n") {
		var l struct {
			Type       string          `json:"type"`
			Diagnostic *jsonDiagnostic `json:"diagnostic"`
		}
		if json.Unmarshal([]byte(line), &l) == nil && l.Type == "diagnostic" && l.Diagnostic != nil {
			out = append(out, *l.Diagnostic)
		}
	}
	return out
}

// lineOf returns the 1-based number of the first line of main.tf that
// starts, after indentation, with prefix.
func lineOf(t *testing.T, cli *terraformCLI, prefix string) int {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(cli.dir, "main.tf"))
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), prefix) {
			return i + 1
		}
	}
	t.Fatalf("main.tf has no line starting with %q", prefix)
	return 0
}

// TestAccZipFileErrorNamesAndPointsAtTheAttribute runs `plan -json` with the
// real CLI and the built provider on a missing code.zip_file and reads where
// Terraform points: at the `code = { ... }` source when it holds no Git
// password, at the resource's first line when it does, whether the password
// is written in place or comes from a variable. The text names
// code.zip_file and the rule either way, and no password is ever printed.
func TestAccZipFileErrorNamesAndPointsAtTheAttribute(t *testing.T) {
	cli := newTerraformCLI(t)
	env := newTestEnv(t, fakescf.Options{})
	missing := filepath.Join(t.TempDir(), "missing.zip")
	ctx, cancel := context.WithTimeout(t.Context(), 3*time.Minute)
	defer cancel()
	wantDetail := fmt.Sprintf("Attribute code.zip_file: zip file %q does not exist. It must be the path of an existing, "+
		"readable, non-empty zip archive of at most 50 MiB", missing)

	cases := []struct {
		name      string
		resources string
		args      []string
		pointAt   string // how the line Terraform must show starts
		errors    int    // the zip error and what else the configuration breaks
	}{
		{"no password", fmt.Sprintf(`
resource "scf_function" "zip" {
  name = "zip-missing"
  code = {
    zip_file = %q
  }
}
`, missing), nil, "code = {", 1},
		// Variables are unknown when Terraform first validates, so both
		// errors come from the plan, with every value known.
		{"password from a variable", `
variable "zip_file" {
  type = string
}

variable "git_password" {
  type = string
}

resource "scf_function" "zip" {
  name = "zip-missing"
  code = {
    zip_file     = var.zip_file
    git_password = var.git_password
  }
}
`, []string{"-var", "zip_file=" + missing, "-var", "git_password=" + leakGitPassword},
			`resource "scf_function" "zip"`, 2},
		{"password written in place", fmt.Sprintf(`
resource "scf_function" "zip" {
  name        = "zip-missing"
  code_source = "Git"
  code        = { zip_file = %q, git_url = %q, git_password = %q }
}
`, missing, leakGitRepo, leakGitPassword2), nil, `resource "scf_function" "zip"`, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cli.write(env.providerBlock() + tc.resources)
			want := lineOf(t, cli, tc.pointAt)
			for _, format := range [][]string{{"-json"}, {"-no-color"}} {
				args := append(append([]string{"plan", "-input=false"}, format...), tc.args...)
				res := cli.run(ctx, nil, args...)
				if res.ExitCode == 0 {
					t.Fatalf("plan %v succeeded:\n%s", format, res.Output())
				}
				for _, secret := range []string{leakGitPassword, leakGitPassword2} {
					if strings.Contains(res.Output(), secret) {
						t.Errorf("plan %v prints the Git password:\n%s", format, res.Output())
					}
				}
				if format[0] == "-no-color" {
					if !strings.Contains(res.Stderr, "Error: Invalid Zip File") || !strings.Contains(res.Stderr, "Attribute code.zip_file:") {
						t.Errorf("the human-readable output lacks the zip error or its attribute:\n%s", res.Stderr)
					}
					t.Logf("%s:\n%s", tc.name, res.Stderr)
					continue
				}
				var errs, zip []jsonDiagnostic
				for _, d := range jsonDiagnostics(t, res.Stdout) {
					if d.Severity != "error" {
						continue
					}
					errs = append(errs, d)
					if d.Summary == validators.SummaryZipFile {
						zip = append(zip, d)
					}
				}
				if len(errs) != tc.errors || len(zip) != 1 {
					t.Fatalf("want %d errors, one of them %q; got %+v\n%s", tc.errors, validators.SummaryZipFile, errs, res.Output())
				}
				d := zip[0]
				if !strings.HasPrefix(d.Detail, wantDetail) {
					t.Errorf("detail\n got %s\nwant %s…", d.Detail, wantDetail)
				}
				if d.Range == nil || d.Snippet == nil {
					t.Fatalf("the diagnostic has no source location: %+v", d)
				}
				if d.Range.Start.Line != want || !strings.HasPrefix(strings.TrimSpace(d.Snippet.Code), tc.pointAt) {
					t.Errorf("points at line %d, %q; want line %d, starting %q", d.Range.Start.Line, d.Snippet.Code, want, tc.pointAt)
				}
				if tc.pointAt == "code = {" && !strings.Contains(d.Snippet.Code, "zip_file") {
					t.Errorf("the snippet %q does not show zip_file", d.Snippet.Code)
				}
				if len(d.Snippet.Values) != 0 {
					t.Errorf("the snippet shows values: %s", d.Snippet.Values)
				}
			}
		})
	}
}
