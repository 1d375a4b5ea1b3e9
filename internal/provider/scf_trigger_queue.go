package provider

// The CMQ topic trigger of scf_trigger: schema, model, TriggerDesc and
// flatten. Its TriggerDesc is documented in product doc 583/34880; the
// filter limits (5 keys; tags of at most 16 characters, binding keys of at
// most 64) are those of CMQ's Subscribe API.

import (
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/objectvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/objectplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var cmqTopicRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,63}$`)

// The API's filterType numbers.
var cmqFilterTypes = map[string]int{"tag": 1, "route": 2}

const cmqMaxTagLength = 16

type cmqTriggerModel struct {
	Topic      types.String `tfsdk:"topic"`
	FilterType types.String `tfsdk:"filter_type"`
	FilterKeys types.List   `tfsdk:"filter_keys"`
}

func cmqTriggerSchema() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "A CMQ topic trigger: the function subscribes to a topic of the Cloud Message Queue. " +
			"**Deprecated by the service:** Tencent Cloud has retired CMQ in favour of TDMQ for CMQ; SCF still " +
			"documents the `cmq` type for existing topics. Neither `UpdateTrigger` nor `UpdateTriggerStatus` takes a " +
			"CMQ trigger, so any change, `enable` and `description` included, replaces it. " + exactlyOneKind,
		DeprecationMessage: "CMQ has been retired by Tencent Cloud in favour of TDMQ for CMQ; the cmq trigger type " +
			"only serves existing CMQ topics.",
		Validators:    []validator.Object{objectvalidator.ExactlyOneOf(triggerKinds()...)},
		PlanModifiers: []planmodifier.Object{objectplanmodifier.RequiresReplace()},
		Attributes: map[string]schema.Attribute{
			"topic": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Name of the CMQ topic, which is also the trigger's name: a letter, then letters, " +
					"digits, `-` and `_`, at most 64 characters.",
				Validators: []validator.String{stringvalidator.RegexMatches(cmqTopicRE,
					"must be a letter followed by letters, digits, - and _, at most 64 characters")},
			},
			"filter_type": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "How `filter_keys` select messages (`filterType`): `tag` (the message's tags, " +
					"filterType 1) or `route` (binding keys matched against the routing key, filterType 2). Unset, " +
					"every message of the topic invokes the function.",
				Validators: []validator.String{
					stringvalidator.OneOf("tag", "route"),
					stringvalidator.AlsoRequires(path.MatchRelative().AtParent().AtName("filter_keys")),
				},
			},
			"filter_keys": schema.ListAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "The tags or binding keys (`filterKey`), 1 to 5 of them: a tag is at most 16 " +
					"characters, a binding key at most 64.",
				Validators: []validator.List{
					listvalidator.SizeBetween(1, 5),
					listvalidator.ValueStringsAre(stringvalidator.LengthBetween(1, 64)),
					listvalidator.AlsoRequires(path.MatchRelative().AtParent().AtName("filter_type")),
				},
			},
		},
	}
}

// desc is the TriggerDesc: none without a filter.
func (c *cmqTriggerModel) desc() string {
	if c.FilterType.IsNull() {
		return ""
	}
	b, _ := json.Marshal(map[string]any{"filterType": cmqFilterTypes[c.FilterType.ValueString()], "filterKey": listStrings(c.FilterKeys)})
	return string(b)
}

func flattenCmq(t *scfapi.Trigger) *cmqTriggerModel {
	c := &cmqTriggerModel{Topic: types.StringValue(t.TriggerName), FilterType: types.StringNull(),
		FilterKeys: types.ListNull(types.StringType)}
	var d struct {
		FilterType int      `json:"filterType"`
		FilterKey  []string `json:"filterKey"`
	}
	if t.TriggerDesc == "" || json.Unmarshal([]byte(t.TriggerDesc), &d) != nil {
		return c
	}
	for name, n := range cmqFilterTypes {
		if n == d.FilterType {
			c.FilterType = types.StringValue(name)
		}
	}
	c.FilterKeys = stringsList(d.FilterKey)
	return c
}

// validateCmq checks what the attribute validators cannot: the name is the
// topic, and tags are shorter than binding keys.
func validateCmq(ctx context.Context, config tfsdk.Config, cfg *scfTriggerModel, diags *diag.Diagnostics) {
	c := cfg.Cmq
	if !cfg.Name.IsNull() && !cfg.Name.IsUnknown() && !c.Topic.IsUnknown() && cfg.Name.ValueString() != c.Topic.ValueString() {
		validators.Violation{Summary: summaryTriggerConfig, Path: path.Root("name"),
			Problem: fmt.Sprintf("name %q differs from cmq.topic %q", cfg.Name.ValueString(), c.Topic.ValueString()),
			Rule:    "a CMQ trigger is named after its topic; leave name unset"}.Report(ctx, config, diags)
	}
	if c.FilterType.ValueString() != "tag" || c.FilterKeys.IsUnknown() {
		return
	}
	for i, v := range c.FilterKeys.Elements() {
		s, ok := v.(types.String)
		if !ok || s.IsUnknown() || utf8.RuneCountInString(s.ValueString()) <= cmqMaxTagLength {
			continue
		}
		validators.Violation{Summary: summaryTriggerConfig, Path: path.Root("cmq").AtName("filter_keys").AtListIndex(i),
			Problem: fmt.Sprintf("tag %q has %d characters", s.ValueString(), utf8.RuneCountInString(s.ValueString())),
			Rule:    "a CMQ message tag is at most 16 characters (binding keys, with filter_type = \"route\", 64)"}.
			Report(ctx, config, diags)
	}
}
