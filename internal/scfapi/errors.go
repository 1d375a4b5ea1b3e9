package scfapi

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
)

// Client-side error codes of the SDK, and one of this package.
const (
	codeNetworkError        = "ClientError.NetworkError"
	codeHTTPStatusCodeError = "ClientError.HttpStatusCodeError"
	codeIOError             = "ClientError.IOError"
	codeParseJSONError      = "ClientError.ParseJsonError"
	codeEmptyResponse       = "ClientError.EmptyResponse"
	codeResponseTooLarge    = "ClientError.ResponseTooLarge"
	codeUnknown             = "ClientError.Unknown"
)

// APIError is a failed call: an error answered by the service, or a
// client-side failure of the SDK (codes "ClientError.*").
type APIError struct {
	Action    string
	Code      string
	Message   string
	RequestID string

	Namespace    string
	FunctionName string

	cause error
	// httpStatus is the status of the response, 0 when none arrived.
	httpStatus int
}

// Error names the action and target, the code, the message and the request
// ID ("none" when no response was read); transport failures add their cause.
func (e *APIError) Error() string {
	var b strings.Builder
	b.WriteString(e.Action)
	if t := target(e.Namespace, e.FunctionName); t != "" {
		b.WriteString(" " + t)
	}
	rid := e.RequestID
	if rid == "" {
		rid = "none"
	}
	fmt.Fprintf(&b, ": %s: %s (RequestId: %s)", e.Code, e.Message, rid)
	if inner := errors.Unwrap(e.cause); inner != nil {
		b.WriteString(": " + inner.Error())
	}
	return b.String()
}

// Unwrap returns the SDK error (with any message body already removed).
func (e *APIError) Unwrap() error { return e.cause }

// IsNotFound reports whether err says the function or its namespace does not
// exist. The service documents several codes for this and clients must
// accept all of them; InvalidParameterValue.FunctionName only means "absent"
// outside CreateFunction, where it means the name is invalid.
func IsNotFound(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code {
	case "ResourceNotFound.Function", "ResourceNotFound.FunctionName", "ResourceNotFound.Namespace":
		return true
	case "InvalidParameterValue.FunctionName":
		return e.Action != ActionCreateFunction
	}
	return false
}

// IsInUse reports whether err is ResourceInUse or one of its sub-codes.
func IsInUse(err error) bool { return hasCodePrefix(err, "ResourceInUse") }

// IsThrottled reports whether the service refused err's call for its request
// rate; such a call was not applied.
func IsThrottled(err error) bool {
	return hasCodePrefix(err, "RequestLimitExceeded") || ErrorCode(err) == "LimitExceeded.RateLimitExceeded"
}

// IsBusy reports whether the service refused a mutation because the function
// is still creating, updating or deleting; the same call can succeed once the
// function settles.
func IsBusy(err error) bool {
	switch ErrorCode(err) {
	case "FailedOperation.FunctionStatusError", "FailedOperation.UpdateFunctionCode",
		"FailedOperation.DeleteFunction", "FailedOperation.FunctionNameStatusError":
		return true
	}
	return false
}

// IsAuthFailure reports whether err is an AuthFailure code.
func IsAuthFailure(err error) bool { return hasCodePrefix(err, "AuthFailure") }

// ErrorCode returns the code of err's *APIError, or "" when it has none.
func ErrorCode(err error) string {
	var e *APIError
	if errors.As(err, &e) {
		return e.Code
	}
	return ""
}

func hasCodePrefix(err error, prefix string) bool {
	code := ErrorCode(err)
	return code == prefix || strings.HasPrefix(code, prefix+".")
}

func isInternalError(err error) bool { return hasCodePrefix(err, "InternalError") }

// StatusError reports a function that reached a failed status.
type StatusError struct {
	Namespace, Name, Status, StatusDesc string
	Reasons                             []StatusReason
}

// Error lists the status and the service's reasons.
func (e *StatusError) Error() string {
	msg := fmt.Sprintf("function %s is %s", target(e.Namespace, e.Name), e.Status)
	var parts []string
	for _, r := range e.Reasons {
		switch {
		case r.ErrorCode != "" && r.ErrorMessage != "":
			parts = append(parts, r.ErrorCode+": "+r.ErrorMessage)
		case r.ErrorCode != "" || r.ErrorMessage != "":
			parts = append(parts, r.ErrorCode+r.ErrorMessage)
		}
	}
	if len(parts) == 0 && e.StatusDesc != "" {
		parts = append(parts, e.StatusDesc)
	}
	if len(parts) > 0 {
		msg += ": " + strings.Join(parts, "; ")
	}
	return msg
}

func newStatusError(f *Function, ns, name string) *StatusError {
	return &StatusError{
		Namespace:  ns,
		Name:       name,
		Status:     f.Status,
		StatusDesc: f.StatusDesc,
		Reasons:    append([]StatusReason(nil), f.StatusReasons...),
	}
}

// targetDeleted is WaitTimeoutError.Target when waiting for a deletion.
const targetDeleted = "deleted"

// WaitTimeoutError reports a wait that ran out of time.
type WaitTimeoutError struct {
	Namespace, Name string
	// Status is the last status seen, "" if no poll succeeded.
	Status string
	Waited time.Duration
	// Target is StatusActive or "deleted".
	Target string

	cause error
	// object is what was awaited; "" means a function. For a layer
	// version, Namespace is the layer and Name the version.
	object string
}

// Error says what was awaited and what was seen last.
func (e *WaitTimeoutError) Error() string {
	goal := "to become " + e.Target
	if e.Target == targetDeleted {
		goal = "to be deleted"
	}
	last := "no status could be read"
	if e.Status != "" {
		last = "it is still " + e.Status
	}
	ended := "timed out"
	if errors.Is(e.cause, context.Canceled) {
		ended = "interrupted"
	}
	object := e.object
	if object == "" {
		object = "function"
	}
	return fmt.Sprintf("%s after %s waiting for %s %s %s; %s",
		ended, roundWait(e.Waited), object, target(e.Namespace, e.Name), goal, last)
}

// Interrupted reports whether the wait ended because the caller cancelled
// it (Terraform stopping on Ctrl-C) rather than because time ran out.
func (e *WaitTimeoutError) Interrupted() bool { return errors.Is(e.cause, context.Canceled) }

// Unwrap returns the context's error, so errors.Is(err,
// context.DeadlineExceeded) holds.
func (e *WaitTimeoutError) Unwrap() error { return e.cause }

func roundWait(d time.Duration) time.Duration {
	if d >= time.Second {
		return d.Round(time.Second)
	}
	return d.Round(time.Millisecond)
}

// AdoptionError reports that a CreateFunction response was lost and the
// function found afterwards cannot be proven to be the one this call created.
type AdoptionError struct {
	Namespace, Name string
	// Reason says why the function is not provably ours; it names fields,
	// never their values.
	Reason string
}

// Error explains the situation and what the user can do.
func (e *AdoptionError) Error() string {
	return fmt.Sprintf("%s. Import it with `terraform import` (ID %s) or delete it, then apply again", e.Situation(), target(e.Namespace, e.Name))
}

// Situation says what was found and why it was not taken over, without
// advice, for callers that give their own.
func (e *AdoptionError) Situation() string {
	msg := fmt.Sprintf("function %s already exists and this call cannot prove that it created it", target(e.Namespace, e.Name))
	if e.Reason != "" {
		msg += " (" + e.Reason + ")"
	}
	return msg + "; it may have existed before, so it was not taken over"
}

func target(namespace, name string) string {
	switch {
	case name != "":
		return namespace + "/" + name
	default:
		return namespace
	}
}

// toAPIError converts an error of the SDK. tr says what the transport saw
// of the attempt's response.
func toAPIError(o *op, err error, tr *attemptTrace) error {
	status := tr.status
	var sdkErr *tcerr.TencentCloudSDKError
	var inner error
	if errors.As(err, &sdkErr) {
		inner = errors.Unwrap(sdkErr)
	} else {
		// The SDK returns a few plain errors (building the request,
		// decoding a compressed body); give them a code for logs and
		// classification.
		sdkErr = &tcerr.TencentCloudSDKError{Code: codeUnknown, Message: "the SDK failed without an error code"}
		inner = err
	}
	code, msg := sdkErr.Code, sdkErr.Message
	if code == codeParseJSONError && strings.HasPrefix(msg, "Fail to read http body") {
		// The SDK files a body that broke off (or that this package
		// refused to read further) under parse errors; it is I/O.
		code = codeIOError
	}
	if tr.tooLarge {
		code, msg = codeResponseTooLarge, fmt.Sprintf("the response is larger than %d bytes and was not read further", MaxResponseBytes)
	}
	switch code {
	case "":
		// An answer in the legacy error format without a code description.
		code, msg = codeUnknown, "the API answered an error without a code: "+msg
	case codeParseJSONError:
		if status != 0 && status != 200 {
			// A gateway in front of the API answered with a non-JSON
			// body: a transport failure, not a bug.
			code = codeHTTPStatusCodeError
			msg = fmt.Sprintf("HTTP status %d (response body omitted)", status)
		} else {
			msg = sanitizeParseMessage(msg)
		}
	case codeHTTPStatusCodeError:
		// The SDK appends the whole body.
		if i := strings.Index(msg, ", with body:"); i >= 0 {
			msg = msg[:i] + " (response body omitted)"
		}
	}
	// Whatever answered may not be the API: keep its text short, printable
	// and valid UTF-8 before it reaches logs and diagnostics.
	code, msg = cleanText(code, maxCodeLen), cleanText(msg, maxMessageLen)
	rid := cleanText(sdkErr.RequestId, maxCodeLen)
	return &APIError{
		Action:       o.action,
		Code:         code,
		Message:      msg,
		RequestID:    rid,
		Namespace:    o.namespace,
		FunctionName: o.name,
		cause:        tcerr.NewTencentCloudSDKErrorWithCause(code, msg, rid, inner),
		httpStatus:   status,
	}
}

// sanitizeParseMessage drops the response body, which the SDK embeds in
// parse errors and which can hold environment variable values; only the
// decoder's own complaint after the body is kept, shortened.
func sanitizeParseMessage(msg string) string {
	const maxReason = 120
	reason := ""
	if i := strings.LastIndex(msg, ", because: "); i >= 0 {
		reason = msg[i+len(", because: "):]
	}
	reason = cleanText(reason, maxReason)
	if reason == "" {
		return "cannot parse the response (body omitted)"
	}
	return "cannot parse the response (body omitted): " + reason
}

// Limits of text taken from an answer.
const (
	maxCodeLen    = 128
	maxMessageLen = 1000
)

// cleanText makes text from an answer safe to show: invalid UTF-8 and
// control characters (which could forge log lines or drive a terminal)
// become "?" or spaces, and text beyond limit runes is cut with "…".
func cleanText(s string, limit int) string {
	var b strings.Builder
	n := 0
	for _, r := range strings.ToValidUTF8(s, "?") {
		if n == limit {
			b.WriteString("…")
			break
		}
		switch {
		case r == '\n' || r == '\t' || r == '\r':
			r = ' '
		case unicode.IsControl(r) || r == utf8.RuneError:
			r = '?'
		}
		b.WriteRune(r)
		n++
	}
	return strings.TrimSpace(b.String())
}
