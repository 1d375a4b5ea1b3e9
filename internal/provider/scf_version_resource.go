package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var (
	_ resource.ResourceWithConfigure   = (*scfFunctionVersionResource)(nil)
	_ resource.ResourceWithImportState = (*scfFunctionVersionResource)(nil)
)

const versionPublishTimeout = 10 * time.Minute

// versionDiagnostics is the vocabulary of scf_function_version: "Unable to
// Publish SCF Function Version", and the version actions' codes at its
// attributes.
var versionDiagnostics = vocabulary{noun: "SCF Function Version", hints: versionAPIErrorHints}

// versionAPIErrorHints are the codes of PublishVersion, GetFunction,
// GetFunctionAddress and DeleteFunction that scf_function_version has an
// attribute for, with the advice scf_function gives for them. Codes not
// listed borrow the advice of apiErrorHints, never its attribute, which
// names a function's attributes (`name` is the function's, here
// `function_name`).
var versionAPIErrorHints = map[string]apiErrorHint{
	"InvalidParameterValue.Description":  {attribute: path.Root("description"), advice: "Use at most 1,000 letters, digits, spaces, commas and periods."},
	"InvalidParameterValue.FunctionName": {attribute: path.Root("function_name"), advice: "Use 2 to 60 letters, digits, `-` and `_`, starting with a letter and not ending with `-` or `_`."},
	"InvalidParameterValue.Namespace":    {attribute: path.Root("namespace"), advice: "Use 1 to 30 letters, digits, `-` and `_`."},
	"ResourceNotFound.Namespace":         {attribute: path.Root("namespace"), advice: "Create the namespace first."},
}

// NewSCFFunctionVersionResource returns the scf_function_version resource.
func NewSCFFunctionVersionResource() resource.Resource { return &scfFunctionVersionResource{} }

type scfFunctionVersionResource struct{ client *scfapi.Client }

type scfFunctionVersionModel struct {
	ID               types.String `tfsdk:"id"`
	FunctionName     types.String `tfsdk:"function_name"`
	Namespace        types.String `tfsdk:"namespace"`
	Description      types.String `tfsdk:"description"`
	FunctionRevision types.String `tfsdk:"function_revision"`
	SkipDestroy      types.Bool   `tfsdk:"skip_destroy"`
	Version          types.String `tfsdk:"version"`
	CodeSha256       types.String `tfsdk:"code_sha256"`
	Status           types.String `tfsdk:"status"`
	CreatedTime      types.String `tfsdk:"created_time"`
}

func (r *scfFunctionVersionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_function_version"
}

func (r *scfFunctionVersionResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	keep := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "Publishes a version of an SCF function with `PublishVersion`: a numbered, immutable snapshot " +
			"of the function's code and configuration at that moment, which aliases can route to. The resource waits " +
			"until the version is `Active`. A version cannot change: changing any argument publishes a new version " +
			"(and deletes the old one unless `skip_destroy` is set). Set `function_revision` to " +
			"`scf_function.<name>.code_sha256` (or any value that changes with what you deploy) so that a new " +
			"version is published whenever the function changes, without `replace_triggered_by`. When an alias routes to the version, give the version " +
			"`lifecycle { create_before_destroy = true }`: the new version is then published and the alias moved to it " +
			"before the old version is deleted, which the API refuses while an alias routes to it. " +
			identityImportNote("namespace", "function_name", "version"),
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`namespace/function_name/version`.",
				PlanModifiers:       keep,
			},
			"function_name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the function to publish (`FunctionName`). Changing it replaces the version.",
				PlanModifiers:       replace,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 60)},
			},
			"namespace": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString("default"),
				MarkdownDescription: "Namespace of the function (`Namespace`), `default` unless set. Changing it replaces the version.",
				PlanModifiers:       replace,
			},
			"description": schema.StringAttribute{
				Optional: true, Computed: true, Default: stringdefault.StaticString(""),
				MarkdownDescription: "Description of the version (`Description`), at most 1,000 characters. Changing it " +
					"publishes a new version, since a published version cannot be edited.",
				PlanModifiers: replace,
				Validators:    []validator.String{stringvalidator.LengthAtMost(1000)},
			},
			"function_revision": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Any value that identifies what the function runs, such as `scf_function.<name>.code_sha256` " +
					"or a hash of its configuration. It is not sent to the API: a change publishes a new version. Referring " +
					"to the function also orders the publication after the function's update. Setting it where it was unset " +
					"(as after an import) records it without publishing.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplaceIf(func(_ context.Context, req planmodifier.StringRequest, resp *stringplanmodifier.RequiresReplaceIfFuncResponse) {
					resp.RequiresReplace = !req.StateValue.IsNull()
				}, "A change publishes a new version.", "A change publishes a new version.")},
			},
			"skip_destroy": schema.BoolAttribute{
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
				MarkdownDescription: "When `true`, destroying (or replacing) the resource only removes it from the state and " +
					"keeps the published version, for instance so that aliases elsewhere can keep routing to it. Default `false`.",
				PlanModifiers: []planmodifier.Bool{boolplanmodifier.UseStateForUnknown()},
			},
			"version": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Number of the published version, such as `3`.", PlanModifiers: keep,
			},
			"code_sha256": schema.StringAttribute{
				Computed: true, MarkdownDescription: "SHA-256 of the version's code package.", PlanModifiers: keep,
			},
			"status": schema.StringAttribute{
				Computed: true, MarkdownDescription: "Status of the version, `Active` once published.", PlanModifiers: keep,
			},
			"created_time": schema.StringAttribute{
				Computed: true, MarkdownDescription: "When the version was published, RFC 3339.", PlanModifiers: keep,
			},
		},
	}
}

func (r *scfFunctionVersionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (r *scfFunctionVersionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scfFunctionVersionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ns, name := plan.Namespace.ValueString(), plan.FunctionName.ValueString()
	fn := functionID(ns, name)
	// $LATEST must be Active to be published: wait out an update in progress.
	if _, err := r.client.WaitForActive(ctx, ns, name); err != nil {
		versionDiagnostics.addAPIError(&resp.Diagnostics, versionDiagnostics.unable("Publish"), "waiting for function "+fn+" to be Active before publishing", err)
		return
	}
	v, err := r.client.PublishVersion(ctx, ns, name, plan.Description.ValueString())
	if err != nil {
		versionDiagnostics.addAPIError(&resp.Diagnostics, versionDiagnostics.unable("Publish"), "publishing a version of function "+fn, err)
		return
	}
	tflog.Info(ctx, "SCF function version published", map[string]any{"function": fn, "version": v})
	plan.Version = types.StringValue(v)
	plan.ID = types.StringValue(fn + "/" + v)
	setIdentity(ctx, resp.Identity, plan.identity(), &resp.Diagnostics)
	wctx, cancel := context.WithTimeout(ctx, versionPublishTimeout)
	defer cancel()
	f, err := r.client.WaitForVersionActive(wctx, ns, name, v)
	if err != nil {
		// Keep the version in state so that it is not orphaned.
		plan.CodeSha256, plan.Status, plan.CreatedTime = types.StringNull(), types.StringNull(), types.StringNull()
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		versionDiagnostics.addAPIError(&resp.Diagnostics, versionDiagnostics.unable("Publish"), fmt.Sprintf("waiting for version %s of function %s to be Active", v, fn), err)
		return
	}
	resp.Diagnostics.Append(r.fill(ctx, &plan, f)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *scfFunctionVersionResource) fill(ctx context.Context, m *scfFunctionVersionModel, f *scfapi.Function) diag.Diagnostics {
	ns, name, v := m.Namespace.ValueString(), m.FunctionName.ValueString(), m.Version.ValueString()
	m.Description = types.StringValue(f.Description)
	m.Status = types.StringValue(f.Status)
	m.CreatedTime = types.StringValue(serviceTimeRFC3339(f.AddTime))
	m.ID = types.StringValue(functionID(ns, name) + "/" + v)
	a, err := r.client.GetFunctionVersionAddress(ctx, ns, name, v)
	if err != nil {
		m.CodeSha256 = types.StringNull()
		var diags diag.Diagnostics
		versionDiagnostics.addAPIError(&diags, versionDiagnostics.unable("Read"), fmt.Sprintf("reading the code digest of version %s of function %s", v, functionID(ns, name)), err)
		return diags
	}
	m.CodeSha256 = types.StringValue(a.CodeSha256)
	return nil
}

func (r *scfFunctionVersionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scfFunctionVersionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Set first: the framework wants an identity after every Read, also
	// one that removes the resource.
	setIdentity(ctx, resp.Identity, state.identity(), &resp.Diagnostics)
	ns, name, v := state.Namespace.ValueString(), state.FunctionName.ValueString(), state.Version.ValueString()
	f, err := r.client.GetFunctionVersion(ctx, ns, name, v)
	if scfapi.IsVersionNotFound(err) {
		tflog.Warn(ctx, "SCF function version not found; removing it from state", map[string]any{"id": state.ID.ValueString()})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		versionDiagnostics.addAPIError(&resp.Diagnostics, versionDiagnostics.unable("Read"), fmt.Sprintf("reading version %s of function %s", v, functionID(ns, name)), err)
		return
	}
	resp.Diagnostics.Append(r.fill(ctx, &state, f)...)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update only records skip_destroy, or a function_revision set where it was
// unset; both live in the state alone.
func (r *scfFunctionVersionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state scfFunctionVersionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	state.SkipDestroy = plan.SkipDestroy
	state.FunctionRevision = plan.FunctionRevision
	setIdentity(ctx, resp.Identity, state.identity(), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *scfFunctionVersionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scfFunctionVersionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if state.SkipDestroy.ValueBool() {
		tflog.Info(ctx, "skip_destroy is set: the function version is kept", map[string]any{"id": state.ID.ValueString()})
		return
	}
	ns, name, v := state.Namespace.ValueString(), state.FunctionName.ValueString(), state.Version.ValueString()
	err := r.client.DeleteFunctionVersion(ctx, ns, name, v)
	if scfapi.ErrorCode(err) == "UnsupportedOperation.AliasBind" {
		resp.Diagnostics.AddAttributeError(path.Root("version"), versionDiagnostics.unable("Delete"), fmt.Sprintf(
			"Version %s of function %s is still routed to by an alias (%s). Point the alias at another version first "+
				"(when it is managed in this configuration, refer to this version as `scf_function_version.<name>.version` "+
				"so that Terraform orders the changes), or set `skip_destroy = true` to keep the version.", v, functionID(ns, name), apiAnswer(err)))
		return
	}
	if err != nil {
		versionDiagnostics.addAPIError(&resp.Diagnostics, versionDiagnostics.unable("Delete"), fmt.Sprintf("deleting version %s of function %s", v, functionID(ns, name)), err)
	}
}

func (r *scfFunctionVersionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := req.ID
	var identity functionVersionIdentity
	if importIdentity(ctx, req, &identity, &resp.Diagnostics) {
		id = identity.importID()
	}
	if resp.Diagnostics.HasError() {
		return
	}
	parts := strings.Split(id, "/")
	if len(parts) != 3 || parts[0] == "" || parts[1] == "" || !isVersionNumber(parts[2]) {
		resp.Diagnostics.AddError(versionDiagnostics.unable("Import"), fmt.Sprintf("Import ID %q is not namespace/function_name/version, "+
			"such as `default/orders/3`.", id))
		return
	}
	setIdentity(ctx, resp.Identity, functionVersionIdentity{Namespace: types.StringValue(parts[0]),
		FunctionName: types.StringValue(parts[1]), Version: types.StringValue(parts[2])}, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), id)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("namespace"), parts[0])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("function_name"), parts[1])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("version"), parts[2])...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("skip_destroy"), false)...)
}

func isVersionNumber(s string) bool {
	if s == "" || s[0] == '0' {
		return false
	}
	for _, c := range s {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
