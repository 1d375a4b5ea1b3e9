package validators

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// wantDiag asserts exactly one diagnostic with the given severity, summary and
// attribute path, whose detail names that path first, as every diagnostic
// of the provider does, and contains every fragment.
func wantDiag(t *testing.T, diags diag.Diagnostics, sev diag.Severity, summary string, p path.Path, fragments ...string) {
	t.Helper()
	if len(diags) != 1 {
		t.Fatalf("got %d diagnostics, want 1: %v", len(diags), diags)
	}
	d := diags[0]
	if d.Severity() != sev || d.Summary() != summary {
		t.Errorf("diagnostic = %v %q, want %v %q", d.Severity(), d.Summary(), sev, summary)
	}
	wp, ok := d.(diag.DiagnosticWithPath)
	if !ok || !wp.Path().Equal(p) {
		t.Errorf("diagnostic path = %v, want %v", d, p)
	}
	if want := "Attribute " + p.String() + ": "; !strings.HasPrefix(d.Detail(), want) || !strings.HasSuffix(d.Detail(), ".") {
		t.Errorf("detail %q should be a sentence starting with %q", d.Detail(), want)
	}
	for _, f := range fragments {
		if !strings.Contains(d.Detail(), f) {
			t.Errorf("detail %q does not contain %q", d.Detail(), f)
		}
	}
}

func validateString(v validator.String, p path.Path, value types.String) diag.Diagnostics {
	req := validator.StringRequest{Path: p, PathExpression: p.Expression(), ConfigValue: value}
	var resp validator.StringResponse
	v.ValidateString(context.Background(), req, &resp)
	return resp.Diagnostics
}

func TestStringValidators(t *testing.T) {
	p := path.Root("attr")
	tests := []struct {
		name    string
		v       validator.String
		bad     string
		good    string
		summary string
		detail  []string
	}{
		{"function name", FunctionName(), "1fn", "fn1", SummaryFunctionName,
			[]string{`function name "1fn" is invalid: it starts with '1', not a letter.`, "A function name must be 2-60 characters"}},
		{"namespace", Namespace(), "my ns", "my-ns", SummaryNamespace,
			[]string{`namespace "my ns" is invalid: character 3`, "A namespace must be 1-30 characters"}},
		{"description", Description(), "bad!", "good.", SummaryDescription,
			[]string{"description is invalid: character 4, '!'", "A description must be at most 1000 characters"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantDiag(t, validateString(tt.v, p, types.StringValue(tt.bad)), diag.SeverityError, tt.summary, p, tt.detail...)
			for _, ok := range []types.String{types.StringValue(tt.good), types.StringNull(), types.StringUnknown()} {
				if d := validateString(tt.v, p, ok); len(d) != 0 {
					t.Errorf("value %v: unexpected diagnostics %v", ok, d)
				}
			}
			ctx := context.Background()
			if tt.v.Description(ctx) == "" || tt.v.MarkdownDescription(ctx) == "" {
				t.Error("empty description")
			}
		})
	}
}

func TestDetailNamesThePathTheProblemAndTheRule(t *testing.T) {
	d := validateString(FunctionName(), path.Root("name"), types.StringValue("x"))
	if len(d) != 1 {
		t.Fatalf("diagnostics: %v", d)
	}
	want := `Attribute name: function name "x" is invalid: it is 1 characters long. A function name must be 2-60 ` +
		`characters of letters, digits, "-" and "_", start with a letter and not end with "-" or "_".`
	if got := d[0].Detail(); got != want {
		t.Errorf("detail\n got %s\nwant %s", got, want)
	}
}

func TestMemorySizeValidator(t *testing.T) {
	p := path.Root("memory_size")
	run := func(v types.Int64) diag.Diagnostics {
		var resp validator.Int64Response
		MemorySize().ValidateInt64(context.Background(),
			validator.Int64Request{Path: p, PathExpression: p.Expression(), ConfigValue: v}, &resp)
		return resp.Diagnostics
	}
	wantDiag(t, run(types.Int64Value(100)), diag.SeverityError, SummaryMemorySize, p,
		"memory size 100 MB is invalid", "64 and 128", "Memory size must be 64 MB, or 128 to 3072 MB in steps of 128 MB.")
	for _, ok := range []types.Int64{types.Int64Value(64), types.Int64Value(3072), types.Int64Null(), types.Int64Unknown()} {
		if d := run(ok); len(d) != 0 {
			t.Errorf("%v: %v", ok, d)
		}
	}
	if MemorySize().Description(context.Background()) == "" || MemorySize().MarkdownDescription(context.Background()) == "" {
		t.Error("empty description")
	}
}

func TestTimeoutValidators(t *testing.T) {
	run := func(v validator.Int64, n int64) int {
		var resp validator.Int64Response
		v.ValidateInt64(context.Background(),
			validator.Int64Request{Path: path.Root("t"), ConfigValue: types.Int64Value(n)}, &resp)
		return resp.Diagnostics.ErrorsCount()
	}
	for n, want := range map[int64]int{0: 1, 1: 0, 900: 0, 901: 1} {
		if got := run(Timeout(), n); got != want {
			t.Errorf("Timeout(%d): %d errors, want %d", n, got, want)
		}
	}
	for n, want := range map[int64]int{0: 1, 1: 0, 300: 0, 301: 1} {
		if got := run(InitTimeout(), n); got != want {
			t.Errorf("InitTimeout(%d): %d errors, want %d", n, got, want)
		}
	}
}

func envValue(t *testing.T, elems map[string]attr.Value) types.Map {
	t.Helper()
	m, d := types.MapValue(types.StringType, elems)
	if d.HasError() {
		t.Fatal(d)
	}
	return m
}

func TestEnvironmentValidator(t *testing.T) {
	p := path.Root("environment")
	run := func(v types.Map) diag.Diagnostics {
		var resp validator.MapResponse
		Environment().ValidateMap(context.Background(),
			validator.MapRequest{Path: p, PathExpression: p.Expression(), ConfigValue: v}, &resp)
		return resp.Diagnostics
	}
	secret := strings.Repeat("S3cr3t", 700) // 4200 bytes
	wantDiag(t, run(envValue(t, map[string]attr.Value{"TOKEN": types.StringValue(secret)})),
		diag.SeverityError, SummaryEnvironment, p, "4205 bytes", `"TOKEN"`, "must be at most 4096 bytes")
	if d := run(envValue(t, map[string]attr.Value{"TOKEN": types.StringValue(secret)})); strings.Contains(d[0].Detail(), "S3cr3t") {
		t.Errorf("detail leaks the value: %s", d[0].Detail())
	}

	// A bad name is reported at its own element.
	wantDiag(t, run(envValue(t, map[string]attr.Value{"9LIVES": types.StringValue("x")})),
		diag.SeverityError, SummaryEnvironment, p.AtMapKey("9LIVES"), `name "9LIVES" is invalid`,
		"An environment variable name must start with a letter")

	// Two bad names give two diagnostics, in name order.
	d := run(envValue(t, map[string]attr.Value{"B-B": types.StringValue(""), "A-A": types.StringValue("")}))
	if len(d) != 2 || !strings.HasPrefix(d[0].Detail(), `Attribute environment["A-A"]: `) ||
		!strings.HasPrefix(d[1].Detail(), `Attribute environment["B-B"]: `) {
		t.Errorf("diagnostics = %v", d)
	}

	// An unknown value skips the size check but names are still checked.
	d = run(envValue(t, map[string]attr.Value{
		"BIG": types.StringValue(strings.Repeat("x", 5000)), "LATER": types.StringUnknown(), "bad-name": types.StringValue("v"),
	}))
	wantDiag(t, d, diag.SeverityError, SummaryEnvironment, p.AtMapKey("bad-name"), `"bad-name"`)

	// Null elements count as empty.
	if d := run(envValue(t, map[string]attr.Value{"A": types.StringNull()})); len(d) != 0 {
		t.Errorf("null element: %v", d)
	}
	for _, ok := range []types.Map{
		types.MapNull(types.StringType), types.MapUnknown(types.StringType),
		envValue(t, map[string]attr.Value{"K": types.StringValue(strings.Repeat("v", 4095))}),
	} {
		if d := run(ok); len(d) != 0 {
			t.Errorf("unexpected diagnostics: %v", d)
		}
	}
	if Environment().Description(context.Background()) == "" || Environment().MarkdownDescription(context.Background()) == "" {
		t.Error("empty description")
	}
}

func TestEnvironmentValidatorWrongElementType(t *testing.T) {
	m, diags := types.MapValue(types.Int64Type, map[string]attr.Value{"A": types.Int64Value(1)})
	if diags.HasError() {
		t.Fatal(diags)
	}
	var resp validator.MapResponse
	Environment().ValidateMap(context.Background(), validator.MapRequest{Path: path.Root("e"), ConfigValue: m}, &resp)
	if !resp.Diagnostics.HasError() || !strings.HasPrefix(resp.Diagnostics[0].Detail(), `Attribute e["A"]: `) ||
		!strings.Contains(resp.Diagnostics[0].Detail(), "bug in the provider") {
		t.Errorf("diagnostics = %v", resp.Diagnostics)
	}
}

// handlerSchema has a top-level runtime/handler pair and the same pair inside
// a nested block, to exercise root and relative runtime expressions.
var handlerSchema = schema.Schema{Attributes: map[string]schema.Attribute{
	"runtime": schema.StringAttribute{Optional: true},
	"handler": schema.StringAttribute{Optional: true},
	"image": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
		"runtime": schema.StringAttribute{Optional: true},
		"handler": schema.StringAttribute{Optional: true},
	}},
}}

var stringNull = tftypes.NewValue(tftypes.String, nil)

func handlerConfig(t *testing.T, runtime, handler, image tftypes.Value) tfsdk.Config {
	t.Helper()
	typ := handlerSchema.Type().TerraformType(context.Background())
	return tfsdk.Config{Schema: handlerSchema, Raw: tftypes.NewValue(typ, map[string]tftypes.Value{
		"runtime": runtime, "handler": handler, "image": image,
	})}
}

func imageValue(t *testing.T, runtime, handler tftypes.Value) tftypes.Value {
	t.Helper()
	typ := handlerSchema.Attributes["image"].GetType().TerraformType(context.Background())
	return tftypes.NewValue(typ, map[string]tftypes.Value{"runtime": runtime, "handler": handler})
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

func TestHandlerValidator(t *testing.T) {
	imageNull := tftypes.NewValue(handlerSchema.Attributes["image"].GetType().TerraformType(context.Background()), nil)
	p := path.Root("handler")
	run := func(runtime tftypes.Value, handler types.String) diag.Diagnostics {
		cfg := handlerConfig(t, runtime, str(handler.ValueString()), imageNull)
		req := validator.StringRequest{Path: p, PathExpression: p.Expression(), Config: cfg, ConfigValue: handler}
		var resp validator.StringResponse
		Handler(path.MatchRoot("runtime")).ValidateString(context.Background(), req, &resp)
		return resp.Diagnostics
	}

	wantDiag(t, run(str("Java8"), types.StringValue("index.main")), diag.SeverityError, SummaryHandler, p,
		`handler "index.main" is invalid`, "For runtime Java8 the handler must be", "package.Class::method")
	wantDiag(t, run(str("Python3.9"), types.StringValue("example.Hello::main")), diag.SeverityError, SummaryHandler, p,
		"For runtime Python3.9")
	// A null runtime means Python2.7.
	wantDiag(t, run(stringNull, types.StringValue("main")), diag.SeverityError, SummaryHandler, p, "runtime Python2.7")

	ok := []struct {
		runtime tftypes.Value
		handler types.String
	}{
		{str("Java8"), types.StringValue("example.Hello::main")},
		{str("Go1"), types.StringValue("main")},
		{str("CustomRuntime"), types.StringValue("bootstrap")},
		{stringNull, types.StringValue("index.main_handler")},
		// Runtime unknown (e.g. from a variable not yet known): skip.
		{tftypes.NewValue(tftypes.String, tftypes.UnknownValue), types.StringValue("anything at all")},
		{str("Java8"), types.StringNull()},
		{str("Java8"), types.StringUnknown()},
	}
	for _, c := range ok {
		if d := run(c.runtime, c.handler); len(d) != 0 {
			t.Errorf("runtime %v handler %v: %v", c.runtime, c.handler, d)
		}
	}
	v := Handler(path.MatchRoot("runtime"))
	if v.Description(context.Background()) == "" || v.MarkdownDescription(context.Background()) == "" {
		t.Error("empty description")
	}
}

func TestHandlerValidatorRelativeRuntime(t *testing.T) {
	p := path.Root("image").AtName("handler")
	run := func(image tftypes.Value, handler string) diag.Diagnostics {
		// The top-level runtime is Java8 to prove the nested one is used.
		cfg := handlerConfig(t, str("Java8"), stringNull, image)
		req := validator.StringRequest{Path: p, PathExpression: p.Expression(), Config: cfg, ConfigValue: types.StringValue(handler)}
		var resp validator.StringResponse
		Handler(path.MatchRelative().AtParent().AtName("runtime")).ValidateString(context.Background(), req, &resp)
		return resp.Diagnostics
	}
	if d := run(imageValue(t, str("Go1"), str("main")), "main"); len(d) != 0 {
		t.Errorf("nested Go1 runtime should accept main: %v", d)
	}
	wantDiag(t, run(imageValue(t, str("Python3.9"), str("main")), "main"), diag.SeverityError, SummaryHandler, p,
		"For runtime Python3.9")
}

func TestHandlerValidatorBadExpression(t *testing.T) {
	p := path.Root("handler")
	imageNull := tftypes.NewValue(handlerSchema.Attributes["image"].GetType().TerraformType(context.Background()), nil)
	cfg := handlerConfig(t, str("Java8"), str("x"), imageNull)
	req := validator.StringRequest{Path: p, PathExpression: p.Expression(), Config: cfg, ConfigValue: types.StringValue("x")}
	var resp validator.StringResponse
	Handler(path.MatchRoot("no_such_attribute")).ValidateString(context.Background(), req, &resp)
	if !resp.Diagnostics.HasError() {
		t.Error("a path expression outside the schema should be reported as a provider bug")
	}
}

func writeZip(t *testing.T, p string, body []byte) {
	t.Helper()
	f, err := os.Create(p)
	if err != nil {
		t.Fatal(err)
	}
	w := zip.NewWriter(f)
	fw, err := w.CreateHeader(&zip.FileHeader{Name: "blob", Method: zip.Store})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := fw.Write(body); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestZipFileValidator(t *testing.T) {
	dir := t.TempDir()
	p := path.Root("code").AtName("zip_file")
	small := filepath.Join(dir, "small.zip")
	writeZip(t, small, []byte("print('hi')"))
	large := filepath.Join(dir, "large.zip")
	writeZip(t, large, make([]byte, 8<<20)) // base64 ≈ 10.7 MiB
	notZip := filepath.Join(dir, "notzip.zip")
	if err := os.WriteFile(notZip, []byte("plain text"), 0o600); err != nil {
		t.Fatal(err)
	}

	for _, ok := range []types.String{types.StringValue(small), types.StringNull(), types.StringUnknown()} {
		if d := validateString(ZipFile(), p, ok); len(d) != 0 {
			t.Errorf("%v: %v", ok, d)
		}
	}
	rule := "It must be the path of an existing, readable, non-empty zip archive of at most 50 MiB"
	wantDiag(t, validateString(ZipFile(), p, types.StringValue(notZip)), diag.SeverityError, SummaryZipFile, p,
		"is not a zip archive", notZip, rule)
	wantDiag(t, validateString(ZipFile(), p, types.StringValue(filepath.Join(dir, "missing.zip"))),
		diag.SeverityError, SummaryZipFile, p, "missing.zip\" does not exist. "+rule)
	wantDiag(t, validateString(ZipFile(), p, types.StringValue(dir)), diag.SeverityError, SummaryZipFile, p,
		"is a directory", rule)
	wantDiag(t, validateString(ZipFile(), p, types.StringValue(large)), diag.SeverityWarning, SummaryLargeZipFile, p,
		"COS", "10485760", "code.cos_bucket_name")

	if ZipFile().Description(context.Background()) == "" || ZipFile().MarkdownDescription(context.Background()) == "" {
		t.Error("empty description")
	}
}

func TestZipFileValidatorExpandsHome(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	writeZip(t, filepath.Join(home, "fn.zip"), []byte("x"))
	if d := validateString(ZipFile(), path.Root("zip_file"), types.StringValue("~/fn.zip")); len(d) != 0 {
		t.Errorf("~/ not expanded: %v", d)
	}
}
