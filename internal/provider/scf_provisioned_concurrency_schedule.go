package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// Scheduled provisioned concurrency: PutProvisionedConcurrencyConfig's
// TriggerActions, which GetProvisionedConcurrencyConfig returns per version.
// A set, because the actions are told apart by name and the documentation
// promises no order.

var _ resource.ResourceWithValidateConfig = (*scfProvisionedConcurrencyResource)(nil)

type scheduledActionModel struct {
	Name                      types.String `tfsdk:"name"`
	ProvisionedConcurrencyNum types.Int64  `tfsdk:"provisioned_concurrency_num"`
	CronExpression            types.String `tfsdk:"cron_expression"`
}

func scheduledActionsAttribute() schema.Attribute {
	return schema.SetNestedAttribute{
		Optional: true,
		MarkdownDescription: "Scheduled actions (`TriggerActions`): at each time its cron expression names, an action " +
			"sets the version's provisioned instances to its `provisioned_concurrency_num`, for example more for " +
			"working hours and 0 at night. Between actions the service keeps the last target. Names and cron " +
			"expressions are unique. The number of actions per version is an account quota the service checks " +
			"(`LimitExceeded.ProvisionTriggerAction`). Changes in place; removing it removes every action.",
		Validators: []validator.Set{setvalidator.SizeAtLeast(1)},
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the action (`TriggerName`), unique among the version's actions.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"provisioned_concurrency_num": schema.Int64Attribute{
				Required: true,
				MarkdownDescription: "Instances to provision from this time on (`TriggerProvisionedConcurrencyNum`), 0 or " +
					"more; 0 stops provisioning until the next action.",
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"cron_expression": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "When the action runs (`TriggerCronConfig`), in the seven-field cron form of timer " +
					"triggers: second minute hour day-of-month month day-of-week year, such as `0 0 9 * * MON-FRI *`.",
				Validators: []validator.String{validators.Cron()},
			},
		}},
	}
}

// summaryScheduledAction is the summary of ValidateConfig's rules.
const summaryScheduledAction = "Invalid Scheduled Action"

// ValidateConfig refuses two scheduled actions with one name or one cron
// expression, which the service refuses
// (InvalidParameterValue.ProvisionTriggerNameDuplicate and
// ...CronConfigDuplicate).
func (r *scfProvisionedConcurrencyResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var actions []scheduledActionModel
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("scheduled_actions"), &actions)...)
	if resp.Diagnostics.HasError() {
		return
	}
	names, crons := map[string]bool{}, map[string]bool{}
	at := path.Root("scheduled_actions")
	for _, a := range actions {
		if !a.Name.IsUnknown() && !a.Name.IsNull() {
			if names[a.Name.ValueString()] {
				resp.Diagnostics.AddAttributeError(at, summaryScheduledAction,
					fmt.Sprintf("Two scheduled actions are named %q; names are unique within a version.", a.Name.ValueString()))
			}
			names[a.Name.ValueString()] = true
		}
		if !a.CronExpression.IsUnknown() && !a.CronExpression.IsNull() {
			if crons[a.CronExpression.ValueString()] {
				resp.Diagnostics.AddAttributeError(at, summaryScheduledAction,
					fmt.Sprintf("Two scheduled actions run at %q; the service takes one action per cron expression.", a.CronExpression.ValueString()))
			}
			crons[a.CronExpression.ValueString()] = true
		}
	}
}

func expandScheduledActions(actions []scheduledActionModel) []scfapi.TriggerAction {
	out := make([]scfapi.TriggerAction, 0, len(actions))
	for _, a := range actions {
		out = append(out, scfapi.TriggerAction{
			TriggerName: a.Name.ValueString(), TriggerProvisionedConcurrencyNum: a.ProvisionedConcurrencyNum.ValueInt64(),
			TriggerCronConfig: a.CronExpression.ValueString(),
		})
	}
	return out
}

// flattenScheduledActions is nil (null) for none, as the service answers
// an empty list then.
func flattenScheduledActions(actions []scfapi.TriggerAction) []scheduledActionModel {
	var out []scheduledActionModel
	for _, a := range actions {
		out = append(out, scheduledActionModel{
			Name: types.StringValue(a.TriggerName), ProvisionedConcurrencyNum: types.Int64Value(a.TriggerProvisionedConcurrencyNum),
			CronExpression: types.StringValue(a.TriggerCronConfig),
		})
	}
	return out
}
