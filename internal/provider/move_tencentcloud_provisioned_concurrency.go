package provider

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var _ resource.ResourceWithMoveState = (*scfProvisionedConcurrencyResource)(nil)

// tencentcloudProvisionedConcurrencyType is the official provider's
// resource a `moved` block may name as the source of
// scf_provisioned_concurrency.
const tencentcloudProvisionedConcurrencyType = "tencentcloud_scf_provisioned_concurrency_config"

// tencentcloudDefaultProvisionedType is the provisioned_type of a
// scheduled action that sets a static number of instances, the only kind
// scf_provisioned_concurrency manages.
const tencentcloudDefaultProvisionedType = "Default"

// MoveState takes over a version's provisioned concurrency from
// tencentcloud_scf_provisioned_concurrency_config: its number of instances
// and its scheduled actions (trigger_actions there, scheduled_actions
// here). Concurrency that scales by utilization (provisioned_type,
// tracking_target, min_capacity, max_capacity) is refused: this resource
// cannot manage it.
func (r *scfProvisionedConcurrencyResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveProvisionedFromTencentcloud}}
}

func moveProvisionedFromTencentcloud(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var source tencentcloudProvisionedConcurrencyState
	if !provisionedMove.decode(req, resp, &source) {
		return
	}
	model, diags := movedProvisionedConcurrency(ctx, source)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, model)...)
	setIdentity(ctx, resp.TargetIdentity, model.identity(), &resp.Diagnostics)
}

// provisionedMove is the move from
// tencentcloud_scf_provisioned_concurrency_config. Its advice is its own:
// concurrency that scales by utilization is better left unmanaged than
// imported.
var provisionedMove = tencentcloudMove{
	source: tencentcloudProvisionedConcurrencyType, target: "scf_provisioned_concurrency",
	summary: concurrencyDiagnostics.unable("Move"), advice: provisionedMoveAdvice,
}

// provisionedMoveAdvice is what to do with a provisioned concurrency the
// move refuses; importID is scf_provisioned_concurrency's import ID when
// known.
func provisionedMoveAdvice(importID string) string {
	if importID == "" {
		importID = "<namespace>/<function_name>/<qualifier>"
	}
	return "Replace the moved block with a removed block (`removed { from = " +
		"tencentcloud_scf_provisioned_concurrency_config.<name>  lifecycle { destroy = false } }`), so Terraform " +
		"forgets it without removing it from the version; to manage it as static provisioned concurrency, import " +
		"it with an import block (`import { to = scf_provisioned_concurrency.<name>  id = \"" + importID + "\" }`)."
}

// movedProvisionedConcurrency is the model Read makes of what the official
// provider recorded. What only the service knows (available, status,
// status_reason) is null: the refresh that follows the move reads it.
func movedProvisionedConcurrency(ctx context.Context, src tencentcloudProvisionedConcurrencyState) (scfProvisionedConcurrencyModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	namespace, function, qualifier := src.Namespace, src.FunctionName, src.Qualifier
	// The official ID is <function>#<qualifier>#<namespace>.
	if parts := strings.SplitN(src.ID, "#", 3); len(parts) == 3 {
		function, qualifier, namespace = cmp.Or(function, parts[0]), cmp.Or(qualifier, parts[1]), cmp.Or(namespace, parts[2])
	}
	namespace = cmp.Or(namespace, scfapi.DefaultNamespace)
	id := provisionedID(namespace, function, qualifier)
	var m scfProvisionedConcurrencyModel
	refuse := func(problem string) (scfProvisionedConcurrencyModel, diag.Diagnostics) {
		diags.AddError(provisionedMove.summary, fmt.Sprintf("The provisioned concurrency of %s %s. %s", id, problem, provisionedMove.advice(id)))
		return m, diags
	}
	if function == "" || qualifier == "" {
		return refuse(fmt.Sprintf("has no function_name or qualifier in state (id %q)", src.ID))
	}
	var unmanaged []string
	if src.ProvisionedType != nil && *src.ProvisionedType != "" {
		unmanaged = append(unmanaged, fmt.Sprintf("provisioned_type = %q", *src.ProvisionedType))
	}
	if src.TrackingTarget != nil {
		unmanaged = append(unmanaged, fmt.Sprintf("tracking_target = %v", *src.TrackingTarget))
	}
	if src.MinCapacity != nil {
		unmanaged = append(unmanaged, fmt.Sprintf("min_capacity = %d", *src.MinCapacity))
	}
	if src.MaxCapacity != nil {
		unmanaged = append(unmanaged, fmt.Sprintf("max_capacity = %d", *src.MaxCapacity))
	}
	for i, a := range src.TriggerActions {
		if a.ProvisionedType != "" && a.ProvisionedType != tencentcloudDefaultProvisionedType {
			unmanaged = append(unmanaged, fmt.Sprintf("trigger_actions[%d].provisioned_type = %q", i, a.ProvisionedType))
		}
	}
	if len(unmanaged) > 0 {
		return refuse("sets " + strings.Join(unmanaged, ", ") + ": scf_provisioned_concurrency manages static " +
			"provisioned concurrency and its scheduled actions only, and cannot hold concurrency that scales by " +
			"utilization")
	}
	if src.Num == nil || *src.Num < 1 {
		return refuse("has no version_provisioned_concurrency_num of 1 or more, which scf_provisioned_concurrency requires")
	}
	m.ID = types.StringValue(id)
	m.Namespace, m.FunctionName, m.Qualifier = types.StringValue(namespace), types.StringValue(function), types.StringValue(qualifier)
	m.ProvisionedConcurrencyNum = types.Int64Value(*src.Num)
	m.Available, m.Status, m.StatusReason = types.Int64Null(), types.StringNull(), types.StringNull()
	actions := make([]scfapi.TriggerAction, 0, len(src.TriggerActions))
	for _, a := range src.TriggerActions {
		actions = append(actions, scfapi.TriggerAction{TriggerName: a.TriggerName,
			TriggerProvisionedConcurrencyNum: a.TriggerProvisionedConcurrencyNum, TriggerCronConfig: a.TriggerCronConfig})
	}
	m.ScheduledActions = flattenScheduledActions(actions)
	m.Timeouts = timeouts.Value{Object: types.ObjectNull(provisionTimeoutsAttribute(ctx).GetType().(timeouts.Type).AttrTypes)} //nolint:forcetypeassert // the library's attribute
	return m, diags
}

// tencentcloudProvisionedConcurrencyState is the state the official
// provider writes for tencentcloud_scf_provisioned_concurrency_config at
// schema version 0. Pointers tell an attribute that is null from one at its
// zero value.
type tencentcloudProvisionedConcurrencyState struct {
	ID              string                      `json:"id"`
	Namespace       string                      `json:"namespace"`
	FunctionName    string                      `json:"function_name"`
	Qualifier       string                      `json:"qualifier"`
	Num             *int64                      `json:"version_provisioned_concurrency_num"`
	ProvisionedType *string                     `json:"provisioned_type"`
	TrackingTarget  *float64                    `json:"tracking_target"`
	MinCapacity     *int64                      `json:"min_capacity"`
	MaxCapacity     *int64                      `json:"max_capacity"`
	TriggerActions  []tencentcloudTriggerAction `json:"trigger_actions"`
}

// tencentcloudTriggerAction is one element of trigger_actions, a
// scheduled action.
type tencentcloudTriggerAction struct {
	TriggerName                      string `json:"trigger_name"`
	TriggerCronConfig                string `json:"trigger_cron_config"`
	TriggerProvisionedConcurrencyNum int64  `json:"trigger_provisioned_concurrency_num"`
	ProvisionedType                  string `json:"provisioned_type"`
}
