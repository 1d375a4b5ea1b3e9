package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// Terraform 1.5 and later write the configuration of an imported resource
// themselves (`terraform plan -generate-config-out`); Terraform 1.14 would
// ask a provider that advertises the GenerateResourceConfig RPC instead.
// Either way the file is built from the imported state and the schema
// alone, so what it holds is decided by the schema and by what Read records:
// these tests run the real CLI on a function of each kind made outside
// Terraform and check that the generated file is one a user would keep: it
// validates without a warning, plans nothing but the import, and after the
// import plans nothing at all; and that the framework's RPC writes the same.

// generatedConfigCase is one kind of function made outside Terraform.
type generatedConfigCase struct {
	name      string
	namespace string
	// create makes the function through the API, as the console would,
	// and returns it as the service reports it.
	create func(env *testEnv, zipPath string) *scfapi.Function
	// want is what the generated resource block configures for that
	// function: its attributes with their values, null ones left out.
	want func(deployed *scfapi.Function) map[string]any
	// nestedReadOnly marks a function with a nested attribute holding a
	// read-only one (intranet_config.ip_addresses), which older CLIs cannot
	// generate.
	nestedReadOnly bool
}

func TestAccSCFFunctionGenerateConfig(t *testing.T) {
	for _, tc := range generatedConfigCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			testGeneratedConfig(t, tc)
		})
	}
}

func generatedConfigCases() []generatedConfigCase {
	python := func(req *scfapi.CreateFunctionRequest) { req.Runtime = ptr("Python3.9") }
	image := func(ic *scfapi.ImageConfig) func(*scfapi.CreateFunctionRequest) {
		return func(req *scfapi.CreateFunctionRequest) {
			req.Runtime, req.Handler, req.Code = ptr(runtimeCustomImage), nil, &scfapi.Code{ImageConfig: ic}
		}
	}
	return []generatedConfigCase{
		{
			name: "zip-fn",
			create: func(env *testEnv, zipPath string) *scfapi.Function {
				return env.createOutOfBand(scfapi.DefaultNamespace, "zip-fn", zipPath, python)
			},
			// No code: the service does not return a code package, and
			// leaving `code` out keeps the deployed one.
			want: fixed(generatedFunction("zip-fn", nil)),
		},
		{
			name:      "cos-fn",
			namespace: "team-gen",
			create: func(env *testEnv, zipPath string) *scfapi.Function {
				if err := env.client.CreateNamespace(context.Background(), "team-gen", ""); err != nil {
					env.t.Fatal(err)
				}
				return env.createOutOfBand("team-gen", "cos-fn", zipPath, python, func(req *scfapi.CreateFunctionRequest) {
					req.Code = &scfapi.Code{CosBucketName: ptr("scf-code"), CosObjectName: ptr("/demo/code.zip")}
					req.Description = ptr("code from COS")
					req.MemorySize, req.Timeout, req.InitTimeout = ptr(int64(256)), ptr(int64(30)), ptr(int64(20))
				})
			},
			want: fixed(generatedFunction("cos-fn", map[string]any{
				"namespace": "team-gen", "description": "code from COS", "memory_size": 256, "timeout": 30, "init_timeout": 20,
			})),
		},
		{
			name: "image-fn",
			create: func(env *testEnv, zipPath string) *scfapi.Function {
				return env.createOutOfBand(scfapi.DefaultNamespace, "image-fn", zipPath, image(&scfapi.ImageConfig{
					ImageType: ptr(imagePersonal), ImageUri: ptr(testImageRepo + ":v1"),
					Command: ptr("python"), Args: ptr("-u app.py"), EntryPoint: ptr("/bin/sh"), ImagePort: ptr(int64(8080)),
				}))
			},
			// The image as the service resolved it, pinned to its digest;
			// not the retired entry_point, which is only recorded where it
			// is configured.
			want: func(deployed *scfapi.Function) map[string]any {
				return generatedFunction("image-fn", map[string]any{
					"runtime": runtimeCustomImage, "handler": nil, "init_timeout": defaultImageInitTimeout,
					"code": map[string]any{"image_config": map[string]any{
						"image_type": imagePersonal, "image_uri": deref(deployed.ImageConfig.ImageUri),
						"command": "python", "args": "-u app.py", "image_port": 8080,
					}},
				})
			},
		},
		{
			name: "tcr-image-fn",
			create: func(env *testEnv, zipPath string) *scfapi.Function {
				return env.createOutOfBand(scfapi.DefaultNamespace, "tcr-image-fn", zipPath, image(&scfapi.ImageConfig{
					ImageType: ptr(imageEnterprise), ImageUri: ptr(testImageRepo + ":v2"), RegistryId: ptr("tcr-demo0001"),
					ContainerImageAccelerate: ptr(true), ImagePort: ptr(int64(-1)),
				}))
			},
			want: func(deployed *scfapi.Function) map[string]any {
				return generatedFunction("tcr-image-fn", map[string]any{
					"runtime": runtimeCustomImage, "handler": nil, "init_timeout": defaultImageInitTimeout,
					"code": map[string]any{"image_config": map[string]any{
						"image_type": imageEnterprise, "image_uri": deref(deployed.ImageConfig.ImageUri),
						"registry_id": "tcr-demo0001", "container_image_accelerate": true, "image_port": -1,
					}},
				})
			},
		},
		{
			name: "vpc-cfs-fn",
			create: func(env *testEnv, zipPath string) *scfapi.Function {
				return env.createOutOfBand(scfapi.DefaultNamespace, "vpc-cfs-fn", zipPath, python, func(req *scfapi.CreateFunctionRequest) {
					req.VpcConfig = &scfapi.VpcConfig{VpcId: ptr("vpc-demo0001"), SubnetId: ptr("subnet-demo0001")}
					req.CfsConfig = &scfapi.CfsConfig{CfsInsList: []*scfapi.CfsInsInfo{{
						UserId: ptr("10000"), UserGroupId: ptr("10000"), CfsId: ptr("cfs-abcd1234"), MountInsId: ptr("cfsmnt-1234"),
						LocalMountDir: ptr("/mnt/data"), RemoteMountDir: ptr("/"),
					}}}
					req.PublicNetConfig = &scfapi.PublicNetConfigIn{PublicNetStatus: ptr(disable)}
				})
			},
			want: fixed(generatedFunction("vpc-cfs-fn", map[string]any{
				"vpc_config": map[string]any{"vpc_id": "vpc-demo0001", "subnet_id": "subnet-demo0001"},
				"cfs_config": map[string]any{"cfs_ins_list": []any{map[string]any{
					"user_id": "10000", "user_group_id": "10000", "cfs_id": "cfs-abcd1234", "mount_ins_id": "cfsmnt-1234",
					"local_mount_dir": "/mnt/data", "remote_mount_dir": "/",
				}}},
				"public_net_config": map[string]any{"public_net_status": disable},
			})),
		},
		{
			name: "layers-tags-fn",
			create: func(env *testEnv, zipPath string) *scfapi.Function {
				return env.createOutOfBand(scfapi.DefaultNamespace, "layers-tags-fn", zipPath, python, func(req *scfapi.CreateFunctionRequest) {
					req.Layers = []*scfapi.LayerVersionSimple{
						{LayerName: ptr("common-libs"), LayerVersion: ptr(int64(2))},
						{LayerName: ptr("common-libs"), LayerVersion: ptr(int64(1))},
					}
					req.Tags = []*scfapi.Tag{{Key: ptr("team"), Value: ptr("payments")}, {Key: ptr("env"), Value: ptr("prod")}}
				})
			},
			// Layers keep their order: later ones overwrite earlier ones.
			want: fixed(generatedFunction("layers-tags-fn", map[string]any{
				"layers": []any{map[string]any{"name": "common-libs", "version": 2}, map[string]any{"name": "common-libs", "version": 1}},
				"tags":   map[string]any{"team": "payments", "env": "prod"},
			})),
		},
		{
			name: "settings-fn",
			create: func(env *testEnv, zipPath string) *scfapi.Function {
				return env.createOutOfBand(scfapi.DefaultNamespace, "settings-fn", zipPath, python, func(req *scfapi.CreateFunctionRequest) {
					req.Environment = &scfapi.Environment{Variables: []*scfapi.Variable{
						{Key: ptr("MODE"), Value: ptr("live")}, {Key: ptr("PORT"), Value: ptr("8080")},
						{Key: ptr("LIMITS"), Value: ptr(`{"rps":5}`)}, {Key: ptr("FEATURES"), Value: ptr("beta,tracing")},
					}}
					req.DeadLetterConfig = &scfapi.DeadLetterConfig{Type: ptr("CMQ-TOPIC"), Name: ptr("dlq-topic-demo"), FilterType: ptr("TAG")}
					req.PublicNetConfig = &scfapi.PublicNetConfigIn{PublicNetStatus: ptr(enable), EipConfig: &scfapi.EipConfigIn{EipStatus: ptr(enable)}}
					req.Role = ptr("SCF_QcsRole")
					req.ClsLogsetId, req.ClsTopicId = ptr("cls-logset-demo"), ptr("cls-topic-demo2")
					req.AsyncRunEnable, req.TraceEnable = ptr("TRUE"), ptr("TRUE")
					req.DnsCache = ptr("TRUE")
				})
			},
			// The environment comes back as the service holds it, values in
			// the clear: no name looks secret (those go to secret_environment,
			// which TestAccSecretEnvironments generates).
			want: fixed(generatedFunction("settings-fn", map[string]any{
				"environment":        map[string]any{"MODE": "live", "PORT": "8080", "LIMITS": `{"rps":5}`, "FEATURES": "beta,tracing"},
				"dead_letter_config": map[string]any{"type": "CMQ-TOPIC", "name": "dlq-topic-demo", "filter_type": "TAG"},
				"public_net_config":  map[string]any{"public_net_status": enable, "eip_config": map[string]any{"eip_status": enable}},
				"role":               "SCF_QcsRole", "cls_logset_id": "cls-logset-demo", "cls_topic_id": "cls-topic-demo2",
				"async_run_enable": true, "trace_enable": true, "dns_cache": true,
			})),
		},
		{
			name: "web-fn",
			create: func(env *testEnv, zipPath string) *scfapi.Function {
				return env.createOutOfBand(scfapi.DefaultNamespace, "web-fn", zipPath, python, func(req *scfapi.CreateFunctionRequest) {
					req.Type = ptr("HTTP")
					req.ProtocolType = ptr(protocolWebSocket)
					req.ProtocolParams = &scfapi.ProtocolParams{WSParams: &scfapi.WSParams{IdleTimeOut: ptr(uint64(120))}}
					req.InstanceConcurrencyConfig = &scfapi.InstanceConcurrencyConfig{
						MaxConcurrency: ptr(uint64(10)), InstanceIsolationEnabled: ptr("TRUE"), Type: ptr(sessionBased),
						SessionConfig: &scfapi.SessionConfig{
							SessionSource: ptr("HEADER"), SessionName: ptr("x-session"), MaximumTTLInSeconds: ptr(uint64(3600)),
							IdleTimeoutStrategy: ptr("PAUSE"),
						},
					}
				})
			},
			want: fixed(generatedFunction("web-fn", map[string]any{
				"type": "HTTP", "protocol_type": protocolWebSocket,
				"protocol_params": map[string]any{"ws_params": map[string]any{"idle_timeout": 120}},
				"instance_concurrency_config": map[string]any{
					"max_concurrency": 10, "instance_isolation_enabled": true, "type": sessionBased,
					"session_config": map[string]any{
						"session_source": "HEADER", "session_name": "x-session", "maximum_ttl_in_seconds": 3600,
						"idle_timeout_strategy": "PAUSE",
					},
				},
			})),
		},
		{
			name: "intranet-fn",
			create: func(env *testEnv, zipPath string) *scfapi.Function {
				return env.createOutOfBand(scfapi.DefaultNamespace, "intranet-fn", zipPath, python, func(req *scfapi.CreateFunctionRequest) {
					req.VpcConfig = &scfapi.VpcConfig{VpcId: ptr("vpc-demo0002"), SubnetId: ptr("subnet-demo0003")}
					req.IntranetConfig = &scfapi.IntranetConfigIn{IpFixed: ptr(enable)}
				})
			},
			// Not the addresses the service assigned: they are read-only.
			want: fixed(generatedFunction("intranet-fn", map[string]any{
				"vpc_config":      map[string]any{"vpc_id": "vpc-demo0002", "subnet_id": "subnet-demo0003"},
				"intranet_config": map[string]any{"ip_fixed": enable},
			})),
			nestedReadOnly: true,
		},
	}
}

// fixed is a want that does not depend on the deployed function.
func fixed(want map[string]any) func(*scfapi.Function) map[string]any {
	return func(*scfapi.Function) map[string]any { return want }
}

// generatedFunction is what the generated configuration of an Event
// function sets: every setting the service reports, defaults included (the
// generator cannot tell a default from a choice), and the log topic the
// service assigned; changes replace values, a nil change removes one.
func generatedFunction(name string, changes map[string]any) map[string]any {
	m := map[string]any{
		"name": name, "namespace": scfapi.DefaultNamespace, "runtime": "Python3.9", "handler": "index.main_handler",
		"type": defaultType, "memory_size": defaultMemorySize, "timeout": defaultTimeout, "init_timeout": defaultInitTimeout,
		"cls_logset_id": "cls-logset-auto", "cls_topic_id": "cls-topic-auto",
		"async_run_enable": false, "trace_enable": false, "dns_cache": false, "install_dependency": false, "ignore_sys_log": false,
	}
	for k, v := range changes {
		if v == nil {
			delete(m, k)
		} else {
			m[k] = v
		}
	}
	// As the plan's JSON decodes it: numbers as float64.
	var decoded map[string]any
	b, err := json.Marshal(m)
	if err == nil {
		err = json.Unmarshal(b, &decoded)
	}
	if err != nil {
		panic(err)
	}
	return decoded
}

func testGeneratedConfig(t *testing.T, tc generatedConfigCase) {
	cli := newTerraformCLI(t)
	env := newTestEnv(t, fakescf.Options{})
	ns := tc.namespace
	if ns == "" {
		ns = scfapi.DefaultNamespace
	}
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "def main_handler(e, c):\n    return 'hi'\n"})
	deployed := tc.create(env, zipPath)

	ctx := t.Context()
	cli.write(env.providerBlock() + fmt.Sprintf(`
import {
  to = scf_function.imported
  id = "%s/%s"
}
`, ns, tc.name))
	version := cli.version(ctx)
	gen := cli.run(ctx, []string{"TF_LOG_PROVIDER=TRACE"}, "plan", "-no-color", "-generate-config-out=generated.tf")
	if gen.ExitCode != 0 {
		if tc.nestedReadOnly && version.filtersNestedInPlace() && oldCoreNestedFilterError.MatchString(gen.Output()) {
			t.Skipf("%s cannot generate configuration for a nested attribute that holds a read-only one: it "+
				"removes that from the provider's schema while generating, then fails on the value:\n%s", version, gen.Output())
		}
		t.Fatalf("terraform plan -generate-config-out failed (exit %d):\n%s", gen.ExitCode, gen.Output())
	}
	// Terraform 1.14 asks a provider that advertises GenerateResourceConfig
	// to write the configuration; framework v1.19 implements the RPC but does
	// not advertise it, so every CLI writes it itself for now.
	if !strings.Contains(gen.Log, "tf_rpc=ReadResource") {
		t.Fatalf("the provider's log does not show the RPCs it served:\n%s", gen.Log)
	}
	servedRPC := strings.Contains(gen.Log, "tf_rpc=GenerateResourceConfig")
	if want := version.atLeastMinor(14) && !version.tofu && advertisesConfigGeneration(t); servedRPC != want {
		t.Errorf("%s: the provider served GenerateResourceConfig: %t, want %t", version, servedRPC, want)
	}
	generated, err := os.ReadFile(filepath.Join(cli.dir, "generated.tf"))
	if err != nil {
		t.Fatalf("no generated file: %s\n%s", err, gen.Output())
	}
	t.Logf("generated by %s:\n%s", version, generated)

	cli.validateCleanly(ctx)
	planned := cli.mustRun(ctx, "plan", "-no-color", "-out=import.tfplan")
	plan := cli.showPlan(ctx, "import.tfplan")
	wantConfigured := tc.want(deployed)
	if version.writesEmptyStrings() {
		wantConfigured = withEmptyStrings(t, wantConfigured, plan)
	}
	if got, want := configuredAttributes(t, plan), wantConfigured; !reflect.DeepEqual(got, want) {
		t.Errorf("the generated configuration sets\n%s\nwant\n%s", indentJSON(t, got), indentJSON(t, want))
	}
	if err := importOnly(plan, "scf_function.imported", ns+"/"+tc.name); err != nil {
		t.Fatalf("%s:\n%s", err, planned.Stdout)
	}

	cli.mustRun(ctx, "apply", "-no-color", "import.tfplan")
	if res := cli.run(ctx, nil, "plan", "-no-color", "-detailed-exitcode"); res.ExitCode != 0 {
		t.Fatalf("the plan after the import is not empty (exit %d):\n%s", res.ExitCode, res.Output())
	}

	// The framework's own generation, which Terraform 1.14 uses once the
	// provider advertises it, must write the same from the same state.
	if got, want := frameworkGeneratedConfig(t, cli.stateValues(ctx)), tc.want(deployed); !reflect.DeepEqual(got, want) {
		t.Errorf("GenerateResourceConfig sets\n%s\nwant\n%s", indentJSON(t, got), indentJSON(t, want))
	}
}

// advertisesConfigGeneration reports whether the provider offers the
// GenerateResourceConfig RPC in its server capabilities.
func advertisesConfigGeneration(t *testing.T) bool {
	t.Helper()
	resp, err := NewProtocol6Server("test")().GetProviderSchema(t.Context(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	return resp.ServerCapabilities != nil && resp.ServerCapabilities.GenerateResourceConfig
}

// frameworkGeneratedConfig asks the provider, in process, for the
// configuration of a function with the given state (the JSON of `terraform
// show -json`), and returns what it sets, nulls left out.
func frameworkGeneratedConfig(t *testing.T, state json.RawMessage) map[string]any {
	t.Helper()
	ctx := t.Context()
	server := NewProtocol6Server("test")()
	schemas, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	typ := schemas.ResourceSchemas["scf_function"].ValueType()
	value, err := (&tfprotov6.RawState{JSON: state}).Unmarshal(typ)
	if err != nil {
		t.Fatalf("reading the state: %s", err)
	}
	dv, err := tfprotov6.NewDynamicValue(typ, value)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GenerateResourceConfig(ctx, &tfprotov6.GenerateResourceConfigRequest{TypeName: "scf_function", State: &dv})
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range resp.Diagnostics {
		t.Errorf("GenerateResourceConfig: %s: %s: %s", d.Severity, d.Summary, d.Detail)
	}
	if resp.Config == nil {
		t.Fatal("GenerateResourceConfig returned no configuration")
	}
	config, err := resp.Config.Unmarshal(typ)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := withoutNulls(plainValue(t, config)).(map[string]any)
	return out
}

// plainValue turns a Terraform value into what encoding/json would decode
// from its JSON.
func plainValue(t *testing.T, v tftypes.Value) any {
	t.Helper()
	if v.IsNull() {
		return nil
	}
	var err error
	switch {
	case v.Type().Is(tftypes.String):
		var s string
		err = v.As(&s)
		if err == nil {
			return s
		}
	case v.Type().Is(tftypes.Bool):
		var b bool
		err = v.As(&b)
		if err == nil {
			return b
		}
	case v.Type().Is(tftypes.Number):
		var n big.Float
		err = v.As(&n)
		if err == nil {
			f, _ := n.Float64()
			return f
		}
	case v.Type().Is(tftypes.List{}), v.Type().Is(tftypes.Set{}):
		var elems []tftypes.Value
		err = v.As(&elems)
		if err == nil {
			out := make([]any, len(elems))
			for i, e := range elems {
				out[i] = plainValue(t, e)
			}
			return out
		}
	case v.Type().Is(tftypes.Object{}), v.Type().Is(tftypes.Map{}):
		var attrs map[string]tftypes.Value
		err = v.As(&attrs)
		if err == nil {
			out := make(map[string]any, len(attrs))
			for k, e := range attrs {
				out[k] = plainValue(t, e)
			}
			return out
		}
	default:
		err = fmt.Errorf("unexpected type %s", v.Type())
	}
	t.Fatalf("converting %s: %s", v, err)
	return nil
}

// stateValues returns the attributes of the only resource in the state.
func (c *terraformCLI) stateValues(ctx context.Context) json.RawMessage {
	c.t.Helper()
	res := c.mustRun(ctx, "show", "-json")
	var state struct {
		Values struct {
			RootModule struct {
				Resources []struct {
					Values json.RawMessage `json:"values"`
				} `json:"resources"`
			} `json:"root_module"`
		} `json:"values"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &state); err != nil {
		c.t.Fatalf("reading the state: %s\n%s", err, res.Stdout)
	}
	if n := len(state.Values.RootModule.Resources); n != 1 {
		c.t.Fatalf("the state holds %d resources, want 1", n)
	}
	return state.Values.RootModule.Resources[0].Values
}

// oldCoreNestedFilterError is how Terraform 1.5 and OpenTofu 1.6 fail after
// removing read-only and deprecated attributes nested in other attributes
// from the provider's schema itself, which they then read values with.
var oldCoreNestedFilterError = regexp.MustCompile(`Error: attribute "[a-z_]+": (attribute "[a-z_]+": )*attribute "[a-z_]+" is required`)

// planJSON is the part of `terraform show -json <plan>` these tests read.
type planJSON struct {
	Configuration struct {
		RootModule struct {
			Resources []struct {
				Address     string `json:"address"`
				Expressions map[string]struct {
					ConstantValue any `json:"constant_value"`
				} `json:"expressions"`
			} `json:"resources"`
		} `json:"root_module"`
	} `json:"configuration"`
	ResourceChanges []struct {
		Address string `json:"address"`
		Change  struct {
			Actions   []string       `json:"actions"`
			Before    map[string]any `json:"before"`
			After     map[string]any `json:"after"`
			Importing *struct {
				ID string `json:"id"`
			} `json:"importing"`
		} `json:"change"`
	} `json:"resource_changes"`
}

// withEmptyStrings adds to want the top-level attributes the imported
// function holds as "" (the planned values: the state's, as the plan only
// imports), which a CLI that writes empty strings puts in the configuration.
func withEmptyStrings(t *testing.T, want map[string]any, plan planJSON) map[string]any {
	t.Helper()
	if len(plan.ResourceChanges) != 1 {
		t.Fatalf("the plan has %d resource changes, want the import", len(plan.ResourceChanges))
	}
	out := maps.Clone(want)
	for name, v := range plan.ResourceChanges[0].Change.After {
		a, inSchema := functionSchema(t.Context()).Attributes[name]
		if s, ok := v.(string); ok && s == "" && inSchema && a.IsOptional() {
			out[name] = ""
		}
	}
	return out
}

// configuredAttributes returns what the configuration of the only resource
// sets: constant values without the null ones, as JSON decodes them.
func configuredAttributes(t *testing.T, plan planJSON) map[string]any {
	t.Helper()
	resources := plan.Configuration.RootModule.Resources
	if len(resources) != 1 {
		t.Fatalf("the configuration has %d resources, want the generated one", len(resources))
	}
	out := map[string]any{}
	for name, e := range resources[0].Expressions {
		if v := withoutNulls(e.ConstantValue); v != nil {
			out[name] = v
		}
	}
	return out
}

func withoutNulls(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, e := range v {
			if e := withoutNulls(e); e != nil {
				out[k] = e
			}
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = withoutNulls(e)
		}
		return out
	}
	return v
}

// importOnly reports an error unless the plan imports address, with id,
// and changes nothing.
func importOnly(plan planJSON, address, id string) error {
	if len(plan.ResourceChanges) != 1 {
		return fmt.Errorf("the plan has %d resource changes, want only the import", len(plan.ResourceChanges))
	}
	rc := plan.ResourceChanges[0]
	if rc.Address != address || rc.Change.Importing == nil || rc.Change.Importing.ID != id {
		return fmt.Errorf("the plan changes %s (importing %+v), want an import of %s with ID %s", rc.Address, rc.Change.Importing, address, id)
	}
	if !reflect.DeepEqual(rc.Change.Actions, []string{"no-op"}) {
		return fmt.Errorf("the import plans %v, want no change", rc.Change.Actions)
	}
	return nil
}

func indentJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// cliVersion is which CLI runs and its version.
type cliVersion struct {
	tofu         bool
	major, minor int
	number       string // as the CLI reports it, such as 1.14.9
	text         string
}

func (v cliVersion) String() string { return v.text }

// atLeastMinor reports a CLI of version 1.minor or later; every CLI the
// tests run is a 1.x.
func (v cliVersion) atLeastMinor(minor int) bool {
	return v.major > 1 || v.major == 1 && v.minor >= minor
}

// filtersNestedInPlace reports a CLI that may fail to generate configuration
// for a nested attribute holding a read-only or deprecated one: Terraform
// 1.5.7 and OpenTofu 1.6.3 do, Terraform 1.11 and 1.14 do not.
func (v cliVersion) filtersNestedInPlace() bool { return v.tofu || !v.atLeastMinor(11) }

// writesEmptyStrings reports a CLI that writes an optional attribute holding
// "" into the configuration it generates, where the others leave it out:
// OpenTofu 1.12.6 does, OpenTofu 1.6.3 and every Terraform tested do not.
func (v cliVersion) writesEmptyStrings() bool { return v.tofu && v.atLeastMinor(12) }

// writesStateAtOnce reports a CLI that writes the local state file as each
// resource's change finishes: every Terraform and OpenTofu 1.6.3 do;
// OpenTofu 1.12.6 persists it every TF_STATE_PERSIST_INTERVAL seconds (20
// at the least) and when it stops.
func (v cliVersion) writesStateAtOnce() bool { return !v.tofu || !v.atLeastMinor(12) }

// version asks the CLI for its version.
func (c *terraformCLI) version(ctx context.Context) cliVersion {
	c.t.Helper()
	res := c.mustRun(ctx, "version", "-json")
	var out struct {
		Version string `json:"terraform_version"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &out); err != nil {
		c.t.Fatalf("reading the CLI version: %s\n%s", err, res.Stdout)
	}
	v := cliVersion{tofu: providerHost() == "registry.opentofu.org", number: out.Version}
	if _, err := fmt.Sscanf(out.Version, "%d.%d", &v.major, &v.minor); err != nil {
		c.t.Fatalf("reading the CLI version %q: %s", out.Version, err)
	}
	v.text = "Terraform " + out.Version
	if v.tofu {
		v.text = "OpenTofu " + out.Version
	}
	return v
}

// mustRun runs a command that must succeed.
func (c *terraformCLI) mustRun(ctx context.Context, args ...string) cliResult {
	c.t.Helper()
	res := c.run(ctx, nil, args...)
	if res.ExitCode != 0 {
		c.t.Fatalf("terraform %s failed (exit %d):\n%s", strings.Join(args, " "), res.ExitCode, res.Output())
	}
	return res
}

// validateCleanly runs `terraform validate`, which must pass without any
// diagnostic but the one about dev_overrides.
func (c *terraformCLI) validateCleanly(ctx context.Context) {
	c.t.Helper()
	res := c.run(ctx, nil, "validate", "-json")
	var out struct {
		Valid       bool            `json:"valid"`
		Diagnostics []cliDiagnostic `json:"diagnostics"`
	}
	if err := json.Unmarshal([]byte(res.Stdout), &out); err != nil {
		c.t.Fatalf("reading the output of validate: %s\n%s", err, res.Output())
	}
	if !out.Valid {
		c.t.Errorf("the configuration is not valid")
	}
	for _, d := range out.Diagnostics {
		if d.Summary != "Provider development overrides are in effect" {
			c.t.Errorf("validate: %s: %s: %s", d.Severity, d.Summary, d.Detail)
		}
	}
	if c.t.Failed() {
		c.t.FailNow()
	}
}

// showPlan returns a saved plan as `terraform show -json` prints it.
func (c *terraformCLI) showPlan(ctx context.Context, file string) planJSON {
	c.t.Helper()
	res := c.mustRun(ctx, "show", "-json", file)
	var plan planJSON
	if err := json.Unmarshal([]byte(res.Stdout), &plan); err != nil {
		c.t.Fatalf("reading the plan: %s\n%s", err, res.Stdout)
	}
	return plan
}
