package validators

import (
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// pointSchema has what PointAt must tell apart: an object with a sensitive
// attribute, objects and lists without one, and a map.
var pointSchema = schema.Schema{Attributes: map[string]schema.Attribute{
	"name": schema.StringAttribute{Optional: true},
	"code": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
		"zip_file":     schema.StringAttribute{Optional: true},
		"git_password": schema.StringAttribute{Optional: true, Sensitive: true},
	}},
	"dead_letter_config": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
		"name": schema.StringAttribute{Optional: true},
	}},
	"layers": schema.ListNestedAttribute{Optional: true, NestedObject: schema.NestedAttributeObject{
		Attributes: map[string]schema.Attribute{"name": schema.StringAttribute{Optional: true}},
	}},
	"environment": schema.MapAttribute{Optional: true, ElementType: types.StringType},
	"secret_key":  schema.StringAttribute{Optional: true, Sensitive: true},
}}

func attrType(name string) tftypes.Type {
	return pointSchema.Attributes[name].GetType().TerraformType(context.Background())
}

// pointConfig builds a configuration; code is the value of code.git_password
// (tftypes.UnknownValue, nil or a string), or the whole code object when it
// is a tftypes.Value.
func pointConfig(t *testing.T, code any, secretKey any) tfsdk.Config {
	t.Helper()
	ctx := context.Background()
	codeValue, ok := code.(tftypes.Value)
	if !ok {
		codeValue = tftypes.NewValue(attrType("code"), map[string]tftypes.Value{
			"zip_file":     tftypes.NewValue(tftypes.String, "missing.zip"),
			"git_password": tftypes.NewValue(tftypes.String, code),
		})
	}
	layers, ok := attrType("layers").(tftypes.List)
	if !ok {
		t.Fatalf("layers has type %T", attrType("layers"))
	}
	layerType := layers.ElementType
	layer := func(n string) tftypes.Value {
		return tftypes.NewValue(layerType, map[string]tftypes.Value{"name": tftypes.NewValue(tftypes.String, n)})
	}
	raw := tftypes.NewValue(pointSchema.Type().TerraformType(ctx), map[string]tftypes.Value{
		"name": tftypes.NewValue(tftypes.String, "fn"),
		"code": codeValue,
		"dead_letter_config": tftypes.NewValue(attrType("dead_letter_config"), map[string]tftypes.Value{
			"name": tftypes.NewValue(tftypes.String, ""),
		}),
		"layers": tftypes.NewValue(attrType("layers"), []tftypes.Value{layer("a"), layer("")}),
		"environment": tftypes.NewValue(attrType("environment"), map[string]tftypes.Value{
			"1A": tftypes.NewValue(tftypes.String, "v"),
		}),
		"secret_key": tftypes.NewValue(tftypes.String, secretKey),
	})
	return tfsdk.Config{Schema: pointSchema, Raw: raw}
}

func TestPointAt(t *testing.T) {
	ctx := context.Background()
	code := path.Root("code")
	none := pointConfig(t, nil, nil)
	password := pointConfig(t, "hunter2", nil)
	later := pointConfig(t, tftypes.UnknownValue, nil)
	codeUnknown := pointConfig(t, tftypes.NewValue(attrType("code"), tftypes.UnknownValue), nil)
	codeNull := pointConfig(t, tftypes.NewValue(attrType("code"), nil), nil)
	key := pointConfig(t, nil, "LEAK-key")
	tests := []struct {
		name   string
		config tfsdk.Config
		p      path.Path
		want   path.Path
	}{
		{"nested in an object without a secret", none, code.AtName("zip_file"), code},
		{"the object without a secret", none, code, code},
		{"nested in an object with a set password", password, code.AtName("zip_file"), path.Empty()},
		{"the object with a set password", password, code, path.Empty()},
		{"the password itself", password, code.AtName("git_password"), path.Empty()},
		{"a password known only after apply", later, code.AtName("zip_file"), path.Empty()},
		{"an object known only after apply", codeUnknown, code.AtName("zip_file"), path.Empty()},
		{"an object that is not set", codeNull, code, code},
		{"a top-level attribute", password, path.Root("name"), path.Root("name")},
		{"a map element", password, path.Root("environment").AtMapKey("1A"), path.Root("environment").AtMapKey("1A")},
		{"an attribute of a list element", none, path.Root("layers").AtListIndex(1).AtName("name"), path.Root("layers").AtListIndex(1)},
		{"an attribute named like a top-level one", none, path.Root("dead_letter_config").AtName("name"), path.Root("dead_letter_config")},
		{"a set sensitive top-level attribute", key, path.Root("secret_key"), path.Empty()},
		{"an unset sensitive top-level attribute", none, path.Root("secret_key"), path.Root("secret_key")},
		{"no configuration to look at", tfsdk.Config{}, code.AtName("zip_file"), path.Empty()},
		{"no path", none, path.Empty(), path.Empty()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := PointAt(ctx, tt.config, tt.p); !got.Equal(tt.want) {
				t.Errorf("PointAt(%s) = %q, want %q", tt.p, got, tt.want)
			}
		})
	}
}

func TestViolationReport(t *testing.T) {
	ctx := context.Background()
	v := Violation{Summary: "Invalid Zip File", Path: path.Root("code").AtName("zip_file"),
		Problem: `zip file "missing.zip" does not exist`, Rule: ZipFileRule}
	const want = `Attribute code.zip_file: zip file "missing.zip" does not exist. It must be the path of an existing, ` +
		`readable, non-empty zip archive of at most 50 MiB (52428800 bytes); a leading "~/" stands for the home directory.`
	for _, tt := range []struct {
		config tfsdk.Config
		want   path.Path
	}{{pointConfig(t, nil, nil), path.Root("code")}, {pointConfig(t, "hunter2", nil), path.Empty()}} {
		var diags diag.Diagnostics
		v.Report(ctx, tt.config, &diags)
		if len(diags) != 1 || diags[0].Summary() != v.Summary || diags[0].Detail() != want {
			t.Fatalf("diagnostics = %v, want detail %s", diags, want)
		}
		got := path.Empty()
		if wp, ok := diags[0].(diag.DiagnosticWithPath); ok {
			got = wp.Path()
		}
		if !got.Equal(tt.want) {
			t.Errorf("points at %q, want %q", got, tt.want)
		}
	}
}

func TestPointedMovesLibraryDiagnostics(t *testing.T) {
	ctx := context.Background()
	attrs := Pointed(map[string]schema.Attribute{
		"dead_letter_config": schema.SingleNestedAttribute{Optional: true, Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{Optional: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}},
		}},
	})
	dlq, ok := attrs["dead_letter_config"].(schema.SingleNestedAttribute)
	if !ok {
		t.Fatalf("dead_letter_config is a %T", attrs["dead_letter_config"])
	}
	name, ok := dlq.Attributes["name"].(schema.StringAttribute)
	if !ok {
		t.Fatalf("dead_letter_config.name is a %T", dlq.Attributes["name"])
	}
	v := name.Validators[0]
	if !IsPointed(v) {
		t.Fatalf("validator %T is not wrapped", v)
	}
	validate := func(config tfsdk.Config) diag.Diagnostics {
		p := path.Root("dead_letter_config").AtName("name")
		req := validator.StringRequest{Path: p, PathExpression: p.Expression(), Config: config, ConfigValue: types.StringValue("")}
		var resp validator.StringResponse
		v.ValidateString(ctx, req, &resp)
		return resp.Diagnostics
	}

	d := validate(pointConfig(t, nil, nil))
	if len(d) != 1 || !strings.HasPrefix(d[0].Detail(), "Attribute dead_letter_config.name string length must be at least 1") {
		t.Fatalf("diagnostics = %v; the library's text must be kept", d)
	}
	if wp, ok := d[0].(diag.DiagnosticWithPath); !ok || !wp.Path().Equal(path.Root("dead_letter_config")) {
		t.Errorf("diagnostic %v should point at dead_letter_config", d[0])
	}
	if d := validate(tfsdk.Config{}); len(d) != 1 || d[0].Severity() != diag.SeverityError {
		t.Fatalf("without a configuration: %v", d)
	} else if _, ok := d[0].(diag.DiagnosticWithPath); ok {
		t.Errorf("without a configuration to check for secrets, %v should point at no attribute", d[0])
	}
	if d := (pointedString{stringvalidator.LengthAtLeast(1)}).Description(ctx); d == "" {
		t.Error("the wrapper must keep the description")
	}
}

func TestShown(t *testing.T) {
	for _, tt := range []struct {
		p    path.Path
		want bool
	}{
		{path.Root("name"), true},
		{path.Root("environment").AtMapKey("A"), true},
		{path.Root("layers").AtListIndex(0), true},
		{path.Root("code").AtName("zip_file"), false},
		{path.Root("layers").AtListIndex(0).AtName("name"), false},
		{path.Root("public_net_config").AtName("eip_config"), false},
		{path.Empty(), false},
	} {
		if got := Shown(tt.p); got != tt.want {
			t.Errorf("Shown(%s) = %v, want %v", tt.p, got, tt.want)
		}
	}
}
