package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var (
	_ resource.ResourceWithConfigure      = (*scfTriggerResource)(nil)
	_ resource.ResourceWithImportState    = (*scfTriggerResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*scfTriggerResource)(nil)
	_ resource.ResourceWithValidateConfig = (*scfTriggerResource)(nil)
)

// triggerDiagnostics is the vocabulary of scf_trigger: "Unable to Create SCF
// Trigger", and the trigger actions' codes at its attributes.
var triggerDiagnostics = vocabulary{noun: "SCF Trigger", hints: triggerAPIErrorHints}

// triggerAPIErrorHints are the codes of CreateTrigger, UpdateTrigger,
// UpdateTriggerStatus, DeleteTrigger and ListTriggers that scf_trigger has an
// attribute for, with the advice scf_function gives for them, except where
// that advice is the function's own rule. Codes not listed borrow the advice
// of apiErrorHints, never its attribute, which names a function's attributes
// (`name` is the function's there, the trigger's here).
var triggerAPIErrorHints = map[string]apiErrorHint{
	"InvalidParameterValue.Description":  {attribute: path.Root("description"), advice: "Use at most 100 characters."},
	"InvalidParameterValue.FunctionName": {attribute: path.Root("function_name"), advice: "Use 2 to 60 letters, digits, `-` and `_`, starting with a letter and not ending with `-` or `_`."},
	"InvalidParameterValue.Namespace":    {attribute: path.Root("namespace"), advice: "Use 1 to 30 letters, digits, `-` and `_`."},
	"ResourceNotFound.Namespace":         {attribute: path.Root("namespace"), advice: "Create the namespace first."},
}

// summaryTriggerConfig is the summary of every plan-time rule of scf_trigger.
const summaryTriggerConfig = "Invalid SCF Trigger"

// importableTriggerTypes are the types scf_trigger manages, as the API
// names them.
var importableTriggerTypes = []string{
	scfapi.TriggerTimer, scfapi.TriggerCos, scfapi.TriggerCkafka, scfapi.TriggerCmq, scfapi.TriggerApigw, scfapi.TriggerHTTP,
}

// NewSCFTriggerResource returns the scf_trigger resource.
func NewSCFTriggerResource() resource.Resource { return &scfTriggerResource{} }

// scfTriggerResource manages one trigger of a function.
type scfTriggerResource struct {
	client *scfapi.Client
}

func (r *scfTriggerResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_trigger"
}

func (r *scfTriggerResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (r *scfTriggerResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg scfTriggerModel
	if diags := req.Config.Get(ctx, &cfg); diags.HasError() {
		return
	}
	name := cfg.Name
	switch kind := cfg.kind(); {
	case namedByUser(kind) && name.IsNull():
		validators.Violation{Summary: summaryTriggerConfig, Path: path.Root("name"), Problem: "a " + kind + " trigger has no name",
			Rule: "set name to 1 to 100 letters, digits, - and _; only COS, CKafka and CMQ triggers have a default name"}.
			Report(ctx, req.Config, &resp.Diagnostics)
	case namedByUser(kind) && !name.IsUnknown() && !timerTriggerNameRE.MatchString(name.ValueString()):
		validators.Violation{Summary: summaryTriggerConfig, Path: path.Root("name"),
			Problem: fmt.Sprintf("%q is not a valid %s trigger name", name.ValueString(), kind),
			Rule:    "a " + kind + " trigger's name is 1 to 100 letters, digits, - and _"}.Report(ctx, req.Config, &resp.Diagnostics)
	}
	if cfg.Cmq != nil {
		validateCmq(ctx, req.Config, &cfg, &resp.Diagnostics)
	}
	if cfg.kind() != scfapi.TriggerTimer && cfg.kind() != "" && !cfg.CustomArgument.IsNull() && !cfg.CustomArgument.IsUnknown() &&
		cfg.CustomArgument.ValueString() != "" {
		validators.Violation{Summary: summaryTriggerConfig, Path: path.Root("custom_argument"),
			Problem: "custom_argument is set on a " + cfg.kind() + " trigger",
			Rule:    "the API accepts a custom argument for timer triggers only"}.Report(ctx, req.Config, &resp.Diagnostics)
	}
}

// ModifyPlan derives type and the default name from the block that is set,
// and replaces what the API cannot change in place.
func (r *scfTriggerResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() || r.client == nil {
		return
	}
	var plan, cfg scfTriggerModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || plan.kind() == "" {
		return
	}
	plan.Type = types.StringValue(plan.kind())
	if cfg.Name.IsNull() {
		if name, known := plan.defaultName(r.client.Region()); known {
			plan.Name = types.StringValue(name)
		} else {
			plan.Name = types.StringUnknown()
		}
	}
	if plan.Name.IsUnknown() || plan.Namespace.IsUnknown() || plan.FunctionName.IsUnknown() {
		plan.ID = types.StringUnknown()
	} else {
		plan.ID = types.StringValue(triggerID(plan.Namespace.ValueString(), plan.FunctionName.ValueString(), plan.Type.ValueString(), plan.Name.ValueString()))
	}
	if !req.State.Raw.IsNull() {
		var state scfTriggerModel
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
		if resp.Diagnostics.HasError() {
			return
		}
		if !state.Type.Equal(plan.Type) {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("type"))
		}
		if !state.Name.Equal(plan.Name) {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("name"))
		}
		if (plan.kind() == scfapi.TriggerCos || !updatable(plan.kind())) && !state.Description.Equal(plan.Description) {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("description"))
		}
		if !updatable(plan.kind()) && !state.Enable.Equal(plan.Enable) {
			resp.RequiresReplace = append(resp.RequiresReplace, path.Root("enable"))
		}
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
}

func (r *scfTriggerResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scfTriggerModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	spec := plan.spec()
	if err := r.client.CreateTrigger(ctx, spec); err != nil {
		triggerDiagnostics.addAPIError(&resp.Diagnostics, triggerDiagnostics.unable("Create"), "creating trigger "+spec.ID(), err)
		return
	}
	tflog.Info(ctx, "SCF trigger created", map[string]any{"trigger": spec.ID()})
	r.readInto(ctx, &plan, "reading trigger "+spec.ID()+" after creating it")
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	setIdentity(ctx, resp.Identity, plan.identity(), &resp.Diagnostics)
}

func (r *scfTriggerResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scfTriggerModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// The framework (v1.19) wants an identity after every Read without an
	// error, also one that removes the resource.
	setIdentity(ctx, resp.Identity, state.identity(), &resp.Diagnostics)
	spec := state.spec()
	t, err := r.client.FindTrigger(ctx, spec)
	if err != nil && !scfapi.IsNotFound(err) {
		triggerDiagnostics.addAPIError(&resp.Diagnostics, triggerDiagnostics.unable("Read"), "reading trigger "+spec.ID(), err)
		return
	}
	if t == nil {
		tflog.Warn(ctx, "SCF trigger or its function not found; removing it from state", map[string]any{"trigger": spec.ID()})
		resp.State.RemoveResource(ctx)
		return
	}
	state.flatten(t)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
	setIdentity(ctx, resp.Identity, state.identity(), &resp.Diagnostics)
}

func (r *scfTriggerResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state scfTriggerModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	spec := plan.spec()
	action := "updating trigger " + spec.ID()
	var err error
	switch {
	case !updatable(spec.Type):
		// Every change of such a trigger replaces it (ModifyPlan).
	case spec.Type == scfapi.TriggerCos:
		// UpdateTrigger does not take COS triggers; the rest replaces them.
		if !plan.Enable.Equal(state.Enable) {
			err = r.client.UpdateTriggerStatus(ctx, spec)
		}
	case spec != state.spec():
		err = r.client.UpdateTrigger(ctx, spec)
	}
	if err != nil {
		triggerDiagnostics.addAPIError(&resp.Diagnostics, triggerDiagnostics.unable("Update"), action, err)
		return
	}
	r.readInto(ctx, &plan, "reading trigger "+spec.ID()+" after the update")
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	setIdentity(ctx, resp.Identity, plan.identity(), &resp.Diagnostics)
}

// readInto refreshes m after a mutation; a failed read leaves the planned
// values, which the next refresh corrects.
func (r *scfTriggerResource) readInto(ctx context.Context, m *scfTriggerModel, action string) {
	spec := m.spec()
	t, err := r.client.FindTrigger(ctx, spec)
	if err != nil || t == nil {
		tflog.Warn(ctx, "trigger not read back after a mutation; keeping the planned values", map[string]any{
			"trigger": spec.ID(), "action": action, "error": fmt.Sprint(err)})
		return
	}
	m.flatten(t)
}

func (r *scfTriggerResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scfTriggerModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	spec := state.spec()
	if err := r.client.DeleteTrigger(ctx, spec); err != nil && !scfapi.IsTriggerNotFound(err) {
		triggerDiagnostics.addAPIError(&resp.Diagnostics, triggerDiagnostics.unable("Delete"), "deleting trigger "+spec.ID(), err)
	}
}

// ImportState takes `<namespace>/<function>/<type>/<name>`, or the
// resource identity. The name comes last and may hold dots (a COS domain)
// but no slash, so the ID splits into exactly four parts.
func (r *scfTriggerResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	parts, qualifier := strings.Split(req.ID, "/"), ""
	var id scfTriggerIdentityModel
	if importIdentity(ctx, req, &id, &resp.Diagnostics) {
		parts = []string{identityNamespace(id.Namespace), id.FunctionName.ValueString(), id.Type.ValueString(), id.Name.ValueString()}
		qualifier = id.Qualifier.ValueString()
	}
	if resp.Diagnostics.HasError() {
		return
	}
	problem := ""
	switch {
	case len(parts) != 4:
		problem = fmt.Sprintf("it has %d parts separated by /, not 4", len(parts))
	case validators.CheckNamespace(parts[0]) != nil:
		problem = "namespace: " + validators.CheckNamespace(parts[0]).Error()
	case validators.CheckFunctionName(parts[1]) != nil:
		problem = "function name: " + validators.CheckFunctionName(parts[1]).Error()
	case !slices.Contains(importableTriggerTypes, parts[2]):
		problem = fmt.Sprintf("type %q is not one of %s", parts[2], strings.Join(importableTriggerTypes, ", "))
	case parts[3] == "":
		problem = "the trigger name is empty"
	}
	if problem != "" {
		resp.Diagnostics.AddError(triggerDiagnostics.unable("Import"), fmt.Sprintf("Import ID %q: %s. Import a trigger as "+
			"`<namespace>/<function_name>/<type>/<name>`, such as `default/hello/timer/every-5-minutes`.",
			strings.Join(parts, "/"), problem))
		return
	}
	spec := scfapi.TriggerSpec{Namespace: parts[0], FunctionName: parts[1], Type: parts[2], Name: parts[3]}
	all, err := r.client.ListTriggers(ctx, spec.Namespace, spec.FunctionName)
	if err != nil {
		triggerDiagnostics.addAPIError(&resp.Diagnostics, triggerDiagnostics.unable("Import"), "listing the triggers of function "+functionID(spec.Namespace, spec.FunctionName), err)
		return
	}
	var found *scfapi.Trigger
	for i := range all {
		if all[i].Type != spec.Type || all[i].TriggerName != spec.Name || (qualifier != "" && all[i].Qualifier != qualifier) {
			continue
		}
		if found != nil {
			resp.Diagnostics.AddError(triggerDiagnostics.unable("Import"), fmt.Sprintf("Function %s has several %s triggers named %s "+
				"(on other qualifiers or COS events); this import cannot tell them apart.",
				functionID(spec.Namespace, spec.FunctionName), spec.Type, spec.Name))
			return
		}
		found = &all[i]
	}
	if found == nil {
		on := ""
		if qualifier != "" {
			on = " on qualifier " + qualifier
		}
		resp.Diagnostics.AddError(triggerDiagnostics.unable("Import"), fmt.Sprintf("Function %s has no %s trigger named %s%s.",
			functionID(spec.Namespace, spec.FunctionName), spec.Type, spec.Name, on))
		return
	}
	m := scfTriggerModel{Namespace: types.StringValue(spec.Namespace), FunctionName: types.StringValue(spec.FunctionName)}
	m.flatten(found)
	resp.Diagnostics.Append(resp.State.Set(ctx, m)...)
	setIdentity(ctx, resp.Identity, m.identity(), &resp.Diagnostics)
}
