package provider

import (
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// Where the function's logs go: the CLS logset and topic, and whether the
// service reports its own system logs.

const summaryAttributeCombination = "Invalid Attribute Combination"

// functionLogging is the logging of scf_function's model.
type functionLogging struct {
	ClsLogsetID  types.String `tfsdk:"cls_logset_id"`
	ClsTopicID   types.String `tfsdk:"cls_topic_id"`
	IgnoreSysLog types.Bool   `tfsdk:"ignore_sys_log"`
}

func loggingAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"cls_logset_id": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "ID of the CLS logset that receives the function's logs (`ClsLogsetId`); set together " +
				"with `cls_topic_id`. When both are unset the service may assign its own, which is kept without a " +
				"diff. Changes are applied in place.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"cls_topic_id": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "ID of the CLS topic that receives the function's logs (`ClsTopicId`); set together " +
				"with `cls_logset_id`. Changes are applied in place.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"ignore_sys_log": flagAttribute("Stops the service's system logs from being reported (`IgnoreSysLog`). Only " +
			"`UpdateFunctionConfiguration` accepts it and `GetFunction` does not return it, so the provider sets it " +
			"after creating the function, cannot detect changes made outside Terraform, and assumes `false` after an " +
			"import. Changes are applied in place."),
	}
}

var loggingAPIErrorHints = map[string]apiErrorHint{
	"InvalidParameterValue.Cls": {attribute: path.Root("cls_logset_id"),
		advice: "Set `cls_logset_id` and `cls_topic_id` together, to a logset and one of its topics that exist in this region."},
}

// expandCreate puts the CLS destination into CreateFunction, which does not
// take ignore_sys_log: Create sets it afterwards (see ignoreSysLog).
func (l functionLogging) expandCreate(req *scfapi.CreateFunctionRequest) {
	req.ClsLogsetId = stringPtr(l.ClsLogsetID)
	req.ClsTopicId = stringPtr(l.ClsTopicID)
}

// expandUpdate adds the logging settings that changed to req and reports
// whether there was any. The logset and topic go together.
func (l functionLogging) expandUpdate(state functionLogging, req *scfapi.UpdateFunctionConfigurationRequest) bool {
	var u update
	if !l.ClsLogsetID.Equal(state.ClsLogsetID) || !l.ClsTopicID.Equal(state.ClsTopicID) {
		if !l.ClsLogsetID.IsUnknown() && !l.ClsTopicID.IsUnknown() {
			u.changed = true
			req.ClsLogsetId = ptr(l.ClsLogsetID.ValueString())
			req.ClsTopicId = ptr(l.ClsTopicID.ValueString())
		}
	}
	req.IgnoreSysLog = u.boolean(l.IgnoreSysLog, state.IgnoreSysLog)
	return u.changed
}

// flatten reads the CLS destination. GetFunction does not report
// ignore_sys_log, so the model keeps what it had, false when nothing.
func (l *functionLogging) flatten(fn *scfapi.Function) {
	l.ClsLogsetID = types.StringValue(fn.ClsLogsetId)
	l.ClsTopicID = types.StringValue(fn.ClsTopicId)
	if l.IgnoreSysLog.IsNull() || l.IgnoreSysLog.IsUnknown() {
		l.IgnoreSysLog = types.BoolValue(false)
	}
}

// clearUnknowns is clearUnknowns of the resource for the logging's values.
func (l *functionLogging) clearUnknowns() {
	l.ClsLogsetID, l.ClsTopicID = nullIfUnknown(l.ClsLogsetID), nullIfUnknown(l.ClsTopicID)
}

// validateLogging requires the logset and topic together. Unknown values
// may still become either, so they pass.
func validateLogging(config *scfFunctionResourceModel, report func(validators.Violation)) {
	logset, topic := config.ClsLogsetID, config.ClsTopicID
	if logset.IsUnknown() || topic.IsUnknown() || logset.IsNull() == topic.IsNull() {
		return
	}
	configured, missing := "cls_logset_id", "cls_topic_id"
	if logset.IsNull() {
		configured, missing = missing, configured
	}
	report(validators.Violation{
		Summary: summaryAttributeCombination,
		Path:    path.Root(configured),
		Problem: fmt.Sprintf("it is set, but `%s` is not", missing),
		Rule:    "these attributes must be configured together: [cls_logset_id,cls_topic_id]",
	})
}
