package provider

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// estateAttributes returns the attributes the official provider wrote for
// its resource typ.name in testdata/tencentcloud_scf_estate_state.json, a
// state it wrote against scf-fake, decoded so that a test can change them.
func estateAttributes(t *testing.T, typ, name string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "tencentcloud_scf_estate_state.json"))
	if err != nil {
		t.Fatal(err)
	}
	var state recordedTencentcloudState
	if err := json.Unmarshal(raw, &state); err != nil {
		t.Fatal(err)
	}
	for _, r := range state.Resources {
		if r.Type != typ || r.Name != name {
			continue
		}
		if want := `provider["` + tencentcloudAddress + `"]`; r.Provider != want {
			t.Fatalf("recorded provider %s, want %s", r.Provider, want)
		}
		if len(r.Instances) != 1 || r.Instances[0].SchemaVersion != 0 {
			t.Fatalf("recorded %s.%s: want one instance at schema version 0", typ, name)
		}
		var attributes map[string]any
		if err := json.Unmarshal(r.Instances[0].Attributes, &attributes); err != nil {
			t.Fatal(err)
		}
		return attributes
	}
	t.Fatalf("no %s.%s in the recorded estate", typ, name)
	return nil
}

// movedTo is the outcome of one MoveResourceState call.
type movedTo[T any] struct {
	model    T
	identity map[string]string
	diags    []*tfprotov6.Diagnostic
}

// moveTencentcloud runs a `moved` block's MoveResourceState from the
// official provider's sourceType to target through the provider server as
// main.go serves it, and decodes the moved state and identity, checking
// them against the schemas.
func moveTencentcloud[T any](t *testing.T, r resource.Resource, target string, req *tfprotov6.MoveResourceStateRequest) movedTo[T] {
	t.Helper()
	ctx := context.Background()
	server := NewProtocol6Server("test")()
	req.TargetTypeName = target
	resp, err := server.MoveResourceState(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	out := movedTo[T]{diags: resp.Diagnostics}
	if resp.TargetState == nil {
		if resp.TargetIdentity != nil {
			t.Error("a move without a state gave an identity")
		}
		return out
	}
	schemaResp, err := server.GetProviderSchema(ctx, &tfprotov6.GetProviderSchemaRequest{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := resp.TargetState.Unmarshal(schemaResp.ResourceSchemas[target].ValueType())
	if err != nil {
		t.Fatalf("the moved state does not match the schema: %s", err)
	}
	if !raw.IsFullyKnown() {
		t.Fatal("the moved state holds unknown values")
	}
	var schemaOut resource.SchemaResponse
	r.Schema(ctx, resource.SchemaRequest{}, &schemaOut)
	if d := (tfsdk.State{Schema: schemaOut.Schema, Raw: raw}).Get(ctx, &out.model); d.HasError() {
		t.Fatalf("decoding the moved state: %v", d)
	}
	if resp.TargetIdentity == nil || resp.TargetIdentity.IdentityData == nil {
		t.Fatal("the move gave no identity")
	}
	schemas, err := server.GetResourceIdentitySchemas(ctx, &tfprotov6.GetResourceIdentitySchemasRequest{})
	if err != nil {
		t.Fatal(err)
	}
	rawIdentity, err := resp.TargetIdentity.IdentityData.Unmarshal(schemas.IdentitySchemas[target].ValueType())
	if err != nil {
		t.Fatalf("the moved identity does not match the identity schema: %s", err)
	}
	var identity map[string]tftypes.Value
	if err := rawIdentity.As(&identity); err != nil {
		t.Fatal(err)
	}
	out.identity = map[string]string{}
	for k, v := range identity {
		var s string
		if err := v.As(&s); err != nil {
			t.Fatalf("identity %s: %s", k, err)
		}
		out.identity[k] = s
	}
	return out
}

func tencentcloudMoveRequest(t *testing.T, sourceType string, attributes map[string]any) *tfprotov6.MoveResourceStateRequest {
	t.Helper()
	raw, err := json.Marshal(attributes)
	if err != nil {
		t.Fatal(err)
	}
	return &tfprotov6.MoveResourceStateRequest{
		SourceProviderAddress: tencentcloudAddress, SourceTypeName: sourceType, SourceSchemaVersion: 0,
		SourceState: &tfprotov6.RawState{JSON: raw}, SourcePrivate: []byte("null"),
	}
}

func (m movedTo[T]) mustSucceed(t *testing.T) T {
	t.Helper()
	for _, d := range m.diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			t.Fatalf("move failed: %s: %s", d.Summary, d.Detail)
		}
	}
	return m.model
}

// mustRefuse checks that the move failed with summary, its detail holding
// each of wants.
func (m movedTo[T]) mustRefuse(t *testing.T, summary string, wants ...string) {
	t.Helper()
	for _, d := range m.diags {
		if d.Severity != tfprotov6.DiagnosticSeverityError {
			continue
		}
		if d.Summary != summary {
			t.Errorf("summary %q, want %q", d.Summary, summary)
		}
		for _, want := range wants {
			if !strings.Contains(d.Detail, want) {
				t.Errorf("detail lacks %q:\n%s", want, d.Detail)
			}
		}
		return
	}
	t.Fatalf("the move did not fail: %v", m.diags)
}

func (m movedTo[T]) expectIdentity(t *testing.T, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if m.identity[k] != v {
			t.Errorf("identity %s = %q, want %q", k, m.identity[k], v)
		}
	}
	if len(m.identity) != len(want) {
		t.Errorf("identity %v, want %v", m.identity, want)
	}
}

// expectNotMoved checks that nothing moved and nothing was said: the
// framework itself reports a source no mover took.
func (m movedTo[T]) expectNotMoved(t *testing.T) {
	t.Helper()
	for _, d := range m.diags {
		if !strings.Contains(d.Summary, "Unable to Move Resource State") {
			t.Errorf("unexpected diagnostic: %s: %s", d.Summary, d.Detail)
		}
	}
}

func moveTrigger(t *testing.T, attributes map[string]any) movedTo[scfTriggerModel] {
	t.Helper()
	return moveTencentcloud[scfTriggerModel](t, &scfTriggerResource{}, "scf_trigger",
		tencentcloudMoveRequest(t, tencentcloudTriggerType, attributes))
}

func TestMoveStateRecordedTimerTrigger(t *testing.T) {
	t.Parallel()
	moved := moveTrigger(t, estateAttributes(t, tencentcloudTriggerType, "nightly"))
	m := moved.mustSucceed(t)
	expectString(t, "id", m.ID, "mig-ns/mig-fn/timer/nightly")
	expectString(t, "namespace", m.Namespace, "mig-ns")
	expectString(t, "function_name", m.FunctionName, "mig-fn")
	expectString(t, "qualifier", m.Qualifier, "$DEFAULT")
	expectString(t, "name", m.Name, "nightly")
	expectString(t, "type", m.Type, "timer")
	expectString(t, "description", m.Description, "")
	expectString(t, "custom_argument", m.CustomArgument, "")
	if !m.Enable.ValueBool() {
		t.Error("enable = false, want true (OPEN)")
	}
	if m.Timer == nil {
		t.Fatal("timer is null")
	}
	expectString(t, "timer.cron_expression", m.Timer.CronExpression, "0 0 2 * * * *")
	if m.Cos != nil || m.Ckafka != nil || m.Cmq != nil || m.Apigw != nil || m.HTTP != nil {
		t.Errorf("blocks of other types set: %+v", m)
	}
	moved.expectIdentity(t, map[string]string{"namespace": "mig-ns", "function_name": "mig-fn", "type": "timer",
		"name": "nightly", "qualifier": "$DEFAULT"})

	// What Read makes of the trigger the service lists is what moved.
	var read scfTriggerModel
	read.Namespace, read.FunctionName = m.Namespace, m.FunctionName
	read.flatten(&scfapi.Trigger{Type: "timer", TriggerName: "nightly", TriggerDesc: `{"cron":"0 0 2 * * * *"}`,
		Qualifier: "$DEFAULT", Enable: 1})
	if read.ID != m.ID || *read.Timer != *m.Timer || read.Enable != m.Enable || read.Description != m.Description ||
		read.CustomArgument != m.CustomArgument || read.Qualifier != m.Qualifier {
		t.Errorf("moved %+v, Read makes %+v", m, read)
	}
}

func TestMoveStateTriggerTypes(t *testing.T) {
	t.Parallel()
	type variation struct {
		typ, name, desc string
		check           func(t *testing.T, m scfTriggerModel)
	}
	for _, v := range []variation{
		{"cos", "photos-1250000000.cos.ap-guangzhou.myqcloud.com",
			`{"event":"cos:ObjectCreated:*","filter":{"Prefix":"in/","Suffix":".jpg"}}`, func(t *testing.T, m scfTriggerModel) {
				t.Helper()
				if m.Cos == nil || m.Cos.Filter == nil {
					t.Fatalf("cos = %+v", m.Cos)
				}
				expectString(t, "cos.bucket", m.Cos.Bucket, "photos-1250000000")
				expectString(t, "cos.event", m.Cos.Event, "cos:ObjectCreated:*")
				expectString(t, "cos.filter.prefix", m.Cos.Filter.Prefix, "in/")
				expectString(t, "cos.filter.suffix", m.Cos.Filter.Suffix, ".jpg")
			}},
		{"ckafka", "ckafka-abcd1234-orders", `{"maxMsgNum":"50","offset":"earliest","retry":"100","timeOut":"30"}`,
			func(t *testing.T, m scfTriggerModel) {
				t.Helper()
				if m.Ckafka == nil {
					t.Fatal("ckafka is null")
				}
				expectString(t, "ckafka.instance_id", m.Ckafka.InstanceID, "ckafka-abcd1234")
				expectString(t, "ckafka.topic", m.Ckafka.Topic, "orders")
				expectString(t, "ckafka.offset", m.Ckafka.Offset, "earliest")
				if m.Ckafka.MaxMsgNum.ValueInt64() != 50 || m.Ckafka.Retry.ValueInt64() != 100 || m.Ckafka.Timeout.ValueInt64() != 30 {
					t.Errorf("ckafka = %+v", m.Ckafka)
				}
			}},
		{"cmq", "orders-topic", `{"filterType":1,"filterKey":["a","b"]}`, func(t *testing.T, m scfTriggerModel) {
			t.Helper()
			if m.Cmq == nil {
				t.Fatal("cmq is null")
			}
			expectString(t, "cmq.topic", m.Cmq.Topic, "orders-topic")
			expectString(t, "cmq.filter_type", m.Cmq.FilterType, "tag")
			if got := listStrings(m.Cmq.FilterKeys); strings.Join(got, ",") != "a,b" {
				t.Errorf("cmq.filter_keys = %v", got)
			}
		}},
		{"http", "url", `{"AuthType":"NONE","NetConfig":{"EnableIntranet":false,"EnableExtranet":true}}`,
			func(t *testing.T, m scfTriggerModel) {
				t.Helper()
				if m.HTTP == nil {
					t.Fatal("http is null")
				}
				expectString(t, "http.auth_type", m.HTTP.AuthType, "NONE")
				if m.HTTP.EnableIntranet.ValueBool() || !m.HTTP.EnableExtranet.ValueBool() || m.HTTP.Cors != nil {
					t.Errorf("http = %+v", m.HTTP)
				}
			}},
	} {
		t.Run(v.typ, func(t *testing.T) {
			t.Parallel()
			src := estateAttributes(t, tencentcloudTriggerType, "nightly")
			src["type"], src["trigger_name"], src["trigger_desc"], src["enable"] = v.typ, v.name, v.desc, "CLOSE"
			src["id"] = "mig-fn#mig-ns#" + v.name
			src["trigger_attribute"] = v.desc
			moved := moveTrigger(t, src)
			m := moved.mustSucceed(t)
			expectString(t, "id", m.ID, "mig-ns/mig-fn/"+v.typ+"/"+v.name)
			expectString(t, "type", m.Type, v.typ)
			expectString(t, "name", m.Name, v.name)
			if m.Enable.IsNull() || m.Enable.ValueBool() {
				t.Errorf("enable = %s, want false (CLOSE)", m.Enable)
			}
			if m.Timer != nil {
				t.Error("timer is set")
			}
			v.check(t, m)
			moved.expectIdentity(t, map[string]string{"namespace": "mig-ns", "function_name": "mig-fn", "type": v.typ,
				"name": v.name, "qualifier": "$DEFAULT"})
		})
	}
}

func TestMoveStateTriggerRefusals(t *testing.T) {
	t.Parallel()
	summary := triggerDiagnostics.unable("Move")
	importBlock := `id = "mig-ns/mig-fn/timer/nightly"`
	for name, c := range map[string]struct {
		change map[string]any
		wants  []string
	}{
		"unmanaged type":      {map[string]any{"type": "cls", "trigger_desc": `{}`}, []string{`type = "cls"`, "does not manage", "removed {"}},
		"bad cron":            {map[string]any{"trigger_desc": "every night"}, []string{"trigger_desc", "not a cron expression", importBlock, "removed {"}},
		"bad json":            {map[string]any{"type": "ckafka", "trigger_desc": "maxMsgNum=50"}, []string{"trigger_desc", "not a JSON object", `id = "mig-ns/mig-fn/ckafka/nightly"`}},
		"cos without event":   {map[string]any{"type": "cos", "trigger_desc": `{"filter":{}}`}, []string{"trigger_desc", "has no event"}},
		"unknown enable":      {map[string]any{"enable": "MAYBE"}, []string{`enable = "MAYBE"`, importBlock}},
		"no qualifier":        {map[string]any{"qualifier": nil}, []string{"qualifier", importBlock}},
		"no function name":    {map[string]any{"function_name": "", "id": ""}, []string{"function_name"}},
		"schema version past": {nil, []string{"schema version 1", "removed {"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src := estateAttributes(t, tencentcloudTriggerType, "nightly")
			for k, v := range c.change {
				src[k] = v
			}
			req := tencentcloudMoveRequest(t, tencentcloudTriggerType, src)
			if c.change == nil {
				req.SourceSchemaVersion = 1
			}
			moveTencentcloud[scfTriggerModel](t, &scfTriggerResource{}, "scf_trigger", req).mustRefuse(t, summary, c.wants...)
		})
	}
}

func TestMoveStateTriggerOnOpenTofu(t *testing.T) {
	t.Parallel()
	req := tencentcloudMoveRequest(t, tencentcloudTriggerType, estateAttributes(t, tencentcloudTriggerType, "nightly"))
	req.SourceProviderAddress = "registry.opentofu.org/tencentcloudstack/tencentcloud"
	m := moveTencentcloud[scfTriggerModel](t, &scfTriggerResource{}, "scf_trigger", req).mustSucceed(t)
	expectString(t, "id", m.ID, "mig-ns/mig-fn/timer/nightly")
}

func TestMoveStateTriggerLeavesOtherSources(t *testing.T) {
	t.Parallel()
	attributes := estateAttributes(t, tencentcloudTriggerType, "nightly")
	for name, change := range map[string]func(*tfprotov6.MoveResourceStateRequest){
		"other type": func(r *tfprotov6.MoveResourceStateRequest) { r.SourceTypeName = tencentcloudFunctionType },
		"other provider": func(r *tfprotov6.MoveResourceStateRequest) {
			r.SourceProviderAddress = "registry.terraform.io/hashicorp/null"
		},
		"reserved type": func(r *tfprotov6.MoveResourceStateRequest) {
			r.SourceTypeName = tencentcloudReservedConcurrencyType
		},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			req := tencentcloudMoveRequest(t, tencentcloudTriggerType, attributes)
			change(req)
			moved := moveTencentcloud[scfTriggerModel](t, &scfTriggerResource{}, "scf_trigger", req)
			moved.expectNotMoved(t)
			if len(moved.diags) == 0 {
				t.Error("no diagnostic: the framework should say nothing moved it")
			}
		})
	}
}
