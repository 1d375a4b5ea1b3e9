package provider

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

const tencentcloudAddress = "registry.terraform.io/tencentcloudstack/tencentcloud"

// functionStateFile, in testdata, is the state the official provider wrote
// for two of its functions.
const functionStateFile = "tencentcloud_scf_function_state.json"

// recordedTencentcloudState is the part of a state file these tests read.
type recordedTencentcloudState struct {
	Resources []struct {
		Type      string `json:"type"`
		Name      string `json:"name"`
		Provider  string `json:"provider"`
		Instances []struct {
			SchemaVersion int64           `json:"schema_version"`
			Attributes    json.RawMessage `json:"attributes"`
		} `json:"instances"`
	} `json:"resources"`
}

// recordedInstance returns the attributes the official provider wrote for
// one of its resources in testdata/tencentcloud_scf_function_state.json,
// a state it wrote against scf-fake.
func recordedInstance(t *testing.T, name string) json.RawMessage {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", functionStateFile))
	if err != nil {
		t.Fatal(err)
	}
	var state recordedTencentcloudState
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	for _, r := range state.Resources {
		if r.Name == name && r.Type == tencentcloudFunctionType {
			if want := `provider["` + tencentcloudAddress + `"]`; r.Provider != want {
				t.Fatalf("recorded provider %s, want %s", r.Provider, want)
			}
			if len(r.Instances) != 1 || r.Instances[0].SchemaVersion != 0 {
				t.Fatalf("recorded %s: want one instance at schema version 0", name)
			}
			return r.Instances[0].Attributes
		}
	}
	t.Fatalf("no %s.%s in the recorded state", tencentcloudFunctionType, name)
	return nil
}

// recordedSource is recordedInstance decoded, for tests that change it.
func recordedSource(t *testing.T, name string) tencentcloudFunctionState {
	t.Helper()
	var src tencentcloudFunctionState
	if err := json.Unmarshal(recordedInstance(t, name), &src); err != nil {
		t.Fatal(err)
	}
	return src
}

func sourceJSON(t *testing.T, src tencentcloudFunctionState) json.RawMessage {
	t.Helper()
	raw, err := json.Marshal(src)
	if err != nil {
		t.Fatal(err)
	}
	return raw
}

// moveRequest is a MoveResourceState call as Terraform makes it for a
// `moved` block from the official provider's resource.
func moveRequest(attributes json.RawMessage) *tfprotov6.MoveResourceStateRequest {
	return &tfprotov6.MoveResourceStateRequest{
		SourceProviderAddress: tencentcloudAddress,
		SourceTypeName:        tencentcloudFunctionType,
		SourceSchemaVersion:   0,
		SourceState:           &tfprotov6.RawState{JSON: attributes},
		SourcePrivate:         []byte("null"), // what SDKv2 leaves in state
		TargetTypeName:        "scf_function",
	}
}

// move runs req through the provider server as main.go serves it and
// decodes the moved state, so the result is also checked against the schema.
func move(t *testing.T, req *tfprotov6.MoveResourceStateRequest) (scfFunctionResourceModel, []*tfprotov6.Diagnostic) {
	t.Helper()
	ctx := context.Background()
	server := NewProtocol6Server("test")()
	resp, err := server.MoveResourceState(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	var m scfFunctionResourceModel
	if resp.TargetState == nil {
		return m, resp.Diagnostics
	}
	schemaResp, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := resp.TargetState.Unmarshal(schemaResp.ResourceSchemas["scf_function"].ValueType())
	if err != nil {
		t.Fatalf("the moved state does not match the schema: %s", err)
	}
	if !raw.IsFullyKnown() {
		t.Fatal("the moved state holds unknown values")
	}
	var schemaOut resource.SchemaResponse
	(&scfFunctionResource{}).Schema(ctx, resource.SchemaRequest{}, &schemaOut)
	if d := (tfsdk.State{Schema: schemaOut.Schema, Raw: raw}).Get(ctx, &m); d.HasError() {
		t.Fatalf("decoding the moved state: %v", d)
	}
	expectMovedIdentity(ctx, t, server, resp, m)
	return m, resp.Diagnostics
}

// expectMovedIdentity checks that a move gives the function its identity
// at once, so Terraform 1.12 and later have it before the refresh.
func expectMovedIdentity(ctx context.Context, t *testing.T, server tfprotov6.ProviderServer, resp *tfprotov6.MoveResourceStateResponse, m scfFunctionResourceModel) {
	t.Helper()
	if resp.TargetIdentity == nil || resp.TargetIdentity.IdentityData == nil {
		t.Fatal("the move gave no identity")
	}
	schemas, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := resp.TargetIdentity.IdentityData.Unmarshal(schemas.IdentitySchemas["scf_function"].ValueType())
	if err != nil {
		t.Fatalf("the moved identity does not match the identity schema: %s", err)
	}
	var identity map[string]tftypes.Value
	if err := raw.As(&identity); err != nil {
		t.Fatal(err)
	}
	for attribute, want := range map[string]string{"namespace": m.Namespace.ValueString(), "name": m.Name.ValueString()} {
		var got string
		if err := identity[attribute].As(&got); err != nil || got != want {
			t.Errorf("moved identity %s = %q (%v), want %q", attribute, got, err, want)
		}
	}
}

func mustMove(t *testing.T, req *tfprotov6.MoveResourceStateRequest) scfFunctionResourceModel {
	t.Helper()
	m, diags := move(t, req)
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("move failed: %s: %s", d.Summary, d.Detail)
		}
	}
	return m
}

func decodeObject[T any](t *testing.T, obj types.Object) T {
	t.Helper()
	var out T
	if obj.IsNull() {
		t.Fatal("object is null")
	}
	if d := obj.As(context.Background(), &out, basetypes.ObjectAsOptions{}); d.HasError() {
		t.Fatal(d)
	}
	return out
}

func stringMapOf(t *testing.T, m types.Map) map[string]string {
	t.Helper()
	if m.IsNull() {
		return nil
	}
	out := map[string]string{}
	if d := m.ElementsAs(context.Background(), &out, false); d.HasError() {
		t.Fatal(d)
	}
	return out
}

func expectString(t *testing.T, name string, got types.String, want string) {
	t.Helper()
	if got.IsNull() || got.ValueString() != want {
		t.Errorf("%s = %s, want %q", name, got, want)
	}
}

func expectNull(t *testing.T, name string, got interface{ IsNull() bool }) {
	t.Helper()
	if !got.IsNull() {
		t.Errorf("%s = %v, want null", name, got)
	}
}

func TestMoveStateRecordedFunctionWithEverything(t *testing.T) {
	t.Parallel()
	m := mustMove(t, moveRequest(recordedInstance(t, "orders")))

	expectString(t, "id", m.ID, "default/orders-api")
	expectString(t, "name", m.Name, "orders-api")
	expectString(t, "namespace", m.Namespace, "default")
	code := decodeObject[codeModel](t, m.Code)
	expectString(t, "code.zip_file", code.ZipFile, "./fn.zip")
	expectNull(t, "code.cos_bucket_name", code.CosBucketName)
	expectNull(t, "code.image_config", code.ImageConfig)
	expectNull(t, "code_source", m.CodeSource)
	expectString(t, "handler", m.Handler, "index.main_handler")
	expectString(t, "runtime", m.Runtime, "Python3.9")
	expectString(t, "description", m.Description, "Order API")
	expectString(t, "type", m.Type, "Event")
	expectString(t, "role", m.Role, "")
	expectString(t, "cls_logset_id", m.ClsLogsetID, "cls-logset-auto")
	expectString(t, "cls_topic_id", m.ClsTopicID, "cls-topic-auto")
	if m.MemorySize.ValueInt64() != 256 || m.Timeout.ValueInt64() != 30 {
		t.Errorf("memory_size %s, timeout %s; want 256 and 30", m.MemorySize, m.Timeout)
	}
	if env := stringMapOf(t, m.Environment); len(env) != 1 || env["STAGE"] != "prod" {
		t.Errorf("environment = %v", env)
	}
	if tags := stringMapOf(t, m.Tags); len(tags) != 1 || tags["team"] != "orders" {
		t.Errorf("tags = %v", tags)
	}
	var layers []layerModel
	if d := m.Layers.ElementsAs(context.Background(), &layers, false); d.HasError() {
		t.Fatal(d)
	}
	if len(layers) != 1 || layers[0].Name.ValueString() != "common-libs" || layers[0].Version.ValueInt64() != 2 {
		t.Errorf("layers = %v", m.Layers)
	}
	// The service's defaults, which a configuration leaves out.
	expectNull(t, "public_net_config", m.PublicNetConfig)
	expectNull(t, "intranet_config", m.IntranetConfig)
	expectNull(t, "vpc_config", m.VpcConfig)
	expectNull(t, "cfs_config", m.CfsConfig)
	expectNull(t, "instance_concurrency_config", m.InstanceConcurrencyConfig)
	for name, b := range map[string]types.Bool{"async_run_enable": m.AsyncRunEnable, "dns_cache": m.DNSCache,
		"install_dependency": m.InstallDependency, "ignore_sys_log": m.IgnoreSysLog, "trace_enable": m.TraceEnable} {
		if b.IsNull() || b.ValueBool() {
			t.Errorf("%s = %s, want false", name, b)
		}
	}
	// What the service reported, until the refresh reads it again.
	expectString(t, "function_id", m.FunctionID, "lam-e7hntsmv")
	expectString(t, "status", m.Status, "Active")
	expectString(t, "status_desc", m.StatusDesc, "")
	expectString(t, "modified_time", m.ModifiedTime, "2026-12-02T18:15:50+08:00")
	if m.CodeSize.ValueInt64() != 118 {
		t.Errorf("code_size = %s, want 118", m.CodeSize)
	}
	// What only the refresh can tell.
	expectNull(t, "code_sha256", m.CodeSHA256)
	expectNull(t, "init_timeout", m.InitTimeout)
	expectNull(t, "created_time", m.CreatedTime)
}

func TestMoveStateRecordedMinimalFunction(t *testing.T) {
	t.Parallel()
	m, diags := move(t, moveRequest(recordedInstance(t, "minimal")))
	if len(diags) > 0 {
		t.Fatalf("want no diagnostics, got %s: %s", diags[0].Summary, diags[0].Detail)
	}
	expectString(t, "id", m.ID, "default/minimal-fn")
	expectString(t, "runtime", m.Runtime, "Nodejs12.16")
	expectString(t, "description", m.Description, "")
	if m.MemorySize.ValueInt64() != 128 || m.Timeout.ValueInt64() != 3 {
		t.Errorf("memory_size %s, timeout %s; want 128 and 3", m.MemorySize, m.Timeout)
	}
	expectNull(t, "environment", m.Environment)
	expectNull(t, "tags", m.Tags)
	expectNull(t, "layers", m.Layers)
}

func TestMoveStateSettingsBeyondTheRecording(t *testing.T) {
	t.Parallel()
	src := recordedSource(t, "orders")
	src.ZipFile = nil
	src.CosBucketName, src.CosObjectName, src.CosBucketRegion = ptr("code-1250000000"), ptr("/orders.zip"), ptr("ap-shanghai")
	src.VpcID, src.SubnetID = ptr("vpc-abcd1234"), ptr("subnet-abcd1234")
	src.EnablePublicNet, src.EnableEipConfig = ptr(false), ptr(false)
	src.AsyncRunEnable, src.DNSCache = ptr("TRUE"), ptr(true)
	src.IntranetConfig = []tencentcloudIntranet{{IPFixed: "ENABLE", IPAddress: []string{"10.0.0.7"}}}
	src.CfsConfig = []tencentcloudCfs{{UserID: "10000", UserGroupID: "10000", CfsID: "cfs-1", MountInsID: "cfs-1",
		LocalMountDir: "/mnt/data", RemoteMountDir: "/", IPAddress: "10.0.0.9", MountVpcID: "vpc-abcd1234", MountSubnetID: "subnet-abcd1234"}}
	src.Concurrency = []tencentcloudConcurrency{{DynamicEnabled: "FALSE", InstanceIsolationEnabled: "TRUE", MaxConcurrency: 8,
		Type: "Session-Based", SessionConfig: []tencentcloudSession{{SessionSource: "HEADER", SessionName: "x-session", MaximumTTLInSeconds: 600}}}}
	m := mustMove(t, moveRequest(sourceJSON(t, src)))

	code := decodeObject[codeModel](t, m.Code)
	expectNull(t, "code.zip_file", code.ZipFile)
	expectString(t, "code.cos_bucket_name (without the appid)", code.CosBucketName, "code")
	expectString(t, "code.cos_object_name", code.CosObjectName, "/orders.zip")
	expectString(t, "code.cos_bucket_region", code.CosBucketRegion, "ap-shanghai")
	vpc := decodeObject[vpcConfigModel](t, m.VpcConfig)
	expectString(t, "vpc_config.vpc_id", vpc.VpcID, "vpc-abcd1234")
	expectString(t, "vpc_config.subnet_id", vpc.SubnetID, "subnet-abcd1234")
	pn := decodeObject[publicNetConfigModel](t, m.PublicNetConfig)
	expectString(t, "public_net_config.public_net_status", pn.PublicNetStatus, "DISABLE")
	expectNull(t, "public_net_config.eip_config", pn.EipConfig)
	if !m.AsyncRunEnable.ValueBool() || !m.DNSCache.ValueBool() {
		t.Errorf("async_run_enable %s, dns_cache %s; want true", m.AsyncRunEnable, m.DNSCache)
	}
	intranet := decodeObject[intranetConfigModel](t, m.IntranetConfig)
	expectString(t, "intranet_config.ip_fixed", intranet.IPFixed, "ENABLE")
	if ips := intranet.IPAddresses.Elements(); len(ips) != 1 || ips[0].String() != `"10.0.0.7"` {
		t.Errorf("intranet_config.ip_addresses = %s", intranet.IPAddresses)
	}
	cfs := decodeObject[cfsConfigModel](t, m.CfsConfig)
	var cfsIns []cfsInsModel
	if d := cfs.CfsInsList.ElementsAs(context.Background(), &cfsIns, false); d.HasError() || len(cfsIns) != 1 ||
		cfsIns[0].LocalMountDir.ValueString() != "/mnt/data" || cfsIns[0].UserID.ValueString() != "10000" {
		t.Errorf("cfs_config = %s", m.CfsConfig)
	}
	var mounts []cfsMountModel
	if d := m.CfsMounts.ElementsAs(context.Background(), &mounts, false); d.HasError() || len(mounts) != 1 || mounts[0].IPAddress.ValueString() != "10.0.0.9" {
		t.Errorf("cfs_mounts = %s", m.CfsMounts)
	}
	cc := decodeObject[instanceConcurrencyModel](t, m.InstanceConcurrencyConfig)
	if cc.DynamicEnabled.IsNull() || cc.DynamicEnabled.ValueBool() || !cc.InstanceIsolationEnabled.ValueBool() ||
		cc.MaxConcurrency.ValueInt64() != 8 || cc.Type.ValueString() != "Session-Based" {
		t.Errorf("instance_concurrency_config = %s", m.InstanceConcurrencyConfig)
	}
	session := decodeObject[sessionConfigModel](t, cc.SessionConfig)
	expectString(t, "session_config.session_name", session.SessionName, "x-session")
	if session.MaximumTTLInSeconds.ValueInt64() != 600 {
		t.Errorf("session_config.maximum_ttl_in_seconds = %s", session.MaximumTTLInSeconds)
	}
	expectNull(t, "session_config.maximum_idle_time_in_seconds (0, not configured)", session.MaximumIdleTimeInSeconds)
	expectNull(t, "session_config.session_path (\"\", not configured)", session.SessionPath)
}

func TestMoveStateImageFunctionAndFixedIP(t *testing.T) {
	t.Parallel()
	src := recordedSource(t, "minimal")
	src.ZipFile, src.Handler, src.Runtime = nil, ptr(""), ptr("CustomImage")
	src.EnableEipConfig = ptr(true)
	src.ImageConfig = []tencentcloudImageConfig{{ImageType: "personal", ImageURI: "ccr.ccs.tencentyun.com/ns/app:v1@sha256:" + strings.Repeat("a", 64),
		Command: "python", ImagePort: defaultImagePort}}
	m := mustMove(t, moveRequest(sourceJSON(t, src)))

	code := decodeObject[codeModel](t, m.Code)
	expectNull(t, "code.zip_file", code.ZipFile)
	img := decodeObject[imageConfigModel](t, code.ImageConfig)
	expectString(t, "image_type", img.ImageType, "personal")
	expectString(t, "image_uri", img.ImageURI, "ccr.ccs.tencentyun.com/ns/app:v1@sha256:"+strings.Repeat("a", 64))
	expectString(t, "command", img.Command, "python")
	expectNull(t, "args (\"\")", img.Args)
	expectNull(t, "registry_id (\"\")", img.RegistryID)
	expectNull(t, "image_port (the default 9000)", img.ImagePort)
	expectNull(t, "container_image_accelerate (false)", img.ContainerImageAccelerate)
	pn := decodeObject[publicNetConfigModel](t, m.PublicNetConfig)
	expectString(t, "public_net_config.public_net_status", pn.PublicNetStatus, "ENABLE")
	eip := decodeObject[eipConfigModel](t, pn.EipConfig)
	expectString(t, "public_net_config.eip_config.eip_status", eip.EipStatus, "ENABLE")
}

func TestMoveStateImportedFunctionKeepsDeployedCode(t *testing.T) {
	t.Parallel()
	// `terraform import` into that provider leaves zip_file and the COS
	// location null: there is no code source to carry over.
	src := recordedSource(t, "minimal")
	src.ZipFile = nil
	src.Namespace, src.Name, src.ID = nil, "", "jobs+nightly"
	m := mustMove(t, moveRequest(sourceJSON(t, src)))
	expectNull(t, "code", m.Code)
	expectString(t, "id (from that provider's id)", m.ID, "jobs/nightly")
}

func TestMoveStateWarnsAboutWhatScfFunctionDoesNotManage(t *testing.T) {
	t.Parallel()
	src := recordedSource(t, "orders")
	src.L5Enable = ptr(true)
	src.Triggers = []tencentcloudInlineTrigger{
		{Name: "nightly", Type: "timer", TriggerDesc: "0 0 2 * * * *"},
		{Name: "uploads-1250000000", Type: "cos", CosRegion: "ap-guangzhou", TriggerDesc: `{"event":"cos:ObjectCreated:*"}`},
		{Name: "gateway", Type: "apigw", TriggerDesc: "{}"},
		{Name: "stream", Type: "mps", TriggerDesc: "{}"},
	}
	m, diags := move(t, moveRequest(sourceJSON(t, src)))
	expectString(t, "id (moved despite the warnings)", m.ID, "default/orders-api")
	var details []string
	for _, d := range diags {
		if d.Severity != tfprotov6.DiagnosticSeverityWarning || d.Summary != summaryMoveUnmanaged {
			t.Errorf("unexpected diagnostic %s: %s", d.Summary, d.Detail)
		}
		details = append(details, d.Detail)
	}
	all := strings.Join(details, "\n")
	for _, want := range []string{
		"l5_enable = true",
		`qualifier = "$LATEST"`,
		`import it as scf_trigger with id "default/orders-api/timer/nightly"`,
		`id "default/orders-api/cos/uploads-1250000000.cos.ap-guangzhou.myqcloud.com"`,
		`id "default/orders-api/apigw/gateway"`,
		"scf_trigger does not manage mps triggers",
	} {
		if !strings.Contains(all, want) {
			t.Errorf("warnings lack %q:\n%s", want, all)
		}
	}
}

func TestMoveStateRefusesWhatItCannotCarry(t *testing.T) {
	t.Parallel()
	gpu := recordedSource(t, "orders")
	gpu.Concurrency = []tencentcloudConcurrency{{MaxConcurrency: 2, MixNodeConfig: []tencentcloudMixNode{{NodeSpec: "T4", Num: 1}}}}
	nameless := recordedSource(t, "orders")
	nameless.Name, nameless.ID = "", "default+"

	for name, tc := range map[string]struct {
		req  func(*tfprotov6.MoveResourceStateRequest)
		want []string
	}{
		"GPU concurrency": {
			req:  func(r *tfprotov6.MoveResourceStateRequest) { r.SourceState.JSON = sourceJSON(t, gpu) },
			want: []string{"instance_concurrency_config.mix_node_config", "terraform state rm", "import"},
		},
		"newer schema version": {
			req:  func(r *tfprotov6.MoveResourceStateRequest) { r.SourceSchemaVersion = 1 },
			want: []string{"schema version 1", "terraform state rm"},
		},
		"no name": {
			req:  func(r *tfprotov6.MoveResourceStateRequest) { r.SourceState.JSON = sourceJSON(t, nameless) },
			want: []string{"no function name", "terraform state rm"},
		},
		"unreadable state": {
			req:  func(r *tfprotov6.MoveResourceStateRequest) { r.SourceState.JSON = []byte(`{"mem_size": "large"}`) },
			want: []string{"could not be read", "mem_size"},
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := moveRequest(recordedInstance(t, "orders"))
			tc.req(req)
			_, diags := move(t, req)
			if len(diags) != 1 || diags[0].Severity != tfprotov6.DiagnosticSeverityError || diags[0].Summary != summaryMove {
				t.Fatalf("want one %q error, got %v", summaryMove, diags)
			}
			for _, w := range tc.want {
				if !strings.Contains(diags[0].Detail, w) {
					t.Errorf("detail lacks %q: %s", w, diags[0].Detail)
				}
			}
		})
	}
}

func TestMoveStateLeavesOtherSourcesAlone(t *testing.T) {
	t.Parallel()
	for name, change := range map[string]func(*tfprotov6.MoveResourceStateRequest){
		"another provider's function": func(r *tfprotov6.MoveResourceStateRequest) {
			r.SourceProviderAddress = "registry.terraform.io/example/tencentcloud"
		},
		"another resource type": func(r *tfprotov6.MoveResourceStateRequest) { r.SourceTypeName = "tencentcloud_scf_layer" },
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := moveRequest(recordedInstance(t, "orders"))
			change(req)
			_, diags := move(t, req)
			// The framework's own refusal, which names the source it got.
			if len(diags) != 1 || diags[0].Summary != "Unable to Move Resource State" ||
				!strings.Contains(diags[0].Detail, req.SourceProviderAddress) {
				t.Fatalf("want the framework's refusal, got %v", diags)
			}
		})
	}
}

func TestMoveStateAcceptsOpenTofuAddress(t *testing.T) {
	t.Parallel()
	req := moveRequest(recordedInstance(t, "orders"))
	req.SourceProviderAddress = "registry.opentofu.org/tencentcloudstack/tencentcloud"
	m := mustMove(t, req)
	expectString(t, "id", m.ID, "default/orders-api")
}

// TestMoveStateServedByProvider checks the provider announces the move to
// Terraform, which otherwise refuses a cross-type moved block.
func TestMoveStateServedByProvider(t *testing.T) {
	t.Parallel()
	server, err := providerserver.NewProtocol6WithError(New("test")())()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := server.GetProviderSchema(context.Background(), &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	if resp.ServerCapabilities == nil || !resp.ServerCapabilities.MoveResourceState {
		t.Fatal("the provider does not announce MoveResourceState")
	}
}
