package provider

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
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
	_ resource.ResourceWithConfigure   = (*scfLayerVersionResource)(nil)
	_ resource.ResourceWithImportState = (*scfLayerVersionResource)(nil)
	_ resource.ResourceWithModifyPlan  = (*scfLayerVersionResource)(nil)
)

const (
	defaultLayerPublishTimeout = 10 * time.Minute
	defaultLayerDeleteTimeout  = 5 * time.Minute
)

// NewSCFLayerVersionResource returns the scf_layer_version resource.
func NewSCFLayerVersionResource() resource.Resource {
	return &scfLayerVersionResource{}
}

// scfLayerVersionResource publishes and deletes one layer version.
type scfLayerVersionResource struct {
	client *scfapi.Client
}

func (r *scfLayerVersionResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_layer_version"
}

func (r *scfLayerVersionResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	r.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

// layerVersionID is the resource ID and import ID.
func layerVersionID(name string, version int64) string { return scfapi.LayerVersionID(name, version) }

// parseLayerVersionID reads `<layer_name>/<layer_version>`.
func parseLayerVersionID(id string) (string, int64, error) {
	const form = "expected `<layer_name>/<layer_version>`, such as `my-libs/3`"
	name, v, found := strings.Cut(id, "/")
	if !found {
		return "", 0, fmt.Errorf("import ID %q has no version; %s", id, form)
	}
	if err := validators.CheckLayerName(name); err != nil {
		return "", 0, fmt.Errorf("import ID %q: %w; %s", id, err, form)
	}
	version, err := strconv.ParseInt(v, 10, 64)
	if err != nil || version < 1 {
		return "", 0, fmt.Errorf("import ID %q: version %q is not a whole number from 1; %s", id, v, form)
	}
	return name, version, nil
}

func (r *scfLayerVersionResource) Create(ctx context.Context, req resource.CreateRequest, resp *resource.CreateResponse) {
	var plan scfLayerVersionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := plan.Timeouts.Create(ctx, defaultLayerPublishTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	name := plan.LayerName.ValueString()
	action := "publishing a version of layer " + name
	request, digest := expandLayerVersion(ctx, plan, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	version, err := r.client.PublishLayerVersion(ctx, request, digest)
	if err != nil {
		addLayerError(&resp.Diagnostics, layerVersionDiagnostics.unable("Publish"), action, err)
		return
	}
	tflog.Info(ctx, "SCF layer version published, waiting for it to become Active", map[string]any{"layer_version": layerVersionID(name, version)})
	plan.ID, plan.LayerVersion = types.StringValue(layerVersionID(name, version)), types.Int64Value(version)
	setIdentity(ctx, resp.Identity, plan.identity(), &resp.Diagnostics)

	lv, err := r.client.WaitForLayerVersionActive(ctx, name, version)
	if err != nil {
		// The version exists: keep it in state, tainted, so the next apply
		// deletes it instead of leaving it behind.
		addLayerError(&resp.Diagnostics, layerVersionDiagnostics.waiting(), action, err)
		readCtx, cancelRead := context.WithTimeout(context.WithoutCancel(ctx), stateCaptureTimeout)
		defer cancelRead()
		if current, getErr := r.client.GetLayerVersion(readCtx, name, version); getErr == nil {
			flattenLayerVersion(ctx, current, &plan, &resp.Diagnostics)
		}
		clearLayerUnknowns(&plan)
		resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
		return
	}
	flattenLayerVersion(ctx, lv, &plan, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *scfLayerVersionResource) Read(ctx context.Context, req resource.ReadRequest, resp *resource.ReadResponse) {
	var state scfLayerVersionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	// Set first: the framework wants an identity after every Read, also
	// one that removes the resource.
	setIdentity(ctx, resp.Identity, state.identity(), &resp.Diagnostics)
	name, version := state.LayerName.ValueString(), state.LayerVersion.ValueInt64()
	lv, err := r.client.GetLayerVersion(ctx, name, version)
	if scfapi.IsLayerNotFound(err) || (err == nil && lv.Status == scfapi.StatusLayerDeleted) {
		tflog.Warn(ctx, "SCF layer version not found; removing it from state", map[string]any{"layer_version": layerVersionID(name, version)})
		resp.State.RemoveResource(ctx)
		return
	}
	if err != nil {
		addLayerError(&resp.Diagnostics, layerVersionDiagnostics.unable("Read"), "reading layer version "+layerVersionID(name, version), err)
		return
	}
	flattenLayerVersion(ctx, lv, &state, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, state)...)
}

// Update only runs when nothing but `timeouts` changed, or when `content`
// is recorded after an import: every other change replaces the version.
func (r *scfLayerVersionResource) Update(ctx context.Context, req resource.UpdateRequest, resp *resource.UpdateResponse) {
	var plan scfLayerVersionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	if resp.Diagnostics.HasError() {
		return
	}
	setIdentity(ctx, resp.Identity, plan.identity(), &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, plan)...)
}

func (r *scfLayerVersionResource) Delete(ctx context.Context, req resource.DeleteRequest, resp *resource.DeleteResponse) {
	var state scfLayerVersionModel
	resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	if resp.Diagnostics.HasError() {
		return
	}
	timeout, d := state.Timeouts.Delete(ctx, defaultLayerDeleteTimeout)
	resp.Diagnostics.Append(d...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	name, version := state.LayerName.ValueString(), state.LayerVersion.ValueInt64()
	action := "deleting layer version " + layerVersionID(name, version)
	err := r.client.DeleteLayerVersion(ctx, name, version)
	if scfapi.IsLayerNotFound(err) {
		return
	}
	if err != nil {
		addLayerError(&resp.Diagnostics, layerVersionDiagnostics.unable("Delete"), action, err)
		return
	}
	if err := r.client.WaitForLayerVersionDeleted(ctx, name, version); err != nil {
		addLayerError(&resp.Diagnostics, layerVersionDiagnostics.waiting(), action, err)
	}
}

func (r *scfLayerVersionResource) ImportState(ctx context.Context, req resource.ImportStateRequest, resp *resource.ImportStateResponse) {
	id := req.ID
	var identity layerVersionIdentity
	if importIdentity(ctx, req, &identity, &resp.Diagnostics) {
		id = identity.importID()
	}
	if resp.Diagnostics.HasError() {
		return
	}
	name, version, err := parseLayerVersionID(id)
	if err != nil {
		resp.Diagnostics.AddError(layerVersionDiagnostics.unable("Import"), err.Error()+".")
		return
	}
	setIdentity(ctx, resp.Identity, layerVersionIdentity{LayerName: types.StringValue(name), LayerVersion: types.Int64Value(version)}, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), layerVersionID(name, version))...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("layer_name"), name)...)
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("layer_version"), version)...)
}

// summaryLayerContent is the summary of ModifyPlan's rule that a version to
// publish has content.
const summaryLayerContent = "Missing Layer Content"

// ModifyPlan requires content for a new version, plans code_sha256 from a
// local zip, and decides replacement itself: the attributes' RequiresReplace
// cannot see new content at the same path, nor that content set after an
// import describes the version already published.
func (r *scfLayerVersionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan, state scfLayerVersionModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	creating := req.State.Raw.IsNull()
	if !creating {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	report := func(v validators.Violation) { v.Report(ctx, req.Config, &resp.Diagnostics) }
	if creating && plan.Content.IsNull() {
		report(validators.Violation{Summary: summaryLayerContent, Path: path.Root("content"),
			Problem: "it is not set, and the version does not exist yet",
			Rule:    "`content` is required to publish a layer version; it may only be left out for an imported one"})
		return
	}

	digest := types.StringUnknown()
	content, _ := layerContentCodec.get(plan.Content, &resp.Diagnostics)
	zipFile := content.ZipFile
	if known(plan.Content) && !zipFile.IsNull() && !zipFile.IsUnknown() {
		info, err := codezip.Inspect(zipFile.ValueString())
		if err != nil {
			report(validators.ZipFileViolation(validators.SummaryZipFile, path.Root("content").AtName("zip_file"), err))
			return
		}
		digest = types.StringValue(info.SHA256)
	}
	if creating {
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("code_sha256"), digest)...)
		return
	}

	var replace path.Paths
	for _, name := range layerInputs {
		var planned, prior attr.Value
		resp.Diagnostics.Append(req.Plan.GetAttribute(ctx, path.Root(name), &planned)...)
		resp.Diagnostics.Append(req.State.GetAttribute(ctx, path.Root(name), &prior)...)
		if name == "content" && state.Content.IsNull() {
			// Imported: the API cannot say what the content was, but a zip's
			// digest can be compared below; COS content is taken as it is.
			continue
		}
		if !planned.Equal(prior) {
			replace = append(replace, path.Root(name))
		}
	}
	if !digest.IsUnknown() && digest.ValueString() != state.CodeSHA256.ValueString() {
		replace = append(replace, path.Root("code_sha256"))
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if len(replace) == 0 {
		// Nothing is published: the computed values stay what they are.
		plan.ID, plan.LayerVersion, plan.CodeSHA256 = state.ID, state.LayerVersion, state.CodeSHA256
		plan.Status, plan.CreatedTime = state.Status, state.CreatedTime
		resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
		return
	}
	resp.RequiresReplace = append(resp.RequiresReplace, replace...)
	plan.ID, plan.LayerVersion, plan.CodeSHA256 = types.StringUnknown(), types.Int64Unknown(), digest
	plan.Status, plan.CreatedTime = types.StringUnknown(), types.StringUnknown()
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
}

// expandLayerVersion builds the PublishLayerVersion request and returns the
// digest of the zip it uploads ("" for COS content).
func expandLayerVersion(ctx context.Context, plan scfLayerVersionModel, diags *diag.Diagnostics) (*scfapi.PublishLayerVersionRequest, string) {
	content, ok := layerContentCodec.get(plan.Content, diags)
	if !ok {
		return nil, ""
	}
	var runtimes []string
	diags.Append(plan.CompatibleRuntimes.ElementsAs(ctx, &runtimes, false)...)
	slices.Sort(runtimes)
	req := &scfapi.PublishLayerVersionRequest{
		LayerName:   ptr(plan.LayerName.ValueString()),
		Description: stringPtr(plan.Description),
		LicenseInfo: stringPtr(plan.LicenseInfo),
		Content:     &scfapi.Code{},
	}
	for _, rt := range runtimes {
		req.CompatibleRuntimes = append(req.CompatibleRuntimes, ptr(rt))
	}
	if content.ZipFile.IsNull() {
		req.Content.CosBucketName = stringPtr(content.CosBucketName)
		req.Content.CosObjectName = stringPtr(content.CosObjectName)
		req.Content.CosBucketRegion = stringPtr(content.CosBucketRegion)
		return req, ""
	}
	encoded, digest := readLayerZip(ctx, content.ZipFile, plan.CodeSHA256, diags)
	req.Content.ZipFile = &encoded
	return req, digest
}

// readLayerZip is readZip for `content.zip_file`: it refuses a file that
// changed since the plan.
func readLayerZip(ctx context.Context, zipPath, plannedDigest types.String, diags *diag.Diagnostics) (string, string) {
	at := path.Root("content").AtName("zip_file")
	encoded, info, err := codezip.ReadBase64(ctx, zipPath.ValueString())
	if err != nil {
		diags.Append(validators.ZipFileViolation(layerVersionDiagnostics.unable("Publish"), at, err).ErrorAt(at))
		return "", ""
	}
	if !plannedDigest.IsUnknown() && !plannedDigest.IsNull() && plannedDigest.ValueString() != info.SHA256 {
		diags.Append(validators.Violation{Summary: layerVersionDiagnostics.unable("Publish"), Path: at,
			Problem: fmt.Sprintf("zip file %q changed after the plan was made (planned SHA-256 %s, now %s)",
				zipPath.ValueString(), plannedDigest.ValueString(), info.SHA256),
			Rule: "the provider uploads only the content the plan showed; run plan again"}.ErrorAt(at))
		return "", ""
	}
	return encoded, info.SHA256
}

// flattenLayerVersion sets what the service reports. `content` cannot be
// read back and stays as it is.
func flattenLayerVersion(ctx context.Context, lv *scfapi.LayerVersion, m *scfLayerVersionModel, diags *diag.Diagnostics) {
	m.ID = types.StringValue(layerVersionID(lv.LayerName, lv.LayerVersion))
	m.LayerName, m.LayerVersion = types.StringValue(lv.LayerName), types.Int64Value(lv.LayerVersion)
	m.Description, m.LicenseInfo = emptyAsNull(lv.Description), emptyAsNull(lv.LicenseInfo)
	runtimes, d := types.SetValueFrom(ctx, types.StringType, lv.CompatibleRuntimes)
	diags.Append(d...)
	m.CompatibleRuntimes = runtimes
	m.CodeSHA256, m.Status = types.StringValue(lv.CodeSha256), types.StringValue(lv.Status)
	m.CreatedTime = types.StringValue(serviceTimeRFC3339(lv.AddTime))
	if m.Content.IsUnknown() {
		m.Content = layerContentCodec.null()
	}
}

// clearLayerUnknowns replaces values still unknown with null, as state
// cannot hold unknowns.
func clearLayerUnknowns(m *scfLayerVersionModel) {
	for _, s := range []*types.String{&m.CodeSHA256, &m.Status, &m.CreatedTime} {
		if s.IsUnknown() {
			*s = types.StringNull()
		}
	}
}
