package provider

import (
	"context"
	"sort"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// The function's settings that stand on their own: its description,
// role, dead letter queue, tags, and how long
// Terraform waits for each operation.

// functionSettings are the settings of scf_function's model.
type functionSettings struct {
	Description      types.String   `tfsdk:"description"`
	Role             types.String   `tfsdk:"role"`
	DeadLetterConfig types.Object   `tfsdk:"dead_letter_config"`
	Tags             types.Map      `tfsdk:"tags"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

// deadLetterConfigModel maps `dead_letter_config`.
type deadLetterConfigModel struct {
	Type       types.String `tfsdk:"type"`
	Name       types.String `tfsdk:"name"`
	FilterType types.String `tfsdk:"filter_type"`
}

var deadLetterCodec = nestedCodec[deadLetterConfigModel](deadLetterAttribute())

func settingsAttributes(ctx context.Context) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"description": schema.StringAttribute{
			Optional: true,
			Computed: true,
			Default:  stringdefault.StaticString(""),
			MarkdownDescription: "Description (`Description`): up to 1,000 characters of letters (including Chinese), " +
				"digits, spaces, commas, periods and new lines. Defaults to empty. Changes are applied in place.",
			Validators: []validator.String{validators.Description()},
		},
		"role": schema.StringAttribute{
			Optional: true,
			Computed: true,
			Default:  stringdefault.StaticString(""),
			MarkdownDescription: "Name of the CAM role the function runs as (`Role`), such as `SCF_QcsRole`. Defaults " +
				"to none. Changes are applied in place.",
		},
		"dead_letter_config": deadLetterAttribute(),
		"tags": schema.MapAttribute{
			Optional:    true,
			ElementType: types.StringType,
			MarkdownDescription: "Tags of the function (`Tags`). Changes are applied in place through the Tag service, " +
				"without touching the function's code or configuration.",
			Validators: []validator.Map{
				mapvalidator.SizeAtMost(50),
				mapvalidator.KeysAre(stringvalidator.LengthBetween(1, 127)),
				mapvalidator.ValueStringsAre(stringvalidator.LengthAtMost(255)),
			},
		},
		"timeouts": timeoutsAttribute(ctx),
	}
}

func deadLetterAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Dead letter queue for failed asynchronous invocations (`DeadLetterConfig`). " +
			"Removing it detaches the queue. Changes are applied in place.",
		Attributes: map[string]schema.Attribute{
			"type": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Kind of target: `CMQ-QUEUE` or `CMQ-TOPIC`.",
				Validators:          []validator.String{stringvalidator.OneOf("CMQ-QUEUE", "CMQ-TOPIC")},
			},
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the queue or topic.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"filter_type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Message filter type; only for `CMQ-TOPIC` targets.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
		},
	}
}

// timeoutsAttribute adds the defaults and what each timeout bounds to the
// library's attribute, whose own descriptions only explain the format.
func timeoutsAttribute(ctx context.Context) schema.Attribute {
	format := " A duration such as `30s`, `10m` or `1h`."
	short := func(d time.Duration) string { return strings.TrimSuffix(d.String(), "0s") }
	a := timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Update: true, Delete: true,
		CreateDescription: "How long to wait for `CreateFunction` and for the function to become `Active`, retries included. " +
			"Defaults to `" + short(defaultCreateTimeout) + "`." + format,
		UpdateDescription: "How long an update may take, all its API calls and waits together. Defaults to `" +
			short(defaultUpdateTimeout) + "`." + format,
		DeleteDescription: "How long to wait for `DeleteFunction` and for the function to disappear. Defaults to `" +
			short(defaultDeleteTimeout) + "`." + format,
	})
	if nested, ok := a.(schema.SingleNestedAttribute); ok {
		nested.MarkdownDescription = "Limits for each operation. When one runs out, the operation stops with an error " +
			"naming the function and its status; a function whose creation did not finish is kept in state, tainted."
		return nested
	}
	return a
}

var settingsAPIErrorHints = map[string]apiErrorHint{
	"InvalidParameterValue.Description": {attribute: path.Root("description"), advice: "Use at most 1,000 letters, digits, spaces, commas and periods."},
	"ResourceNotFound.Cmq":              {attribute: path.Root("dead_letter_config"), advice: "Create the CMQ queue or topic first, or fix its name."},
	"ResourceNotFound.Role":             {attribute: path.Root("role"), advice: "Create the CAM role first, or fix its name."},
	"UnauthorizedOperation.Role": {attribute: path.Root("role"),
		advice: "The function's role has no permission to read the code from COS. Grant it COS read access."},
}

// expandCreate puts the settings into CreateFunction; the tags go with it,
// later changes of them through the Tag service (diffTags).
func (s functionSettings) expandCreate(req *scfapi.CreateFunctionRequest, diags *diag.Diagnostics) {
	req.Description = stringPtr(s.Description)
	if role := s.Role.ValueString(); role != "" {
		req.Role = &role
	}
	req.DeadLetterConfig = expandDeadLetterConfig(s.DeadLetterConfig, false, diags)
	req.Tags = expandTags(s.Tags, diags)
}

// expandUpdate adds the settings that changed to req, those removed as the
// API's clearing values, and reports whether there was any.
func (s functionSettings) expandUpdate(state functionSettings, req *scfapi.UpdateFunctionConfigurationRequest, diags *diag.Diagnostics) bool {
	var u update
	req.Description = u.str(s.Description, state.Description)
	req.Role = u.str(s.Role, state.Role)
	if u.differs(s.DeadLetterConfig, state.DeadLetterConfig) {
		req.DeadLetterConfig = expandDeadLetterConfig(s.DeadLetterConfig, true, diags)
	}
	return u.changed
}

func expandDeadLetterConfig(obj types.Object, clearIfNull bool, diags *diag.Diagnostics) *scfapi.DeadLetterConfig {
	dlq, ok := deadLetterCodec.get(obj, diags)
	if !ok {
		if clearIfNull {
			return &scfapi.DeadLetterConfig{Type: ptr(""), Name: ptr("")}
		}
		return nil
	}
	return &scfapi.DeadLetterConfig{Type: stringPtr(dlq.Type), Name: stringPtr(dlq.Name), FilterType: stringPtr(dlq.FilterType)}
}

func expandTags(m types.Map, diags *diag.Diagnostics) []*scfapi.Tag {
	tags := stringMap(m, diags)
	var out []*scfapi.Tag
	for _, k := range sortedKeys(tags) {
		out = append(out, &scfapi.Tag{Key: ptr(k), Value: ptr(tags[k])})
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// diffTags lists the tags to add or change and the keys to remove.
func diffTags(planned, prior types.Map, diags *diag.Diagnostics) (map[string]string, []string) {
	want, have := stringMap(planned, diags), stringMap(prior, diags)
	replace := map[string]string{}
	for k, v := range want {
		if old, ok := have[k]; !ok || old != v {
			replace[k] = v
		}
	}
	var remove []string
	for k := range have {
		if _, ok := want[k]; !ok {
			remove = append(remove, k)
		}
	}
	return replace, remove
}

// flatten reads the settings. Empty collections keep the shape the model
// already had (null or empty), so that `tags = {}` and no tags at all both
// plan cleanly. The timeouts are Terraform's own.
func (s *functionSettings) flatten(fn *scfapi.Function, diags *diag.Diagnostics) {
	s.Description = types.StringValue(fn.Description)
	s.Role = types.StringValue(fn.Role)
	tags := make(map[string]string, len(fn.Tags))
	for _, t := range fn.Tags {
		tags[t.Key] = t.Value
	}
	s.Tags = flattenStringMap(tags, s.Tags, diags)
	s.DeadLetterConfig = deadLetterCodec.null()
	if dlq := fn.DeadLetterConfig; dlq.Type != "" || dlq.Name != "" {
		s.DeadLetterConfig = deadLetterCodec.value(deadLetterConfigModel{
			Type: types.StringValue(dlq.Type), Name: types.StringValue(dlq.Name), FilterType: emptyAsNull(dlq.FilterType),
		}, diags)
	}
}
