package provider

import (
	"context"
	"errors"
	"maps"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// The scf_function resource: the function itself (its name, namespace and
// status), the model and schema put together from the attribute groups,
// the plan-time entry points, and create, read, update, delete and import
// with their waits. Each group of attributes keeps its schema, model, rules,
// plan and its way to the API and back in a file of its own:
// scf_function_code.go, _runtime.go, _network.go, _storage.go, _logging.go
// and _settings.go.

var (
	_ resource.ResourceWithConfigure      = (*scfFunctionResource)(nil)
	_ resource.ResourceWithImportState    = (*scfFunctionResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*scfFunctionResource)(nil)
	_ resource.ResourceWithValidateConfig = (*scfFunctionResource)(nil)
	_ resource.ResourceWithUpgradeState   = (*scfFunctionResource)(nil)
)

const (
	defaultCreateTimeout = 10 * time.Minute
	defaultUpdateTimeout = 10 * time.Minute
	defaultDeleteTimeout = 10 * time.Minute

	// stateCaptureTimeout bounds the read that records a function whose
	// creation failed or timed out, after the operation's own context ended.
	stateCaptureTimeout = 30 * time.Second
)

// functionDiagnostics is the vocabulary of scf_function and of its data
// sources and list resource: its summaries and the hints of every attribute
// group, each kept in its group's file.
var functionDiagnostics = vocabulary{noun: "SCF Function", hints: mergeHints(apiErrorHints, functionAPIErrorHints, codeAPIErrorHints,
	runtimeAPIErrorHints, networkAPIErrorHints, storageAPIErrorHints, loggingAPIErrorHints, environmentAPIErrorHints, settingsAPIErrorHints)}

var (
	summaryCreate = functionDiagnostics.unable("Create")
	summaryRead   = functionDiagnostics.unable("Read")
	summaryList   = "Unable to List SCF Functions"
	summaryUpdate = functionDiagnostics.unable("Update")
	summaryDelete = functionDiagnostics.unable("Delete")
	summaryImport = functionDiagnostics.unable("Import")
	summaryWait   = functionDiagnostics.waiting()
)

// functionAPIErrorHints are the codes about the function as a whole: its
// name, namespace and quota.
var functionAPIErrorHints = map[string]apiErrorHint{
	"FailedOperation.CreateFunction": {advice: "The service could not create the function. " + hintRetry},
	"FailedOperation.Namespace": {attribute: path.Root("namespace"),
		advice: "The service reported a namespace conflict; check that the namespace exists and is not being changed concurrently."},
	"FailedOperation.DeleteFunction": {advice: "The function cannot be deleted in its current state (it may still be creating or updating). Wait and run the command again."},
	"InvalidParameterValue.FunctionName": {attribute: path.Root("name"),
		advice: "Use 2 to 60 letters, digits, `-` and `_`, starting with a letter and not ending with `-` or `_`."},
	"InvalidParameterValue.Namespace": {attribute: path.Root("namespace"), advice: "Use 1 to 30 letters, digits, `-` and `_`."},
	"LimitExceeded.Function":          {advice: "The account has reached its function quota. Delete unused functions or ask for a higher quota with a ticket."},
	"ResourceInUse.Function":          {attribute: path.Root("name"), advice: "A function with this name already exists in the namespace."},
	"ResourceInUse.FunctionName":      {attribute: path.Root("name"), advice: "A function with this name already exists in the namespace (it may still be deleting)."},
	"ResourceNotFound.Namespace":      {attribute: path.Root("namespace"), advice: "Create the namespace first."},
	"ResourceUnavailable.Namespace":   {attribute: path.Root("namespace"), advice: "The namespace cannot take new functions now; use another namespace."},
}

// NewSCFFunctionResource returns the scf_function resource.
func NewSCFFunctionResource() resource.Resource {
	return &scfFunctionResource{}
}

// scfFunctionResource manages one SCF function through the shared client.
type scfFunctionResource struct {
	client *scfapi.Client
}

func (r *scfFunctionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_function"
}

func (r *scfFunctionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

// scfFunctionResourceModel maps the scf_function schema: the function's own
// attributes and one struct for each group of attributes.
type scfFunctionResourceModel struct {
	ID        types.String `tfsdk:"id"`
	Name      types.String `tfsdk:"name"`
	Namespace types.String `tfsdk:"namespace"`
	functionCode
	functionRuntime
	functionNetwork
	functionStorage
	functionLogging
	functionEnvironment
	functionSettings
	FunctionID    types.String `tfsdk:"function_id"`
	Status        types.String `tfsdk:"status"`
	StatusDesc    types.String `tfsdk:"status_desc"`
	StatusReasons types.List   `tfsdk:"status_reasons"`
	CreatedTime   types.String `tfsdk:"created_time"`
	ModifiedTime  types.String `tfsdk:"modified_time"`
}

// statusReasonModel maps one element of `status_reasons`.
type statusReasonModel struct {
	ErrorCode    types.String `tfsdk:"error_code"`
	ErrorMessage types.String `tfsdk:"error_message"`
}

// functionPlan is what ModifyPlan plans of every function, new or not: its
// code and how it runs. Reading only these groups keeps a plan of many
// functions cheap; an update reads the whole plan.
type functionPlan struct {
	functionCode
	functionRuntime
}

var (
	statusReasonCodec = flatCodec[statusReasonModel]()
	functionAttrTypes = functionSchema(context.Background()).Type().(basetypes.ObjectType).AttrTypes //nolint:forcetypeassert // a schema is an object
	// functionCodec reads and writes whole configurations, plans and states
	// for ValidateConfig and ModifyPlan, which run for every instance;
	// functionPlanCodec and runtimeConfigCodec the groups ModifyPlan plans.
	functionCodec      = newCodec[scfFunctionResourceModel](functionAttrTypes)
	functionPlanCodec  = partCodec[functionPlan](functionAttrTypes)
	runtimeConfigCodec = partCodec[functionRuntime](functionAttrTypes)
)

func (r *scfFunctionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = functionSchema(ctx)
}

// functionSchemaVersion counts the releases that added an attribute with a
// default (state_upgrade.go): 1 added async_run_enable, trace_enable,
// dns_cache, ignore_sys_log and install_dependency, which states of
// version 0 may lack.
const functionSchemaVersion = 1

func functionSchema(ctx context.Context) schema.Schema {
	return schema.Schema{
		Version: functionSchemaVersion,
		MarkdownDescription: "Manages a Serverless Cloud Function (SCF) function. The function is created with " +
			"`CreateFunction` and the resource waits until it is `Active`; code and handler change in place through " +
			"`UpdateFunctionCode`, most settings through `UpdateFunctionConfiguration`, tags through the Tag service. " +
			"Changing `name`, `namespace`, `runtime` or `type` replaces the function. Every documented constraint of " +
			"the API is checked at plan time.",
		// Pointed makes every validator's diagnostics point at what
		// Terraform can show without printing code.git_password.
		Attributes: validators.Pointed(mergeAttributes(functionAttributes(), codeAttributes(), runtimeAttributes(),
			networkAttributes(), storageAttributes(), loggingAttributes(), environmentAttributes(), settingsAttributes(ctx))),
	}
}

// UpgradeState reads a state written before an attribute existed with the
// attribute's default (state_upgrade.go).
func (r *scfFunctionResource) UpgradeState(ctx context.Context) map[int64]resource.StateUpgrader {
	return upgradersFillingDefaults(functionSchema(ctx), functionDiagnostics)
}

// functionAttributes are the function's own: what names it and what the
// service reports of its state.
func functionAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": schema.StringAttribute{
			Computed:            true,
			MarkdownDescription: "Identifier of the function in Terraform, `<namespace>/<name>`.",
			PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
		},
		"name": schema.StringAttribute{
			Required: true,
			MarkdownDescription: "Name of the function (`FunctionName`): 2 to 60 characters of letters, digits, `-` and " +
				"`_`, starting with a letter and not ending with `-` or `_`. Changing it replaces the function.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:    []validator.String{validators.FunctionName()},
		},
		"namespace": schema.StringAttribute{
			Optional: true,
			Computed: true,
			Default:  stringdefault.StaticString(scfapi.DefaultNamespace),
			MarkdownDescription: "Namespace of the function (`Namespace`): 1 to 30 characters of letters, digits, `-` " +
				"and `_`. Defaults to `default`. The namespace must exist: to create it in the same configuration, set " +
				"`scf_namespace.<name>.name` here, so it is created before the function and destroyed after it. " +
				"Changing it replaces the function.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:    []validator.String{validators.Namespace()},
		},
		"function_id": computedString("ID the service gave the function, such as `lam-abcd1234`.", true),
		"status": computedString("Status of the function after the last operation: `Active` when it is ready; "+
			"`CreateFailed` or `UpdateFailed` when the service could not apply the configuration.", false),
		"status_desc": computedString("The service's explanation of the status, if any.", false),
		// Object-typed rather than a nested attribute: see cfs_mounts.
		"status_reasons": schema.ListAttribute{
			Computed:    true,
			ElementType: statusReasonCodec.objectType(),
			MarkdownDescription: "Why the function is in a failed status (`StatusReasons`), each an `error_code` and " +
				"an `error_message`; empty when it is `Active`.",
		},
		"created_time":  computedString("When the function was created, RFC 3339.", true),
		"modified_time": computedString("When the function was last modified, RFC 3339.", false),
	}
}

// mergeAttributes puts the attribute groups together; a name in two of
// them is a provider bug every test finds.
func mergeAttributes(groups ...map[string]schema.Attribute) map[string]schema.Attribute {
	out := map[string]schema.Attribute{}
	for _, group := range groups {
		for name, a := range group {
			if _, dup := out[name]; dup {
				panic("scf_function: two attribute groups define " + name)
			}
			out[name] = a
		}
	}
	return out
}

// mergeHints puts the hint tables of the attribute groups together; a code
// in two of them is a provider bug every test finds.
func mergeHints(tables ...map[string]apiErrorHint) map[string]apiErrorHint {
	out := map[string]apiErrorHint{}
	for _, table := range tables {
		for code, hint := range table {
			if _, dup := out[code]; dup {
				panic("scf_function: two attribute groups give a hint for " + code)
			}
			out[code] = hint
		}
	}
	return maps.Clone(out)
}

func computedString(description string, fixedAfterCreate bool) schema.StringAttribute {
	a := schema.StringAttribute{Computed: true, MarkdownDescription: description}
	if fixedAfterCreate {
		a.PlanModifiers = []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	}
	return a
}

// flagAttribute is a TRUE/FALSE setting of the API, false unless configured.
func flagAttribute(description string, modifiers ...planmodifier.Bool) schema.BoolAttribute {
	return schema.BoolAttribute{
		Optional:            true,
		Computed:            true,
		Default:             booldefault.StaticBool(false),
		MarkdownDescription: description + " Defaults to `false`.",
		PlanModifiers:       modifiers,
	}
}

// trueFlag is apiFlag for create, which only sends the flags turned on.
func trueFlag(b types.Bool) *string {
	if b.ValueBool() {
		return ptr(apiTrue)
	}
	return nil
}

func backticked(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return strings.Join(quoted, ", ")
}

// ValidateConfig checks the rules that span several attributes, each group's
// in its file. Values that are unknown at plan time are left alone; they are
// checked when known.
//
// It reads the configuration through functionCodec rather than the
// framework's reflection, which costs more than all of these checks (see
// package tfmodel); Terraform validates every resource of every plan.
// ModifyPlan and ValidateConfig must not use the API client: the fast paths
// (internal/fastpath) call them on an instance that is never configured, so
// it has none.
func (r *scfFunctionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	config, ok := functionCodec.decode(ctx, req.Config.Raw, &resp.Diagnostics)
	if !ok {
		return
	}
	report := func(v validators.Violation) { v.Report(ctx, req.Config, &resp.Diagnostics) }
	validateCode(&config, report, &resp.Diagnostics)
	validateRuntime(&config, report, &resp.Diagnostics)
	validateNetwork(&config, report, &resp.Diagnostics)
	validateLogging(&config, report)
	validateEnvironment(&config.functionEnvironment, report)
}

// ModifyPlan plans what the framework cannot: the runtime's defaults, the
// code digest (see functionCode.plan), and for an update, which reported
// values stay as they are. It must not use the API client (see
// ValidateConfig).
func (r *scfFunctionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	diags := &resp.Diagnostics
	plan, ok := functionPlanCodec.decode(ctx, req.Plan.Raw, diags)
	if !ok {
		return
	}
	config, ok := runtimeConfigCodec.decode(ctx, req.Config.Raw, diags)
	if !ok {
		return
	}
	var state *functionPlan
	creating := req.State.Raw.IsNull()
	priorHandler := types.StringNull()
	if !creating {
		prior, ok := functionPlanCodec.decode(ctx, req.State.Raw, diags)
		if !ok {
			return
		}
		state, priorHandler = &prior, prior.Handler
	}
	handlerChanges := !plan.Handler.IsUnknown() && !plan.Handler.Equal(priorHandler)
	report := func(v validators.Violation) { v.Report(ctx, req.Config, diags) }
	if !requireCode(&plan, creating, handlerChanges, report) {
		return
	}
	plan.planRuntime(config, state, resp)
	plan.plan(state, handlerChanges, report, diags)
	if diags.HasError() {
		return
	}
	functionPlanCodec.encodeInto(ctx, &plan, &resp.Plan.Raw, diags)
	if !diags.HasError() {
		planWriteOnlyKeys(ctx, req.Config, &resp.Plan, diags)
	}
	if diags.HasError() || creating {
		return
	}
	if guardImportedSecrets(ctx, req, diags); diags.HasError() {
		return
	}
	if onlyMarkedUnknown(resp.Plan.Raw, req.State.Raw, req.Config.Raw) {
		resp.Plan.Raw = req.State.Raw.Copy()
		return
	}
	// An update, if only of the digest: it moves the status, and the service
	// reports again what the changed settings touch.
	planned, ok := functionCodec.decode(ctx, resp.Plan.Raw, diags)
	if !ok {
		return
	}
	prior, ok := functionCodec.decode(ctx, req.State.Raw, diags)
	if !ok {
		return
	}
	planned.Status, planned.StatusDesc, planned.ModifiedTime = types.StringUnknown(), types.StringUnknown(), types.StringUnknown()
	planned.StatusReasons = types.ListUnknown(statusReasonCodec.objectType())
	planned.functionCode.keepReported(prior.functionCode)
	planned.functionNetwork.keepReported(prior.functionNetwork, diags)
	planned.functionStorage.keepReported(&planned, &prior)
	functionCodec.encode(ctx, &planned, &resp.Plan.Raw, diags)
}

// onlyMarkedUnknown reports whether a plan differs from the prior state only
// in values the framework marked unknown: computed values left out of the
// configuration, which it marks whenever the configuration differs from the
// state. When that difference was only the configured form of what the
// service holds (a tag for the digest it resolved), which ModifyPlan has
// planned as the state's value, nothing changes and the state is the plan.
// A value the configuration leaves unknown is a change, so it is not one.
func onlyMarkedUnknown(plan, state, config tftypes.Value) bool {
	if plan.Equal(state) {
		return true
	}
	if !plan.IsKnown() {
		return config.IsNull() && state.IsKnown()
	}
	if plan.IsNull() || state.IsNull() || !plan.Type().Is(tftypes.Object{}) {
		return false
	}
	var planned, prior, configured map[string]tftypes.Value
	if plan.As(&planned) != nil || state.As(&prior) != nil {
		return false
	}
	if !config.IsNull() && (!config.IsKnown() || config.As(&configured) != nil) {
		return false
	}
	for name, p := range planned {
		c, ok := configured[name]
		if !ok {
			c = tftypes.NewValue(p.Type(), nil)
		}
		if !onlyMarkedUnknown(p, prior[name], c) {
			return false
		}
	}
	return true
}

// expandCreate builds the CreateFunction request from the plan, each group
// its own parameters. The digest is the SHA-256 of an uploaded zip, or ""
// when the code comes from elsewhere.
func expandCreate(ctx context.Context, plan *scfFunctionResourceModel, diags *diag.Diagnostics) (*scfapi.CreateFunctionRequest, string) {
	req := &scfapi.CreateFunctionRequest{FunctionName: stringPtr(plan.Name), Namespace: stringPtr(plan.Namespace)}
	plan.functionRuntime.expandCreate(req, diags)
	digest := plan.functionCode.expandCreate(ctx, req, diags) // after the runtime: an image takes the handler away
	plan.functionNetwork.expandCreate(req, diags)
	plan.functionStorage.expandCreate(req, diags)
	plan.functionLogging.expandCreate(req)
	plan.functionEnvironment.expandCreate(req, diags)
	plan.functionSettings.expandCreate(req, diags)
	return req, digest
}

// expandConfigUpdate returns one UpdateFunctionConfiguration request with
// every setting that changed, or nil when none did. Settings removed from the
// configuration are sent as the API's clearing values.
func expandConfigUpdate(plan, state *scfFunctionResourceModel, diags *diag.Diagnostics) *scfapi.UpdateFunctionConfigurationRequest {
	req := &scfapi.UpdateFunctionConfigurationRequest{FunctionName: stringPtr(state.Name), Namespace: stringPtr(state.Namespace)}
	changed := plan.functionRuntime.expandUpdate(state.functionRuntime, req, diags)
	changed = plan.functionNetwork.expandUpdate(state.functionNetwork, req, diags) || changed
	changed = plan.functionStorage.expandUpdate(state.functionStorage, req, diags) || changed
	changed = plan.functionLogging.expandUpdate(state.functionLogging, req) || changed
	changed = plan.functionEnvironment.expandUpdate(state.functionEnvironment, req, diags) || changed
	changed = plan.functionSettings.expandUpdate(state.functionSettings, req, diags) || changed
	if !changed {
		return nil
	}
	return req
}

// update collects what an UpdateFunctionConfiguration sends: a setting only
// when its planned value is known and differs from the state's.
type update struct{ changed bool }

func (u *update) str(planned, current types.String) *string {
	if planned.IsUnknown() || planned.Equal(current) {
		return nil
	}
	u.changed = true
	return ptr(planned.ValueString())
}

func (u *update) num(planned, current types.Int64) *int64 {
	if planned.IsUnknown() || planned.Equal(current) {
		return nil
	}
	u.changed = true
	return int64Ptr(planned)
}

// flag is a changed bool as the API's "TRUE"/"FALSE".
func (u *update) flag(planned, current types.Bool) *string {
	if planned.IsUnknown() || planned.Equal(current) {
		return nil
	}
	u.changed = true
	return apiFlag(planned)
}

func (u *update) boolean(planned, current types.Bool) *bool {
	if planned.IsUnknown() || planned.Equal(current) {
		return nil
	}
	u.changed = true
	return boolPtr(planned)
}

// differs reports a changed collection or object, which is sent whole, or
// as the API's clearing value when it was removed.
func (u *update) differs(planned, current attr.Value) bool {
	if planned.Equal(current) {
		return false
	}
	u.changed = true
	return true
}

// flattenFunction writes what the service reports into model, each group
// its own attributes. Attributes the API cannot return (code other than an
// image, code_source, timeouts) are left as they are.
func flattenFunction(fn *scfapi.Function, codeSHA256 string, model *scfFunctionResourceModel, diags *diag.Diagnostics) {
	model.ID = types.StringValue(functionID(fn.Namespace, fn.FunctionName))
	model.Name = types.StringValue(fn.FunctionName)
	model.Namespace = types.StringValue(fn.Namespace)
	model.functionCode.flatten(fn, codeSHA256, diags)
	model.functionRuntime.flatten(fn, diags)
	model.functionNetwork.flatten(fn, diags)
	model.functionStorage.flatten(fn, diags)
	model.functionLogging.flatten(fn)
	model.functionEnvironment.flatten(fn.Environment.Variables, diags)
	model.functionSettings.flatten(fn, diags)
	model.FunctionID = types.StringValue(fn.FunctionId)
	model.Status = types.StringValue(fn.Status)
	model.StatusDesc = types.StringValue(fn.StatusDesc)
	reasons := make([]statusReasonModel, 0, len(fn.StatusReasons))
	for _, r := range fn.StatusReasons {
		reasons = append(reasons, statusReasonModel{ErrorCode: types.StringValue(r.ErrorCode), ErrorMessage: types.StringValue(r.ErrorMessage)})
	}
	model.StatusReasons = statusReasonCodec.list(reasons, diags)
	model.CreatedTime = types.StringValue(serviceTimeRFC3339(fn.AddTime))
	model.ModifiedTime = types.StringValue(serviceTimeRFC3339(fn.ModTime))
}

// clearUnknowns replaces values that are still unknown with null, because
// state cannot hold unknown values.
func (m *scfFunctionResourceModel) clearUnknowns(diags *diag.Diagnostics) {
	m.functionCode.clearUnknowns()
	m.functionRuntime.clearUnknowns()
	m.functionNetwork.clearUnknowns(diags)
	m.functionStorage.clearUnknowns()
	m.functionLogging.clearUnknowns()
	m.FunctionID, m.Status, m.StatusDesc = nullIfUnknown(m.FunctionID), nullIfUnknown(m.Status), nullIfUnknown(m.StatusDesc)
	m.CreatedTime, m.ModifiedTime = nullIfUnknown(m.CreatedTime), nullIfUnknown(m.ModifiedTime)
	if m.StatusReasons.IsUnknown() {
		m.StatusReasons = statusReasonCodec.nullList()
	}
}

func (r *scfFunctionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scfFunctionResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, defaultCreateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	namespace, name := plan.Namespace.ValueString(), plan.Name.ValueString()
	action := "creating function " + functionID(namespace, name)

	plan.takeWriteOnly(ctx, req.Config, &resp.Diagnostics)
	secrets := plan.secrets(&resp.Diagnostics)
	request, digest := expandCreate(ctx, &plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.CreateFunction(ctx, request); err != nil {
		functionDiagnostics.addAPIErrorHiding(&resp.Diagnostics, summaryCreate, action, err, secrets)
		return
	}
	setFunctionIdentity(ctx, namespace, name, resp.Identity, &resp.Diagnostics)
	tflog.Info(ctx, "SCF function created, waiting for it to become Active", map[string]any{"function": functionID(namespace, name)})

	fn, waitErr := r.client.WaitForActive(ctx, namespace, name)
	if waitErr != nil {
		// The function exists: record it, so it is tainted and replaced by the
		// next apply instead of being orphaned.
		current := r.captureAfterFailure(ctx, namespace, name, &plan, resp.State.Set, &resp.Diagnostics)
		var cutShort *scfapi.WaitTimeoutError
		if !errors.As(waitErr, &cutShort) || current == nil || current.Status != scfapi.StatusActive {
			functionDiagnostics.addAPIErrorHiding(&resp.Diagnostics, summaryWait, action, waitErr, secrets)
			return
		}
		// Terraform stopping, or the timeout, ended the wait after the
		// function turned Active but before a poll saw it: it is created,
		// and tainting it would replace a good function.
		fn = current
	}
	if plan.IgnoreSysLog.ValueBool() {
		if fn = r.ignoreSysLog(ctx, namespace, name, &plan, resp); fn == nil {
			return
		}
	}
	r.finish(ctx, fn, digest, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// ignoreSysLog applies `ignore_sys_log` to a function just created, as
// CreateFunction does not take it. When that fails the function is kept in
// state without it, so the next plan shows what is left to do.
func (r *scfFunctionResource) ignoreSysLog(ctx context.Context, namespace, name string, plan *scfFunctionResourceModel, resp *resource.CreateResponse) *scfapi.Function {
	action := "turning off the system logs of function " + functionID(namespace, name)
	err := r.whenSettled(ctx, namespace, name, func() error {
		return r.client.UpdateFunctionConfiguration(ctx, &scfapi.UpdateFunctionConfigurationRequest{
			FunctionName: ptr(name), Namespace: ptr(namespace), IgnoreSysLog: ptr(true),
		})
	})
	var fn *scfapi.Function
	if err == nil {
		fn, err = r.client.WaitForActive(ctx, namespace, name)
	}
	if err != nil {
		functionDiagnostics.addAPIError(&resp.Diagnostics, summaryUpdate, action, err)
		plan.IgnoreSysLog = types.BoolValue(false)
		r.captureAfterFailure(ctx, namespace, name, plan, resp.State.Set, &resp.Diagnostics)
		return nil
	}
	return fn
}

func (r *scfFunctionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scfFunctionResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	namespace, name := state.Namespace.ValueString(), state.Name.ValueString()
	// Set first: the framework wants an identity after every Read without
	// an error, also one that removes the resource.
	setFunctionIdentity(ctx, namespace, name, resp.Identity, &resp.Diagnostics)

	fn, err := r.client.GetFunction(ctx, namespace, name)
	if scfapi.IsNotFound(err) {
		tflog.Warn(ctx, "SCF function not found; removing it from state", map[string]any{"function": functionID(namespace, name)})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		functionDiagnostics.addAPIError(&resp.Diagnostics, summaryRead, "reading function "+functionID(namespace, name), err)
		return
	}
	r.finish(ctx, fn, "", &state, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *scfFunctionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state scfFunctionResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Update(ctx, defaultUpdateTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	namespace, name := state.Namespace.ValueString(), state.Name.ValueString()
	action := "updating function " + functionID(namespace, name)
	setFunctionIdentity(ctx, namespace, name, resp.Identity, &resp.Diagnostics)
	// Applied: the function is no longer only imported (guardImportedSecrets).
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, nil)...)
	var fn *scfapi.Function
	digest := state.CodeSHA256.ValueString()
	plan.takeWriteOnly(ctx, req.Config, &resp.Diagnostics)
	secrets := plan.secrets(&resp.Diagnostics)

	// A failed step leaves the function partly updated: refresh state from the
	// service so the next plan shows exactly what is left to do.
	failed := func(summary string, err error) {
		functionDiagnostics.addAPIErrorHiding(&resp.Diagnostics, summary, action, err, secrets)
		r.captureAfterFailure(ctx, namespace, name, &state, resp.State.Set, &resp.Diagnostics)
	}

	if codeUpdate := expandCodeUpdate(ctx, &plan, &state, &resp.Diagnostics); codeUpdate != nil {
		if resp.Diagnostics.HasError() {
			return
		}
		if err := r.whenSettled(ctx, namespace, name, func() error {
			return r.client.UpdateFunctionCode(ctx, codeUpdate.request)
		}); err != nil {
			failed(summaryUpdate, err)
			return
		}
		var err error
		if fn, err = r.client.WaitForActive(ctx, namespace, name); err != nil {
			failed(summaryWait, err)
			return
		}
		digest = codeUpdate.digest
	}
	if resp.Diagnostics.HasError() {
		return
	}

	if configUpdate := expandConfigUpdate(&plan, &state, &resp.Diagnostics); configUpdate != nil {
		if resp.Diagnostics.HasError() {
			return
		}
		if err := r.whenSettled(ctx, namespace, name, func() error {
			return r.client.UpdateFunctionConfiguration(ctx, configUpdate)
		}); err != nil {
			failed(summaryUpdate, err)
			return
		}
		var err error
		if fn, err = r.client.WaitForActive(ctx, namespace, name); err != nil {
			failed(summaryWait, err)
			return
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}

	replace, remove := diffTags(plan.Tags, state.Tags, &resp.Diagnostics)
	if len(replace) > 0 || len(remove) > 0 {
		if err := r.client.ModifyResourceTags(ctx, namespace, name, replace, remove); err != nil {
			failed(summaryUpdate, err)
			return
		}
		fn = nil // the tags changed after the last read
	}

	if fn == nil {
		var err error
		if fn, err = r.client.GetFunction(ctx, namespace, name); err != nil {
			functionDiagnostics.addAPIError(&resp.Diagnostics, summaryRead, "reading function "+functionID(namespace, name)+" after the update", err)
			return
		}
	}
	r.finish(ctx, fn, digest, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *scfFunctionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scfFunctionResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := state.Timeouts.Delete(ctx, defaultDeleteTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	namespace, name := state.Namespace.ValueString(), state.Name.ValueString()
	action := "deleting function " + functionID(namespace, name)
	err := r.whenSettled(ctx, namespace, name, func() error { return r.client.DeleteFunction(ctx, namespace, name) })
	if scfapi.IsNotFound(err) {
		return
	}
	if err != nil {
		functionDiagnostics.addAPIError(&resp.Diagnostics, summaryDelete, action, err)
		return
	}
	if err := r.client.WaitForDeleted(ctx, namespace, name); err != nil {
		functionDiagnostics.addAPIError(&resp.Diagnostics, summaryWait, action, err)
	}
}

func (r *scfFunctionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	namespace, name := importedFunction(ctx, req, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	setFunctionIdentity(ctx, namespace, name, resp.Identity, &resp.Diagnostics)
	// Until it is applied, a plan must not delete the secrets it imports
	// (guardImportedSecrets).
	resp.Diagnostics.Append(resp.Private.SetKey(ctx, privateImported, []byte("true"))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), functionID(namespace, name))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("namespace"), namespace)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
}

// whenSettled runs a mutation. When the service refuses it because the
// function is still changing (an earlier apply that timed out, or another
// client), it waits until the function settles and tries once more. A
// function someone else is deleting is waited out instead.
func (r *scfFunctionResource) whenSettled(ctx context.Context, namespace, name string, mutation func() error) error {
	err := mutation()
	if !scfapi.IsBusy(err) {
		return err
	}
	tflog.Info(ctx, "SCF function is busy; waiting for it to settle", map[string]any{"function": functionID(namespace, name)})
	_, waitErr := r.client.WaitForActive(ctx, namespace, name)
	var settled *scfapi.StatusError
	switch {
	case waitErr == nil:
	case errors.As(waitErr, &settled) && settled.Status == scfapi.StatusDeleting:
		if err := r.client.WaitForDeleted(ctx, namespace, name); err != nil {
			return err
		}
		return &scfapi.APIError{Code: "ResourceNotFound.Function", Message: "the function was deleted while waiting", Namespace: namespace, FunctionName: name}
	case errors.As(waitErr, &settled):
		// A failed status is settled too: the service accepts changes and deletion then.
	default:
		return waitErr
	}
	return mutation()
}

// finish completes model from a function the service returned. digest is
// the code digest already known from this operation, or "" to ask the API.
func (r *scfFunctionResource) finish(ctx context.Context, fn *scfapi.Function, digest string, model *scfFunctionResourceModel, diags *diag.Diagnostics) {
	switch {
	case digest != "":
	case isImageFunction(fn):
		// An image has no code package to download: its digest is the image's.
		if fn.ImageConfig != nil {
			digest = imageDigest(deref(fn.ImageConfig.ImageUri))
		}
	default:
		address, err := r.client.GetFunctionAddress(ctx, fn.Namespace, fn.FunctionName)
		if err != nil {
			functionDiagnostics.addAPIError(diags, summaryRead, "reading the code digest of function "+functionID(fn.Namespace, fn.FunctionName), err)
			return
		}
		digest = address.CodeSha256
	}
	flattenFunction(fn, digest, model, diags)
}

// captureAfterFailure records what the service holds after a create or update
// that did not finish, using a fresh context because the operation's may
// have expired. When even that read fails, the planned values are kept with
// unknowns cleared, so the function is still tracked. It returns the
// function read, or nil when the read failed.
func (r *scfFunctionResource) captureAfterFailure(ctx context.Context, namespace, name string, model *scfFunctionResourceModel,
	set func(context.Context, any) diag.Diagnostics, diags *diag.Diagnostics) *scfapi.Function {
	readCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), stateCaptureTimeout)
	defer cancel()

	model.ID = types.StringValue(functionID(namespace, name))
	fn, err := r.client.GetFunction(readCtx, namespace, name)
	if err == nil {
		var scratch diag.Diagnostics
		r.finish(readCtx, fn, "", model, &scratch)
		if scratch.HasError() {
			tflog.Warn(ctx, "could not read the code digest of a function that failed; it stays unknown")
		}
	}
	model.clearUnknowns(diags)
	diags.Append(set(ctx, model)...)
	return fn
}
