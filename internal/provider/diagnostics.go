package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// Diagnostic summaries: fixed text, so users and tests can match them. The
// detail carries the function, the API's message and RequestId, and what to
// do next.
const (
	summaryConfigure = "Unexpected Resource Configure Type"
)

// apiErrorHint says which attribute an API error code is about and what the
// user can do about it.
type apiErrorHint struct {
	attribute path.Path // empty when no single attribute is responsible
	advice    string
}

// vocabulary is the language of one object's diagnostics, kept in that
// object's own files: every summary of a failed operation is made from the
// object's noun, and its hints say which of its attributes an API error code
// is about. A code the hints lack borrows only the advice of the shared
// table (apiErrorHints), never its attribute, which belongs to another
// object. Plan-time rules name their summaries as constants beside the rules.
type vocabulary struct {
	noun  string // "SCF Layer Version"
	hints map[string]apiErrorHint
}

// unable is the summary of a failed operation: "Unable to Create SCF Function".
func (v vocabulary) unable(verb string) string { return "Unable to " + verb + " " + v.noun }

// waiting is the summary of a failed wait: "Error Waiting for SCF Function".
func (v vocabulary) waiting() string { return "Error Waiting for " + v.noun }

// addAPIError reports err under summary, at the attribute the object's hints
// name for its code.
func (v vocabulary) addAPIError(diags *diag.Diagnostics, summary, action string, err error) {
	detail, attribute := v.describe(action, err)
	reportAt(diags, summary, detail, attribute)
}

// addAPIErrorHiding is addAPIError for a call that sent secrets: an API
// message that echoes one (an environment variable's value, say) shows
// "(sensitive value)" in its place. Values shorter than 4 characters are
// left alone: replacing "1" everywhere would garble the detail, and such a
// value protects nothing.
func (v vocabulary) addAPIErrorHiding(diags *diag.Diagnostics, summary, action string, err error, secrets []string) {
	detail, attribute := v.describe(action, err)
	for _, s := range secrets {
		if len(s) >= 4 {
			detail = strings.ReplaceAll(detail, s, "(sensitive value)")
		}
	}
	reportAt(diags, summary, detail, attribute)
}

// describe is describeErrorWith with the object's hints.
func (v vocabulary) describe(action string, err error) (string, path.Path) {
	return describeErrorWith(action, err, v.hints)
}

// providerBug reports what only a mistake in the provider's code can cause
// (a name the schema lacks, a value of another type): never the user's
// configuration, so the detail says to report it.
func (v vocabulary) providerBug(diags *diag.Diagnostics, summary, problem string) {
	addProviderBug(diags, summary, problem)
}

// summaryProviderBug is the summary of a provider bug found below any
// object, in the conversions every object shares.
const summaryProviderBug = "Provider Bug"

func addProviderBug(diags *diag.Diagnostics, summary, problem string) {
	diags.AddError(summary, "Provider bug: "+problem+". Please report this issue to the provider developers.")
}

var (
	hintRetry      = "This is usually transient: run the command again. If it persists, contact Tencent Cloud support with the RequestId."
	hintCredential = "Check `secret_id`, `secret_key` and `security_token` (or the TENCENTCLOUD_* environment variables): the key must exist, be enabled, match its SecretId, and a session token must not have expired. Also check that this machine's clock is correct: requests signed more than 5 minutes off are rejected."
)

// apiErrorHints maps every error code of the CreateFunction document (and the
// other codes the resource can meet) to its attribute and advice.
//
// No hint points at `code` as a whole or at `code.git_password`: Terraform
// prints the configuration source of the attribute a diagnostic points at,
// and for `code` that is the whole object literal, Git password included.
// Errors about the code point at the resource (shown by its header line) or
// at a child attribute that holds no secret.
var apiErrorHints = map[string]apiErrorHint{
	"FailedOperation.FunctionStatusError": {advice: "The function is still being deployed or changed by someone else. Wait until it is Active and apply again."},
	"InternalError":                       {advice: hintRetry},
	"InternalError.System":                {advice: hintRetry},
	"InvalidParameter.Payload":            {advice: "The service could not parse the request. This is a provider bug; please report it with the RequestId."},
	"InvalidParameterValue":               {advice: "Check the value the message names against the attribute's documented rules."},
	"AuthFailure.SignatureFailure":        {advice: "The API could not verify the request's signature: the secret key does not belong to the SecretId. Check that `secret_key` (or TENCENTCLOUD_SECRET_KEY) is the key of `secret_id` (or TENCENTCLOUD_SECRET_ID), copied without stray characters; temporary credentials must use the key issued with their token."},
	"AuthFailure.SignatureExpire":         {advice: "The request's timestamp is more than 5 minutes away from the API's clock. Check this machine's clock (synchronize it, for example with NTP), then run the command again."},
	"AuthFailure.TokenFailure":            {advice: "The session token was rejected or has expired. Get new temporary credentials and set `security_token` (or TENCENTCLOUD_SECURITY_TOKEN) together with the SecretId and key issued with it; leave it unset for permanent API keys."},
	"AuthFailure.SecretIdNotFound":        {advice: "The SecretId does not exist or its key is disabled. Check `secret_id` (or TENCENTCLOUD_SECRET_ID), and that the key is enabled in the CAM console."},
	"AuthFailure.InvalidSecretId":         {advice: "The SecretId is not a valid API key ID. Check `secret_id` (or TENCENTCLOUD_SECRET_ID)."},
	"UnauthorizedOperation.CAM":           {advice: "The API key is not allowed to call this action. Grant it SCF permissions in CAM (for example the QcloudSCFFullAccess policy)."},
	"UnauthorizedOperation.Region":        {advice: "The account cannot use SCF in this region. Check the provider's `region`."},
	"UnsupportedOperation":                {advice: "The service does not support this combination of settings for this function."},
}

// reportAt adds an error at attribute. Terraform prints the line of a
// top-level attribute, but for one inside `code = { ... }` only the
// resource's first line, so then the detail names the attribute, the way
// every plan-time diagnostic does.
func reportAt(diags *diag.Diagnostics, summary, detail string, attribute path.Path) {
	switch {
	case len(attribute.Steps()) == 0:
		diags.AddError(summary, detail)
	case validators.Shown(attribute):
		diags.AddAttributeError(attribute, summary, detail)
	default:
		r, size := utf8.DecodeRuneInString(detail)
		diags.Append(validators.Violation{Summary: summary, Path: attribute,
			Problem: string(unicode.ToLower(r)) + detail[size:]}.ErrorAt(attribute))
	}
}

// afterCutShortWait says what happens to a function whose wait ended early:
// Create saves it tainted unless it was already Active, Update saves what the
// service holds, so the next plan shows what is left to do.
const afterCutShortWait = "The function is kept in state. One that was still being created is marked tainted, " +
	"so the next apply replaces it; one that was being updated shows what is left to change in the next plan."

// describeErrorWith says what went wrong while doing action ("creating
// function default/hello") and what to do about it, and which attribute of
// the object whose hints these are is responsible, if one is.
func describeErrorWith(action string, err error, hints map[string]apiErrorHint) (string, path.Path) {
	var (
		apiErr   *scfapi.APIError
		status   *scfapi.StatusError
		timeout  *scfapi.WaitTimeoutError
		adoption *scfapi.AdoptionError
	)
	switch {
	case errors.As(err, &status):
		reasons := make([]string, 0, len(status.Reasons))
		for _, r := range status.Reasons {
			reasons = append(reasons, r.ErrorCode+": "+r.ErrorMessage)
		}
		why := strings.Join(reasons, "; ")
		if why == "" {
			why = status.StatusDesc
		}
		if why == "" {
			why = "the service gave no reason"
		}
		return fmt.Sprintf("While %s, the function ended in status %s: %s.\n\nFix the cause and apply again. "+
			"A function that failed to create is kept in state as tainted, so the next apply replaces it.",
			action, status.Status, why), path.Empty()
	case errors.As(err, &timeout) && timeout.Interrupted():
		return fmt.Sprintf("While %s: %s, because Terraform was stopped.\n\n%s", action, timeout.Error(), afterCutShortWait), path.Empty()
	case errors.As(err, &timeout):
		return fmt.Sprintf("While %s: %s.\n\n%s If it routinely takes this long, raise the `timeouts` of the resource.",
			action, timeout.Error(), afterCutShortWait), path.Empty()
	case errors.As(err, &adoption):
		return fmt.Sprintf("While %s: %s.\n\n%s", action, adoption.Situation(),
			importAdvice(adoption.Namespace, adoption.Name, "Otherwise, delete it or choose another name, and apply again.")), path.Root("name")
	case errors.Is(err, context.Canceled):
		// Before any answer: the request was not sent, or the client looked
		// up what became of it, so the state holds what the service has.
		return fmt.Sprintf("While %s: Terraform was stopped before it finished (%s).\n\n"+
			"Nothing is lost: the state holds what the service has, and the next apply continues from there.",
			action, err), path.Empty()
	case errors.As(err, &apiErr):
		hint, known := hints[apiErr.Code]
		if !known {
			hint = borrowedHint(apiErr.Code)
		}
		detail := fmt.Sprintf("While %s, the API answered %s: %s (RequestId: %s).", action, apiErr.Code,
			strings.TrimSuffix(apiErr.Message, "."), requestIDOrNone(apiErr.RequestID))
		if hint.advice != "" {
			detail += "\n\n" + hint.advice
		}
		switch apiErr.Code {
		case "ResourceInUse.Function":
			detail += " " + importAdvice(apiErr.Namespace, apiErr.FunctionName, "Otherwise, choose another name.")
		case "ResourceInUse.FunctionName":
			detail += " " + importAdvice(apiErr.Namespace, apiErr.FunctionName, "Otherwise, wait for the deletion to finish, or choose another name.")
		case "ResourceInUse.Namespace", "FailedOperation.Namespace":
			if apiErr.Action == scfapi.ActionCreateNamespace {
				detail += " " + importBlockAdvice(apiErr.Namespace, "Otherwise, choose another name.")
			}
		}
		return detail, hint.attribute
	default:
		return fmt.Sprintf("While %s: %s.", action, err), path.Empty()
	}
}

// importAdvice tells how to bring an existing function under the resource
// that failed to create it: an import block with its ID (Terraform 1.5+,
// every OpenTofu) and the import command for older CLIs. The provider never
// learns the resource's address, but Terraform prints it in the "with" line
// above the detail of a diagnostic attached to an attribute, as these are.
// The block and the command are indented or alone on their lines, which
// Terraform does not wrap, so they can be copied as they are.
func importAdvice(namespace, name, otherwise string) string {
	id := "<namespace>/<name>"
	if name != "" {
		id = functionID(namespace, name)
	}
	return importBlockAdvice(id, otherwise)
}

// importBlockAdvice is importAdvice for any resource's import ID.
func importBlockAdvice(id, otherwise string) string {
	return "If this resource should manage it (an apply that was interrupted or killed may have created it without recording it in state), " +
		"import it: add this block to the configuration, replace <address> with the resource address from the \"with\" line above, and apply again.\n\n" +
		"import {\n  to = <address>\n  id = \"" + id + "\"\n}\n\n" +
		"With Terraform older than 1.5, run instead:\n  terraform import <address> " + id + "\n\n" + otherwise
}

// borrowedHint is the advice for a code an object's own hints lack: the
// shared table's, else the function's (an SCF error code means the same in
// every action), never an attribute, which would belong to another object;
// else what the code's class says.
func borrowedHint(code string) apiErrorHint {
	if shared, ok := apiErrorHints[code]; ok {
		return apiErrorHint{advice: shared.advice}
	}
	if function, ok := functionDiagnostics.hints[code]; ok {
		return apiErrorHint{advice: function.advice}
	}
	return genericHint(code)
}

func genericHint(code string) apiErrorHint {
	switch {
	case scfapi.IsAuthFailure(&scfapi.APIError{Code: code}):
		return apiErrorHint{advice: hintCredential}
	case scfapi.IsThrottled(&scfapi.APIError{Code: code}):
		return apiErrorHint{advice: "The API kept throttling after every retry. Lower `rate_limits` or `-parallelism`, or raise `max_retries`."}
	case strings.HasPrefix(code, "InternalError"), strings.HasPrefix(code, "ClientError.NetworkError"):
		return apiErrorHint{advice: hintRetry}
	}
	return apiErrorHint{}
}

func requestIDOrNone(id string) string {
	if id == "" {
		return "none"
	}
	return id
}
