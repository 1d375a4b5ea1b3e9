package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var (
	_ ephemeral.EphemeralResourceWithConfigure = (*scfFunctionInvocationEphemeral)(nil)
	_ provider.ProviderWithEphemeralResources  = (*scfProvider)(nil)
)

// NewSCFFunctionInvocationEphemeral returns the scf_function_invocation
// ephemeral resource.
func NewSCFFunctionInvocationEphemeral() ephemeral.EphemeralResource {
	return &scfFunctionInvocationEphemeral{}
}

// scfFunctionInvocationEphemeral invokes a function synchronously each time
// Terraform opens it, and keeps the answer out of plan and state.
type scfFunctionInvocationEphemeral struct {
	client *scfapi.Client
}

type scfFunctionInvocationModel struct {
	FunctionName      types.String         `tfsdk:"function_name"`
	Namespace         types.String         `tfsdk:"namespace"`
	Qualifier         types.String         `tfsdk:"qualifier"`
	Payload           jsontypes.Normalized `tfsdk:"payload"`
	Result            types.String         `tfsdk:"result"`
	Log               types.String         `tfsdk:"log"`
	DurationMS        types.Float64        `tfsdk:"duration_ms"`
	FunctionRequestID types.String         `tfsdk:"function_request_id"`
}

func (e *scfFunctionInvocationEphemeral) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_function_invocation"
}

func (e *scfFunctionInvocationEphemeral) Schema(_ context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Invokes an SCF function synchronously (`Invoke` with `RequestResponse`) and gives its " +
			"answer to the rest of the run, without ever writing it to the plan or the state. Needs Terraform 1.10 or " +
			"later. Terraform opens an ephemeral resource in every plan and apply that needs it, so the function runs " +
			"each time: use it for functions that are safe to call repeatedly. A function that raises an error or runs " +
			"past its timeout fails the run with the function's own message and the end of its log. An invocation " +
			"whose answer is lost is not sent again, so the function never runs twice for one open.\n\n" +
			"Terraform opens an ephemeral resource while planning whenever its arguments are known, even with " +
			"`depends_on`. To invoke a function created in the same run, name it through an attribute known only " +
			"once it exists, such as `split(\"/\", scf_function.example.id)[1]`: the invocation then waits for " +
			"the apply, after the function is created.",
		Attributes: map[string]schema.Attribute{
			"function_name": schema.StringAttribute{
				Required: true, MarkdownDescription: invokeFunctionNameDescription,
				Validators: []validator.String{validators.FunctionName()},
			},
			"namespace": schema.StringAttribute{
				Optional: true, MarkdownDescription: invokeNamespaceDescription,
				Validators: []validator.String{validators.Namespace()},
			},
			"qualifier": schema.StringAttribute{
				Optional: true, MarkdownDescription: invokeQualifierDescription,
			},
			"payload": schema.StringAttribute{
				Optional: true, CustomType: jsontypes.NormalizedType{}, MarkdownDescription: invokePayloadDescription,
			},
			"result": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "What the function returned, JSON-encoded (`RetMsg`); decode it with `jsondecode`. " +
					"A function that returns nothing gives `null`.",
			},
			"log": schema.StringAttribute{
				Computed: true,
				MarkdownDescription: "The last 4 KB of the invocation's log (`Log`, asked for with `LogType = Tail`): " +
					"what the function printed, framed by the service's `START` and `END` lines.",
			},
			"duration_ms": schema.Float64Attribute{
				Computed: true, MarkdownDescription: "How long the function ran, in milliseconds (`Duration`).",
			},
			"function_request_id": schema.StringAttribute{
				Computed: true, MarkdownDescription: "ID of this invocation (`FunctionRequestId`), the key of its logs.",
			},
		},
	}
}

func (e *scfFunctionInvocationEphemeral) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (e *scfFunctionInvocationEphemeral) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	var m scfFunctionInvocationModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in := invocationInput(m.FunctionName, m.Namespace, m.Qualifier, m.Payload)
	res, err := e.client.Invoke(ctx, in)
	if err != nil {
		reportInvokeError(&resp.Diagnostics, in, err)
		return
	}
	m.Result = types.StringValue(res.RetMsg)
	m.Log = types.StringValue(res.Log)
	m.DurationMS = durationMS(res)
	m.FunctionRequestID = types.StringValue(res.FunctionRequestId)
	resp.Diagnostics.Append(resp.Result.Set(ctx, &m)...)
}
