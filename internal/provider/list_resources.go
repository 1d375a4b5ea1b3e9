package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/list/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// What the list resources of `terraform query` share: the namespaces and
// functions to search, reading results a few at a time, and reading a
// result as import does. scf_function's list resource has its own filters
// and read (list_resource.go); the other kinds are an objectListKind each,
// served by objectListResource.

// listReaders is how many results include_resource reads at a time. The
// client's limiter keeps them within each action's rate; reading one at a
// time would instead wait out each call's round trip.
const listReaders = 8

// pushListed pushes the results of items in order, reading them with read
// listReaders at a time. read's gone is true for an object deleted since it
// was listed, which is left out. pushListed returns how many it pushed, and
// false when the listing must stop: Terraform wants no more, or a result
// carried an error.
func pushListed[T any](ctx context.Context, items []T, read func(context.Context, T) (result list.ListResult, gone bool),
	push func(list.ListResult) bool) (pushed int64, more bool) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel() // stops the reads nobody will push
	type reading struct {
		result list.ListResult
		gone   bool
		done   chan struct{}
	}
	reads := make([]reading, len(items))
	for i := range reads {
		reads[i].done = make(chan struct{})
	}
	go func() {
		readers := make(chan struct{}, listReaders)
		for i, item := range items {
			select {
			case readers <- struct{}{}:
			case <-ctx.Done():
				return
			}
			go func() {
				defer func() { <-readers }()
				reads[i].result, reads[i].gone = read(ctx, item)
				close(reads[i].done)
			}()
		}
	}()
	for i := range reads {
		select {
		case <-reads[i].done:
		case <-ctx.Done():
			return pushed, false
		}
		if reads[i].gone {
			continue
		}
		if !push(reads[i].result) || reads[i].result.Diagnostics.HasError() {
			return pushed, false
		}
		pushed++
	}
	return pushed, true
}

// listNamespaces returns the namespace configured, or every namespace of
// the region. v and summary name the listing in an error.
func listNamespaces(ctx context.Context, client *scfapi.Client, configured types.String, v vocabulary, summary string) ([]string, diag.Diagnostics) {
	var diags diag.Diagnostics
	if !configured.IsNull() {
		return []string{configured.ValueString()}, diags
	}
	all, err := client.ListAllNamespaces(ctx, scfapi.NamespaceFilter{})
	if err != nil {
		v.addAPIError(&diags, summary, "listing the namespaces to search", err)
		return nil, diags
	}
	names := make([]string, 0, len(all))
	for _, ns := range all {
		names = append(names, ns.Name)
	}
	return names, diags
}

// listedFunction is a function whose objects a list resource lists.
type listedFunction struct{ namespace, name string }

// listFunctions returns the functions whose objects to list: the
// function_name configured, or every function, in the namespace configured
// or in every namespace. A namespace or function configured that does not
// exist is an error on its attribute.
func listFunctions(ctx context.Context, client *scfapi.Client, config objectListConfig, v vocabulary, summary string) ([]listedFunction, diag.Diagnostics) {
	namespaces, diags := listNamespaces(ctx, client, config.Namespace, v, summary)
	if diags.HasError() {
		return nil, diags
	}
	var functions []listedFunction
	for _, namespace := range namespaces {
		found, err := client.ListAllFunctions(ctx, namespace)
		if err != nil {
			addFunctionsListError(&diags, v, summary, config.Namespace, namespace, err)
			return nil, diags
		}
		for _, f := range found {
			if config.FunctionName.IsNull() || f.FunctionName == config.FunctionName.ValueString() {
				functions = append(functions, listedFunction{namespace: namespace, name: f.FunctionName})
			}
		}
	}
	if !config.FunctionName.IsNull() && len(functions) == 0 {
		where := "in any namespace"
		if !config.Namespace.IsNull() {
			where = "in namespace " + config.Namespace.ValueString()
		}
		diags.AddAttributeError(path.Root("function_name"), summary, fmt.Sprintf("Attribute function_name: no function named %q %s.",
			config.FunctionName.ValueString(), where))
	}
	return functions, diags
}

// addFunctionsListError reports a failure to list the functions of
// namespace: on the attribute when the namespace was configured and does
// not exist.
func addFunctionsListError(diags *diag.Diagnostics, v vocabulary, summary string, configured types.String, namespace string, err error) {
	action := "listing the functions of namespace " + namespace
	if !configured.IsNull() && scfapi.IsNotFound(err) {
		detail, _ := v.describe(action, err)
		diags.AddAttributeError(path.Root("namespace"), summary, fmt.Sprintf("Attribute namespace: namespace %q does not exist. %s",
			namespace, detail))
		return
	}
	v.addAPIError(diags, summary, action, err)
}

// readAsImported fills result.Resource as import would read the object
// result.Identity names: the resource's ImportState by that identity, then
// its Read. gone is true when Read finds the object deleted. The requests
// carry no private state: the framework's type for it is internal, and no
// objectListKind's resource keeps any (scf_function, which does, reads its
// list results its own way).
func readAsImported(ctx context.Context, r resource.Resource, client *scfapi.Client, result *list.ListResult) (gone bool) {
	if c, ok := r.(resource.ResourceWithConfigure); ok {
		var resp resource.ConfigureResponse
		c.Configure(ctx, resource.ConfigureRequest{ProviderData: client}, &resp)
		if result.Diagnostics.Append(resp.Diagnostics...); resp.Diagnostics.HasError() {
			return false
		}
	}
	importer, ok := r.(resource.ResourceWithImportState)
	if !ok {
		return false
	}
	empty := tftypes.NewValue(result.Resource.Schema.Type().TerraformType(ctx), nil)
	identity := &tfsdk.ResourceIdentity{Raw: result.Identity.Raw.Copy(), Schema: result.Identity.Schema}
	imported := resource.ImportStateResponse{
		State:    tfsdk.State{Raw: empty, Schema: result.Resource.Schema},
		Identity: identity,
	}
	importer.ImportState(ctx, resource.ImportStateRequest{Identity: identity}, &imported)
	if result.Diagnostics.Append(imported.Diagnostics...); imported.Diagnostics.HasError() {
		return false
	}
	read := resource.ReadResponse{State: imported.State, Identity: imported.Identity}
	r.Read(ctx, resource.ReadRequest{State: imported.State, Identity: imported.Identity}, &read)
	if result.Diagnostics.Append(read.Diagnostics...); read.Diagnostics.HasError() {
		return false
	}
	if read.State.Raw.IsNull() {
		return true
	}
	result.Resource.Raw = read.State.Raw
	return false
}

// listResultsNote ends the description of each objectListKind.
const listResultsNote = "Each result is the object's resource identity and a display name; with " +
	"`include_resource = true`, and always for `terraform query -generate-config-out`, it also carries the object " +
	"as import would read it (the resource's import by that identity, then its read), so the generated " +
	"configuration plans an import and no change."

// objectListConfig is the list block's `config` of every objectListKind;
// each kind's schema has some of these attributes.
type objectListConfig struct {
	Namespace    types.String
	FunctionName types.String
	Type         types.String
	LayerName    types.String
}

// listedObject is one object a kind found: its display name and its
// resource identity model.
type listedObject struct {
	display  string
	identity any
}

// objectListKind is what one kind's list resource adds to
// objectListResource.
type objectListKind struct {
	typeName    string // after the provider's name, such as "_namespace"
	description string
	attributes  map[string]schema.Attribute
	newResource func() resource.Resource
	diagnostics vocabulary // of the kind's lists
	// find lists the objects config selects.
	find func(ctx context.Context, client *scfapi.Client, config objectListConfig) ([]listedObject, diag.Diagnostics)
}

// objectListResource is the list resource of one objectListKind.
type objectListResource struct {
	kind   objectListKind
	client *scfapi.Client
}

var _ list.ListResourceWithConfigure = (*objectListResource)(nil)

func (l *objectListResource) Metadata(_ context.Context, req resource.MetadataRequest, resp *resource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + l.kind.typeName
}

func (l *objectListResource) Configure(_ context.Context, req resource.ConfigureRequest, resp *resource.ConfigureResponse) {
	l.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (l *objectListResource) ListResourceConfigSchema(_ context.Context, _ list.ListResourceSchemaRequest, resp *list.ListResourceSchemaResponse) {
	resp.Schema = schema.Schema{MarkdownDescription: l.kind.description, Attributes: l.kind.attributes}
}

func (l *objectListResource) List(ctx context.Context, req list.ListRequest, stream *list.ListResultsStream) {
	var config objectListConfig
	var diags diag.Diagnostics
	for name, into := range map[string]*types.String{"namespace": &config.Namespace, "function_name": &config.FunctionName,
		"type": &config.Type, "layer_name": &config.LayerName} {
		*into = types.StringNull()
		if _, ok := l.kind.attributes[name]; ok {
			diags.Append(req.Config.GetAttribute(ctx, path.Root(name), into)...)
		}
	}
	if l.client == nil {
		diags.AddError(summaryConfigure, "The provider was not configured before the list was read. Please report this issue to the provider developers.")
	}
	if diags.HasError() {
		stream.Results = list.ListResultsStreamDiagnostics(diags)
		return
	}
	stream.Results = func(push func(list.ListResult) bool) {
		found, diags := l.kind.find(ctx, l.client, config)
		if diags.HasError() {
			push(list.ListResult{Diagnostics: diags})
			return
		}
		if req.Limit > 0 && int64(len(found)) > req.Limit {
			found = found[:req.Limit]
		}
		pushListed(ctx, found, func(ctx context.Context, o listedObject) (list.ListResult, bool) {
			result := req.NewListResult(ctx)
			result.DisplayName = o.display
			result.Diagnostics.Append(result.Identity.Set(ctx, o.identity)...)
			if !req.IncludeResource || result.Diagnostics.HasError() {
				return result, false
			}
			gone := readAsImported(ctx, l.kind.newResource(), l.client, &result)
			return result, gone
		}, push)
	}
}

// namespaceFilter is the optional namespace of a list resource of a
// function's objects.
func namespaceFilter() schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "Namespace to search for functions. Left out, every namespace of the region is searched " +
			"(found with `ListNamespaces`). A namespace that does not exist is an error.",
		Validators: []validator.String{validators.Namespace()},
	}
}

// functionNameFilter is the optional function of a list resource of a
// function's objects.
func functionNameFilter(of string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		MarkdownDescription: "Only the " + of + " of the function of this name (in the namespace searched, or in " +
			"every namespace). Left out, those of every function are listed. A function that does not exist is an error.",
		Validators: []validator.String{validators.FunctionName()},
	}
}

// eachFunction runs list for every function config selects, listReaders
// at a time, and gathers what it finds in the functions' order; a function
// deleted meanwhile is skipped, and the first error (in that order) ends the
// listing.
func eachFunction(ctx context.Context, client *scfapi.Client, config objectListConfig, v vocabulary, summary, what string,
	list func(f listedFunction) ([]listedObject, error)) ([]listedObject, diag.Diagnostics) {
	functions, diags := listFunctions(ctx, client, config, v, summary)
	if diags.HasError() {
		return nil, diags
	}
	found := make([][]listedObject, len(functions))
	errs := make([]error, len(functions))
	var wg sync.WaitGroup
	readers := make(chan struct{}, listReaders)
	for i, f := range functions {
		readers <- struct{}{}
		wg.Go(func() {
			defer func() { <-readers }()
			found[i], errs[i] = list(f)
		})
	}
	wg.Wait()
	var all []listedObject
	for i, f := range functions {
		if scfapi.IsNotFound(errs[i]) {
			continue
		}
		if errs[i] != nil {
			v.addAPIError(&diags, summary, "listing the "+what+" of function "+functionID(f.namespace, f.name), errs[i])
			return nil, diags
		}
		all = append(all, found[i]...)
	}
	return all, diags
}
