package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var (
	_ resource.ResourceWithConfigure   = (*scfProvisionedConcurrencyResource)(nil)
	_ resource.ResourceWithImportState = (*scfProvisionedConcurrencyResource)(nil)
)

const defaultProvisionTimeout = 20 * time.Minute

// NewSCFProvisionedConcurrencyResource returns the scf_provisioned_concurrency resource.
func NewSCFProvisionedConcurrencyResource() resource.Resource {
	return &scfProvisionedConcurrencyResource{}
}

type scfProvisionedConcurrencyResource struct {
	client *scfapi.Client
}

type scfProvisionedConcurrencyModel struct {
	ID                        types.String           `tfsdk:"id"`
	FunctionName              types.String           `tfsdk:"function_name"`
	Namespace                 types.String           `tfsdk:"namespace"`
	Qualifier                 types.String           `tfsdk:"qualifier"`
	ProvisionedConcurrencyNum types.Int64            `tfsdk:"provisioned_concurrency_num"`
	Available                 types.Int64            `tfsdk:"available"`
	Status                    types.String           `tfsdk:"status"`
	StatusReason              types.String           `tfsdk:"status_reason"`
	ScheduledActions          []scheduledActionModel `tfsdk:"scheduled_actions"`
	Timeouts                  timeouts.Value         `tfsdk:"timeouts"`
}

func (r *scfProvisionedConcurrencyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_provisioned_concurrency"
}

func (r *scfProvisionedConcurrencyResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	computed := func(desc string) schema.Attribute {
		return schema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages the static provisioned concurrency of one published version of an SCF function " +
			"(`PutProvisionedConcurrencyConfig`), and optionally its scheduled actions: instances started in advance, so " +
			"that invocations of that version do not wait for a cold start. The `ConcurrencyUtilizationTracking` type " +
			"(`TrackingTarget`, `MinCapacity`, `MaxCapacity`) is not supported: `GetProvisionedConcurrencyConfig` " +
			"documents no field that returns it, so it could be neither imported nor checked for drift. Creating or changing it waits until the service reports the task `Done`; " +
			"a `Failed` task is an error with the service's reason. Destroying it calls " +
			"`DeleteProvisionedConcurrencyConfig`. The instances of all versions times the function's memory may not " +
			"pass the function's reserved quota (see `scf_reserved_concurrency`), or without one the account's " +
			"quota less 12,800 MB; both depend on the account, so the service checks them. " +
			identityImportNote("namespace", "function_name", "qualifier"),
		Attributes: validators.Pointed(map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Identifier in Terraform: `<namespace>/<function_name>/<qualifier>`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"function_name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the function (`FunctionName`). Changing it replaces the resource.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{validators.FunctionName()},
			},
			"namespace": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				Default:             stringdefault.StaticString(scfapi.DefaultNamespace),
				MarkdownDescription: "Namespace of the function (`Namespace`). Defaults to `default`. Changing it replaces the resource.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:          []validator.String{validators.Namespace()},
			},
			"qualifier": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Published version of the function (`Qualifier`), such as `1`. `$LATEST` cannot have " +
					"provisioned concurrency. Changing it replaces the resource.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators: []validator.String{
					stringvalidator.NoneOf("$LATEST"),
					stringvalidator.LengthBetween(1, 64),
				},
			},
			"provisioned_concurrency_num": schema.Int64Attribute{
				Required: true,
				MarkdownDescription: "Number of instances to provision (`VersionProvisionedConcurrencyNum`), at least 1. " +
					"Changes in place, waiting for the new task.",
				Validators: []validator.Int64{int64validator.AtLeast(1)},
			},
			"available": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "Instances provisioned so far (`AvailableProvisionedConcurrencyNum`).",
			},
			"status":            computed("Status of the last provisioning task (`Status`): `Done`, `InProgress` or `Failed`."),
			"status_reason":     computed("The service's explanation of `status` (`StatusReason`)."),
			"scheduled_actions": scheduledActionsAttribute(),
			"timeouts":          provisionTimeoutsAttribute(ctx),
		}),
	}
}

func provisionTimeoutsAttribute(ctx context.Context) schema.Attribute {
	a := timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Update: true,
		CreateDescription: "How long to wait for the provisioning task to be `Done`. Defaults to `20m`. A duration such as `30s`, `10m` or `1h`.",
		UpdateDescription: "How long to wait for the provisioning task of a change to be `Done`. Defaults to `20m`.",
	})
	if nested, ok := a.(schema.SingleNestedAttribute); ok {
		nested.MarkdownDescription = "Limits for waiting on provisioning tasks."
		return nested
	}
	return a
}

func (r *scfProvisionedConcurrencyResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (m *scfProvisionedConcurrencyModel) target() (ns, name, q string) {
	return m.Namespace.ValueString(), m.FunctionName.ValueString(), m.Qualifier.ValueString()
}

func (r *scfProvisionedConcurrencyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scfProvisionedConcurrencyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, defaultProvisionTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.apply(ctx, timeout, &plan, &resp.Diagnostics, concurrencyDiagnostics.unable("Set"))
	if plan.ID.IsUnknown() {
		return
	}
	setIdentity(ctx, resp.Identity, plan.identity(), &resp.Diagnostics)
	// A task that failed or timed out still configured the version: it is
	// kept in state, so that the next apply retries it or destroys it.
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *scfProvisionedConcurrencyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan scfProvisionedConcurrencyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Update(ctx, defaultProvisionTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	r.apply(ctx, timeout, &plan, &resp.Diagnostics, concurrencyDiagnostics.unable("Update"))
	if plan.ID.IsUnknown() {
		return
	}
	setIdentity(ctx, resp.Identity, plan.identity(), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// apply sends the Put and waits for its task. plan.ID stays unknown when
// the Put was refused, so that nothing is recorded.
func (r *scfProvisionedConcurrencyResource) apply(ctx context.Context, timeout time.Duration, plan *scfProvisionedConcurrencyModel, diags *diag.Diagnostics, summary string) {
	ns, name, q := plan.target()
	id := provisionedID(ns, name, q)
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	if err := r.client.PutProvisionedConcurrency(ctx, ns, name, q, plan.ProvisionedConcurrencyNum.ValueInt64(),
		expandScheduledActions(plan.ScheduledActions)...); err != nil {
		concurrencyDiagnostics.addAPIError(diags, summary, "setting the provisioned concurrency of "+id, err)
		return
	}
	plan.ID = types.StringValue(id)
	plan.Status, plan.StatusReason, plan.Available = types.StringValue(scfapi.ProvisionInProgress), types.StringValue(""), types.Int64Value(0)
	v, err := r.client.WaitForProvisionedConcurrency(ctx, ns, name, q)
	var se *scfapi.ProvisionedStatusError
	switch {
	case errors.As(err, &se):
		plan.Status, plan.StatusReason = types.StringValue(se.Status), types.StringValue(se.Reason)
		diags.AddAttributeError(path.Root("provisioned_concurrency_num"), concurrencyDiagnostics.waiting(),
			fmt.Sprintf("While waiting for the provisioned concurrency of %s: %s. The configuration is kept in state; "+
				"the next apply sets it again.", id, err))
	case err != nil:
		concurrencyDiagnostics.addAPIError(diags, concurrencyDiagnostics.waiting(), "waiting for the provisioned concurrency of "+id, err)
	default:
		plan.flatten(v)
	}
}

func (m *scfProvisionedConcurrencyModel) flatten(v *scfapi.VersionProvisionedInfo) {
	m.ProvisionedConcurrencyNum = types.Int64Value(v.AllocatedProvisionedConcurrencyNum)
	m.Available = types.Int64Value(v.AvailableProvisionedConcurrencyNum)
	m.Status = types.StringValue(v.Status)
	m.StatusReason = types.StringValue(v.StatusReason)
	m.ScheduledActions = flattenScheduledActions(v.TriggerActions)
}

func (r *scfProvisionedConcurrencyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scfProvisionedConcurrencyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Set first: the framework wants an identity after every Read, also
	// one that removes the resource.
	setIdentity(ctx, resp.Identity, state.identity(), &resp.Diagnostics)
	ns, name, q := state.target()
	id := provisionedID(ns, name, q)
	v, err := r.client.GetProvisionedConcurrency(ctx, ns, name, q)
	if err == nil && v == nil || scfapi.IsNotFound(err) || scfapi.IsVersionNotFound(err) {
		tflog.Warn(ctx, "SCF provisioned concurrency not found; removing it from state", map[string]any{"id": id})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		concurrencyDiagnostics.addAPIError(&resp.Diagnostics, concurrencyDiagnostics.unable("Read"), "reading the provisioned concurrency of "+id, err)
		return
	}
	state.ID = types.StringValue(id)
	state.flatten(v)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *scfProvisionedConcurrencyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scfProvisionedConcurrencyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ns, name, q := state.target()
	err := r.client.DeleteProvisionedConcurrency(ctx, ns, name, q)
	if err != nil && !scfapi.IsNotFound(err) && !scfapi.IsVersionNotFound(err) {
		concurrencyDiagnostics.addAPIError(&resp.Diagnostics, concurrencyDiagnostics.unable("Remove"), "removing the provisioned concurrency of "+provisionedID(ns, name, q), err)
	}
}

func (r *scfProvisionedConcurrencyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	importID := req.ID
	var identity provisionedConcurrencyIdentity
	if importIdentity(ctx, req, &identity, &resp.Diagnostics) {
		importID = identity.importID()
	}
	if resp.Diagnostics.HasError() {
		return
	}
	fnPart, q, ok := cutLast(importID, "/")
	ns, name, err := parseFunctionID(fnPart)
	switch {
	case !ok || q == "" || strings.Count(importID, "/") != 2:
		resp.Diagnostics.AddError(concurrencyDiagnostics.unable("Import"), fmt.Sprintf("Import ID %q: expected `<namespace>/<function_name>/<qualifier>`, such as `default/hello/1`.", importID))
		return
	case err != nil:
		resp.Diagnostics.AddError(concurrencyDiagnostics.unable("Import"), err.Error()+".")
		return
	case q == "$LATEST":
		resp.Diagnostics.AddError(concurrencyDiagnostics.unable("Import"), fmt.Sprintf("Import ID %q: `$LATEST` cannot have provisioned concurrency; name a published version.", importID))
		return
	}
	setIdentity(ctx, resp.Identity, provisionedConcurrencyIdentity{Namespace: types.StringValue(ns),
		FunctionName: types.StringValue(name), Qualifier: types.StringValue(q)}, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), provisionedID(ns, name, q))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("namespace"), ns)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("function_name"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("qualifier"), q)...)
}

func provisionedID(ns, name, q string) string { return functionID(ns, name) + "/" + q }

func cutLast(s, sep string) (before, after string, found bool) {
	i := strings.LastIndex(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}
