package provider

import (
	"context"
	"sort"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
	"github.com/scfprovider/terraform-provider-scf/internal/tfmodel"
)

var _ datasource.DataSourceWithConfigure = (*scfFunctionsDataSource)(nil)

// maxTagFilters leaves room for the runtime and type filters within the ten
// Filters ListFunctions accepts.
const maxTagFilters = 8

// NewSCFFunctionsDataSource returns the scf_functions data source.
func NewSCFFunctionsDataSource() datasource.DataSource {
	return &scfFunctionsDataSource{}
}

// scfFunctionsDataSource lists the functions of a namespace.
type scfFunctionsDataSource struct {
	client *scfapi.Client
}

// scfFunctionsDataSourceModel maps the scf_functions schema.
type scfFunctionsDataSourceModel struct {
	Namespace  types.String `tfsdk:"namespace"`
	NamePrefix types.String `tfsdk:"name_prefix"`
	Runtime    types.String `tfsdk:"runtime"`
	Type       types.String `tfsdk:"type"`
	Tags       types.Map    `tfsdk:"tags"`
	Functions  types.List   `tfsdk:"functions"`
}

// functionSummaryModel maps one element of `functions`: what ListFunctions
// reports of a function.
type functionSummaryModel struct {
	Name           types.String `tfsdk:"name"`
	Namespace      types.String `tfsdk:"namespace"`
	FunctionID     types.String `tfsdk:"function_id"`
	Runtime        types.String `tfsdk:"runtime"`
	Type           types.String `tfsdk:"type"`
	Status         types.String `tfsdk:"status"`
	StatusDesc     types.String `tfsdk:"status_desc"`
	Description    types.String `tfsdk:"description"`
	CreatedTime    types.String `tfsdk:"created_time"`
	ModifiedTime   types.String `tfsdk:"modified_time"`
	Tags           types.Map    `tfsdk:"tags"`
	AsyncRunEnable types.Bool   `tfsdk:"async_run_enable"`
	TraceEnable    types.Bool   `tfsdk:"trace_enable"`
}

// functionSummaryAttributes are the resource's attributes that a listing
// reports, named by the summary model's fields, so they mean the same and
// their types are written once, in the resource's schema.
func functionSummaryAttributes(ctx context.Context) map[string]schema.Attribute {
	resourceAttrs := functionSchema(ctx).Attributes
	names, err := tfmodel.Names[functionSummaryModel]()
	if err != nil {
		panic("scf_functions: " + err.Error()) // every test that builds the provider's schema fails on it
	}
	summary := make(map[string]schema.Attribute, len(names))
	for _, name := range names {
		a, ok := resourceAttrs[name]
		if !ok {
			panic("scf_functions: the summary's " + name + " is not an attribute of scf_function")
		}
		summary[name] = computedAttribute(a)
	}
	return summary
}

var functionSummaryCodec = nestedCodec[functionSummaryModel](schema.ListNestedAttribute{
	NestedObject: schema.NestedAttributeObject{Attributes: functionSummaryAttributes(context.Background())}})

func (d *scfFunctionsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_functions"
}

func (d *scfFunctionsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (d *scfFunctionsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Lists the Serverless Cloud Function (SCF) functions of one namespace with " +
			"`ListFunctions`, reading every page within the provider's rate limits. The filters narrow the list and " +
			"all of them must match; a filter that matches no function gives an empty list, not an error. Use the " +
			"`scf_function` data source for a function's full configuration.",
		Attributes: map[string]schema.Attribute{
			"namespace": schema.StringAttribute{
				Optional:            true,
				Computed:            true,
				MarkdownDescription: "Namespace to list. Defaults to `default`. A namespace that does not exist is an error.",
				Validators:          []validator.String{validators.Namespace()},
			},
			"name_prefix": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only functions whose name starts with this text (case-sensitive). The service " +
					"searches names for it anywhere; the provider keeps the names that start with it.",
				Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
			},
			"runtime": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only functions of this runtime, such as `Python3.9`; `" + runtimeCustomImage +
					"` selects image functions.",
				Validators: []validator.String{validators.Runtime(functionRuntimes)},
			},
			"type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "Only functions of this type: `Event` or `HTTP`.",
				Validators:          []validator.String{stringvalidator.OneOf(validators.FunctionTypes...)},
			},
			"tags": schema.MapAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Only functions with every one of these tags, key and value alike. " +
					"At most 8.",
				Validators: []validator.Map{
					mapvalidator.SizeAtMost(maxTagFilters),
					mapvalidator.KeysAre(stringvalidator.LengthBetween(1, 127)),
					mapvalidator.ValueStringsAre(stringvalidator.LengthAtMost(255)),
				},
			},
			"functions": schema.ListNestedAttribute{
				Computed:            true,
				MarkdownDescription: "The functions that match, ordered by name; empty when none does.",
				NestedObject:        schema.NestedAttributeObject{Attributes: functionSummaryAttributes(ctx)},
			},
		},
	}
}

func (d *scfFunctionsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var config scfFunctionsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}
	if config.Namespace.IsNull() {
		config.Namespace = types.StringValue(scfapi.DefaultNamespace)
	}
	query := listQuery(config.filter(), &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	found, err := d.client.ListAllFunctionsMatching(ctx, query)
	if err != nil {
		functionDiagnostics.addAPIError(&resp.Diagnostics, summaryList, "listing the functions of namespace "+config.Namespace.ValueString(), err)
		return
	}

	listed := keepListed(found, config.Namespace.ValueString(), config.NamePrefix.ValueString())
	functions := make([]functionSummaryModel, 0, len(listed))
	for _, f := range listed {
		functions = append(functions, flattenFunctionSummary(f, &resp.Diagnostics))
	}
	config.Functions = functionSummaryCodec.list(functions, &resp.Diagnostics)
	resp.Diagnostics.Append(resp.State.Set(ctx, config)...)
}

// functionFilter is what selects functions in a ListFunctions query, shared
// by the scf_functions data source and the scf_function list resource.
// Status is the list resource's alone.
type functionFilter struct {
	Namespace, NamePrefix, Runtime, Type, Status types.String
	Tags                                         types.Map
}

func (m scfFunctionsDataSourceModel) filter() functionFilter {
	return functionFilter{Namespace: m.Namespace, NamePrefix: m.NamePrefix, Runtime: m.Runtime, Type: m.Type,
		Status: types.StringNull(), Tags: m.Tags}
}

// listQuery turns the filters into a ListFunctions query. The tag filters
// are sorted by key so that requests are deterministic.
func listQuery(f functionFilter, diags *diag.Diagnostics) scfapi.ListFunctionsRequest {
	query := scfapi.ListFunctionsRequest{Namespace: stringPtr(f.Namespace), SearchKey: stringPtr(f.NamePrefix)}
	filter := func(name, value string) {
		query.Filters = append(query.Filters, &scfapi.Filter{Name: ptr(name), Values: []*string{ptr(value)}})
	}
	if p := stringPtr(f.Runtime); p != nil {
		filter("Runtime", *p)
	}
	if p := stringPtr(f.Type); p != nil {
		filter("Type", *p)
	}
	if p := stringPtr(f.Status); p != nil {
		filter("Status", *p)
	}
	for _, t := range expandTags(f.Tags, diags) {
		filter("tag-"+*t.Key, *t.Value)
	}
	return query
}

// keepListed keeps the functions of one namespace's listing whose name
// starts with prefix (the service's SearchKey matches anywhere in the
// name), each once, ordered by name.
func keepListed(found []scfapi.FunctionSummary, namespace, prefix string) []scfapi.FunctionSummary {
	seen := make(map[string]bool, len(found))
	kept := make([]scfapi.FunctionSummary, 0, len(found))
	for _, f := range found {
		// A page read while functions were created or deleted may repeat a row.
		if !strings.HasPrefix(f.FunctionName, prefix) || seen[f.FunctionName] {
			continue
		}
		seen[f.FunctionName] = true
		if f.Namespace == "" {
			f.Namespace = namespace
		}
		kept = append(kept, f)
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].FunctionName < kept[j].FunctionName })
	return kept
}

func flattenFunctionSummary(f scfapi.FunctionSummary, diags *diag.Diagnostics) functionSummaryModel {
	tags := make(map[string]string, len(f.Tags))
	for _, t := range f.Tags {
		tags[t.Key] = t.Value
	}
	return functionSummaryModel{
		Name:           types.StringValue(f.FunctionName),
		Namespace:      types.StringValue(f.Namespace),
		FunctionID:     types.StringValue(f.FunctionId),
		Runtime:        types.StringValue(f.Runtime),
		Type:           types.StringValue(f.Type),
		Status:         types.StringValue(f.Status),
		StatusDesc:     types.StringValue(f.StatusDesc),
		Description:    types.StringValue(f.Description),
		CreatedTime:    types.StringValue(serviceTimeRFC3339(f.AddTime)),
		ModifiedTime:   types.StringValue(serviceTimeRFC3339(f.ModTime)),
		Tags:           flattenStringMap(tags, types.MapNull(types.StringType), diags),
		AsyncRunEnable: types.BoolValue(f.AsyncRunEnable == apiTrue),
		TraceEnable:    types.BoolValue(f.TraceEnable == apiTrue),
	}
}
