package provider

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/scfprovider/terraform-provider-scf/internal/codezip"
	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var (
	_ resource.ResourceWithConfigure      = (*scfFunctionResource)(nil)
	_ resource.ResourceWithImportState    = (*scfFunctionResource)(nil)
	_ resource.ResourceWithModifyPlan     = (*scfFunctionResource)(nil)
	_ resource.ResourceWithValidateConfig = (*scfFunctionResource)(nil)
)

const (
	defaultCreateTimeout = 10 * time.Minute
	defaultUpdateTimeout = 10 * time.Minute
	defaultDeleteTimeout = 10 * time.Minute

	// stateCaptureTimeout bounds the read that records a function whose
	// creation failed or timed out, after the operation's own context ended.
	stateCaptureTimeout = 30 * time.Second
)

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

	request, digest := r.expandCreate(ctx, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	if err := r.client.CreateFunction(ctx, request); err != nil {
		addAPIError(&resp.Diagnostics, summaryCreate, action, err)
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
			addAPIError(&resp.Diagnostics, summaryWait, action, waitErr)
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
		addAPIError(&resp.Diagnostics, summaryUpdate, action, err)
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
		addAPIError(&resp.Diagnostics, summaryRead, "reading function "+functionID(namespace, name), err)
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
	var fn *scfapi.Function
	digest := state.CodeSHA256.ValueString()

	// A failed step leaves the function partly updated: refresh state from the
	// service so the next plan shows exactly what is left to do.
	failed := func(summary string, err error) {
		addAPIError(&resp.Diagnostics, summary, action, err)
		r.captureAfterFailure(ctx, namespace, name, &state, resp.State.Set, &resp.Diagnostics)
	}

	if codeUpdate := r.expandCodeUpdate(ctx, plan, state, &resp.Diagnostics); codeUpdate != nil {
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

	if configUpdate := expandConfigUpdate(ctx, plan, state, &resp.Diagnostics); configUpdate != nil {
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

	replace, remove := diffTags(ctx, plan.Tags, state.Tags, &resp.Diagnostics)
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
			addAPIError(&resp.Diagnostics, summaryRead, "reading function "+functionID(namespace, name)+" after the update", err)
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
		addAPIError(&resp.Diagnostics, summaryDelete, action, err)
		return
	}
	if err := r.client.WaitForDeleted(ctx, namespace, name); err != nil {
		addAPIError(&resp.Diagnostics, summaryWait, action, err)
	}
}

func (r *scfFunctionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	namespace, name := importedFunction(ctx, req, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	setFunctionIdentity(ctx, namespace, name, resp.Identity, &resp.Diagnostics)
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
			addAPIError(diags, summaryRead, "reading the code digest of function "+functionID(fn.Namespace, fn.FunctionName), err)
			return
		}
		digest = address.CodeSha256
	}
	flattenFunction(ctx, fn, digest, model, diags)
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
	clearUnknowns(model)
	diags.Append(set(ctx, model)...)
	return fn
}

// clearUnknowns replaces values that are still unknown with null, because
// state cannot hold unknown values.
func clearUnknowns(m *scfFunctionResourceModel) {
	for _, s := range []*types.String{&m.Handler, &m.Runtime, &m.ClsLogsetID, &m.ClsTopicID, &m.FunctionID, &m.Status,
		&m.StatusDesc, &m.CodeSHA256, &m.CreatedTime, &m.ModifiedTime} {
		if s.IsUnknown() {
			*s = types.StringNull()
		}
	}
	for _, n := range []*types.Int64{&m.CodeSize, &m.InitTimeout} {
		if n.IsUnknown() {
			*n = types.Int64Null()
		}
	}
	clearFeatureUnknowns(m)
}

// codeUpload is an UpdateFunctionCode call and the digest it deploys ("" when
// the service computes it, as for COS code).
type codeUpload struct {
	request *scfapi.UpdateFunctionCodeRequest
	digest  string
}

// readZip loads the configured zip for upload and refuses a file that changed
// since plan: uploading other bytes than the plan showed would be a surprise.
func readZip(ctx context.Context, zipPath types.String, plannedDigest types.String, diags *diag.Diagnostics) (string, string) {
	at := path.Root("code").AtName("zip_file")
	encoded, info, err := codezip.ReadBase64(ctx, zipPath.ValueString())
	if err != nil {
		diags.Append(validators.ZipFileViolation(summaryCode, at, err).ErrorAt(at))
		return "", ""
	}
	if !plannedDigest.IsUnknown() && !plannedDigest.IsNull() && plannedDigest.ValueString() != info.SHA256 {
		diags.Append(validators.Violation{Summary: summaryCode, Path: at,
			Problem: fmt.Sprintf("zip file %q changed after the plan was made (planned SHA-256 %s, now %s)",
				zipPath.ValueString(), plannedDigest.ValueString(), info.SHA256),
			Rule: "the provider uploads only the code the plan showed; run plan again"}.ErrorAt(at))
		return "", ""
	}
	return encoded, info.SHA256
}
