package provider

import (
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// attributesMoveRequest is the MoveResourceState call for a `moved` block
// from an object of source, whose state holds attributes, to target.
func attributesMoveRequest(t *testing.T, source, target string, attributes map[string]any) *tfprotov6.MoveResourceStateRequest {
	t.Helper()
	req := moveRequest(rawJSON(t, attributes))
	req.SourceTypeName, req.TargetTypeName = source, target
	return req
}

func triggerMoveRequest(t *testing.T, attributes map[string]any) *tfprotov6.MoveResourceStateRequest {
	t.Helper()
	return attributesMoveRequest(t, tencentcloudTriggerType, "scf_trigger", attributes)
}

func TestMoveStateRecordedTimerTrigger(t *testing.T) {
	t.Parallel()
	var m scfTriggerModel
	identity := mustMoveInto(t, estateMoveRequest(t, tencentcloudTriggerType, "scf_trigger"), NewSCFTriggerResource(), &m)
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
	expectIdentity(t, identity, map[string]string{"namespace": "mig-ns", "function_name": "mig-fn", "type": "timer",
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
			src := estateAttributes(t, tencentcloudTriggerType)
			src["type"], src["trigger_name"], src["trigger_desc"], src["enable"] = v.typ, v.name, v.desc, "CLOSE"
			src["id"] = "mig-fn#mig-ns#" + v.name
			src["trigger_attribute"] = v.desc
			var m scfTriggerModel
			identity := mustMoveInto(t, triggerMoveRequest(t, src), NewSCFTriggerResource(), &m)
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
			expectIdentity(t, identity, map[string]string{"namespace": "mig-ns", "function_name": "mig-fn", "type": v.typ,
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
		"unmanaged type":    {map[string]any{"type": "cls", "trigger_desc": `{}`}, []string{`type = "cls"`, "does not manage", "removed {"}},
		"bad cron":          {map[string]any{"trigger_desc": "every night"}, []string{"trigger_desc", "not a cron expression", importBlock, "removed {"}},
		"bad json":          {map[string]any{"type": "ckafka", "trigger_desc": "maxMsgNum=50"}, []string{"trigger_desc", "not a JSON object", `id = "mig-ns/mig-fn/ckafka/nightly"`}},
		"cos without event": {map[string]any{"type": "cos", "trigger_desc": `{"filter":{}}`}, []string{"trigger_desc", "has no event"}},
		"unknown enable":    {map[string]any{"enable": "MAYBE"}, []string{`enable = "MAYBE"`, importBlock}},
		"no qualifier":      {map[string]any{"qualifier": nil}, []string{"qualifier", importBlock}},
		"no function name":  {map[string]any{"function_name": "", "id": ""}, []string{"function_name"}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src := estateAttributes(t, tencentcloudTriggerType)
			for k, v := range c.change {
				src[k] = v
			}
			var m scfTriggerModel // never decoded: the move fails
			_, diags := moveInto(t, triggerMoveRequest(t, src), NewSCFTriggerResource(), &m)
			expectRefusal(t, diags, summary, c.wants...)
		})
	}
	testMoveRefusals(t, tencentcloudTriggerType, "scf_trigger", NewSCFTriggerResource, summary, `{"trigger_name": 3}`)
}

func TestMoveStateTriggerLeavesOtherSourcesAlone(t *testing.T) {
	t.Parallel()
	var m scfTriggerModel
	testMoveLeavesOtherSourcesAlone(t, tencentcloudTriggerType, "scf_trigger", NewSCFTriggerResource, &m)
}
