package provider

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/identityschema"
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
	_ resource.ResourceWithConfigure   = (*scfNamespaceResource)(nil)
	_ resource.ResourceWithImportState = (*scfNamespaceResource)(nil)
	_ resource.ResourceWithIdentity    = (*scfNamespaceResource)(nil)
)

const (
	// namespaceDeleteTimeout bounds a deletion that waits for the functions
	// someone else is deleting from the namespace.
	namespaceDeleteTimeout = 10 * time.Minute
	// namespaceListedTries is how often Create looks for a namespace it has
	// just created before it records it without the service's values.
	namespaceListedTries = 5
	// namespaceFunctionsNamed is how many functions a refused deletion names.
	namespaceFunctionsNamed = 10
	// namespaceDeleteAttempts is how often Delete sends DeleteNamespace while
	// the namespace holds only functions that are being deleted.
	namespaceDeleteAttempts = 3
)

// namespaceDiagnostics is the vocabulary of scf_namespace: "Unable to Create
// SCF Namespace", and the namespace actions' codes at its attributes.
var namespaceDiagnostics = vocabulary{noun: "SCF Namespace", hints: namespaceAPIErrorHints}

// namespaceAPIErrorHints maps the error codes of the namespace actions to the
// attribute of scf_namespace they are about and to advice. Codes not listed
// borrow the advice of apiErrorHints, never its attribute, which names a
// function's attributes.
var namespaceAPIErrorHints = map[string]apiErrorHint{
	"InvalidParameterValue.NamespaceInvalid": {attribute: path.Root("name"), advice: "Use 1 to 30 letters, digits, `-` and `_`."},
	"InvalidParameterValue.DefaultNamespace": {attribute: path.Root("name"), advice: "The `default` namespace always exists and cannot be created; leave a function's `namespace` unset to use it."},
	"InvalidParameterValue.Description":      {attribute: path.Root("description"), advice: "Use a description of at most 1,000 characters."},
	"InvalidParameterValue.Namespace":        {attribute: path.Root("name"), advice: "Use 1 to 30 letters, digits, `-` and `_`."},
	"ResourceInUse.Namespace":                {attribute: path.Root("name"), advice: "A namespace with this name already exists in this region."},
	"FailedOperation.Namespace":              {attribute: path.Root("name"), advice: "A namespace with this name already exists in this region."},
	"FailedOperation.CreateNamespace":        {advice: "The service could not create the namespace. " + hintRetry},
	"FailedOperation.DeleteNamespace":        {attribute: path.Root("name"), advice: "The `default` namespace cannot be deleted."},
	"LimitExceeded.Namespace": {advice: "The account has reached its quota of namespaces in this region (5 besides `default` unless raised). " +
		"Delete a namespace it no longer needs, or ask Tencent Cloud for a higher quota with a ticket, and apply again. " +
		"The quota is checked when the namespace is created, not at plan time: the API offers no way to read it."},
	"ResourceNotFound.Namespace": {attribute: path.Root("name"), advice: "The namespace no longer exists; the next plan creates it again."},
}

// NewSCFNamespaceResource returns the scf_namespace resource.
func NewSCFNamespaceResource() resource.Resource {
	return &scfNamespaceResource{}
}

// scfNamespaceResource manages one SCF namespace through the shared client.
type scfNamespaceResource struct {
	client *scfapi.Client
}

// scfNamespaceResourceModel maps the scf_namespace resource.
type scfNamespaceResourceModel struct {
	ID           types.String `tfsdk:"id"`
	Name         types.String `tfsdk:"name"`
	Description  types.String `tfsdk:"description"`
	Type         types.String `tfsdk:"type"`
	CreatedTime  types.String `tfsdk:"created_time"`
	ModifiedTime types.String `tfsdk:"modified_time"`
}

// scfNamespaceIdentityModel is the resource identity: the name, unique in
// the provider's region.
type scfNamespaceIdentityModel struct {
	Name types.String `tfsdk:"name"`
}

func (r *scfNamespaceResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_namespace"
}

func (r *scfNamespaceResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages an SCF namespace, the group that functions are created in. The namespace is created " +
			"with `CreateNamespace`, its description changes in place with `UpdateNamespace`, and it is read back with " +
			"`ListNamespaces`. Changing `name` replaces the namespace. The service deletes only empty namespaces: " +
			"give the functions in it `namespace = scf_namespace.<name>.name`, and Terraform creates the namespace " +
			"before them and destroys it after them. The `default` namespace always exists and cannot be managed. " +
			"An account has a quota of namespaces per region (5 besides `default` unless raised); it is checked when " +
			"the namespace is created, since the API has no way to read it at plan time.",
		Attributes: validators.Pointed(map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "Identifier of the namespace in Terraform: its name.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Name of the namespace (`Namespace`): 1 to 30 characters of letters, digits, `-` and " +
					"`_`, unique in the region. It cannot be `default`, which every account has and which can be neither " +
					"created nor deleted. Changing it replaces the namespace.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
				Validators:    []validator.String{validators.ManagedNamespace()},
			},
			"description": schema.StringAttribute{
				Optional: true,
				Computed: true,
				Default:  stringdefault.StaticString(""),
				MarkdownDescription: "Description of the namespace (`Description`), at most 1,000 characters. Defaults to " +
					"an empty description. Changes in place.",
				Validators: []validator.String{validators.NamespaceDescription()},
			},
			"type": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "Type of the namespace as the service reports it (`Type`), such as `Default` for a " +
					"namespace made with the API.",
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"created_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the namespace was created, RFC 3339.",
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"modified_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the namespace was last modified, RFC 3339.",
			},
		}),
	}
}

func (r *scfNamespaceResource) IdentitySchema(_ context.Context, _ resource.IdentitySchemaRequest, resp *resource.IdentitySchemaResponse) {
	resp.IdentitySchema = identityschema.Schema{
		Attributes: map[string]identityschema.Attribute{
			"name": identityschema.StringAttribute{
				RequiredForImport: true,
				Description:       "Name of the namespace, unique in the provider's region.",
			},
		},
	}
}

func (r *scfNamespaceResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (r *scfNamespaceResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scfNamespaceResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := plan.Name.ValueString()
	if err := r.client.CreateNamespace(ctx, name, plan.Description.ValueString()); err != nil {
		namespaceDiagnostics.addAPIError(&resp.Diagnostics, namespaceDiagnostics.unable("Create"), "creating namespace "+name, err)
		return
	}
	tflog.Info(ctx, "SCF namespace created", map[string]any{"namespace": name})

	ns, err := r.findCreated(ctx, name)
	switch {
	case err != nil:
		// The namespace exists: keep it in state so it is not orphaned; the
		// next refresh reads what the read could not.
		resp.Diagnostics.AddWarning(namespaceDiagnostics.unable("Read"), namespaceReadAfterCreateFailed(name, err))
		plan.clearUnknowns()
	case ns == nil:
		resp.Diagnostics.AddWarning(namespaceDiagnostics.unable("Read"), fmt.Sprintf("Namespace %s was created, but ListNamespaces "+
			"does not show it yet, so its type and times are not known. The next refresh reads them.", name))
		plan.clearUnknowns()
	default:
		plan.flatten(ns)
	}
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	setIdentity(ctx, resp.Identity, scfNamespaceIdentityModel{Name: types.StringValue(name)}, &resp.Diagnostics)
}

// findCreated looks for a namespace just created, a few times with short
// pauses in case the listing lags behind the creation.
func (r *scfNamespaceResource) findCreated(ctx context.Context, name string) (*scfapi.Namespace, error) {
	pause := 200 * time.Millisecond
	for try := 1; ; try++ {
		ns, err := r.client.FindNamespace(ctx, name)
		if err != nil || ns != nil || try == namespaceListedTries {
			return ns, err
		}
		select {
		case <-ctx.Done():
			return nil, nil
		case <-time.After(pause):
		}
		pause *= 2
	}
}

func namespaceReadAfterCreateFailed(name string, err error) string {
	detail, _ := namespaceDiagnostics.describe("reading namespace "+name+" after creating it", err)
	return detail + "\n\nThe namespace was created and is kept in state; the next refresh reads its type and times."
}

func (r *scfNamespaceResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scfNamespaceResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.Name.ValueString()
	// The identity is set before anything else: the framework (v1.19)
	// requires one after every Read without an error, also one that removes
	// the resource, and a CLI that keeps no identities sends none to keep.
	setIdentity(ctx, resp.Identity, scfNamespaceIdentityModel{Name: types.StringValue(name)}, &resp.Diagnostics)
	ns, err := r.client.FindNamespace(ctx, name)
	if err != nil {
		namespaceDiagnostics.addAPIError(&resp.Diagnostics, namespaceDiagnostics.unable("Read"), "reading namespace "+name, err)
		return
	}
	if ns == nil {
		tflog.Warn(ctx, "SCF namespace not found; removing it from state", map[string]any{"namespace": name})
		resp.State.RemoveResource(ctx)
		return
	}
	state.flatten(ns)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

func (r *scfNamespaceResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan, state scfNamespaceResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := state.Name.ValueString()
	action := "updating namespace " + name
	if !plan.Description.Equal(state.Description) {
		if err := r.client.UpdateNamespace(ctx, name, plan.Description.ValueString()); err != nil {
			namespaceDiagnostics.addAPIError(&resp.Diagnostics, namespaceDiagnostics.unable("Update"), action, err)
			return
		}
	}
	ns, err := r.client.FindNamespace(ctx, name)
	if err != nil {
		namespaceDiagnostics.addAPIError(&resp.Diagnostics, namespaceDiagnostics.unable("Read"), "reading namespace "+name+" after the update", err)
		return
	}
	if ns == nil {
		resp.Diagnostics.AddAttributeError(path.Root("name"), namespaceDiagnostics.unable("Update"), fmt.Sprintf("While %s: the namespace "+
			"was deleted outside Terraform during the update. The next plan creates it again.", action))
		return
	}
	plan.flatten(ns)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
	setIdentity(ctx, resp.Identity, scfNamespaceIdentityModel{Name: types.StringValue(name)}, &resp.Diagnostics)
}

func (r *scfNamespaceResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scfNamespaceResourceModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, namespaceDeleteTimeout)
	defer cancel()

	name := state.Name.ValueString()
	action := "deleting namespace " + name
	err := r.client.DeleteNamespace(ctx, name)
	if scfapi.ErrorCode(err) == "ResourceInUse.Namespace" {
		err = r.deleteWhenEmptied(ctx, name, err, &resp.Diagnostics)
		if resp.Diagnostics.HasError() {
			return
		}
	}
	if scfapi.IsNotFound(err) {
		return
	}
	if err != nil {
		namespaceDiagnostics.addAPIError(&resp.Diagnostics, namespaceDiagnostics.unable("Delete"), action, err)
	}
}

// deleteWhenEmptied handles a deletion the service refused because the
// namespace holds functions. When every one of them is already being
// deleted (by another apply, or someone in the console), it waits for them
// and deletes the namespace again; otherwise it reports which functions keep
// the namespace, and how to order the deletion.
func (r *scfNamespaceResource) deleteWhenEmptied(ctx context.Context, name string, refusal error, diags *diag.Diagnostics) error {
	for attempt := 1; ; attempt++ {
		functions, err := r.client.ListAllFunctions(ctx, name)
		if err != nil {
			namespaceDiagnostics.addAPIError(diags, namespaceDiagnostics.unable("Delete"),
				"listing the functions that keep namespace "+name+" from being deleted", err)
			return nil
		}
		var staying []scfapi.FunctionSummary
		for _, f := range functions {
			if f.Status != scfapi.StatusDeleting {
				staying = append(staying, f)
			}
		}
		switch {
		case len(staying) > 0:
			diags.AddAttributeError(path.Root("name"), namespaceDiagnostics.unable("Delete"), namespaceInUseDetail(name, staying, refusal))
			return nil
		case attempt == namespaceDeleteAttempts:
			diags.AddAttributeError(path.Root("name"), namespaceDiagnostics.unable("Delete"), fmt.Sprintf("While deleting namespace %s, "+
				"the service answered %s %d times, although it listed no function in the namespace that is not being "+
				"deleted. Functions may be being created in it; run the command again.", name, apiAnswer(refusal), attempt))
			return nil
		}
		for _, f := range functions {
			tflog.Info(ctx, "waiting for a function being deleted from the namespace", map[string]any{"function": functionID(name, f.FunctionName)})
			if err := r.client.WaitForDeleted(ctx, name, f.FunctionName); err != nil {
				return err
			}
		}
		err = r.client.DeleteNamespace(ctx, name)
		if scfapi.ErrorCode(err) != "ResourceInUse.Namespace" {
			return err
		}
		refusal = err
	}
}

// apiAnswer renders an API error as the code, message and RequestId.
func apiAnswer(err error) string {
	var apiErr *scfapi.APIError
	if !errors.As(err, &apiErr) {
		return err.Error()
	}
	return fmt.Sprintf("%s: %s (RequestId: %s)", apiErr.Code, strings.TrimSuffix(apiErr.Message, "."), requestIDOrNone(apiErr.RequestID))
}

// namespaceInUseDetail names the functions that keep a namespace, at most
// namespaceFunctionsNamed of them, and says how to get them out of the way.
func namespaceInUseDetail(name string, functions []scfapi.FunctionSummary, refusal error) string {
	all := make([]string, 0, len(functions))
	for _, f := range functions {
		all = append(all, functionID(name, f.FunctionName))
	}
	slices.Sort(all)
	names := all[:min(len(all), namespaceFunctionsNamed)]
	list := strings.Join(names, ", ")
	if more := len(functions) - len(names); more > 0 {
		list += fmt.Sprintf(" and %d more", more)
	}
	noun := "functions"
	if len(functions) == 1 {
		noun = "function"
	}
	answer := apiAnswer(refusal)
	return fmt.Sprintf("Namespace %s still holds %d %s: %s. The service deletes only empty namespaces; it answered %s.\n\n"+
		"Delete those functions first, or move them to another namespace (changing a function's `namespace` replaces it). "+
		"When they are managed in the same configuration as this namespace, set their `namespace` to "+
		"`scf_namespace.<name>.name` instead of the literal name: Terraform then destroys the functions before the "+
		"namespace, and creates the namespace before them.", name, len(functions), noun, list, answer)
}

func (r *scfNamespaceResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	name := req.ID
	var identity scfNamespaceIdentityModel
	if importIdentity(ctx, req, &identity, &resp.Diagnostics) {
		name = identity.Name.ValueString()
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if err := validators.CheckManagedNamespace(name); err != nil {
		resp.Diagnostics.AddError(namespaceDiagnostics.unable("Import"), fmt.Sprintf("Import ID %q: %s. Import a namespace by its name, "+
			"such as `team-a`.", name, err))
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("name"), name)...)
	setIdentity(ctx, resp.Identity, scfNamespaceIdentityModel{Name: types.StringValue(name)}, &resp.Diagnostics)
}

// flatten sets the model from a namespace the service listed.
func (m *scfNamespaceResourceModel) flatten(ns *scfapi.Namespace) {
	m.ID = types.StringValue(ns.Name)
	m.Name = types.StringValue(ns.Name)
	m.Description = types.StringValue(ns.Description)
	m.Type = types.StringValue(ns.Type)
	m.CreatedTime = types.StringValue(serviceTimeRFC3339(ns.AddTime))
	m.ModifiedTime = types.StringValue(serviceTimeRFC3339(ns.ModTime))
}

// clearUnknowns keeps a created namespace in state when the service's values
// could not be read: its ID is its name, and the rest waits for a refresh.
func (m *scfNamespaceResourceModel) clearUnknowns() {
	m.ID = m.Name
	for _, s := range []*types.String{&m.Type, &m.CreatedTime, &m.ModifiedTime} {
		if s.IsUnknown() {
			*s = types.StringNull()
		}
	}
}
