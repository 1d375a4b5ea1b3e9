package scfapi_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

func TestErrorClassification(t *testing.T) {
	tests := []struct {
		action, code                      string
		notFound, inUse, throttled, authF bool
	}{
		{"GetFunction", "ResourceNotFound.Function", true, false, false, false},
		{"GetFunction", "ResourceNotFound.FunctionName", true, false, false, false},
		{"GetFunction", "ResourceNotFound.Namespace", true, false, false, false},
		{"GetFunction", "InvalidParameterValue.FunctionName", true, false, false, false},
		{"CreateFunction", "InvalidParameterValue.FunctionName", false, false, false, false},
		{"GetFunction", "ResourceNotFound.Version", false, false, false, false},
		{"CreateFunction", "ResourceInUse.Function", false, true, false, false},
		{"CreateFunction", "ResourceInUse.FunctionName", false, true, false, false},
		{"DeleteNamespace", "ResourceInUse", false, true, false, false},
		{"CreateFunction", "ResourceInUseX", false, false, false, false},
		{"GetFunction", "RequestLimitExceeded", false, false, true, false},
		{"GetFunction", "RequestLimitExceeded.UinLimitExceeded", false, false, true, false},
		{"GetFunction", "LimitExceeded.RateLimitExceeded", false, false, true, false},
		{"CreateFunction", "LimitExceeded.Function", false, false, false, false},
		{"GetFunction", "AuthFailure.SignatureFailure", false, false, false, true},
		{"GetFunction", "AuthFailure", false, false, false, true},
		{"GetFunction", "InternalError", false, false, false, false},
	}
	for _, tt := range tests {
		t.Run(tt.action+"/"+tt.code, func(t *testing.T) {
			err := fmt.Errorf("wrapped: %w", &scfapi.APIError{Action: tt.action, Code: tt.code})
			if got := scfapi.IsNotFound(err); got != tt.notFound {
				t.Errorf("IsNotFound = %v", got)
			}
			if got := scfapi.IsInUse(err); got != tt.inUse {
				t.Errorf("IsInUse = %v", got)
			}
			if got := scfapi.IsThrottled(err); got != tt.throttled {
				t.Errorf("IsThrottled = %v", got)
			}
			if got := scfapi.IsAuthFailure(err); got != tt.authF {
				t.Errorf("IsAuthFailure = %v", got)
			}
			if got := scfapi.ErrorCode(err); got != tt.code {
				t.Errorf("ErrorCode = %q", got)
			}
		})
	}
	for code, busy := range map[string]bool{
		"FailedOperation.FunctionStatusError": true, "FailedOperation.UpdateFunctionCode": true,
		"FailedOperation.DeleteFunction": true, "FailedOperation.FunctionNameStatusError": true,
		"FailedOperation.CreateFunction": false, "ResourceInUse.Function": false,
	} {
		if got := scfapi.IsBusy(&scfapi.APIError{Code: code}); got != busy {
			t.Errorf("IsBusy(%s) = %v", code, got)
		}
	}
	plain := errors.New("plain")
	if scfapi.IsNotFound(plain) || scfapi.IsThrottled(nil) || scfapi.ErrorCode(plain) != "" || scfapi.ErrorCode(nil) != "" {
		t.Error("a non-API error was classified")
	}
}

func TestAPIErrorText(t *testing.T) {
	f := newFakeAPI(t, func(call) reply {
		return reply{Code: "InvalidParameterValue.MemorySize", Message: "MemorySize must be a multiple of 128"}
	})
	c := newTestClient(t, f, nil)
	err := c.CreateFunction(testCtx(t), &scfapi.CreateFunctionRequest{FunctionName: sp("fn"), Namespace: sp("ns")})
	var apiErr *scfapi.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("got %T %v, want *APIError", err, err)
	}
	want := "CreateFunction ns/fn: InvalidParameterValue.MemorySize: MemorySize must be a multiple of 128 (RequestId: req-1)"
	if err.Error() != want {
		t.Errorf("Error() = %q\nwant      %q", err.Error(), want)
	}
	if apiErr.RequestID != "req-1" || apiErr.Namespace != "ns" || apiErr.FunctionName != "fn" || apiErr.Action != "CreateFunction" {
		t.Errorf("fields = %+v", apiErr)
	}
	secretFree(t, err.Error())
	if errors.Unwrap(apiErr) == nil {
		t.Error("the SDK error is not kept as cause")
	}
}

func TestNetworkErrorText(t *testing.T) {
	f := newFakeAPI(t, func(call) reply { return reply{Drop: true} })
	c := newTestClient(t, f, func(cfg *scfapi.Config) { cfg.MaxRetries = -1 })
	_, err := c.GetFunction(testCtx(t), "ns", "fn")
	if scfapi.ErrorCode(err) != "ClientError.NetworkError" {
		t.Fatalf("got %v, want a network error", err)
	}
	text := err.Error()
	if !strings.HasPrefix(text, "GetFunction ns/fn: ClientError.NetworkError: ") || !strings.Contains(text, "(RequestId: none): ") {
		t.Errorf("Error() = %q", text)
	}
	secretFree(t, text)
}

func TestUnparsableBodyIsNotQuoted(t *testing.T) {
	const envValue = "ENV-VALUE-FROM-BODY"
	f := newFakeAPI(t, func(call) reply {
		return reply{Raw: `{"Response":{"Environment":{"Variables":[{"Key":"K","Value":"` + envValue + `"}]}`}
	})
	c := newTestClient(t, f, nil)
	_, err := c.GetFunction(testCtx(t), "ns", "fn")
	if scfapi.ErrorCode(err) != "ClientError.ParseJsonError" {
		t.Fatalf("got %v, want a parse error", err)
	}
	if strings.Contains(err.Error(), envValue) || strings.Contains(fmt.Sprintf("%v", errors.Unwrap(err)), envValue) {
		t.Errorf("error text quotes the body: %q", err.Error())
	}
	// A parse error is a bug, not a transient failure.
	if n := len(f.Calls("")); n != 1 {
		t.Errorf("sent %d times, want 1", n)
	}
}

func TestGatewayErrorBodyIsNotQuotedAndReadsRetry(t *testing.T) {
	f := newFakeAPI(t, func(c call) reply {
		if c.N == 1 {
			return reply{Status: 502, Raw: "<html>bad gateway SECRET-ISH PAGE</html>"}
		}
		if c.N == 2 {
			return reply{Status: 503, Raw: `{"note":"SECRET-ISH JSON"}`}
		}
		return reply{Resp: function("Active")}
	})
	var codes []string
	c := newTestClient(t, f, func(cfg *scfapi.Config) {
		cfg.Logger = func(_ context.Context, info scfapi.CallInfo) { codes = append(codes, info.ErrorCode) }
	})
	if _, err := c.GetFunction(testCtx(t), "ns", "fn"); err != nil {
		t.Fatalf("GetFunction: %v", err)
	}
	want := []string{"ClientError.HttpStatusCodeError", "ClientError.HttpStatusCodeError", ""}
	if fmt.Sprint(codes) != fmt.Sprint(want) {
		t.Errorf("attempt codes = %q, want %q", codes, want)
	}

	f2 := newFakeAPI(t, func(call) reply { return reply{Status: 502, Raw: "<html>SECRET-ISH PAGE</html>"} })
	c2 := newTestClient(t, f2, func(cfg *scfapi.Config) { cfg.MaxRetries = -1 })
	_, err := c2.GetFunction(testCtx(t), "ns", "fn")
	if err == nil || strings.Contains(err.Error(), "SECRET-ISH") || !strings.Contains(err.Error(), "502") {
		t.Errorf("error = %v", err)
	}
}

func TestStatusErrorText(t *testing.T) {
	err := &scfapi.StatusError{Namespace: "ns", Name: "fn", Status: "CreateFailed", Reasons: []scfapi.StatusReason{
		{ErrorCode: "InvalidParameterValue.Handler", ErrorMessage: "bad handler"}, {ErrorCode: "X", ErrorMessage: "second"},
	}}
	if got, want := err.Error(), "function ns/fn is CreateFailed: InvalidParameterValue.Handler: bad handler; X: second"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	bare := &scfapi.StatusError{Namespace: "ns", Name: "fn", Status: "UpdateFailed", StatusDesc: "desc"}
	if got, want := bare.Error(), "function ns/fn is UpdateFailed: desc"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestWaitTimeoutErrorText(t *testing.T) {
	err := &scfapi.WaitTimeoutError{Namespace: "ns", Name: "fn", Status: "Creating", Waited: 2*time.Minute + 300*time.Millisecond, Target: "Active"}
	if got, want := err.Error(), "timed out after 2m0s waiting for function ns/fn to become Active; it is still Creating"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	del := &scfapi.WaitTimeoutError{Namespace: "ns", Name: "fn", Waited: 15 * time.Millisecond, Target: "deleted"}
	if got, want := del.Error(), "timed out after 15ms waiting for function ns/fn to be deleted; no status could be read"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}
