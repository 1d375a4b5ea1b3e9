package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var _ datasource.DataSourceWithConfigure = (*scfLayerVersionsDataSource)(nil)

// NewSCFLayerVersionsDataSource returns the scf_layer_versions data source.
func NewSCFLayerVersionsDataSource() datasource.DataSource {
	return &scfLayerVersionsDataSource{}
}

// scfLayerVersionsDataSource lists the versions of one layer. The API
// returns them all in one answer (ListLayerVersions has no paging); the
// client's rate limiter throttles the call like any other.
type scfLayerVersionsDataSource struct {
	client *scfapi.Client
}

type scfLayerVersionsModel struct {
	ID                types.String `tfsdk:"id"`
	LayerName         types.String `tfsdk:"layer_name"`
	CompatibleRuntime types.String `tfsdk:"compatible_runtime"`
	LayerVersions     types.List   `tfsdk:"layer_versions"`
}

type layerVersionSummaryModel struct {
	LayerVersion       types.Int64  `tfsdk:"layer_version"`
	Description        types.String `tfsdk:"description"`
	CompatibleRuntimes types.Set    `tfsdk:"compatible_runtimes"`
	LicenseInfo        types.String `tfsdk:"license_info"`
	Status             types.String `tfsdk:"status"`
	CreatedTime        types.String `tfsdk:"created_time"`
}

// layerVersionsAttribute is the list of versions found; its codec takes
// its types from it.
func layerVersionsAttribute() schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: "The versions, newest first.",
		NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
			"layer_version":       schema.Int64Attribute{Computed: true, MarkdownDescription: "The version number."},
			"description":         schema.StringAttribute{Computed: true, MarkdownDescription: "The version's description, null when it has none."},
			"compatible_runtimes": schema.SetAttribute{Computed: true, ElementType: types.StringType, MarkdownDescription: "The runtimes the version works with."},
			"license_info":        schema.StringAttribute{Computed: true, MarkdownDescription: "The version's licence, null when it has none."},
			"status":              schema.StringAttribute{Computed: true, MarkdownDescription: "The version's status, such as `Active`."},
			"created_time":        schema.StringAttribute{Computed: true, MarkdownDescription: "When the version was published (RFC 3339, UTC+8)."},
		}},
	}
}

var layerVersionSummaryCodec = nestedCodec[layerVersionSummaryModel](layerVersionsAttribute())

func (d *scfLayerVersionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_layer_versions"
}

func (d *scfLayerVersionsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "The versions of one SCF layer, newest first. A layer that does not exist, or a filter that matches nothing, " +
			"gives an empty list rather than an error.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				Computed:            true,
				MarkdownDescription: "The layer name.",
			},
			"layer_name": schema.StringAttribute{
				Required:            true,
				MarkdownDescription: "The layer whose versions are listed.",
				Validators:          []validator.String{validators.LayerName()},
			},
			"compatible_runtime": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only list versions compatible with this runtime.",
				Validators:          []validator.String{validators.Runtime(codeRuntimes)},
			},
			"layer_versions": layerVersionsAttribute(),
		},
	}
}

func (d *scfLayerVersionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (d *scfLayerVersionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config scfLayerVersionsModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	name := config.LayerName.ValueString()
	var runtimes []string
	if !config.CompatibleRuntime.IsNull() {
		runtimes = []string{config.CompatibleRuntime.ValueString()}
	}
	versions, err := d.client.ListLayerVersions(ctx, name, runtimes)
	switch {
	case scfapi.IsLayerNotFound(err):
		// The API's answer for a layer without versions; to Terraform it is
		// a layer with none, not a failure.
		tflog.Debug(ctx, "SCF layer not found; listing no versions", map[string]any{"layer": name})
		versions = nil
	case err != nil:
		layerVersionListDiagnostics.addAPIError(&resp.Diagnostics, layerVersionListDiagnostics.unable("List"), "listing the versions of layer "+name, err)
		return
	}
	rows := make([]layerVersionSummaryModel, 0, len(versions))
	for _, v := range versions {
		rts, diags := types.SetValueFrom(ctx, types.StringType, v.CompatibleRuntimes)
		resp.Diagnostics.Append(diags...)
		rows = append(rows, layerVersionSummaryModel{
			LayerVersion: types.Int64Value(v.LayerVersion), Description: emptyAsNull(v.Description),
			CompatibleRuntimes: rts, LicenseInfo: emptyAsNull(v.LicenseInfo), Status: types.StringValue(v.Status),
			CreatedTime: types.StringValue(serviceTimeRFC3339(v.AddTime)),
		})
	}
	config.ID = types.StringValue(name)
	config.LayerVersions = layerVersionSummaryCodec.list(rows, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, config)...)
}

// layerVersionListDiagnostics is the vocabulary of the scf_layer_versions
// data source: "Unable to List SCF Layer Versions", and the codes of
// ListLayerVersions at its attributes, with the advice scf_layer_version
// gives for them.
var layerVersionListDiagnostics = vocabulary{noun: "SCF Layer Versions", hints: map[string]apiErrorHint{
	"InvalidParameterValue.LayerName": {attribute: path.Root("layer_name"), advice: layerAPIErrorHints["InvalidParameterValue.LayerName"].advice},
	"InvalidParameterValue.Name":      {attribute: path.Root("layer_name"), advice: layerAPIErrorHints["InvalidParameterValue.Name"].advice},
	"InvalidParameterValue.Runtime":   {attribute: path.Root("compatible_runtime"), advice: layerAPIErrorHints["InvalidParameterValue.Runtime"].advice},
}}
