package provider

import (
	"archive/zip"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

// BenchmarkPlanCreate is the provider's share of `terraform plan` for one new
// scf_function: ValidateResourceConfig and PlanResourceChange through the
// protocol server main.go serves, with the configuration that `make bench` plans 1,000
// times. It makes no API calls. Profile it with
//
//	go test -run '^$' -bench PlanCreate -benchmem -cpuprofile cpu.prof ./internal/provider/
func BenchmarkPlanCreate(b *testing.B) {
	ctx := context.Background()
	server := NewProtocol6Server("bench")()
	schemaResp, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		b.Fatal(err)
	}
	providerType := schemaResp.Provider.ValueType()
	resourceType := schemaResp.ResourceSchemas["scf_function"].ValueType()

	providerConfig := benchDynamicValue(b, providerType, map[string]tftypes.Value{
		"region":     tftypes.NewValue(tftypes.String, testRegion),
		"secret_id":  tftypes.NewValue(tftypes.String, fakescf.DefaultSecretID),
		"secret_key": tftypes.NewValue(tftypes.String, fakescf.DefaultSecretKey),
		"endpoint":   tftypes.NewValue(tftypes.String, "http://127.0.0.1:1"),
	})
	configure, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.11.4", Config: providerConfig})
	if err != nil || benchHasError(configure.Diagnostics) {
		b.Fatalf("configure: %v %v", err, configure.Diagnostics)
	}

	objType, ok := resourceType.(tftypes.Object)
	if !ok {
		b.Fatalf("resource type is %T", resourceType)
	}
	codeType, ok := objType.AttributeTypes["code"].(tftypes.Object)
	if !ok {
		b.Fatalf("code type is %T", objType.AttributeTypes["code"])
	}
	code := map[string]tftypes.Value{"zip_file": tftypes.NewValue(tftypes.String, benchZip(b))}
	config := benchDynamicValue(b, resourceType, map[string]tftypes.Value{
		"name":        tftypes.NewValue(tftypes.String, "bench-1"),
		"runtime":     tftypes.NewValue(tftypes.String, "Python3.9"),
		"handler":     tftypes.NewValue(tftypes.String, "index.main_handler"),
		"description": tftypes.NewValue(tftypes.String, "bench function 1"),
		"memory_size": tftypes.NewValue(tftypes.Number, 128),
		"timeout":     tftypes.NewValue(tftypes.Number, 3),
		"code":        benchObject(codeType, code),
	})
	prior, err := tfprotov6.NewDynamicValue(resourceType, tftypes.NewValue(resourceType, nil))
	if err != nil {
		b.Fatal(err)
	}

	b.ReportAllocs()
	for b.Loop() {
		v, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "scf_function", Config: config})
		if err != nil || benchHasError(v.Diagnostics) {
			b.Fatalf("validate: %v %v", err, v.Diagnostics)
		}
		p, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{
			TypeName: "scf_function", Config: config, ProposedNewState: config, PriorState: &prior,
		})
		if err != nil || benchHasError(p.Diagnostics) {
			b.Fatalf("plan: %v %v", err, p.Diagnostics)
		}
	}
}

// benchDynamicValue encodes an object of typ with the given attributes and null
// for every other one.
func benchDynamicValue(b testing.TB, typ tftypes.Type, set map[string]tftypes.Value) *tfprotov6.DynamicValue {
	b.Helper()
	obj, ok := typ.(tftypes.Object)
	if !ok {
		b.Fatalf("not an object type: %T", typ)
	}
	dv, err := tfprotov6.NewDynamicValue(typ, benchObject(obj, set))
	if err != nil {
		b.Fatal(err)
	}
	return &dv
}

func benchObject(typ tftypes.Object, set map[string]tftypes.Value) tftypes.Value {
	values := map[string]tftypes.Value{}
	for name, t := range typ.AttributeTypes {
		if v, ok := set[name]; ok {
			values[name] = v
			continue
		}
		values[name] = tftypes.NewValue(t, nil)
	}
	return tftypes.NewValue(typ, values)
}

func benchZip(b testing.TB) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "code.zip")
	f, err := os.Create(path)
	if err != nil {
		b.Fatal(err)
	}
	zw := zip.NewWriter(f)
	w, err := zw.Create("index.py")
	if err == nil {
		_, err = w.Write([]byte("def main_handler(event, context):\n    return 'hello'\n"))
	}
	if err == nil {
		err = zw.Close()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		b.Fatal(err)
	}
	return path
}

func benchHasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

// TestApplyKeepsTheFastPaths: Terraform allows deferrals in every apply
// (it configures the provider with DeferralAllowed), and the provider never
// defers, so the fast planner keeps planning there: a plan of a new
// function allocates a tenth of what the framework's does.
func TestApplyKeepsTheFastPaths(t *testing.T) {
	ctx := context.Background()
	env := newTestEnv(t, fakescf.Options{})
	p := &scfProvider{version: "test", tuneClient: fastClient}
	server := newProtocol6Server(p)()
	schemaResp, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	providerConfig := benchDynamicValue(t, schemaResp.Provider.ValueType(), map[string]tftypes.Value{
		"region":     tftypes.NewValue(tftypes.String, testRegion),
		"secret_id":  tftypes.NewValue(tftypes.String, fakescf.DefaultSecretID),
		"secret_key": tftypes.NewValue(tftypes.String, fakescf.DefaultSecretKey),
		"endpoint":   tftypes.NewValue(tftypes.String, env.url),
	})
	configure, err := server.ConfigureProvider(ctx, &tfprotov6.ConfigureProviderRequest{TerraformVersion: "1.14.9", Config: providerConfig,
		ClientCapabilities: &tfprotov6.ConfigureProviderClientCapabilities{DeferralAllowed: true}})
	if err != nil || benchHasError(configure.Diagnostics) {
		t.Fatalf("configure: %v %v", err, configure.Diagnostics)
	}
	if p.deferred.Load() {
		t.Fatal("the provider's Configure deferred")
	}
	resourceType, ok := schemaResp.ResourceSchemas["scf_function"].ValueType().(tftypes.Object)
	if !ok {
		t.Fatal("scf_function is not an object")
	}
	codeType, _ := resourceType.AttributeTypes["code"].(tftypes.Object)
	config := benchDynamicValue(t, resourceType, map[string]tftypes.Value{
		"name": tftypes.NewValue(tftypes.String, "apply-1"),
		"code": benchObject(codeType, map[string]tftypes.Value{"zip_file": tftypes.NewValue(tftypes.String, benchZip(t))}),
	})
	prior, err := tfprotov6.NewDynamicValue(resourceType, tftypes.NewValue(resourceType, nil))
	if err != nil {
		t.Fatal(err)
	}
	plan := func() {
		resp, err := server.PlanResourceChange(ctx, &tfprotov6.PlanResourceChangeRequest{TypeName: "scf_function",
			Config: config, ProposedNewState: config, PriorState: &prior,
			ClientCapabilities: &tfprotov6.PlanResourceChangeClientCapabilities{DeferralAllowed: true}})
		if err != nil || benchHasError(resp.Diagnostics) || resp.Deferred != nil {
			t.Fatalf("plan: %v %v %v", err, resp.Diagnostics, resp.Deferred)
		}
	}
	// The framework's plan of scf_function allocates about 30,000 times, the
	// fast planner about 2,000 (BenchmarkPlanCreate, validation included).
	allocs := testing.AllocsPerRun(5, plan)
	t.Logf("%.0f allocations per plan", allocs)
	if allocs > 10000 {
		t.Errorf("a plan after configuring for an apply allocates %.0f times: the framework planned it", allocs)
	}
}
