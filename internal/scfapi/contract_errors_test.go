package scfapi_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// createFunctionDocumentCodes is the error code table of the CreateFunction
// API document (shared/reference/CreateFunction-api.txt, section 6).
var createFunctionDocumentCodes = []string{
	"FailedOperation.CreateFunction", "FailedOperation.Namespace", "InternalError", "InternalError.System",
	"InvalidParameter.Payload", "InvalidParameterValue", "InvalidParameterValue.Cls", "InvalidParameterValue.Code",
	"InvalidParameterValue.CodeSecret", "InvalidParameterValue.CodeSource", "InvalidParameterValue.Cos",
	"InvalidParameterValue.CosBucketName", "InvalidParameterValue.CosObjectName", "InvalidParameterValue.Description",
	"InvalidParameterValue.EipConfig", "InvalidParameterValue.Environment", "InvalidParameterValue.FunctionName",
	"InvalidParameterValue.Handler", "InvalidParameterValue.Layers", "InvalidParameterValue.MemorySize",
	"InvalidParameterValue.Namespace", "InvalidParameterValue.PublicNetConfig", "InvalidParameterValue.Runtime",
	"InvalidParameterValue.TempCosObjectName", "InvalidParameterValue.Type", "InvalidParameterValue.ZipFile",
	"LimitExceeded.Eip", "LimitExceeded.Function", "LimitExceeded.Memory", "LimitExceeded.Timeout",
	"MissingParameter.Code", "MissingParameter.Runtime", "ResourceInUse.Function", "ResourceInUse.FunctionName",
	"ResourceNotFound.Cmq", "ResourceNotFound.Demo", "ResourceNotFound.Layer", "ResourceNotFound.Namespace",
	"ResourceNotFound.Role", "ResourceNotFound.Vpc", "ResourceUnavailable.Namespace", "UnauthorizedOperation.CAM",
	"UnauthorizedOperation.Region", "UnauthorizedOperation.Role", "UnauthorizedOperation.TempCosAppid",
	"UnsupportedOperation",
}

// createErrorCase makes the fake answer CreateFunction with code.
type createErrorCase struct {
	code string
	// injected rows have no natural trigger in the fake: InjectError.
	injected bool
	// undocumented rows are codes the fake produces that the document's
	// table lacks (scf-api.md names them).
	undocumented bool
	opts         func(*fakescf.Options)
	cfg          func(*scfapi.Config)
	// setup runs before the failing call, e.g. to create a clashing function.
	setup func(h *contract)
	edit  func(r *scfapi.CreateFunctionRequest)
}

type createReq = scfapi.CreateFunctionRequest

func withCode(c scfapi.Code) func(*createReq) { return func(r *createReq) { r.Code = &c } }

func withFixtures(edit func(*fakescf.Fixtures)) func(*fakescf.Options) {
	return func(o *fakescf.Options) {
		fx := fakescf.DefaultFixtures()
		edit(fx)
		o.Fixtures = fx
	}
}

func eip() *scfapi.PublicNetConfigIn {
	return &scfapi.PublicNetConfigIn{PublicNetStatus: sp("ENABLE"), EipConfig: &scfapi.EipConfigIn{EipStatus: sp("ENABLE")}}
}

func createErrorCases() []createErrorCase {
	hugeIdle := uint64(math.MaxUint64)
	cos := func(bucket, object string) func(*createReq) {
		return withCode(scfapi.Code{CosBucketName: sp(bucket), CosObjectName: sp(object)})
	}
	natural := []createErrorCase{
		// An integer beyond int64: the only malformed payload typed fields can send.
		{code: "InvalidParameter.Payload", edit: func(r *createReq) {
			r.ProtocolParams = &scfapi.ProtocolParams{WSParams: &scfapi.WSParams{IdleTimeOut: &hugeIdle}}
		}},
		{code: "InvalidParameterValue", edit: func(r *createReq) { r.Timeout = ip(0) }},
		{code: "InvalidParameterValue.Cls", edit: func(r *createReq) { r.ClsLogsetId = sp("cls-logset-demo") }},
		{code: "InvalidParameterValue.Code", edit: withCode(scfapi.Code{ZipFile: b64([]byte("zip")), CosBucketName: sp("scf-code"), CosObjectName: sp("/demo/code.zip")})},
		{code: "InvalidParameterValue.CodeSecret", edit: func(r *createReq) {
			r.CodeSource = sp("Git")
			r.Code = &scfapi.Code{GitUrl: sp("https://git.example.com/team/functions.git"), GitUserName: sp("bot")}
		}},
		{code: "InvalidParameterValue.CodeSource", edit: func(r *createReq) { r.CodeSource = sp("Ftp") }},
		{code: "InvalidParameterValue.Cos", edit: cos("scf-code", "/demo/none.zip")},
		{code: "InvalidParameterValue.CosBucketName", edit: cos("Scf_Code", "/demo/code.zip")},
		{code: "InvalidParameterValue.CosObjectName", edit: cos("scf-code", "demo/code.zip")},
		{code: "InvalidParameterValue.Description", edit: func(r *createReq) { r.Description = sp("semi;colon") }},
		{code: "InvalidParameterValue.EipConfig", edit: func(r *createReq) {
			r.PublicNetConfig = &scfapi.PublicNetConfigIn{PublicNetStatus: sp("ENABLE"), EipConfig: &scfapi.EipConfigIn{EipStatus: sp("ON")}}
		}},
		{code: "InvalidParameterValue.Environment", edit: func(r *createReq) { r.Environment = env("1KEY", "v") }},
		{code: "InvalidParameterValue.FunctionName", edit: func(r *createReq) { r.FunctionName = sp("1fn") }},
		{code: "InvalidParameterValue.Handler", edit: func(r *createReq) { r.Handler = sp("index") }},
		{code: "InvalidParameterValue.Layers", edit: func(r *createReq) {
			r.Layers = []*scfapi.LayerVersionSimple{{LayerName: sp("common-libs"), LayerVersion: ip(0)}}
		}},
		{code: "InvalidParameterValue.MemorySize", edit: func(r *createReq) { r.MemorySize = ip(100) }},
		{code: "InvalidParameterValue.Namespace", edit: func(r *createReq) { r.Namespace = sp("bad ns") }},
		{code: "InvalidParameterValue.PublicNetConfig", edit: func(r *createReq) { r.PublicNetConfig = &scfapi.PublicNetConfigIn{PublicNetStatus: sp("ON")} }},
		{code: "InvalidParameterValue.Runtime", edit: func(r *createReq) { r.Runtime = sp("Ruby2.7") }},
		{code: "InvalidParameterValue.TempCosObjectName", edit: withCode(scfapi.Code{TempCosObjectName: sp("/abc/code.zip")})},
		{code: "InvalidParameterValue.Type", edit: func(r *createReq) { r.Type = sp("Timer") }},
		{code: "InvalidParameterValue.ZipFile", edit: withCode(scfapi.Code{ZipFile: b64([]byte("plain text, not a zip"))})},
		{code: "LimitExceeded.Eip", opts: withFixtures(func(fx *fakescf.Fixtures) { fx.EipLimit = 1 }),
			setup: func(h *contract) {
				other := zipRequest(h.t, "other")
				other.PublicNetConfig = eip()
				h.create(other)
			},
			edit: func(r *createReq) { r.PublicNetConfig = eip() }},
		{code: "LimitExceeded.Function", opts: withFixtures(func(fx *fakescf.Fixtures) { fx.FunctionLimit = 1 }),
			setup: func(h *contract) { h.create(zipRequest(h.t, "other")) }},
		{code: "LimitExceeded.Memory", edit: func(r *createReq) { r.MemorySize = ip(3200) }},
		{code: "LimitExceeded.Timeout", edit: func(r *createReq) { r.Timeout = ip(901) }},
		{code: "MissingParameter.Code", edit: func(r *createReq) { r.Code = nil }},
		{code: "MissingParameter.Runtime", edit: func(r *createReq) { r.Runtime = sp("") }},
		{code: "ResourceInUse.Function", setup: func(h *contract) { h.create(zipRequest(h.t, "fn")) }},
		// The name is taken by a function that is still being deleted.
		{code: "ResourceInUse.FunctionName", opts: func(o *fakescf.Options) { o.DeleteDelay = time.Minute },
			setup: func(h *contract) {
				h.create(zipRequest(h.t, "fn"))
				if err := h.c.DeleteFunction(h.ctx, "", "fn"); err != nil {
					h.t.Fatal(err)
				}
			}},
		{code: "ResourceNotFound.Cmq", edit: func(r *createReq) {
			r.DeadLetterConfig = &scfapi.DeadLetterConfig{Type: sp("CMQ-QUEUE"), Name: sp("nope")}
		}},
		{code: "ResourceNotFound.Demo", edit: withCode(scfapi.Code{DemoId: sp("demo-nothing")})},
		{code: "ResourceNotFound.Layer", edit: func(r *createReq) {
			r.Layers = []*scfapi.LayerVersionSimple{{LayerName: sp("common-libs"), LayerVersion: ip(9)}}
		}},
		{code: "ResourceNotFound.Namespace", edit: func(r *createReq) { r.Namespace = sp("nowhere") }},
		{code: "ResourceNotFound.Role", edit: func(r *createReq) { r.Role = sp("NoSuchRole") }},
		{code: "ResourceNotFound.Vpc", edit: func(r *createReq) {
			r.VpcConfig = &scfapi.VpcConfig{VpcId: sp("vpc-demo0002"), SubnetId: sp("subnet-demo0001")}
		}},
		{code: "ResourceUnavailable.Namespace", edit: func(r *createReq) { r.Namespace = sp("frozen") }},
		{code: "UnauthorizedOperation.CAM", opts: func(o *fakescf.Options) {
			o.Credentials = []fakescf.Credential{{
				SecretID: fakescf.DefaultSecretID, SecretKey: fakescf.DefaultSecretKey, DeniedActions: []string{scfapi.ActionCreateFunction},
			}}
		}},
		{code: "UnauthorizedOperation.Region", cfg: func(c *scfapi.Config) { c.Region = "ap-nowhere" }},
		{code: "UnauthorizedOperation.Role", edit: cos("scf-private", "/secret/code.zip")},
		{code: "UnauthorizedOperation.TempCosAppid", edit: withCode(scfapi.Code{TempCosObjectName: sp("/1300000000/code.zip")})},
		{code: "UnsupportedOperation", edit: func(r *createReq) { r.InstallDependency = sp("TRUE") }},

		{code: "LimitExceeded.InitTimeout", undocumented: true, edit: func(r *createReq) { r.InitTimeout = ip(301) }},
		{code: "InvalidParameterValue.EnvironmentExceededLimit", undocumented: true,
			edit: func(r *createReq) { r.Environment = env("BIG", strings.Repeat("s", 4094)) }},
		{code: "InvalidParameterValue.VpcNotSetWhenOpenCfs", undocumented: true, edit: func(r *createReq) {
			r.CfsConfig = &scfapi.CfsConfig{CfsInsList: []*scfapi.CfsInsInfo{{
				UserId: sp("10000"), UserGroupId: sp("10000"), CfsId: sp("cfs-demo01"), MountInsId: sp("cfs-demo01"),
				LocalMountDir: sp("/mnt/data"), RemoteMountDir: sp("/"),
			}}}
		}},
	}
	for _, code := range []string{"FailedOperation.CreateFunction", "FailedOperation.Namespace", "InternalError", "InternalError.System"} {
		row := createErrorCase{code: code, injected: true}
		if strings.HasPrefix(code, "InternalError") {
			// After an InternalError the service may have created the
			// function anyway, so the client may look it up and send
			// again; without retries the injected answer is the call's.
			row.cfg = func(c *scfapi.Config) { c.MaxRetries = -1 }
		}
		natural = append(natural, row)
	}
	return natural
}

func TestContractCreateFunctionErrorCodes(t *testing.T) {
	for _, tc := range createErrorCases() {
		name := tc.code
		if tc.injected {
			name += "/injected"
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var opts fakescf.Options
			if tc.opts != nil {
				tc.opts(&opts)
			}
			h := newContract(t, opts, tc.cfg)
			if tc.setup != nil {
				tc.setup(h)
			}
			if tc.injected {
				h.srv.InjectError(scfapi.ActionCreateFunction, tc.code, "injected for a contract test", 1)
			}
			names := h.srv.FunctionNames(scfapi.DefaultNamespace)
			r := zipRequest(t, "fn")
			if tc.edit != nil {
				tc.edit(r)
			}
			before := h.srv.Stats()

			err := h.c.CreateFunction(h.ctx, r)

			var apiErr *scfapi.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("CreateFunction: %v (%T), want *scfapi.APIError", err, err)
			}
			if apiErr.Code != tc.code || apiErr.Action != scfapi.ActionCreateFunction {
				t.Errorf("code %s from %s, want %s: %v", apiErr.Code, apiErr.Action, tc.code, err)
			}
			if apiErr.RequestID == "" || !strings.Contains(err.Error(), "RequestId: "+apiErr.RequestID) {
				t.Errorf("error %q: want a RequestId and the error text to carry it", err)
			}
			after := h.srv.Stats()
			if n := after.Requests[scfapi.ActionCreateFunction] - before.Requests[scfapi.ActionCreateFunction]; n != 1 {
				t.Errorf("CreateFunction sent %d times; the client must not retry %s", n, tc.code)
			}
			if n := after.Requests[scfapi.ActionGetFunction] - before.Requests[scfapi.ActionGetFunction]; n != 0 && !strings.HasPrefix(tc.code, "InternalError") {
				t.Errorf("an answered refusal led to %d GetFunction lookups", n)
			}
			if got := h.srv.FunctionNames(scfapi.DefaultNamespace); !slices.Equal(got, names) {
				t.Errorf("functions after the refused create: %v, before: %v", got, names)
			}
		})
	}
}

// TestContractCreateFunctionErrorCodesAreComplete keeps the table honest:
// every code of the document has a row, natural unless the fake documents
// that it has no trigger for it.
func TestContractCreateFunctionErrorCodesAreComplete(t *testing.T) {
	rows := map[string]createErrorCase{}
	natural, injected := 0, 0
	for _, tc := range createErrorCases() {
		if _, dup := rows[tc.code]; dup {
			t.Errorf("two rows for %s", tc.code)
		}
		rows[tc.code] = tc
		if tc.undocumented == slices.Contains(createFunctionDocumentCodes, tc.code) {
			t.Errorf("%s: undocumented = %v disagrees with the document's table", tc.code, tc.undocumented)
		}
		if tc.undocumented {
			continue
		}
		if tc.injected {
			injected++
		} else {
			natural++
		}
	}
	for _, code := range createFunctionDocumentCodes {
		if _, ok := rows[code]; !ok {
			t.Errorf("document code %s has no row", code)
		}
	}
	t.Logf("contract: %d CreateFunction document codes: %d from real requests, %d injected", len(createFunctionDocumentCodes), natural, injected)
}
