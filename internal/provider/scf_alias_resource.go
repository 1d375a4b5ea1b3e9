package provider

import (
	"context"
	"fmt"
	"math/big"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var (
	_ resource.ResourceWithConfigure      = (*scfFunctionAliasResource)(nil)
	_ resource.ResourceWithImportState    = (*scfFunctionAliasResource)(nil)
	_ resource.ResourceWithValidateConfig = (*scfFunctionAliasResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*scfFunctionAliasResource)(nil)
)

var aliasNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,63}$`)

// aliasDiagnostics is the vocabulary of scf_function_alias: "Unable to
// Create SCF Function Alias", and the alias actions' codes at its
// attributes. Its plan-time rules report under summaryAliasConfig.
var aliasDiagnostics = vocabulary{noun: "SCF Function Alias", hints: aliasAPIErrorHints}

// aliasAPIErrorHints are the codes of CreateAlias, UpdateAlias, GetAlias and
// DeleteAlias that scf_function_alias has an attribute for, with the advice
// scf_function gives for them. Codes not listed borrow the advice of
// apiErrorHints, never its attribute, which names a function's attributes
// (`name` is the function's there, the alias's here).
var aliasAPIErrorHints = map[string]apiErrorHint{
	"InvalidParameterValue.Description":  {attribute: path.Root("description"), advice: "Use at most 1,000 letters, digits, spaces, commas and periods."},
	"InvalidParameterValue.FunctionName": {attribute: path.Root("function_name"), advice: "Use 2 to 60 letters, digits, `-` and `_`, starting with a letter and not ending with `-` or `_`."},
	"InvalidParameterValue.Namespace":    {attribute: path.Root("namespace"), advice: "Use 1 to 30 letters, digits, `-` and `_`."},
	"ResourceNotFound.Namespace":         {attribute: path.Root("namespace"), advice: "Create the namespace first."},
}

// NewSCFFunctionAliasResource returns the scf_function_alias resource.
func NewSCFFunctionAliasResource() resource.Resource { return &scfFunctionAliasResource{} }

type scfFunctionAliasResource struct{ client *scfapi.Client }

type scfFunctionAliasModel struct {
	ID              types.String        `tfsdk:"id"`
	Name            types.String        `tfsdk:"name"`
	FunctionName    types.String        `tfsdk:"function_name"`
	Namespace       types.String        `tfsdk:"namespace"`
	FunctionVersion types.String        `tfsdk:"function_version"`
	Description     types.String        `tfsdk:"description"`
	RoutingConfig   *routingConfigModel `tfsdk:"routing_config"`
	CreatedTime     types.String        `tfsdk:"created_time"`
	ModifiedTime    types.String        `tfsdk:"modified_time"`
}

func (r *scfFunctionAliasResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_function_alias"
}

func (r *scfFunctionAliasResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages an alias of an SCF function (`CreateAlias`, `UpdateAlias`, `GetAlias`, `DeleteAlias`): " +
			"a name that routes invocations to a version, and optionally some of them to a second version for a " +
			"canary release: a fraction of them by weight, or those whose routing key matches a rule. `function_version`, `description` and `routing_config` change in place with `UpdateAlias`. " +
			identityImportNote("namespace", "function_name", "name"),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "`namespace/function_name/name`.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Name of the alias (`Name`): 1 to 64 letters, digits, `_` and `-`, starting with a letter, " +
					"unique per function. Changing it replaces the alias.",
				PlanModifiers: replace,
				Validators: []validator.String{stringvalidator.RegexMatches(aliasNameRE,
					"must be 1 to 64 letters, digits, '_' and '-', starting with a letter")},
			},
			"function_name": schema.StringAttribute{
				Required: true, MarkdownDescription: "Name of the function. Changing it replaces the alias.", PlanModifiers: replace,
			},
			"namespace": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("default"),
				MarkdownDescription: "Namespace of the function, `default` unless set. Changing it replaces the alias.",
				PlanModifiers:       replace,
			},
			"function_version": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Main version the alias routes to (`FunctionVersion`): a version number, usually " +
					"`scf_function_version.<name>.version`, or `$LATEST`. Changes in place.",
				Validators: []validator.String{aliasVersionValidator()},
			},
			"description": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Description of the alias, at most 1,000 characters. Changes in place.",
				Validators:          []validator.String{stringvalidator.LengthAtMost(1000)},
			},
			"routing_config": aliasRoutingSchema(),
			"created_time": schema.StringAttribute{
				Computed: true, MarkdownDescription: "When the alias was created, RFC 3339.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"modified_time": schema.StringAttribute{
				Computed: true, MarkdownDescription: "When the alias was last modified, RFC 3339.",
			},
		},
	}
}

// ValidateConfig checks the routing rules that span attributes.
func (r *scfFunctionAliasResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg scfFunctionAliasModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || cfg.RoutingConfig == nil {
		return
	}
	cfg.RoutingConfig.validate(cfg.FunctionVersion, &resp.Diagnostics)
}

// ModifyPlan keeps modified_time when the plan changes nothing as Terraform
// compares values. The framework compares numbers by their binary value and
// Terraform by their decimal form, so a weight of 0.1 in the configuration
// and the float64 0.1 read from the API differ for the framework whenever
// the prior state has not been through the state file, as right after an
// import block: it would otherwise mark modified_time unknown and plan an
// update that sends what the alias already has.
func (r *scfFunctionAliasResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.State.Raw.IsNull() || req.Plan.Raw.IsNull() {
		return
	}
	diffs, err := req.State.Raw.Diff(req.Plan.Raw)
	if err != nil {
		return
	}
	modifiedTime := tftypes.NewAttributePath().WithAttributeName("modified_time")
	for _, d := range diffs {
		if !d.Path.Equal(modifiedTime) && !sameDecimal(d.Value1, d.Value2) {
			return
		}
	}
	var prior types.String
	resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root("modified_time"), &prior)...)
	resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("modified_time"), prior)...)
}

// sameDecimal reports whether two known numbers have the same decimal form,
// Terraform's definition of equal numbers.
func sameDecimal(a, b *tftypes.Value) bool {
	if a == nil || b == nil || !a.Type().Is(tftypes.Number) || !b.Type().Is(tftypes.Number) ||
		!a.IsFullyKnown() || !b.IsFullyKnown() || a.IsNull() || b.IsNull() {
		return false
	}
	var x, y big.Float
	if a.As(&x) != nil || b.As(&y) != nil {
		return false
	}
	return x.Text('f', -1) == y.Text('f', -1)
}

func (r *scfFunctionAliasResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (m *scfFunctionAliasModel) request() *scfapi.AliasRequest {
	req := &scfapi.AliasRequest{
		Name: ptrTo(m.Name.ValueString()), FunctionName: ptrTo(m.FunctionName.ValueString()), Namespace: ptrTo(m.Namespace.ValueString()),
		FunctionVersion: ptrTo(m.FunctionVersion.ValueString()), Description: ptrTo(m.Description.ValueString()),
	}
	if m.RoutingConfig != nil {
		req.RoutingConfig = m.RoutingConfig.request()
	}
	return req
}

func ptrTo[T any](v T) *T { return &v }

func (m *scfFunctionAliasModel) flatten(a *scfapi.Alias) {
	m.ID = types.StringValue(functionID(m.Namespace.ValueString(), m.FunctionName.ValueString()) + "/" + a.Name)
	m.Name = types.StringValue(a.Name)
	m.FunctionVersion = types.StringValue(a.FunctionVersion)
	m.Description = types.StringValue(a.Description)
	m.CreatedTime = types.StringValue(serviceTimeRFC3339(a.AddTime))
	m.ModifiedTime = types.StringValue(serviceTimeRFC3339(a.ModTime))
	m.RoutingConfig = flattenRouting(a.RoutingConfig)
}

func (r *scfFunctionAliasResource) write(ctx context.Context, m *scfFunctionAliasModel, create bool) (string, error) {
	action := "updating"
	if create {
		action = "creating"
	}
	what := fmt.Sprintf("%s alias %s of function %s", action, m.Name.ValueString(), functionID(m.Namespace.ValueString(), m.FunctionName.ValueString()))
	var err error
	if create {
		err = r.client.CreateAlias(ctx, m.request())
	} else {
		err = r.client.UpdateAlias(ctx, m.request())
	}
	if err != nil {
		return what, err
	}
	a, err := r.client.GetAlias(ctx, m.Namespace.ValueString(), m.FunctionName.ValueString(), m.Name.ValueString())
	if err != nil {
		return "reading the alias after " + what, err
	}
	m.flatten(a)
	return what, nil
}

func (r *scfFunctionAliasResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scfFunctionAliasModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if what, err := r.write(ctx, &plan, true); err != nil {
		aliasDiagnostics.addAPIError(&resp.Diagnostics, aliasDiagnostics.unable("Create"), what, err)
		return
	}
	setIdentity(ctx, resp.Identity, plan.identity(), &resp.Diagnostics)
	tflog.Info(ctx, "SCF function alias created", map[string]any{"id": plan.ID.ValueString()})
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *scfFunctionAliasResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scfFunctionAliasModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Set first: the framework wants an identity after every Read, also
	// one that removes the resource.
	setIdentity(ctx, resp.Identity, state.identity(), &resp.Diagnostics)
	a, err := r.client.GetAlias(ctx, state.Namespace.ValueString(), state.FunctionName.ValueString(), state.Name.ValueString())
	if scfapi.IsAliasNotFound(err) {
		tflog.Warn(ctx, "SCF function alias not found; removing it from state", map[string]any{"id": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		aliasDiagnostics.addAPIError(&resp.Diagnostics, aliasDiagnostics.unable("Read"), "reading alias "+state.ID.ValueString(), err)
		return
	}
	state.flatten(a)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *scfFunctionAliasResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan scfFunctionAliasModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if what, err := r.write(ctx, &plan, false); err != nil {
		aliasDiagnostics.addAPIError(&resp.Diagnostics, aliasDiagnostics.unable("Update"), what, err)
		return
	}
	setIdentity(ctx, resp.Identity, plan.identity(), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *scfFunctionAliasResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scfFunctionAliasModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.DeleteAlias(ctx, state.Namespace.ValueString(), state.FunctionName.ValueString(), state.Name.ValueString()); err != nil {
		aliasDiagnostics.addAPIError(&resp.Diagnostics, aliasDiagnostics.unable("Delete"), "deleting alias "+state.ID.ValueString(), err)
	}
}

func (r *scfFunctionAliasResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := req.ID
	var identity functionAliasIdentity
	if importIdentity(ctx, req, &identity, &resp.Diagnostics) {
		id = identity.importID()
	}
	if resp.Diagnostics.HasError() {
		return
	}
	parts := strings.Split(id, "/")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || !aliasNameRE.MatchString(parts[2]) {
		resp.Diagnostics.AddError(aliasDiagnostics.unable("Import"), fmt.Sprintf("Import ID %q is not namespace/function_name/alias_name, "+
			"such as `default/orders/live`.", id))
		return
	}
	setIdentity(ctx, resp.Identity, functionAliasIdentity{Namespace: types.StringValue(parts[0]),
		FunctionName: types.StringValue(parts[1]), Name: types.StringValue(parts[2])}, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("namespace"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("function_name"), parts[1])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), parts[2])...)
}
