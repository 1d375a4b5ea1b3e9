package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var _ datasource.DataSourceWithConfigure = (*scfNamespacesDataSource)(nil)

// NewSCFNamespacesDataSource returns the scf_namespaces data source.
func NewSCFNamespacesDataSource() datasource.DataSource {
	return &scfNamespacesDataSource{}
}

// scfNamespacesDataSource lists the namespaces of the provider's region.
type scfNamespacesDataSource struct {
	client *scfapi.Client
}

type scfNamespacesDataSourceModel struct {
	NameContains        types.String `tfsdk:"name_contains"`
	DescriptionContains types.String `tfsdk:"description_contains"`
	Namespaces          types.List   `tfsdk:"namespaces"`
}

type scfNamespacesItemModel struct {
	Name         types.String `tfsdk:"name"`
	Description  types.String `tfsdk:"description"`
	Type         types.String `tfsdk:"type"`
	CreatedTime  types.String `tfsdk:"created_time"`
	ModifiedTime types.String `tfsdk:"modified_time"`
}

// namespacesAttribute is the list of namespaces found; its codec takes
// its types from it.
func namespacesAttribute() schema.ListNestedAttribute {
	return schema.ListNestedAttribute{
		Computed:            true,
		MarkdownDescription: "The namespaces found, sorted by name; empty when none matches.",
		NestedObject: schema.NestedAttributeObject{
			Attributes: map[string]schema.Attribute{
				"name":          schema.StringAttribute{Computed: true, MarkdownDescription: "Name of the namespace."},
				"description":   schema.StringAttribute{Computed: true, MarkdownDescription: "Description of the namespace; empty when it has none."},
				"type":          schema.StringAttribute{Computed: true, MarkdownDescription: "Type of the namespace (`Type`): `default` for the default namespace, `Default` for one made with the API, `TCB` for a cloud development namespace."},
				"created_time":  schema.StringAttribute{Computed: true, MarkdownDescription: "When the namespace was created, RFC 3339."},
				"modified_time": schema.StringAttribute{Computed: true, MarkdownDescription: "When the namespace was last modified, RFC 3339."},
			},
		},
	}
}

var namespacesItemCodec = nestedCodec[scfNamespacesItemModel](namespacesAttribute())

func (d *scfNamespacesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_namespaces"
}

func (d *scfNamespacesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the SCF namespaces of the provider's region, `default` included, sorted by name. " +
			"Every page of `ListNamespaces` (100 namespaces each) is read, within the action's rate limit. A filter " +
			"that matches no namespace gives an empty list, not an error.",
		Attributes: map[string]schema.Attribute{
			"name_contains": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Keep only the namespaces whose name contains this text (case-sensitive). It is " +
					"sent to the service as a `SearchKey` on `Namespace`, so the service filters before paging. Unset or " +
					"empty keeps every namespace.",
			},
			"description_contains": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Keep only the namespaces whose description contains this text (case-sensitive), " +
					"sent as a `SearchKey` on `Description`. Unset or empty keeps every namespace. With `name_contains`, " +
					"a namespace must match both.",
			},
			"namespaces": namespacesAttribute(),
		},
	}
}

func (d *scfNamespacesDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (d *scfNamespacesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var model scfNamespacesDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	filter := scfapi.NamespaceFilter{
		NameContains:        model.NameContains.ValueString(),
		DescriptionContains: model.DescriptionContains.ValueString(),
	}
	found, err := d.client.ListAllNamespaces(ctx, filter)
	if err != nil {
		namespaceListDiagnostics.addAPIError(&resp.Diagnostics, namespaceListDiagnostics.unable("List"), "listing namespaces", err)
		return
	}
	items := make([]scfNamespacesItemModel, 0, len(found))
	for _, ns := range found {
		items = append(items, scfNamespacesItemModel{
			Name:         types.StringValue(ns.Name),
			Description:  types.StringValue(ns.Description),
			Type:         types.StringValue(ns.Type),
			CreatedTime:  types.StringValue(serviceTimeRFC3339(ns.AddTime)),
			ModifiedTime: types.StringValue(serviceTimeRFC3339(ns.ModTime)),
		})
	}
	model.Namespaces = namespacesItemCodec.list(items, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, model)...)
}

// namespaceListDiagnostics is the vocabulary of the scf_namespaces data
// source: "Unable to List SCF Namespaces". A listing's errors are about no
// attribute of the data source, so it has no hints of its own; the shared
// advice (credentials, throttling) still applies.
var namespaceListDiagnostics = vocabulary{noun: "SCF Namespaces", hints: map[string]apiErrorHint{}}
