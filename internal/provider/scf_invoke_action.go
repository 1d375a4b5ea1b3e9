package provider

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/action/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var (
	_ action.ActionWithConfigure   = (*scfFunctionInvokeAction)(nil)
	_ provider.ProviderWithActions = (*scfProvider)(nil)
)

// invokeProgressInterval is how often a running invocation reports that it
// is still running.
const invokeProgressInterval = 5 * time.Second

// NewSCFFunctionInvokeAction returns the scf_function_invoke action.
func NewSCFFunctionInvokeAction() action.Action {
	return &scfFunctionInvokeAction{progressEvery: invokeProgressInterval}
}

// scfFunctionInvokeAction invokes a function when Terraform runs the action.
type scfFunctionInvokeAction struct {
	client        *scfapi.Client
	progressEvery time.Duration
}

type scfFunctionInvokeActionModel struct {
	FunctionName   types.String         `tfsdk:"function_name"`
	Namespace      types.String         `tfsdk:"namespace"`
	Qualifier      types.String         `tfsdk:"qualifier"`
	Payload        jsontypes.Normalized `tfsdk:"payload"`
	InvocationType types.String         `tfsdk:"invocation_type"`
}

func (a *scfFunctionInvokeAction) Metadata(_ context.Context, req action.MetadataRequest, resp *action.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_function_invoke"
}

func (a *scfFunctionInvokeAction) Schema(_ context.Context, _ action.SchemaRequest, resp *action.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Invokes an SCF function (`Invoke`) when Terraform runs the action: from a resource's " +
			"`lifecycle { action_trigger { … } }`, or on demand with `terraform apply -invoke=action.scf_function_invoke.<name>`. " +
			"Needs Terraform 1.14 or later. While the function runs, the action reports progress; when it ends, the " +
			"result and the last lines of the log are shown. A function that raises an error or runs past its timeout " +
			"fails the action with the function's own message. An invocation whose answer is lost is not sent again, " +
			"so one run of the action never runs the function twice.",
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
			"invocation_type": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "`RequestResponse` (the default) waits for the function and shows its result; " +
					"`Event` queues an asynchronous invocation and returns at once with its request ID, without a result " +
					"or a log.",
				Validators: []validator.String{stringvalidator.OneOf(scfapi.InvocationRequestResponse, scfapi.InvocationEvent)},
			},
		},
	}
}

func (a *scfFunctionInvokeAction) Configure(_ context.Context, req action.ConfigureRequest, resp *action.ConfigureResponse) {
	a.client = configuredClient(req.ProviderData, &resp.Diagnostics)
}

func (a *scfFunctionInvokeAction) Invoke(ctx context.Context, req action.InvokeRequest, resp *action.InvokeResponse) {
	var m scfFunctionInvokeActionModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &m)...)
	if resp.Diagnostics.HasError() {
		return
	}
	in := invocationInput(m.FunctionName, m.Namespace, m.Qualifier, m.Payload)
	in.Async = m.InvocationType.ValueString() == scfapi.InvocationEvent
	in.Tail = !in.Async
	target := fmt.Sprintf("%s/%s", namespaceOrDefault(in.Namespace), in.FunctionName)
	if in.Qualifier != "" {
		target += ":" + in.Qualifier
	}
	progress := func(format string, args ...any) {
		resp.SendProgress(action.InvokeProgressEvent{Message: fmt.Sprintf(format, args...)})
	}
	if in.Async {
		progress("Queueing an asynchronous invocation of %s", target)
	} else {
		progress("Invoking %s", target)
	}
	stop := a.reportWhileRunning(target, progress)
	res, err := a.client.Invoke(ctx, in)
	stop()
	if err != nil {
		reportInvokeError(&resp.Diagnostics, in, err)
		return
	}
	if in.Async {
		progress("Queued: function request ID %s", res.FunctionRequestId)
		return
	}
	progress("%s answered in %.1f ms (function request ID %s)", target, res.Duration, res.FunctionRequestId)
	if tail := lastLines(res.Log, logTailLines); tail != "" {
		progress("Log:\n%s", tail)
	}
	progress("Result: %s", strings.TrimSpace(res.RetMsg))
}

// reportWhileRunning says every progressEvery that the function still runs;
// the returned function stops it.
func (a *scfFunctionInvokeAction) reportWhileRunning(target string, progress func(string, ...any)) func() {
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		began := time.Now()
		tick := time.NewTicker(a.progressEvery)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				progress("%s still running after %s", target, time.Since(began).Round(time.Second))
			}
		}
	}()
	return func() {
		close(done)
		<-stopped
	}
}
