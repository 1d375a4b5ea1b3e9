package scfapi_test

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"strings"
	"sync"
	"testing"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

func TestResolveEndpoint(t *testing.T) {
	tests := []struct {
		service, region, override string
		scheme, host              string
	}{
		{"scf", "ap-guangzhou", "", "https", "scf.tencentcloudapi.com"},
		{"tag", "ap-guangzhou", "", "https", "tag.tencentcloudapi.com"},
		{"scf", "ap-shanghai-fsi", "", "https", "scf.ap-shanghai-fsi.tencentcloudapi.com"},
		{"tag", "ap-shanghai-fsi", "", "https", "tag.ap-shanghai-fsi.tencentcloudapi.com"},
		{"scf", "ap-shenzhen-fsi", "", "https", "scf.ap-shenzhen-fsi.tencentcloudapi.com"},
		{"scf", "ap-guangzhou", "http://127.0.0.1:9000", "http", "127.0.0.1:9000"},
		{"tag", "ap-shanghai-fsi", "http://127.0.0.1:9000/", "http", "127.0.0.1:9000"},
		{"scf", "ap-guangzhou", "HTTPS://scf.internal.example", "https", "scf.internal.example"},
		{"scf", "ap-guangzhou", "https://[::1]:8443", "https", "[::1]:8443"},
	}
	for _, tt := range tests {
		scheme, host, err := scfapi.ResolveEndpoint(tt.service, tt.region, tt.override)
		if err != nil || scheme != tt.scheme || host != tt.host {
			t.Errorf("ResolveEndpoint(%q, %q, %q) = %q, %q, %v; want %q, %q",
				tt.service, tt.region, tt.override, scheme, host, err, tt.scheme, tt.host)
		}
	}
	for _, bad := range []string{"127.0.0.1:9000", "ftp://host", "http://", "http://host/path", "http://host?x=1",
		"http://host#f", "http://user:pw@host", "http://host:port", "://x", "scf.tencentcloudapi.com"} {
		if _, _, err := scfapi.ResolveEndpoint("scf", "ap-guangzhou", bad); err == nil {
			t.Errorf("ResolveEndpoint accepted %q", bad)
		}
	}
}

func TestNewValidatesConfig(t *testing.T) {
	valid := func() scfapi.Config {
		return scfapi.Config{Region: "ap-guangzhou", Credential: common.NewCredential("id", testSecretKey)}
	}
	if _, err := scfapi.New(valid()); err != nil {
		t.Fatalf("New(valid) = %v", err)
	}
	tests := map[string]struct {
		edit    func(*scfapi.Config)
		mention string
	}{
		"no region":     {func(c *scfapi.Config) { c.Region = " " }, "region"},
		"no credential": {func(c *scfapi.Config) { c.Credential = nil }, "credential"},
		"bad endpoint":  {func(c *scfapi.Config) { c.Endpoint = "localhost:9000" }, `"localhost:9000"`},
		"zero rate":     {func(c *scfapi.Config) { c.RateLimits = map[string]float64{"GetFunction": 0} }, "GetFunction"},
		"negative rate": {func(c *scfapi.Config) { c.RateLimits = map[string]float64{"CreateFunction": -1} }, "CreateFunction"},
		"NaN rate":      {func(c *scfapi.Config) { c.RateLimits = map[string]float64{"ListFunctions": math.NaN()} }, "ListFunctions"},
	}
	for name, tt := range tests {
		cfg := valid()
		tt.edit(&cfg)
		_, err := scfapi.New(cfg)
		if err == nil || !strings.Contains(err.Error(), tt.mention) {
			t.Errorf("%s: New = %v, want an error naming %s", name, err, tt.mention)
			continue
		}
		secretFree(t, err.Error())
	}
	c, _ := scfapi.New(valid())
	if c.Region() != "ap-guangzhou" {
		t.Errorf("Region() = %q", c.Region())
	}
}

func TestDefaultRateLimits(t *testing.T) {
	limits := scfapi.DefaultRateLimits()
	want := map[string]float64{
		"CreateFunction": 10, "GetFunction": 100, "GetFunctionAddress": 100, "UpdateFunctionCode": 100,
		"UpdateFunctionConfiguration": 100, "DeleteFunction": 100, "ListFunctions": 100,
		"CreateNamespace": 20, "ListNamespaces": 20, "UpdateNamespace": 20, "DeleteNamespace": 20, "ModifyResourceTags": 20,
		"PublishLayerVersion": 20, "GetLayerVersion": 20, "ListLayerVersions": 20, "ListLayers": 20, "DeleteLayerVersion": 20,
		"PublishVersion": 20, "ListVersionByFunction": 20, "ListAliases": 20, "CreateAlias": 20, "UpdateAlias": 20, "GetAlias": 20, "DeleteAlias": 20,
		"PutReservedConcurrencyConfig": 20, "GetReservedConcurrencyConfig": 20, "DeleteReservedConcurrencyConfig": 20,
		"PutProvisionedConcurrencyConfig": 20, "GetProvisionedConcurrencyConfig": 20, "DeleteProvisionedConcurrencyConfig": 20,
		"CreateTrigger": 20, "UpdateTrigger": 20, "UpdateTriggerStatus": 20, "DeleteTrigger": 20, "ListTriggers": 20,
		"Invoke": 100,
	}
	if fmt.Sprint(limits) != fmt.Sprint(want) {
		t.Errorf("DefaultRateLimits() = %v", limits)
	}
	limits["GetFunction"] = 1
	if scfapi.DefaultRateLimits()["GetFunction"] != 100 {
		t.Error("DefaultRateLimits returns shared state")
	}
}

func TestFunctionResourceName(t *testing.T) {
	if got, want := scfapi.FunctionResourceName("ap-guangzhou", "ns", "fn"), "qcs::scf:ap-guangzhou:uin/:namespace/ns/function/fn"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	if got, want := scfapi.FunctionResourceName("ap-guangzhou", "", "fn"), "qcs::scf:ap-guangzhou:uin/:namespace/default/function/fn"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}

// roundTripFunc lets a test stand in for the network.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

func TestDefaultHostsWithoutOverride(t *testing.T) {
	tests := []struct{ region, scfHost, tagHost string }{
		{"ap-guangzhou", "scf.tencentcloudapi.com", "tag.tencentcloudapi.com"},
		{"ap-shanghai-fsi", "scf.ap-shanghai-fsi.tencentcloudapi.com", "tag.ap-shanghai-fsi.tencentcloudapi.com"},
	}
	for _, tt := range tests {
		var mu sync.Mutex
		seen := map[string]string{}
		transport := roundTripFunc(func(r *http.Request) (*http.Response, error) {
			mu.Lock()
			seen[r.Header.Get("X-TC-Action")] = r.URL.Scheme + "://" + r.Host + " region=" + r.Header.Get("X-TC-Region")
			mu.Unlock()
			return &http.Response{
				StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}, Request: r,
				Body: io.NopCloser(strings.NewReader(`{"Response":{"RequestId":"r"}}`)),
			}, nil
		})
		c, err := scfapi.New(scfapi.Config{Region: tt.region, Credential: common.NewCredential("id", "key"), Transport: transport})
		if err != nil {
			t.Fatal(err)
		}
		ctx := testCtx(t)
		if err := c.DeleteNamespace(ctx, "ns"); err != nil {
			t.Fatal(err)
		}
		if err := c.ModifyResourceTags(ctx, "ns", "fn", map[string]string{"k": "v"}, nil); err != nil {
			t.Fatal(err)
		}
		if got, want := seen["DeleteNamespace"], "https://"+tt.scfHost+" region="+tt.region; got != want {
			t.Errorf("SCF call went to %q, want %q", got, want)
		}
		if got, want := seen["ModifyResourceTags"], "https://"+tt.tagHost+" region="+tt.region; got != want {
			t.Errorf("Tag call went to %q, want %q", got, want)
		}
	}
}

func TestLoggerGetsOneCallInfoPerAttempt(t *testing.T) {
	f := newFakeAPI(t, failFirst(1, "RequestLimitExceeded", function("Active")))
	var infos []scfapi.CallInfo
	c := newTestClient(t, f, func(cfg *scfapi.Config) {
		cfg.Logger = func(_ context.Context, info scfapi.CallInfo) { infos = append(infos, info) }
	})
	if err := c.UpdateFunctionConfiguration(testCtx(t), &scfapi.UpdateFunctionConfigurationRequest{
		FunctionName: sp("fn"), Namespace: sp("ns"),
		Environment: &scfapi.Environment{Variables: []*scfapi.Variable{{Key: sp("K"), Value: sp(secretEnvValue)}}},
	}); err != nil {
		t.Fatal(err)
	}
	if len(infos) != 2 {
		t.Fatalf("got %d CallInfos, want 2: %+v", len(infos), infos)
	}
	first, second := infos[0], infos[1]
	if first.Action != "UpdateFunctionConfiguration" || first.Namespace != "ns" || first.FunctionName != "fn" ||
		first.Attempt != 1 || !first.Retry || first.ErrorCode != "RequestLimitExceeded" || first.RequestID != "req-1" {
		t.Errorf("first = %+v", first)
	}
	if second.Attempt != 2 || second.Retry || second.ErrorCode != "" || second.RequestID != "req-2" || second.Duration <= 0 {
		t.Errorf("second = %+v", second)
	}
	text := fmt.Sprintf("%+v", infos)
	secretFree(t, text)
	if strings.Contains(text, secretEnvValue) {
		t.Errorf("CallInfo carries an environment value: %s", text)
	}
}
