package provider

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/codezip"
	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// The function's code, end to end: where it comes from (a zip file, COS, a
// demo, temporary COS, Git or a container image), the digest the plan shows
// for it, and what the service reports of the deployed package or image.

const (
	runtimeCustomImage = "CustomImage"
	defaultImagePort   = 9000
	imagePersonal      = "personal"
	imageEnterprise    = "enterprise"

	// summaryCode is the summary of a zip file that cannot be read for
	// upload; layer versions upload theirs the same way.
	summaryCode = "Unable to Read Function Code"

	summaryMissingCode        = "Missing Function Code"
	summaryConflictingSources = "Conflicting Code Sources"
	summaryConflictingSource  = "Conflicting Code Source"
	summaryMissingCodeSource  = "Missing Code Source"
	summaryMissingRegistry    = "Missing Registry"
)

// functionCode is the code of scf_function's model.
type functionCode struct {
	Code             types.Object `tfsdk:"code"`
	CodeSource       types.String `tfsdk:"code_source"`
	CodeSHA256       types.String `tfsdk:"code_sha256"`
	CodeSize         types.Int64  `tfsdk:"code_size"`
	ResolvedImageURI types.String `tfsdk:"resolved_image_uri"`
}

// codeModel maps `code`.
type codeModel struct {
	ZipFile           types.String `tfsdk:"zip_file"`
	CosBucketName     types.String `tfsdk:"cos_bucket_name"`
	CosObjectName     types.String `tfsdk:"cos_object_name"`
	CosBucketRegion   types.String `tfsdk:"cos_bucket_region"`
	DemoID            types.String `tfsdk:"demo_id"`
	TempCosObjectName types.String `tfsdk:"temp_cos_object_name"`
	GitURL            types.String `tfsdk:"git_url"`
	GitUserName       types.String `tfsdk:"git_user_name"`
	GitPassword       types.String `tfsdk:"git_password"`
	GitBranch         types.String `tfsdk:"git_branch"`
	GitDirectory      types.String `tfsdk:"git_directory"`
	GitCommitID       types.String `tfsdk:"git_commit_id"`
	ImageConfig       types.Object `tfsdk:"image_config"`
}

// imageConfigModel maps `code.image_config`.
type imageConfigModel struct {
	ImageType                types.String `tfsdk:"image_type"`
	ImageURI                 types.String `tfsdk:"image_uri"`
	RegistryID               types.String `tfsdk:"registry_id"`
	Command                  types.String `tfsdk:"command"`
	Args                     types.String `tfsdk:"args"`
	EntryPoint               types.String `tfsdk:"entry_point"`
	ContainerImageAccelerate types.Bool   `tfsdk:"container_image_accelerate"`
	ImagePort                types.Int64  `tfsdk:"image_port"`
}

var (
	codeCodec  = nestedCodec[codeModel](codeAttribute())
	imageCodec = nestedCodec[imageConfigModel](imageConfigAttribute())
)

func codeAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"code":        codeAttribute(),
		"code_source": codeSourceAttribute(),
		"code_size": schema.Int64Attribute{
			Computed:            true,
			MarkdownDescription: "Size in bytes of the deployed code package.",
		},
		"code_sha256": computedString("SHA-256 digest (lowercase hex) of the deployed code package, as the service "+
			"reports it. For `code.zip_file` the provider hashes the local file at plan time, so a changed file, or code "+
			"edited outside Terraform, plans a code update.", false),
		"resolved_image_uri": computedString("For an image function, the image the service deployed, as it reports "+
			"it: `<registry>/<namespace>/<image>:<tag>@sha256:<digest>`. `code.image_config.image_uri` keeps the "+
			"configured form.", false),
	}
}

func codeSourceAttribute() schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "Where the code comes from (`CodeSource`): " + backticked(validators.CodeSources) +
			". Required when the code comes from Git; otherwise it may be left unset, and when set it must agree with " +
			"the source given in `code`.",
		Validators: []validator.String{stringvalidator.OneOf(validators.CodeSources...)},
	}
}

func codeAttribute() schema.SingleNestedAttribute {
	sibling := func(name string) path.Expression { return path.MatchRelative().AtParent().AtName(name) }
	optional := func(description string, v ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: description, Validators: v}
	}
	gitDetail := func(description string) schema.StringAttribute {
		return optional(description, stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(sibling("git_url")))
	}
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "The function's code (`Code`). Exactly one source: `zip_file`; `cos_bucket_name` with " +
			"`cos_object_name`; `demo_id`; `temp_cos_object_name`; `git_url`; or `image_config`. Required to create a function. After an " +
			"import it may be left out, which keeps the deployed code. Changes are applied in place with " +
			"`UpdateFunctionCode`; a `zip_file` is only uploaded when its content differs from the deployed code.",
		Attributes: map[string]schema.Attribute{
			"zip_file": optional("Path of a local zip archive of at most 50 MB; the provider reads it, base64-encodes it "+
				"and uploads it. A leading `~/` means the home directory. Its SHA-256 is computed at plan time, so a new "+
				"file at the same path plans an update.", validators.ZipFile()),
			"cos_bucket_name": optional("Name of the COS bucket holding the code, without the `-<appid>` suffix. Needs "+
				"`cos_object_name`.", stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(sibling("cos_object_name"))),
			"cos_object_name": optional("Path of the code object in the bucket, starting with `/` and ending in `.zip` or "+
				"`.jar`. Needs `cos_bucket_name`.", stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(sibling("cos_bucket_name"))),
			"cos_bucket_region": optional("Region of the COS bucket, when it differs from the function's.",
				stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(sibling("cos_bucket_name"))),
			"demo_id":              optional("ID of a demo template to create the function from.", stringvalidator.LengthAtLeast(1)),
			"temp_cos_object_name": optional("Object name of code uploaded to the service's temporary COS storage, such as `/1250000000/code.zip`.", stringvalidator.LengthAtLeast(1)),
			"git_url":              optional("URL of a Git repository holding the code; needs `code_source = \"Git\"`.", stringvalidator.LengthAtLeast(1)),
			"git_user_name":        gitDetail("User name for the Git repository."),
			"git_password": schema.StringAttribute{
				Optional:            true,
				Sensitive:           true,
				MarkdownDescription: "Password for the Git repository. Sensitive: never shown in plans or logs.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1), stringvalidator.AlsoRequires(sibling("git_url"))},
			},
			"git_branch":    gitDetail("Branch to check out."),
			"git_directory": gitDetail("Directory of the repository that holds the code."),
			"git_commit_id": gitDetail("Commit to check out."),
			"image_config":  imageConfigAttribute(),
		},
	}
}

func imageConfigAttribute() schema.SingleNestedAttribute {
	optional := func(description string, v ...validator.String) schema.StringAttribute {
		return schema.StringAttribute{Optional: true, MarkdownDescription: description, Validators: v}
	}
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "A container image as the function's code (`ImageConfig`). An image function has " +
			"`runtime = \"CustomImage\"` (the default when this is set) and no `handler`. A new image, tag or digest " +
			"is deployed in place with `UpdateFunctionCode`.",
		Attributes: map[string]schema.Attribute{
			"image_type": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "Registry edition (`ImageType`): `personal` or `enterprise` (TCR).",
				Validators:          []validator.String{stringvalidator.OneOf(imagePersonal, imageEnterprise)},
			},
			"image_uri": schema.StringAttribute{
				Required: true,
				MarkdownDescription: "Image reference (`ImageUri`), such as `ccr.ccs.tencentyun.com/ns/app:v1`, " +
					"optionally pinned with `@sha256:<digest>`. The service reports the reference with the digest it " +
					"resolved (see `resolved_image_uri`); that is not a difference from a configured tag.",
				Validators: []validator.String{stringvalidator.RegexMatches(regexp.MustCompile(`^[^\s@]+(@sha256:[0-9a-f]{64})?$`),
					"must be an image reference without whitespace, optionally followed by @sha256:<64 hex digits>")},
			},
			"registry_id": optional("ID of the TCR enterprise instance (`RegistryId`); required when `image_type` is "+
				"`enterprise`.", stringvalidator.LengthAtLeast(1)),
			"command": optional("Start command of the container (`Command`), such as `python`; unset uses the image's "+
				"`ENTRYPOINT`.", stringvalidator.LengthAtLeast(1)),
			"args": optional("Arguments of the start command, separated by spaces (`Args`), such as `-u app.py`; unset "+
				"uses the image's `CMD`.", stringvalidator.LengthAtLeast(1)),
			"entry_point": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Deprecated by the API (`EntryPoint`); use `command` and `args`. Only " +
					"read back when set: an EntryPoint set outside Terraform, or found by an import, is not recorded and is " +
					"not sent with code updates.",
				// A warning of its own rather than a DeprecationMessage: see
				// validators.Retired.
				Validators: []validator.String{stringvalidator.LengthAtLeast(1),
					validators.Retired("ImageConfig.EntryPoint", "use `command` and `args` instead")},
			},
			"container_image_accelerate": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Accelerates pulling the image (`ContainerImageAccelerate`). Unset means `false`.",
			},
			"image_port": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Port the image's web server listens on (`ImagePort`), `1` to `65535`, or "+
					"`-1` for a job image without a port. Unset means `%d`.", defaultImagePort),
				Validators: []validator.Int64{int64validator.Any(int64validator.OneOf(-1), int64validator.Between(1, 65535))},
			},
		},
	}
}

// codeAPIErrorHints are the codes about the code. None points at `code` as a
// whole or at `code.git_password`: Terraform prints the configuration
// source of the attribute a diagnostic points at, and for `code` that is the
// whole object literal, Git password included.
var codeAPIErrorHints = map[string]apiErrorHint{
	"FailedOperation.UpdateFunctionCode":  {advice: "The function's code cannot be updated in its current state. Wait until it is Active and apply again."},
	"InvalidParameterValue.Code":          {advice: "Check `code`: give exactly one code source, and one the service can read (an existing COS object, a reachable Git repository)."},
	"InvalidParameterValue.CodeSecret":    {advice: "Give `code.git_user_name` and `code.git_password` together."},
	"InvalidParameterValue.CodeSource":    {attribute: path.Root("code_source"), advice: "`code_source` must name the source given in `code` (`Git` is required for Git code)."},
	"InvalidParameterValue.Cos":           {attribute: path.Root("code").AtName("cos_object_name"), advice: "Check that the COS bucket, object and region exist and hold the code."},
	"InvalidParameterValue.CosBucketName": {attribute: path.Root("code").AtName("cos_bucket_name"), advice: "Use the bucket name without the `-<appid>` suffix."},
	"InvalidParameterValue.CosObjectName": {attribute: path.Root("code").AtName("cos_object_name"), advice: "The object name starts with `/` and ends in `.zip` or `.jar`."},
	"InvalidParameterValue.TempCosObjectName": {attribute: path.Root("code").AtName("temp_cos_object_name"),
		advice: "Use the object name the temporary upload returned, such as `/<appid>/code.zip`."},
	"InvalidParameterValue.ZipFile":   {attribute: path.Root("code").AtName("zip_file"), advice: "The file must be a standard zip archive of at most 50 MB; recompress it and apply again."},
	"InvalidParameterValue.ImageType": {attribute: path.Root("code").AtName("image_config").AtName("image_type"), advice: "Use `personal` or `enterprise`."},
	"InvalidParameterValue.ImageUri": {attribute: path.Root("code").AtName("image_config").AtName("image_uri"),
		advice: "Use an image reference of this region's registry, such as `ccr.ccs.tencentyun.com/<namespace>/<image>:<tag>`."},
	"InvalidParameterValue.RegistryId": {attribute: path.Root("code").AtName("image_config").AtName("registry_id"),
		advice: "An enterprise (TCR) image needs the ID of its TCR instance."},
	"ResourceNotFound.ImageConfig": {attribute: path.Root("code").AtName("image_config").AtName("image_uri"),
		advice: "Push the image first, or fix its reference; the function's role needs permission to pull it."},
	"MissingParameter.Code": {advice: "Give the function's code in `code`."},
	"ResourceNotFound.Demo": {attribute: path.Root("code").AtName("demo_id"), advice: "Use a demo ID that exists in this region."},
	"UnauthorizedOperation.TempCosAppid": {attribute: path.Root("code").AtName("temp_cos_object_name"),
		advice: "The temporary COS object belongs to another account; upload the code with this account."},
	"RequestSizeLimitExceeded": {attribute: path.Root("code").AtName("zip_file"),
		advice: "The request was larger than the API accepts (10 MB); upload large packages to COS and use `cos_bucket_name`/`cos_object_name`."},
}

// imageOf is the `image_config` of a `code` value: unknown while the code is,
// null when there is no code.
func imageOf(code types.Object, diags *diag.Diagnostics) types.Object {
	if code.IsUnknown() {
		return imageCodec.unknown()
	}
	c, ok := codeCodec.get(code, diags)
	if !ok {
		return imageCodec.null()
	}
	return c.ImageConfig
}

// expandCreate puts the code into CreateFunction and returns the SHA-256 of
// an uploaded zip ("" for code from elsewhere). An image has no handler, so
// it runs after the runtime's expansion and takes the handler away.
func (c functionCode) expandCreate(ctx context.Context, req *scfapi.CreateFunctionRequest, diags *diag.Diagnostics) string {
	code, digest := c.expandCode(ctx, diags)
	req.Code, req.CodeSource = code, stringPtr(c.CodeSource)
	if code != nil && code.ImageConfig != nil {
		req.Handler = nil
	}
	return digest
}

// expandCode turns `code` into the API's Code, reading a zip file when one
// is configured. It returns nil when `code` is not set (after an import).
func (c functionCode) expandCode(ctx context.Context, diags *diag.Diagnostics) (*scfapi.Code, string) {
	m, ok := codeCodec.get(c.Code, diags)
	if !ok {
		return nil, ""
	}
	code := &scfapi.Code{
		CosBucketName:     stringPtr(m.CosBucketName),
		CosObjectName:     stringPtr(m.CosObjectName),
		CosBucketRegion:   stringPtr(m.CosBucketRegion),
		DemoId:            stringPtr(m.DemoID),
		TempCosObjectName: stringPtr(m.TempCosObjectName),
		GitUrl:            stringPtr(m.GitURL),
		GitUserName:       stringPtr(m.GitUserName),
		GitPassword:       stringPtr(m.GitPassword),
		GitBranch:         stringPtr(m.GitBranch),
		GitDirectory:      stringPtr(m.GitDirectory),
		GitCommitId:       stringPtr(m.GitCommitID),
		ImageConfig:       expandImageConfig(m.ImageConfig, diags),
	}
	if m.ZipFile.IsNull() || m.ZipFile.IsUnknown() {
		return code, ""
	}
	encoded, digest := readZip(ctx, m.ZipFile, c.CodeSHA256, diags)
	code.ZipFile = &encoded
	return code, digest
}

// expandImageConfig returns the image of `code.image_config`, or nil. Unset
// settings are sent as their defaults, because a code update replaces the
// whole image configuration.
func expandImageConfig(obj types.Object, diags *diag.Diagnostics) *scfapi.ImageConfig {
	img, ok := imageCodec.get(obj, diags)
	if !ok {
		return nil
	}
	out := &scfapi.ImageConfig{
		ImageType: stringPtr(img.ImageType), ImageUri: stringPtr(img.ImageURI), RegistryId: stringPtr(img.RegistryID),
		Command: stringPtr(img.Command), Args: stringPtr(img.Args), EntryPoint: stringPtr(img.EntryPoint),
		ContainerImageAccelerate: boolPtr(img.ContainerImageAccelerate), ImagePort: int64Ptr(img.ImagePort),
	}
	if out.ImagePort == nil {
		out.ImagePort = ptr(int64(defaultImagePort))
	}
	return out
}

// codeUpload is an UpdateFunctionCode call and the digest it deploys ("" when
// the service computes it, as for COS code).
type codeUpload struct {
	request *scfapi.UpdateFunctionCodeRequest
	digest  string
}

// expandCodeUpdate returns the UpdateFunctionCode call the plan needs, or nil
// when neither the code nor the handler changes. A zip whose digest equals
// the deployed code's is not uploaded again, even under a new path.
func expandCodeUpdate(ctx context.Context, plan, state *scfFunctionResourceModel, diags *diag.Diagnostics) *codeUpload {
	handlerChanged := !plan.Handler.IsUnknown() && !plan.Handler.IsNull() && !plan.Handler.Equal(state.Handler)
	hasCode := !plan.Code.IsNull() && !plan.Code.IsUnknown()
	codeChanged := hasCode && (plan.CodeSHA256.IsUnknown() || !plan.CodeSHA256.Equal(state.CodeSHA256))
	if !handlerChanged && !codeChanged {
		return nil
	}
	req := &scfapi.UpdateFunctionCodeRequest{
		FunctionName:      stringPtr(state.Name),
		Namespace:         stringPtr(state.Namespace),
		Handler:           stringPtr(plan.Handler),
		CodeSource:        stringPtr(plan.CodeSource),
		InstallDependency: apiFlag(plan.InstallDependency),
	}
	if plan.Runtime.ValueString() == runtimeCustomImage {
		req.Handler = nil // an image has no handler
	}
	// The service expects the code with a handler change, so the configured
	// code goes along when there is any.
	code, digest := plan.expandCode(ctx, diags)
	req.Code = code
	return &codeUpload{request: req, digest: digest}
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

// flatten reads what the service reports of the code. Only an image can be
// read back into `code`; other code keeps its configured form. codeSHA256 is
// the digest found for this read.
func (c *functionCode) flatten(fn *scfapi.Function, codeSHA256 string, diags *diag.Diagnostics) {
	c.CodeSize = types.Int64Value(fn.CodeSize)
	c.CodeSHA256 = types.StringValue(codeSHA256)
	c.ResolvedImageURI = types.StringValue("")
	if fn.ImageConfig != nil && fn.ImageConfig.ImageUri != nil {
		c.ResolvedImageURI = types.StringValue(*fn.ImageConfig.ImageUri)
	}
	c.Code = flattenImageCode(fn.ImageConfig, c.Code, diags)
}

// flattenImageCode reads the image of an image function into `code`. Other
// code cannot be read back, so `code` is left as it is for them. A
// configured reference is kept while it names the image the service reports.
func flattenImageCode(img *scfapi.ImageConfig, prior types.Object, diags *diag.Diagnostics) types.Object {
	if img == nil || prior.IsUnknown() {
		return prior
	}
	code, hadCode := codeCodec.get(prior, diags)
	if hadCode && code.ImageConfig.IsNull() {
		return prior // code from elsewhere: not what the service holds now, nothing to compare
	}
	was := imageCodec.nullModel(diags)
	if hadCode {
		was, _ = imageCodec.get(code.ImageConfig, diags)
	} else {
		code = codeCodec.nullModel(diags)
	}
	reported := deref(img.ImageUri)
	uri := types.StringValue(reported)
	if !was.ImageURI.IsNull() && !was.ImageURI.IsUnknown() && sameImage(was.ImageURI.ValueString(), reported) {
		uri = was.ImageURI
	}
	code.ImageConfig = imageCodec.value(imageConfigModel{
		ImageType:                types.StringValue(deref(img.ImageType)),
		ImageURI:                 uri,
		RegistryID:               stringUnlessEmpty(was.RegistryID, deref(img.RegistryId)),
		Command:                  stringUnlessEmpty(was.Command, deref(img.Command)),
		Args:                     stringUnlessEmpty(was.Args, deref(img.Args)),
		EntryPoint:               retiredEntryPoint(was.EntryPoint, deref(img.EntryPoint)),
		ContainerImageAccelerate: boolUnlessDefault(was.ContainerImageAccelerate, img.ContainerImageAccelerate != nil && *img.ContainerImageAccelerate, false),
		ImagePort:                int64UnlessDefault(was.ImagePort, derefOr(img.ImagePort, defaultImagePort), defaultImagePort),
	}, diags)
	return codeCodec.value(code, diags)
}

// retiredEntryPoint reads EntryPoint back only for a configuration that
// sets it. The API retired it and entry_point is deprecated, so configuration
// generated after an import leaves it out; recording the service's value
// would make that configuration plan to remove it.
func retiredEntryPoint(was types.String, reported string) types.String {
	if was.IsNull() {
		return types.StringNull()
	}
	return types.StringValue(reported)
}

// withReportedEntryPoint adds the EntryPoint the service reports to `code`,
// which the resource reads back only where it is configured (see
// retiredEntryPoint); the data source shows it.
func withReportedEntryPoint(code types.Object, img *scfapi.ImageConfig, diags *diag.Diagnostics) types.Object {
	if img == nil || deref(img.EntryPoint) == "" {
		return code
	}
	c, ok := codeCodec.get(code, diags)
	if !ok || c.ImageConfig.IsNull() {
		return code
	}
	ic, ok := imageCodec.get(c.ImageConfig, diags)
	if !ok {
		return code
	}
	ic.EntryPoint = types.StringValue(*img.EntryPoint)
	c.ImageConfig = imageCodec.value(ic, diags)
	return codeCodec.value(c, diags)
}

// clearUnknowns is clearUnknowns of the resource for the code's values.
func (c *functionCode) clearUnknowns() {
	c.CodeSHA256 = nullIfUnknown(c.CodeSHA256)
	if c.CodeSize.IsUnknown() {
		c.CodeSize = types.Int64Null()
	}
	c.ResolvedImageURI = nullIfUnknown(c.ResolvedImageURI)
}

// isImageFunction reports whether the service holds an image function.
func isImageFunction(fn *scfapi.Function) bool {
	return fn.ImageConfig != nil || fn.Runtime == runtimeCustomImage
}

// sameImage reports whether a configured image reference names what the
// service reports: the service adds the digest it resolved, and `:latest`
// when no tag was given. A configured digest must match.
func sameImage(configured, reported string) bool {
	if configured == reported {
		return true
	}
	base, digest, pinned := strings.Cut(configured, "@")
	reportedBase, reportedDigest, _ := strings.Cut(reported, "@")
	if pinned && digest != reportedDigest {
		return false
	}
	return withTag(base) == withTag(reportedBase)
}

func withTag(ref string) string {
	if strings.Contains(ref[strings.LastIndex(ref, "/")+1:], ":") {
		return ref
	}
	return ref + ":latest"
}

// imageDigest returns the hex digest of a reported image reference, which
// stands in for the code digest of an image function.
func imageDigest(reported string) string {
	_, digest, _ := strings.Cut(reported, "@")
	return strings.TrimPrefix(digest, "sha256:")
}

// codeSource names one way of giving code and the attributes that mean it.
type codeSource struct {
	name  string // the API's CodeSource value
	attrs []string
	set   func(codeModel) bool
}

var codeSources = []codeSource{
	{"ZipFile", []string{"zip_file"}, func(c codeModel) bool { return !c.ZipFile.IsNull() }},
	{"Cos", []string{"cos_bucket_name", "cos_object_name"}, func(c codeModel) bool { return !c.CosBucketName.IsNull() || !c.CosObjectName.IsNull() }},
	{"Demo", []string{"demo_id"}, func(c codeModel) bool { return !c.DemoID.IsNull() }},
	{"TempCos", []string{"temp_cos_object_name"}, func(c codeModel) bool { return !c.TempCosObjectName.IsNull() }},
	{"Git", []string{"git_url"}, func(c codeModel) bool { return !c.GitURL.IsNull() }},
	{"", []string{"image_config"}, func(c codeModel) bool { return !c.ImageConfig.IsNull() }},
}

// validateCode checks that `code` gives exactly one source, that
// `code_source` agrees with it, and that an enterprise image names its
// registry. Whether a diagnostic about `code` may point at it, which prints
// the object with a Git password, is report's concern.
func validateCode(config *scfFunctionResourceModel, report func(validators.Violation), diags *diag.Diagnostics) {
	code, ok := codeCodec.get(config.Code, diags)
	if !ok {
		return
	}
	validateCodeSource(code, config.CodeSource, report)
	image, ok := imageCodec.get(code.ImageConfig, diags)
	if ok && image.ImageType.ValueString() == imageEnterprise && image.RegistryID.IsNull() {
		report(validators.Violation{Summary: summaryMissingRegistry, Path: path.Root("code").AtName("image_config").AtName("registry_id"),
			Problem: "it is not set, but `image_type` is \"enterprise\"",
			Rule:    "an image of a TCR enterprise instance needs the instance's ID in `registry_id`"})
	}
}

func validateCodeSource(code codeModel, declared types.String, report func(validators.Violation)) {
	var given []codeSource
	for _, s := range codeSources {
		if s.set(code) {
			given = append(given, s)
		}
	}
	attrList := func(sources []codeSource) string {
		var names []string
		for _, s := range sources {
			names = append(names, "`"+strings.Join(s.attrs, "`/`")+"`")
		}
		return strings.Join(names, ", ")
	}
	codeRule := "`code` needs exactly one source: " + attrList(codeSources)
	switch {
	case len(given) == 0:
		report(validators.Violation{Summary: summaryMissingCode, Path: path.Root("code"),
			Problem: "it sets no source", Rule: codeRule})
		return
	case len(given) > 1:
		v := validators.Violation{Summary: summaryConflictingSources, Path: path.Root("code"),
			Problem: fmt.Sprintf("it sets %d sources: %s", len(given), attrList(given)),
			Rule:    codeRule + "; keep one"}
		if given[0].name == "ZipFile" && given[1].name == "Cos" {
			v.Problem = "it sets both a zip file and a COS object (the API rejects Cos and ZipFile together)"
		}
		report(v)
		return
	}
	source := given[0]
	if declared.IsUnknown() {
		return
	}
	if declared.IsNull() {
		if source.name == "Git" {
			report(validators.Violation{Summary: summaryMissingCodeSource, Path: path.Root("code_source"),
				Problem: "it is not set, but `code` sets `git_url`",
				Rule:    "code from Git needs `code_source = \"Git\"`, as the API requires CodeSource for Git"})
		}
		return
	}
	if source.name == "" {
		report(validators.Violation{Summary: summaryConflictingSource, Path: path.Root("code_source"),
			Problem: fmt.Sprintf("it is %q, but `code` sets `image_config`", declared.ValueString()),
			Rule:    "an image function has no CodeSource; leave `code_source` unset"})
		return
	}
	if declared.ValueString() != source.name {
		report(validators.Violation{Summary: summaryConflictingSource, Path: path.Root("code_source"),
			Problem: fmt.Sprintf("it is %q, but `code` sets %s, which is source %q",
				declared.ValueString(), attrList(given), source.name),
			Rule: "make them agree, or leave `code_source` unset"})
	}
}

// requireCode refuses a plan without code where the function needs it: to
// create it, and to change the handler, which changes with the code.
func requireCode(plan *functionPlan, creating, handlerChanges bool, report func(validators.Violation)) bool {
	switch {
	case creating && plan.Code.IsNull():
		report(validators.Violation{Summary: summaryMissingCode, Path: path.Root("code"),
			Problem: "it is not set, and the function does not exist yet",
			Rule:    "`code` is required to create a function; it may only be left out for a function that was imported, to keep its deployed code"})
		return false
	case !creating && plan.Code.IsNull() && handlerChanges:
		report(validators.Violation{Summary: summaryMissingCode, Path: path.Root("handler"),
			Problem: "it changes, but `code` is not set",
			Rule: "the handler changes together with the code (UpdateFunctionCode), so `code` must be set to change " +
				"`handler` of an imported function"})
		return false
	}
	return true
}

// plan plans the code of a new or changed function: the state's image
// reference where the configured one names the same image, and the digest
// the plan shows: the state's (unchanged code), unknown (the service
// computes it), or the local zip file's, hashed now, so new content at the
// same path, or code changed outside Terraform, shows as an update of
// code_sha256. state is nil for a new function.
func (c *functionCode) plan(state *functionPlan, handlerChanges bool, report func(validators.Violation), diags *diag.Diagnostics) {
	creating := state == nil
	stateCode, stateDigest, stateSize := codeCodec.null(), types.StringNull(), types.Int64Null()
	if !creating {
		stateCode, stateDigest, stateSize = state.Code, state.CodeSHA256, state.CodeSize
		c.Code = keepReportedImageURI(c.Code, stateCode, diags)
	}
	digest, size := types.StringUnknown(), types.Int64Unknown()
	keepDigest := func() { digest, size = stateDigest, stateSize }
	code, _ := codeCodec.get(c.Code, diags)
	switch {
	case c.Code.IsUnknown():
	case c.Code.IsNull():
		keepDigest() // code left out after an import: the deployed code stays
	case code.ZipFile.IsUnknown():
	case !code.ZipFile.IsNull():
		info, err := codezip.Inspect(code.ZipFile.ValueString())
		if err != nil {
			report(validators.ZipFileViolation(validators.SummaryZipFile, path.Root("code").AtName("zip_file"), err))
			return
		}
		if !creating && stateDigest.ValueString() == info.SHA256 {
			keepDigest()
		} else {
			digest, size = types.StringValue(info.SHA256), types.Int64Value(info.Size)
		}
	case creating || !c.Code.Equal(stateCode) || handlerChanges:
		// the service computes the digest of COS, demo and Git code
	default:
		keepDigest()
	}
	c.CodeSHA256, c.CodeSize = digest, size
}

// keepReportedImageURI keeps the service's image reference in the planned
// code when the configured one names the same image, as after an import: the
// service adds the digest it resolved, which is not a change.
func keepReportedImageURI(planCode, stateCode types.Object, diags *diag.Diagnostics) types.Object {
	planned, ok := codeCodec.get(planCode, diags)
	if !ok {
		return planCode
	}
	image, ok := imageCodec.get(planned.ImageConfig, diags)
	if !ok {
		return planCode
	}
	current := types.StringNull()
	if state, ok := codeCodec.get(stateCode, diags); ok {
		if stateImage, ok := imageCodec.get(state.ImageConfig, diags); ok {
			current = stateImage.ImageURI
		}
	}
	uri := image.ImageURI
	if uri.IsNull() || uri.IsUnknown() || current.IsNull() || uri.Equal(current) || !sameImage(uri.ValueString(), current.ValueString()) {
		return planCode
	}
	image.ImageURI = current
	planned.ImageConfig = imageCodec.value(image, diags)
	return codeCodec.value(planned, diags)
}

// keepReported plans the image the service reports while the code does not
// change, instead of leaving it unknown for the whole update.
func (c *functionCode) keepReported(state functionCode) {
	if c.CodeSHA256.Equal(state.CodeSHA256) {
		c.ResolvedImageURI = state.ResolvedImageURI
	}
}
