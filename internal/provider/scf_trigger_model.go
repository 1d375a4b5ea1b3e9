package provider

import (
	"encoding/json"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// scfTriggerModel maps the scf_trigger resource.
type scfTriggerModel struct {
	ID             types.String        `tfsdk:"id"`
	Namespace      types.String        `tfsdk:"namespace"`
	FunctionName   types.String        `tfsdk:"function_name"`
	Qualifier      types.String        `tfsdk:"qualifier"`
	Name           types.String        `tfsdk:"name"`
	Type           types.String        `tfsdk:"type"`
	Enable         types.Bool          `tfsdk:"enable"`
	Description    types.String        `tfsdk:"description"`
	CustomArgument types.String        `tfsdk:"custom_argument"`
	Timer          *timerTriggerModel  `tfsdk:"timer"`
	Cos            *cosTriggerModel    `tfsdk:"cos"`
	Ckafka         *ckafkaTriggerModel `tfsdk:"ckafka"`
	Cmq            *cmqTriggerModel    `tfsdk:"cmq"`
	Apigw          *apigwTriggerModel  `tfsdk:"apigw"`
	HTTP           *httpTriggerModel   `tfsdk:"http"`
}

type timerTriggerModel struct {
	CronExpression types.String `tfsdk:"cron_expression"`
}

type cosTriggerModel struct {
	Bucket types.String    `tfsdk:"bucket"`
	Event  types.String    `tfsdk:"event"`
	Filter *cosFilterModel `tfsdk:"filter"`
}

type cosFilterModel struct {
	Prefix types.String `tfsdk:"prefix"`
	Suffix types.String `tfsdk:"suffix"`
}

type ckafkaTriggerModel struct {
	InstanceID types.String `tfsdk:"instance_id"`
	Topic      types.String `tfsdk:"topic"`
	MaxMsgNum  types.Int64  `tfsdk:"max_msg_num"`
	Offset     types.String `tfsdk:"offset"`
	Retry      types.Int64  `tfsdk:"retry"`
	Timeout    types.Int64  `tfsdk:"timeout"`
}

// kind is the trigger type the configured block stands for, "" for none.
func (m *scfTriggerModel) kind() string {
	switch {
	case m.Timer != nil:
		return scfapi.TriggerTimer
	case m.Cos != nil:
		return scfapi.TriggerCos
	case m.Ckafka != nil:
		return scfapi.TriggerCkafka
	case m.Cmq != nil:
		return scfapi.TriggerCmq
	case m.Apigw != nil:
		return scfapi.TriggerApigw
	case m.HTTP != nil:
		return scfapi.TriggerHTTP
	}
	return ""
}

// updatable reports whether UpdateTrigger or UpdateTriggerStatus takes a
// trigger of this kind; the others are replaced on any change.
func updatable(kind string) bool { return kind != scfapi.TriggerCmq && kind != scfapi.TriggerApigw }

// namedByUser reports whether a trigger of this kind has no default name.
func namedByUser(kind string) bool {
	return kind == scfapi.TriggerTimer || kind == scfapi.TriggerApigw || kind == scfapi.TriggerHTTP
}

// cosDomain is a bucket's XML API domain, the name the API gives a COS
// trigger.
func cosDomain(bucket, region string) string { return bucket + ".cos." + region + ".myqcloud.com" }

// defaultName is the name a trigger gets when none is configured, and
// whether it is known yet.
func (m *scfTriggerModel) defaultName(region string) (string, bool) {
	switch {
	case m.Cos != nil:
		return cosDomain(m.Cos.Bucket.ValueString(), region), !m.Cos.Bucket.IsUnknown()
	case m.Ckafka != nil:
		return m.Ckafka.InstanceID.ValueString() + "-" + m.Ckafka.Topic.ValueString(),
			!m.Ckafka.InstanceID.IsUnknown() && !m.Ckafka.Topic.IsUnknown()
	case m.Cmq != nil:
		return m.Cmq.Topic.ValueString(), !m.Cmq.Topic.IsUnknown()
	}
	return "", false
}

// desc renders the block as the API's TriggerDesc (product doc 583/39901):
// the bare cron expression for a timer, JSON for the others.
func (m *scfTriggerModel) desc() string {
	switch {
	case m.Timer != nil:
		return m.Timer.CronExpression.ValueString()
	case m.Cos != nil:
		d := map[string]any{"event": m.Cos.Event.ValueString()}
		if f := m.Cos.Filter; f != nil {
			d["filter"] = map[string]string{"Prefix": f.Prefix.ValueString(), "Suffix": f.Suffix.ValueString()}
		}
		b, _ := json.Marshal(d)
		return string(b)
	case m.Ckafka != nil:
		// The service takes the numbers as strings.
		b, _ := json.Marshal(map[string]string{
			"maxMsgNum": strconv.FormatInt(m.Ckafka.MaxMsgNum.ValueInt64(), 10),
			"offset":    m.Ckafka.Offset.ValueString(),
			"retry":     strconv.FormatInt(m.Ckafka.Retry.ValueInt64(), 10),
			"timeOut":   strconv.FormatInt(m.Ckafka.Timeout.ValueInt64(), 10),
		})
		return string(b)
	case m.Cmq != nil:
		return m.Cmq.desc()
	case m.Apigw != nil:
		return m.Apigw.desc()
	case m.HTTP != nil:
		return m.HTTP.desc()
	}
	return ""
}

func (m *scfTriggerModel) spec() scfapi.TriggerSpec {
	return scfapi.TriggerSpec{
		Namespace: m.Namespace.ValueString(), FunctionName: m.FunctionName.ValueString(), Qualifier: m.Qualifier.ValueString(),
		Type: m.kind(), Name: m.Name.ValueString(), Desc: m.desc(), Enable: m.Enable.ValueBool(),
		CustomArgument: m.CustomArgument.ValueString(), Description: m.Description.ValueString(),
	}
}

func triggerID(namespace, function, typ, name string) string {
	return namespace + "/" + function + "/" + typ + "/" + name
}

// flatten sets the model from a trigger the service listed.
// Values that the listing holds only inside the name (the bucket, the CKafka
// instance and topic) are kept from the model when it has them, since a
// configured name need not follow the default form.
func (m *scfTriggerModel) flatten(t *scfapi.Trigger) {
	prevCos, prevCkafka := m.Cos, m.Ckafka
	m.Type = types.StringValue(t.Type)
	m.Name = types.StringValue(t.TriggerName)
	m.Qualifier = types.StringValue(t.Qualifier)
	m.Enable = types.BoolValue(t.Enable == 1)
	m.Description = types.StringValue(t.Description)
	m.CustomArgument = types.StringValue(t.CustomArgument)
	m.ID = types.StringValue(triggerID(m.Namespace.ValueString(), m.FunctionName.ValueString(), t.Type, t.TriggerName))
	m.Timer, m.Cos, m.Ckafka, m.Cmq, m.Apigw, m.HTTP = nil, nil, nil, nil, nil, nil
	switch t.Type {
	case scfapi.TriggerTimer:
		m.Timer = &timerTriggerModel{CronExpression: types.StringValue(scfapi.TimerCron(t.TriggerDesc))}
	case scfapi.TriggerCos:
		m.Cos = flattenCos(t)
		if prevCos != nil {
			m.Cos.Bucket = prevCos.Bucket
		}
	case scfapi.TriggerCkafka:
		m.Ckafka = flattenCkafka(t)
		if prevCkafka != nil {
			m.Ckafka.InstanceID, m.Ckafka.Topic = prevCkafka.InstanceID, prevCkafka.Topic
		}
	case scfapi.TriggerCmq:
		m.Cmq = flattenCmq(t)
	case scfapi.TriggerApigw:
		m.Apigw = flattenApigw(t)
	case scfapi.TriggerHTTP:
		m.HTTP = flattenHTTP(t)
	}
}

func flattenCos(t *scfapi.Trigger) *cosTriggerModel {
	var d struct {
		Event  string `json:"event"`
		Filter *struct {
			Prefix string `json:"Prefix"`
			Suffix string `json:"Suffix"`
		} `json:"filter"`
	}
	_ = json.Unmarshal([]byte(t.TriggerDesc), &d)
	bucket, _, _ := strings.Cut(t.TriggerName, ".cos.")
	c := &cosTriggerModel{Bucket: types.StringValue(bucket), Event: types.StringValue(d.Event)}
	if d.Filter != nil {
		c.Filter = &cosFilterModel{Prefix: types.StringValue(d.Filter.Prefix), Suffix: types.StringValue(d.Filter.Suffix)}
	}
	return c
}

func flattenCkafka(t *scfapi.Trigger) *ckafkaTriggerModel {
	var d map[string]any
	_ = json.Unmarshal([]byte(t.TriggerDesc), &d)
	num := func(k string, def int64) types.Int64 {
		switch v := d[k].(type) {
		case string:
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				return types.Int64Value(n)
			}
		case float64:
			return types.Int64Value(int64(v))
		}
		return types.Int64Value(def)
	}
	offset, _ := d["offset"].(string)
	// The console names a CKafka trigger "<instance id>-<topic>"; the
	// instance ID has a fixed length.
	instance, topic := t.TriggerName, ""
	if len(t.TriggerName) > len("ckafka-12345678-") {
		instance, topic = t.TriggerName[:len("ckafka-12345678")], t.TriggerName[len("ckafka-12345678-"):]
	}
	return &ckafkaTriggerModel{
		InstanceID: types.StringValue(instance), Topic: types.StringValue(topic), MaxMsgNum: num("maxMsgNum", 100),
		Offset: types.StringValue(offset), Retry: num("retry", 10000), Timeout: num("timeOut", 60),
	}
}
