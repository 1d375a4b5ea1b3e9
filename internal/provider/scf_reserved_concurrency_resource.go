package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
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
	_ resource.ResourceWithConfigure   = (*scfReservedConcurrencyResource)(nil)
	_ resource.ResourceWithImportState = (*scfReservedConcurrencyResource)(nil)
)

// NewSCFReservedConcurrencyResource returns the scf_reserved_concurrency resource.
func NewSCFReservedConcurrencyResource() resource.Resource {
	return &scfReservedConcurrencyResource{}
}

type scfReservedConcurrencyResource struct {
	client *scfapi.Client
}

type scfReservedConcurrencyModel struct {
	ID                     types.String `tfsdk:"id"`
	FunctionName           types.String `tfsdk:"function_name"`
	Namespace              types.String `tfsdk:"namespace"`
	ReservedConcurrencyMem types.Int64  `tfsdk:"reserved_concurrency_mem"`
}

func (r *scfReservedConcurrencyResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_reserved_concurrency"
}

func (r *scfReservedConcurrencyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages the reserved concurrency quota of an SCF function (`PutReservedConcurrencyConfig`): " +
			"memory of the account's concurrency quota set aside for this function, which is also the most its " +
			"concurrent instances may use together. Destroying the resource (`DeleteReservedConcurrencyConfig`) " +
			"returns the function to the account's shared quota. The account's quota (128,000 MB by default, more " +
			"when raised) less 12,800 MB kept for functions without a reservation is the most all functions may " +
			"reserve together; it depends on the account and on other functions, so the service checks it when the " +
			"quota is set (`LimitExceeded.FunctionReservedConcurrencyMemory`). " +
			identityImportNote("namespace", "function_name"),
		Attributes: validators.Pointed(map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Identifier in Terraform: `<namespace>/<function_name>`.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"function_name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Name of the function (`FunctionName`). Changing it moves the quota to another function (replacement).",
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
			"reserved_concurrency_mem": schema.Int64Attribute{
				Required: true,
				MarkdownDescription: "Reserved quota in MB (`ReservedConcurrencyMem`), at least 0. `0` stops the function: " +
					"every invocation is refused as over the concurrency limit. It must also cover the provisioned " +
					"concurrency of the function's versions (instances times the function's memory), which the " +
					"service checks (`FailedOperation.ProvisionedExceedReserved`). Changes in place.",
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
		}),
	}
}

func (r *scfReservedConcurrencyResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (r *scfReservedConcurrencyResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scfReservedConcurrencyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !r.put(ctx, &plan, &resp.Diagnostics, concurrencyDiagnostics.unable("Set")) {
		return
	}
	setIdentity(ctx, resp.Identity, plan.identity(), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *scfReservedConcurrencyResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan scfReservedConcurrencyModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() || !r.put(ctx, &plan, &resp.Diagnostics, concurrencyDiagnostics.unable("Update")) {
		return
	}
	setIdentity(ctx, resp.Identity, plan.identity(), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

// put serves Create and Update alike: PutReservedConcurrencyConfig replaces
// the quota, whether or not the function had one.
func (r *scfReservedConcurrencyResource) put(ctx context.Context, plan *scfReservedConcurrencyModel, diags *diag.Diagnostics, summary string) bool {
	ns, name := plan.Namespace.ValueString(), plan.FunctionName.ValueString()
	if err := r.client.PutReservedConcurrency(ctx, ns, name, plan.ReservedConcurrencyMem.ValueInt64()); err != nil {
		concurrencyDiagnostics.addAPIError(diags, summary, "setting the reserved concurrency of function "+functionID(ns, name), err)
		return false
	}
	plan.ID = types.StringValue(functionID(ns, name))
	return true
}

func (r *scfReservedConcurrencyResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scfReservedConcurrencyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Set first: the framework wants an identity after every Read, also
	// one that removes the resource.
	setIdentity(ctx, resp.Identity, state.identity(), &resp.Diagnostics)
	ns, name := state.Namespace.ValueString(), state.FunctionName.ValueString()
	mem, err := r.client.GetReservedConcurrency(ctx, ns, name)
	if err == nil && mem == nil || scfapi.IsNotFound(err) {
		tflog.Warn(ctx, "SCF reserved concurrency not found; removing it from state", map[string]any{"function": functionID(ns, name)})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		concurrencyDiagnostics.addAPIError(&resp.Diagnostics, concurrencyDiagnostics.unable("Read"), "reading the reserved concurrency of function "+functionID(ns, name), err)
		return
	}
	state.ID = types.StringValue(functionID(ns, name))
	state.ReservedConcurrencyMem = types.Int64Value(*mem)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *scfReservedConcurrencyResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scfReservedConcurrencyModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ns, name := state.Namespace.ValueString(), state.FunctionName.ValueString()
	err := r.client.DeleteReservedConcurrency(ctx, ns, name)
	if err != nil && !scfapi.IsNotFound(err) {
		concurrencyDiagnostics.addAPIError(&resp.Diagnostics, concurrencyDiagnostics.unable("Remove"), "removing the reserved concurrency of function "+functionID(ns, name), err)
	}
}

func (r *scfReservedConcurrencyResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := req.ID
	var identity reservedConcurrencyIdentity
	if importIdentity(ctx, req, &identity, &resp.Diagnostics) {
		id = identity.importID()
	}
	if resp.Diagnostics.HasError() {
		return
	}
	ns, name, err := parseFunctionID(id)
	if err != nil {
		resp.Diagnostics.AddError(concurrencyDiagnostics.unable("Import"), err.Error()+".")
		return
	}
	setIdentity(ctx, resp.Identity, reservedConcurrencyIdentity{Namespace: types.StringValue(ns), FunctionName: types.StringValue(name)}, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), functionID(ns, name))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("namespace"), ns)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("function_name"), name)...)
}
