package provider

import (
	"context"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
)

// scfLayerVersionModel maps scf_layer_version.
type scfLayerVersionModel struct {
	ID                 types.String   `tfsdk:"id"`
	LayerName          types.String   `tfsdk:"layer_name"`
	Description        types.String   `tfsdk:"description"`
	CompatibleRuntimes types.Set      `tfsdk:"compatible_runtimes"`
	Content            types.Object   `tfsdk:"content"`
	LicenseInfo        types.String   `tfsdk:"license_info"`
	LayerVersion       types.Int64    `tfsdk:"layer_version"`
	CodeSHA256         types.String   `tfsdk:"code_sha256"`
	Status             types.String   `tfsdk:"status"`
	CreatedTime        types.String   `tfsdk:"created_time"`
	Timeouts           timeouts.Value `tfsdk:"timeouts"`
}

// layerContentModel maps scf_layer_version.content.
type layerContentModel struct {
	ZipFile         types.String `tfsdk:"zip_file"`
	CosBucketName   types.String `tfsdk:"cos_bucket_name"`
	CosObjectName   types.String `tfsdk:"cos_object_name"`
	CosBucketRegion types.String `tfsdk:"cos_bucket_region"`
}

// layerContentAttribute is scf_layer_version.content; its codec takes its
// types from it.
func layerContentAttribute() schema.SingleNestedAttribute {
	sibling := func(name string) path.Expression { return path.MatchRelative().AtParent().AtName(name) }
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "The layer's files: a local zip file, or a zip in COS. Required to publish; " +
			"it may be left out after an import, as the API cannot return it.",
		Attributes: map[string]schema.Attribute{
			"zip_file": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Path of a local zip archive of at most 50 MiB (`~/` is expanded), uploaded inline. " +
					"Its SHA-256 is computed at plan time, so new content at the same path publishes a new version.",
				Validators: []validator.String{
					validators.ZipFile(),
					stringvalidator.ExactlyOneOf(sibling("cos_bucket_name")),
				},
			},
			"cos_bucket_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "COS bucket holding the zip, without the `-<appid>` suffix. Requires `cos_object_name`.",
				Validators:          []validator.String{stringvalidator.AlsoRequires(sibling("cos_object_name"))},
			},
			"cos_object_name": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Path of the zip in the bucket, starting with `/`. Requires `cos_bucket_name`.",
				Validators:          []validator.String{stringvalidator.AlsoRequires(sibling("cos_bucket_name"))},
			},
			"cos_bucket_region": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The bucket's region; needed only to tell `ap-beijing` from `ap-beijing-1`.",
				Validators:          []validator.String{stringvalidator.AlsoRequires(sibling("cos_bucket_name"))},
			},
		},
	}
}

var layerContentCodec = nestedCodec[layerContentModel](layerContentAttribute())

// layerInputs are the configured attributes: a layer version is immutable,
// so a change to any of them publishes a new version.
var layerInputs = []string{"layer_name", "description", "compatible_runtimes", "content", "license_info"}

func (r *scfLayerVersionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	resp.Schema = schema.Schema{
		MarkdownDescription: "One version of an SCF layer: code and libraries that functions bind through `scf_function.layers`. " +
			"A version is immutable, so changing any argument, or the content of the zip file, publishes a new version " +
			"and deletes the old one (functions already bound to it keep it). The first version of a new `layer_name` creates the layer. " +
			identityImportNote("layer_name", "layer_version"),
		Attributes: validators.Pointed(map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "`<layer_name>/<layer_version>`, also the import ID.",
			},
			"layer_name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The layer's name: 1-64 letters, digits, `-` and `_`, starting with a letter and not ending with `-` or `_`.",
				Validators:          []validator.String{validators.LayerName()},
				PlanModifiers:       replace,
			},
			"description": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The version's description, up to 1,000 characters.",
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 1000)},
				PlanModifiers:       replace,
			},
			"compatible_runtimes": schema.SetAttribute{
				Required:            true,
				ElementType:         types.StringType,
				MarkdownDescription: "The function runtimes the version works with (at least one): " + backticked(validators.Runtimes) + ".",
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(validators.Runtime(codeRuntimes)),
				},
				PlanModifiers: []planmodifier.Set{setplanmodifier.RequiresReplace()},
			},
			"content": layerContentAttribute(),
			"license_info": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "The version's software licence.",
				Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
				PlanModifiers:       replace,
			},
			"layer_version": schema.Int64Attribute{
				Computed:            true,
				MarkdownDescription: "The version number the service assigned; versions of a layer count from 1 and are never reused.",
			},
			"code_sha256": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "SHA-256 of the version's zip. For `zip_file` it is planned from the local file, " +
					"so new content at the same path shows as a replacement.",
			},
			"status": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The version's status: `Active` once published (`Publishing`, `PublishFailed`, `Deleting`, `DeleteFailed` otherwise).",
			},
			"created_time": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "When the version was published (RFC 3339, UTC+8).",
			},
			"timeouts": layerTimeoutsAttribute(ctx),
		}),
	}
}

func layerTimeoutsAttribute(ctx context.Context) schema.Attribute {
	format := " A duration such as `30s`, `10m` or `1h`."
	short := func(d time.Duration) string { return strings.TrimSuffix(d.String(), "0s") }
	a := timeouts.Attributes(ctx, timeouts.Opts{
		Create: true, Delete: true,
		CreateDescription: "How long to wait for `PublishLayerVersion` and for the version to become `Active`. Defaults to `" +
			short(defaultLayerPublishTimeout) + "`." + format,
		DeleteDescription: "How long to wait for `DeleteLayerVersion` and for the version to disappear. Defaults to `" +
			short(defaultLayerDeleteTimeout) + "`." + format,
	})
	if nested, ok := a.(schema.SingleNestedAttribute); ok {
		nested.MarkdownDescription = "Limits for publishing and deleting. A version whose publication did not finish is kept in state, tainted."
		return nested
	}
	return a
}
