package provider

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// createFunctionDocumentCodes is every error code of the CreateFunction API
// document, with the attribute the diagnostic must point at ("" when no
// single attribute is responsible, or when the attribute's source could show
// the Git password: `code` and `code.git_password`).
var createFunctionDocumentCodes = map[string]string{
	"FailedOperation.CreateFunction":          "",
	"FailedOperation.Namespace":               "namespace",
	"InternalError":                           "",
	"InternalError.System":                    "",
	"InvalidParameter.Payload":                "",
	"InvalidParameterValue":                   "",
	"InvalidParameterValue.Cls":               "cls_logset_id",
	"InvalidParameterValue.Code":              "",
	"InvalidParameterValue.CodeSecret":        "",
	"InvalidParameterValue.CodeSource":        "code_source",
	"InvalidParameterValue.Cos":               "code.cos_object_name",
	"InvalidParameterValue.CosBucketName":     "code.cos_bucket_name",
	"InvalidParameterValue.CosObjectName":     "code.cos_object_name",
	"InvalidParameterValue.Description":       "description",
	"InvalidParameterValue.EipConfig":         "public_net_config.eip_config",
	"InvalidParameterValue.Environment":       "environment",
	"InvalidParameterValue.FunctionName":      "name",
	"InvalidParameterValue.Handler":           "handler",
	"InvalidParameterValue.Layers":            "layers",
	"InvalidParameterValue.MemorySize":        "memory_size",
	"InvalidParameterValue.Namespace":         "namespace",
	"InvalidParameterValue.PublicNetConfig":   "public_net_config",
	"InvalidParameterValue.Runtime":           "runtime",
	"InvalidParameterValue.TempCosObjectName": "code.temp_cos_object_name",
	"InvalidParameterValue.Type":              "type",
	"InvalidParameterValue.ZipFile":           "code.zip_file",
	"LimitExceeded.Eip":                       "public_net_config.eip_config",
	"LimitExceeded.Function":                  "",
	"LimitExceeded.Memory":                    "memory_size",
	"LimitExceeded.Timeout":                   "timeout",
	"MissingParameter.Code":                   "",
	"MissingParameter.Runtime":                "runtime",
	"ResourceInUse.Function":                  "name",
	"ResourceInUse.FunctionName":              "name",
	"ResourceNotFound.Cmq":                    "dead_letter_config",
	"ResourceNotFound.Demo":                   "code.demo_id",
	"ResourceNotFound.Layer":                  "layers",
	"ResourceNotFound.Namespace":              "namespace",
	"ResourceNotFound.Role":                   "role",
	"ResourceNotFound.Vpc":                    "vpc_config",
	"ResourceUnavailable.Namespace":           "namespace",
	"UnauthorizedOperation.CAM":               "",
	"UnauthorizedOperation.Region":            "",
	"UnauthorizedOperation.Role":              "role",
	"UnauthorizedOperation.TempCosAppid":      "code.temp_cos_object_name",
	"UnsupportedOperation":                    "",
}

func pathFromDots(s string) path.Path {
	if s == "" {
		return path.Empty()
	}
	parts := strings.Split(s, ".")
	p := path.Root(parts[0])
	for _, part := range parts[1:] {
		p = p.AtName(part)
	}
	return p
}

func TestAddAPIErrorCoversTheCreateFunctionDocument(t *testing.T) {
	t.Parallel()
	for code, attribute := range createFunctionDocumentCodes {
		t.Run(code, func(t *testing.T) {
			t.Parallel()
			if _, ok := functionDiagnostics.hints[code]; !ok {
				t.Fatalf("no hint for %s", code)
			}
			var diags diag.Diagnostics
			err := &scfapi.APIError{Action: scfapi.ActionCreateFunction, Code: code, Message: "the service's message.", RequestID: "req-123"}
			functionDiagnostics.addAPIError(&diags, summaryCreate, "creating function default/f", err)
			if len(diags) != 1 {
				t.Fatalf("got %d diagnostics", len(diags))
			}
			d := diags[0]
			if d.Summary() != summaryCreate {
				t.Errorf("summary %q", d.Summary())
			}
			for _, want := range []string{code, "the service's message", "RequestId: req-123", "creating function default/f"} {
				if !strings.Contains(d.Detail(), want) {
					t.Errorf("detail lacks %q:\n%s", want, d.Detail())
				}
			}
			if strings.Count(d.Detail(), "\n\n") < 1 {
				t.Errorf("detail has no advice paragraph:\n%s", d.Detail())
			}
			got := path.Empty()
			if withPath, ok := d.(diag.DiagnosticWithPath); ok {
				got = withPath.Path()
			}
			if want := pathFromDots(attribute); got.String() != want.String() {
				t.Errorf("attribute %q, want %q", got, want)
			}
			// Terraform prints the line of a top-level attribute, but not of
			// one inside `code = { ... }`: then the detail names it.
			named := strings.HasPrefix(d.Detail(), "Attribute "+attribute+": while creating function default/f, ")
			if nested := strings.Contains(attribute, "."); nested != named {
				t.Errorf("attribute %s: detail names it: %v, want %v:\n%s", attribute, named, nested, d.Detail())
			}
		})
	}
}

func TestDescribeErrorForWaitsAndAdoption(t *testing.T) {
	t.Parallel()
	cases := []struct {
		err  error
		want []string
	}{
		{&scfapi.StatusError{Namespace: "default", Name: "f", Status: scfapi.StatusCreateFailed,
			Reasons: []scfapi.StatusReason{{ErrorCode: "InstallFailed", ErrorMessage: "pip failed"}}},
			[]string{"CreateFailed", "InstallFailed: pip failed", "tainted"}},
		{&scfapi.WaitTimeoutError{Namespace: "default", Name: "f", Status: scfapi.StatusCreating, Target: scfapi.StatusActive},
			[]string{"Creating", "timeouts"}},
		{&scfapi.APIError{Code: "AuthFailure.SignatureExpire", Message: "expired", RequestID: "r1"},
			[]string{"AuthFailure.SignatureExpire", "clock"}},
		{fmt.Errorf("CreateFunction default/f: waiting for the rate limiter: %w", context.Canceled),
			[]string{"Terraform was stopped before it finished", "Nothing is lost"}},
	}
	for _, tc := range cases {
		detail, _ := functionDiagnostics.describe("creating function default/f", tc.err)
		for _, want := range tc.want {
			if !strings.Contains(detail, want) {
				t.Errorf("%T detail lacks %q:\n%s", tc.err, want, detail)
			}
		}
	}
}
