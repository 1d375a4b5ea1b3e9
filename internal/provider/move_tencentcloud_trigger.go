package provider

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
	"github.com/scfprovider/terraform-provider-scf/internal/scfcron"
)

var _ resource.ResourceWithMoveState = (*scfTriggerResource)(nil)

// tencentcloudTriggerType is the official provider's resource a `moved`
// block may name as the source of scf_trigger.
const tencentcloudTriggerType = "tencentcloud_scf_trigger"

// The official provider's enable values.
const (
	tencentcloudOpen  = "OPEN"
	tencentcloudClose = "CLOSE"
)

// MoveState takes over a trigger from tencentcloud_scf_trigger: its raw
// trigger_desc (the bare cron expression of a timer, JSON for the others)
// becomes the typed block of its type, as this resource's Read flattens
// what the service lists.
func (r *scfTriggerResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveTriggerFromTencentcloud}}
}

func moveTriggerFromTencentcloud(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var source tencentcloudTriggerState
	if !triggerMove.decode(req, resp, &source) {
		return
	}
	model, diags := movedTrigger(source)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, model)...)
	setIdentity(ctx, resp.TargetIdentity, model.identity(), &resp.Diagnostics)
}

// triggerMove is the move from tencentcloud_scf_trigger.
var triggerMove = tencentcloudMove{
	source: tencentcloudTriggerType, target: "scf_trigger", summary: triggerDiagnostics.unable("Move"),
	advice: func(id string) string {
		return tencentcloudAdvice("trigger", tencentcloudTriggerType, "scf_trigger", id,
			"<namespace>/<function_name>/<type>/<name>")
	},
}

// movedTrigger translates the official provider's state into this
// resource's model by way of the listing the service would give, so that
// the model is what Read makes of it.
func movedTrigger(src tencentcloudTriggerState) (scfTriggerModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	var m scfTriggerModel
	namespace, function, name := src.Namespace, src.FunctionName, src.TriggerName
	// The official ID, <function>#<namespace>#<trigger>, fills in what an
	// old state lacks.
	if parts := strings.SplitN(src.ID, "#", 3); len(parts) == 3 {
		namespace, function, name = cmp.Or(namespace, parts[1]), cmp.Or(function, parts[0]), cmp.Or(name, parts[2])
	}
	namespace = cmp.Or(namespace, scfapi.DefaultNamespace)
	importID := triggerID(namespace, function, src.Type, name)
	refuse := func(format string, args ...any) (scfTriggerModel, diag.Diagnostics) {
		diags.AddError(triggerMove.summary, fmt.Sprintf("Trigger %s: ", importID)+fmt.Sprintf(format, args...)+" "+triggerMove.advice(importID))
		return m, diags
	}
	if !slices.Contains(importableTriggerTypes, src.Type) {
		diags.AddError(triggerMove.summary, fmt.Sprintf("Trigger %q of function %s has type = %q, which scf_trigger does not manage "+
			"(it manages %s). Replace the moved block with a removed block (`removed { from = "+
			"tencentcloud_scf_trigger.<name>  lifecycle { destroy = false } }`): Terraform forgets the trigger without "+
			"deleting it, and it stays on the function, unmanaged.", name, functionID(namespace, function), src.Type,
			strings.Join(importableTriggerTypes, ", ")))
		return m, diags
	}
	switch {
	case function == "":
		return refuse("the state has no function_name.")
	case name == "":
		return refuse("the state has no trigger_name.")
	case src.Qualifier == "":
		return refuse("the state has no qualifier, so the move cannot tell which of the function's triggers of " +
			"that name it is.")
	}
	listed := scfapi.Trigger{
		Type: src.Type, TriggerName: name, TriggerDesc: src.TriggerDesc, Qualifier: src.Qualifier,
		Description: src.Description, CustomArgument: src.CustomArgument, AddTime: src.AddTime, ModTime: src.ModTime,
	}
	switch src.Enable {
	case tencentcloudOpen, "": // the service's default
		listed.Enable = 1
	case tencentcloudClose:
	default:
		return refuse("enable = %q is neither %q nor %q.", src.Enable, tencentcloudOpen, tencentcloudClose)
	}
	if problem := triggerDescProblem(src.Type, src.TriggerDesc); problem != "" {
		return refuse("trigger_desc %q %s, so scf_trigger cannot turn it into its %s block.", src.TriggerDesc, problem, src.Type)
	}
	m.Namespace, m.FunctionName = types.StringValue(namespace), types.StringValue(function)
	m.flatten(&listed)
	return m, diags
}

// triggerDescProblem says why a TriggerDesc of that type cannot be read
// into scf_trigger's block, "" when it can.
func triggerDescProblem(typ, desc string) string {
	if typ == scfapi.TriggerTimer {
		if err := scfcron.Check(scfapi.TimerCron(desc)); err != nil {
			return "is not a cron expression (" + err.Error() + ")"
		}
		return ""
	}
	var d map[string]any
	if err := json.Unmarshal([]byte(desc), &d); err != nil || d == nil {
		return "is not a JSON object"
	}
	if typ == scfapi.TriggerCos {
		if event, _ := d["event"].(string); event == "" {
			return "has no event"
		}
	}
	return ""
}

// tencentcloudTriggerState is the state the official provider writes for
// tencentcloud_scf_trigger at schema version 0. trigger_attribute (the
// description as the service reads it back) and available_status are left
// out: the refresh after the move reads them from the service.
type tencentcloudTriggerState struct {
	ID             string `json:"id"`
	Namespace      string `json:"namespace"`
	FunctionName   string `json:"function_name"`
	TriggerName    string `json:"trigger_name"`
	Type           string `json:"type"`
	Qualifier      string `json:"qualifier"`
	Enable         string `json:"enable"`
	TriggerDesc    string `json:"trigger_desc"`
	Description    string `json:"description"`
	CustomArgument string `json:"custom_argument"`
	AddTime        string `json:"add_time"`
	ModTime        string `json:"mod_time"`
}
