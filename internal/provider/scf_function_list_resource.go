package provider

import (
	"context"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var _ list.ListResourceWithConfigure = (*scfFunctionListResource)(nil)

// maxListTagFilters leaves room for the runtime, type and status filters
// within the ten Filters ListFunctions accepts.
const maxListTagFilters = maxTagFilters - 1

// listableStatuses are the values of a function's Status.
var listableStatuses = []string{
	scfapi.StatusCreating, scfapi.StatusCreateFailed, scfapi.StatusActive, scfapi.StatusUpdating,
	scfapi.StatusUpdateFailed, scfapi.StatusPublishing, scfapi.StatusPublishFailed, scfapi.StatusDeleting,
	scfapi.StatusDeleteFailed,
}

// NewSCFFunctionListResource returns the scf_function list resource, which
// finds functions for `terraform query` (Terraform 1.14 and later).
func NewSCFFunctionListResource() list.ListResource {
	return &scfFunctionListResource{}
}

// scfFunctionListResource lists functions through the shared client: the
// same paging and filters as the scf_functions data source, and with
// include_resource the same read as import.
type scfFunctionListResource struct {
	client *scfapi.Client
}

// scfFunctionListModel maps the list block's `config`.
type scfFunctionListModel struct {
	Namespace  types.String `tfsdk:"namespace"`
	NamePrefix types.String `tfsdk:"name_prefix"`
	Runtime    types.String `tfsdk:"runtime"`
	Type       types.String `tfsdk:"type"`
	Status     types.String `tfsdk:"status"`
	Tags       types.Map    `tfsdk:"tags"`
}

func (m scfFunctionListModel) filter(namespace string) functionFilter {
	return functionFilter{Namespace: types.StringValue(namespace), NamePrefix: m.NamePrefix, Runtime: m.Runtime,
		Type: m.Type, Status: m.Status, Tags: m.Tags}
}

func (l *scfFunctionListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_function"
}

func (l *scfFunctionListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (l *scfFunctionListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Finds Serverless Cloud Function (SCF) functions for `terraform query` (Terraform 1.14 " +
			"and later), with `ListFunctions` page by page within the provider's rate limits. Every filter given " +
			"must match. Each result is the function's identity (`namespace`, `name`) and a display name " +
			"`<namespace>/<name>`; with `include_resource = true`, and always for `terraform query " +
			"-generate-config-out`, it also carries the function as import would read it (one `GetFunction` each), " +
			"so the generated configuration plans no change. The generated configuration has no `code`: the API cannot say where the code " +
			"came from, and leaving `code` out keeps the deployed code.",
		Attributes: map[string]schema.Attribute{
			"namespace": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Namespace to search. Left out, every namespace of the region is searched " +
					"(found with `ListNamespaces`). A namespace that does not exist is an error.",
				Validators: []validator.String{validators.Namespace()},
			},
			"name_prefix": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only functions whose name starts with this text (case-sensitive). It is sent " +
					"as the API's `SearchKey`, which matches anywhere in the name; the provider keeps the names that " +
					"start with it.",
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
			"status": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Only functions in this status, such as `Active` or `UpdateFailed` (one of " +
					"`" + strings.Join(listableStatuses, "`, `") + "`" + ").",
				Validators: []validator.String{stringvalidator.OneOf(listableStatuses...)},
			},
			"tags": schema.MapAttribute{
				Optional:    true,
				ElementType: types.StringType,
				MarkdownDescription: "Only functions with every one of these tags, key and value alike. " +
					"At most 7.",
				Validators: []validator.Map{
					mapvalidator.SizeAtMost(maxListTagFilters),
					mapvalidator.KeysAre(stringvalidator.LengthBetween(1, 127)),
					mapvalidator.ValueStringsAre(stringvalidator.LengthAtMost(255)),
				},
			},
		},
	}
}

func (l *scfFunctionListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config scfFunctionListModel
	diags := req.Config.Get(ctx, &config)
	if l.client == nil {
		diags.AddError(summaryConfigure, "The provider was not configured before the list was read. Please report this issue to the provider developers.")
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		namespaces, diags := listNamespaces(ctx, l.client, config.Namespace, functionDiagnostics, summaryList)
		if diags.HasError() {
			push(list.ListResult{Diagnostics: diags})
			return
		}
		pushed := int64(0)
		for _, namespace := range namespaces {
			var diags diag.Diagnostics
			query := listQuery(config.filter(namespace), &diags)
			if diags.HasError() {
				push(list.ListResult{Diagnostics: diags})
				return
			}
			found, err := l.client.ListAllFunctionsMatching(ctx, query)
			if err != nil {
				addFunctionsListError(&diags, functionDiagnostics, summaryList, config.Namespace, namespace, err)
				push(list.ListResult{Diagnostics: diags})
				return
			}
			functions := keepListed(found, namespace, config.NamePrefix.ValueString())
			if req.Limit > 0 {
				functions = functions[:min(int64(len(functions)), req.Limit-pushed)]
			}
			n, more := pushListed(ctx, functions, func(ctx context.Context, f scfapi.FunctionSummary) (list.ListResult, bool) {
				return l.result(ctx, req, f.Namespace, f.FunctionName)
			}, push)
			if pushed += n; !more || req.Limit > 0 && pushed >= req.Limit {
				return
			}
		}
	}
}

// result is one function's list result. With include_resource it reads the
// function as import does (ImportState's attributes, then Read's finish),
// so the generated configuration is what an import would give. gone is true
// when the function was deleted since it was listed.
func (l *scfFunctionListResource) result(ctx context.Context, req list.ListRequest, namespace, name string) (result list.ListResult, gone bool) {
	result = req.NewListResult(ctx)
	result.DisplayName = functionID(namespace, name)
	result.Diagnostics.Append(result.Identity.Set(ctx, functionIdentity(namespace, name))...)
	if !req.IncludeResource || result.Diagnostics.HasError() {
		return result, false
	}
	fn, err := l.client.GetFunction(ctx, namespace, name)
	if scfapi.IsNotFound(err) {
		tflog.Info(ctx, "SCF function deleted while it was listed; left out", map[string]any{"function": functionID(namespace, name)})
		return result, true
	}
	if err != nil {
		functionDiagnostics.addAPIError(&result.Diagnostics, summaryRead, "reading function "+functionID(namespace, name), err)
		return result, false
	}
	for attr, value := range map[string]string{"id": functionID(namespace, name), "namespace": namespace, "name": name} {
		result.Diagnostics.Append(result.Resource.SetAttribute(ctx, path.Root(attr), value)...)
	}
	var model scfFunctionResourceModel
	result.Diagnostics.Append(result.Resource.Get(ctx, &model)...)
	if result.Diagnostics.HasError() {
		return result, false
	}
	(&scfFunctionResource{client: l.client}).finish(ctx, fn, "", &model, &result.Diagnostics)
	if !result.Diagnostics.HasError() {
		result.Diagnostics.Append(result.Resource.Set(ctx, model)...)
	}
	return result, false
}
