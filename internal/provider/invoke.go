package provider

import (
	"errors"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-jsontypes/jsontypes"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// What scf_function_invocation and scf_function_invoke share: the input
// attributes' descriptions, the call, and how a failure is reported.

const (
	invokeFunctionNameDescription = "Name of the function to invoke (`FunctionName`)."
	invokeNamespaceDescription    = "Namespace of the function (`Namespace`). Defaults to `default`."
	invokeQualifierDescription    = "Version number or alias to invoke (`Qualifier`). Defaults to `$LATEST`."
	invokePayloadDescription      = "The event, as a JSON document (`ClientContext`), for example " +
		"`jsonencode({ name = \"ada\" })`. It is checked to be JSON at plan time. The service accepts up to 6 MB " +
		"for a synchronous invocation and 128 KB for an asynchronous one. Unset sends `{}`."
)

// invocationDiagnostics is the vocabulary of scf_function_invocation and
// scf_function_invoke: "Unable to Invoke SCF Function", and Invoke's codes at
// their attributes, with the advice scf_function gives for them. Codes not
// listed borrow the advice of apiErrorHints, never its attribute, which
// names a function's attributes (`name` there, `function_name` here).
var invocationDiagnostics = vocabulary{noun: "SCF Function", hints: map[string]apiErrorHint{
	"InvalidParameterValue.FunctionName": {attribute: path.Root("function_name"), advice: "Use 2 to 60 letters, digits, `-` and `_`, starting with a letter and not ending with `-` or `_`."},
	"InvalidParameterValue.Namespace":    {attribute: path.Root("namespace"), advice: "Use 1 to 30 letters, digits, `-` and `_`."},
	"ResourceNotFound.Namespace":         {attribute: path.Root("namespace"), advice: "Create the namespace first."},
}}

// summaryFunctionFailed is the summary of an invocation the function ran and
// failed, whose detail is the function's own message and log.
const summaryFunctionFailed = "SCF Function Failed"

// logTailLines is how much of the log a diagnostic quotes.
const logTailLines = 20

// invocationInput builds the client's input from the shared attributes.
func invocationInput(name, namespace, qualifier types.String, payload jsontypes.Normalized) scfapi.InvokeInput {
	return scfapi.InvokeInput{
		FunctionName: name.ValueString(),
		Namespace:    namespace.ValueString(),
		Qualifier:    qualifier.ValueString(),
		Event:        payload.ValueString(),
		Tail:         true,
	}
}

// reportInvokeError turns a failed Invoke into diagnostics: a function that
// ran and failed is reported with its own message and the end of its log;
// anything else goes through the invocation's vocabulary.
func reportInvokeError(diags *diag.Diagnostics, in scfapi.InvokeInput, err error) {
	var fe *scfapi.FunctionError
	if errors.As(err, &fe) {
		detail := fmt.Sprintf("Function %s/%s failed", namespaceOrDefault(in.Namespace), in.FunctionName)
		if fe.StatusCode == 433 {
			detail += " by running past its timeout"
		}
		detail += ": " + fe.Message
		if fe.Type != "" {
			detail += " (" + fe.Type + ")"
		}
		detail += "\n\nFunction request ID: " + fe.FunctionRequestId
		if tail := lastLines(fe.Result.Log, logTailLines); tail != "" {
			detail += "\n\nEnd of the log:\n" + tail
		}
		diags.AddError(summaryFunctionFailed, detail)
		return
	}
	invocationDiagnostics.addAPIError(diags, invocationDiagnostics.unable("Invoke"), scfapi.ActionInvoke, err)
}

func namespaceOrDefault(namespace string) string {
	if namespace == "" {
		return scfapi.DefaultNamespace
	}
	return namespace
}

// lastLines keeps the last n lines of a log.
func lastLines(log string, n int) string {
	lines := strings.Split(strings.TrimRight(log, "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}

// durationMS is the service's Duration, in milliseconds.
func durationMS(res *scfapi.InvocationResult) types.Float64 { return types.Float64Value(res.Duration) }
