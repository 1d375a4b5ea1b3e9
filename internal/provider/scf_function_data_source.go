package provider

import (
	"context"
	"fmt"
	"maps"
	"regexp"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	rschema "github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var _ datasource.DataSourceWithConfigure = (*scfFunctionDataSource)(nil)

// The data source has every attribute of the scf_function resource, derived
// from the resource's schema so that the two cannot drift apart, except the
// inputs that cannot be read back. An image function's image, which the
// resource keeps inside `code`, is `image_config` here.
var functionInputsNotRead = []string{"code", "code_source", "timeouts", "ignore_sys_log", attrSecretEnvironmentWO,
	attrSecretEnvironmentWOVersion, attrSecretEnvironmentWOKeys}

// NewSCFFunctionDataSource returns the scf_function data source.
func NewSCFFunctionDataSource() datasource.DataSource {
	return &scfFunctionDataSource{}
}

// scfFunctionDataSource reads one function through the shared client.
type scfFunctionDataSource struct {
	client *scfapi.Client
}

func (d *scfFunctionDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_function"
}

func (d *scfFunctionDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (d *scfFunctionDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	source := functionSchema(ctx).Attributes
	imageConfig := source["code"].(rschema.SingleNestedAttribute).Attributes["image_config"] //nolint:forcetypeassert // the resource's own schema
	for _, name := range functionInputsNotRead {
		delete(source, name)
	}
	attrs := computedAttributes(source)
	attrs["name"] = schema.StringAttribute{
		Required:            true,
		MarkdownDescription: "Name of the function to read.",
		Validators:          []validator.String{validators.FunctionName()},
	}
	attrs["namespace"] = schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		MarkdownDescription: "Namespace of the function. Defaults to `default`.",
		Validators:          []validator.String{validators.Namespace()},
	}
	image := computedAttribute(imageConfig).(schema.SingleNestedAttribute) //nolint:forcetypeassert // converted from a SingleNestedAttribute
	image.MarkdownDescription = "The image of an image function (`ImageConfig`), with `image_uri` as the service " +
		"reports it, digest included; null for a code package. Settings at the service's default are null."
	image.Attributes["entry_point"] = schema.StringAttribute{
		Computed: true,
		MarkdownDescription: "Entry point of the image (`EntryPoint`) as the service reports it; deprecated by the API, " +
			"which uses `command` and `args` instead.",
	}
	attrs["image_config"] = image

	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads one Serverless Cloud Function (SCF) function with `GetFunction` (and " +
			"`GetFunctionAddress` for the code digest): every setting of the `scf_function` resource, with the same " +
			"meaning, except the code itself, which the API does not return. Settings at the service's default read " +
			"as they do after importing the function into the resource: null where the resource would leave them " +
			"unset. A function that does not exist is an error.",
		Attributes: attrs,
	}
}

// computedAttributes turns resource attributes into read-only data source
// attributes, keeping their types and descriptions.
func computedAttributes(attrs map[string]rschema.Attribute) map[string]schema.Attribute {
	out := make(map[string]schema.Attribute, len(attrs))
	for name, a := range attrs {
		out[name] = computedAttribute(a)
	}
	return out
}

func computedAttribute(a rschema.Attribute) schema.Attribute {
	description := readOnlyDescription(a.GetMarkdownDescription())
	switch a := a.(type) {
	case rschema.StringAttribute:
		return schema.StringAttribute{Computed: true, Sensitive: a.Sensitive, MarkdownDescription: description}
	case rschema.Int64Attribute:
		return schema.Int64Attribute{Computed: true, Sensitive: a.Sensitive, MarkdownDescription: description}
	case rschema.BoolAttribute:
		return schema.BoolAttribute{Computed: true, Sensitive: a.Sensitive, MarkdownDescription: description}
	case rschema.MapAttribute:
		return schema.MapAttribute{Computed: true, Sensitive: a.Sensitive, ElementType: a.ElementType, MarkdownDescription: description}
	case rschema.ListAttribute:
		return schema.ListAttribute{Computed: true, Sensitive: a.Sensitive, ElementType: a.ElementType, MarkdownDescription: description}
	case rschema.ObjectAttribute:
		return schema.ObjectAttribute{Computed: true, Sensitive: a.Sensitive, AttributeTypes: a.AttributeTypes, MarkdownDescription: description}
	case rschema.SingleNestedAttribute:
		return schema.SingleNestedAttribute{Computed: true, Sensitive: a.Sensitive, Attributes: computedAttributes(a.Attributes),
			MarkdownDescription: description}
	case rschema.ListNestedAttribute:
		return schema.ListNestedAttribute{Computed: true, Sensitive: a.Sensitive, MarkdownDescription: description,
			NestedObject: schema.NestedAttributeObject{Attributes: computedAttributes(a.NestedObject.Attributes)}}
	}
	// Only a new kind of attribute in the resource gets here, and every test
	// that builds the provider's schema fails on it.
	panic(fmt.Sprintf("scf_function data source: no read-only form of %T", a))
}

// resourceOnlySentence matches the sentences of the resource's descriptions
// that are about configuring it: how changes are applied, what removing an
// attribute does, how the plan treats a value; resourceOnlyClause, such
// clauses within a sentence about the value.
var (
	resourceOnlySentence = regexp.MustCompile(`(?i)changes are applied|changing it replaces|^removing |` +
		`is deployed in place|cannot detect changes|\bplans? (a|an|the|cleanly|without|with)\b|` +
		`keeps the configured form|not a difference|is kept without a diff|only set at creation|must exist`)
	resourceOnlyClause = regexp.MustCompile(`;\s*(set together with|required when|removing)[^.;]*`)
)

// readOnlyDescription keeps what a resource description says about the value.
func readOnlyDescription(description string) string {
	var kept []string
	for _, sentence := range strings.SplitAfter(description, ". ") {
		if !resourceOnlySentence.MatchString(strings.TrimSpace(sentence)) {
			kept = append(kept, sentence)
		}
	}
	out := resourceOnlyClause.ReplaceAllString(strings.Join(kept, ""), "")
	return strings.TrimSpace(strings.ReplaceAll(out, "`code.image_config`", "`image_config`"))
}

func (d *scfFunctionDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var name, namespace types.String
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("name"), &name)...)
	resp.Diagnostics.Append(req.Config.GetAttribute(ctx, path.Root("namespace"), &namespace)...)
	if resp.Diagnostics.HasError() {
		return
	}
	ns := namespace.ValueString()
	if ns == "" {
		ns = scfapi.DefaultNamespace
	}
	id := functionID(ns, name.ValueString())

	fn, err := d.client.GetFunction(ctx, ns, name.ValueString())
	if scfapi.IsNotFound(err) {
		resp.Diagnostics.AddAttributeError(path.Root("name"), summaryRead,
			fmt.Sprintf("No function %s exists: the API answered %s. Check `name` and `namespace`, and that the "+
				"provider's region is the function's.", id, scfapi.ErrorCode(err)))
		return
	}
	if err != nil {
		functionDiagnostics.addAPIError(&resp.Diagnostics, summaryRead, "reading function "+id, err)
		return
	}

	// The resource's own reading, from a state of nulls as after an import,
	// so that every value means what it means in the resource.
	model := functionCodec.nullModel(&resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	(&scfFunctionResource{client: d.client}).finish(ctx, fn, "", &model, &resp.Diagnostics)
	model.Code = withReportedEntryPoint(model.Code, fn.ImageConfig, &resp.Diagnostics)
	image := imageOf(model.Code, &resp.Diagnostics)
	var resourceValue tftypes.Value
	functionCodec.encode(ctx, &model, &resourceValue, &resp.Diagnostics)
	if resp.Diagnostics.HasError() {
		return
	}
	values, err := readOnlyValues(ctx, resourceValue, image, resp.State.Schema.Type().TerraformType(ctx))
	if err != nil {
		functionDiagnostics.providerBug(&resp.Diagnostics, summaryRead, fmt.Sprintf("converting function %s for the data source: %s", id, err))
		return
	}
	resp.State.Raw = values
}

// readOnlyValues turns the resource's values into the data source's: the
// inputs that cannot be read are dropped, and the image moves out of `code`.
func readOnlyValues(ctx context.Context, resourceValue tftypes.Value, image types.Object, target tftypes.Type) (tftypes.Value, error) {
	imageValue, err := image.ToTerraformValue(ctx)
	if err != nil {
		return tftypes.Value{}, err
	}
	var attrs map[string]tftypes.Value
	if err := resourceValue.As(&attrs); err != nil {
		return tftypes.Value{}, err
	}
	out := maps.Clone(attrs)
	for _, name := range functionInputsNotRead {
		delete(out, name)
	}
	out["image_config"] = imageValue
	// The data source's schema is the resource's less the inputs, plus the
	// image: any other difference is an error here, not a value left out.
	if err := tftypes.ValidateValue(target, out); err != nil {
		return tftypes.Value{}, err
	}
	return tftypes.NewValue(target, out), nil
}
