package fakescf_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	sdkerrors "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

func sdkClient(t *testing.T, baseURL string, unsigned bool, cred common.CredentialIface) *common.Client {
	t.Helper()
	cpf := profile.NewClientProfile()
	cpf.HttpProfile.Endpoint = strings.TrimPrefix(baseURL, "http://")
	cpf.HttpProfile.Scheme = "HTTP"
	cpf.HttpProfile.ReqTimeout = 10
	cpf.UnsignedPayload = unsigned
	return common.NewCommonClient(cred, "ap-guangzhou", cpf)
}

func sdkSend(t *testing.T, c *common.Client, service, version, action, params string) ([]byte, error) {
	t.Helper()
	req := tchttp.NewCommonRequest(service, version, action)
	if err := req.SetActionParameters(params); err != nil {
		t.Fatal(err)
	}
	req.SetContext(t.Context())
	resp := tchttp.NewCommonResponse()
	err := c.Send(req, resp)
	return resp.GetBody(), err
}

// TestOfficialSDKIsAccepted proves that requests signed by the official SDK
// pass the fake's verifier, signed and unsigned payload alike, and that the
// SDK understands the fake's error envelope.
func TestOfficialSDKIsAccepted(t *testing.T) {
	_, base, stop, err := fakescf.StartLocal(fakescf.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	cred := common.NewCredential(fakescf.DefaultSecretID, fakescf.DefaultSecretKey)
	for _, unsigned := range []bool{false, true} {
		c := sdkClient(t, base, unsigned, cred)
		_, err := sdkSend(t, c, "scf", "2018-04-16", "CreateFunction",
			`{"FunctionName":"sdk-fn","Code":{"DemoId":"demo-hello-python"},"Runtime":"Python3.9","Description":"made by the SDK"}`)
		if unsigned {
			// The function exists after the first pass.
			var sdkErr *sdkerrors.TencentCloudSDKError
			if !errors.As(err, &sdkErr) || sdkErr.GetCode() != "ResourceInUse.Function" || sdkErr.GetRequestId() == "" {
				t.Fatalf("second create: %v", err)
			}
		} else if err != nil {
			t.Fatalf("CreateFunction through the SDK: %v", err)
		}
		body, err := sdkSend(t, c, "scf", "2018-04-16", "GetFunction", `{"FunctionName":"sdk-fn"}`)
		if err != nil {
			t.Fatalf("GetFunction (unsigned=%v): %v", unsigned, err)
		}
		var got struct {
			Response struct{ FunctionName, Status, Description string }
		}
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		if got.Response.FunctionName != "sdk-fn" || got.Response.Description != "made by the SDK" {
			t.Fatalf("GetFunction returned %+v", got.Response)
		}
	}
	tags := sdkClient(t, base, false, cred)
	if _, err := sdkSend(t, tags, "tag", "2018-08-13", "ModifyResourceTags",
		`{"Resource":"qcs::scf:ap-guangzhou:uin/:namespace/default/function/sdk-fn","ReplaceTags":[{"TagKey":"team","TagValue":"a"}]}`); err != nil {
		t.Fatalf("ModifyResourceTags through the SDK: %v", err)
	}
	bad := sdkClient(t, base, false, common.NewCredential(fakescf.DefaultSecretID, "wrong"))
	_, err = sdkSend(t, bad, "scf", "2018-04-16", "ListFunctions", `{}`)
	var sdkErr *sdkerrors.TencentCloudSDKError
	if !errors.As(err, &sdkErr) || sdkErr.GetCode() != "AuthFailure.SignatureFailure" {
		t.Fatalf("wrong key: %v", err)
	}
	token := sdkClient(t, base, false, common.NewTokenCredential(fakescf.DefaultSecretID, fakescf.DefaultSecretKey, "ignored"))
	if _, err := sdkSend(t, token, "scf", "2018-04-16", "ListNamespaces", `{}`); err != nil {
		t.Fatalf("a token on a permanent key must be ignored: %v", err)
	}
}
