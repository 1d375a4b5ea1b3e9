package scfapi_test

import (
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

func keysOf(m map[string]any) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

func TestCreateFunctionRequestOnTheWire(t *testing.T) {
	f := newFakeAPI(t, func(call) reply { return ok() })
	c := newTestClient(t, f, nil)
	req := &scfapi.CreateFunctionRequest{
		FunctionName: sp("fn"),
		Namespace:    sp("team"),
		Handler:      sp("index.main"),
		Runtime:      sp("Python3.9"),
		MemorySize:   ip(256),
		Code:         &scfapi.Code{ZipFile: sp("UEsDBA==")},
		Environment:  &scfapi.Environment{Variables: []*scfapi.Variable{{Key: sp("A"), Value: sp("1")}}},
		Layers:       []*scfapi.LayerVersionSimple{{LayerName: sp("l1"), LayerVersion: ip(2)}},
		Description:  sp(""),
	}
	if err := c.CreateFunction(testCtx(t), req); err != nil {
		t.Fatalf("CreateFunction: %v", err)
	}
	if req.BaseRequest != nil {
		t.Error("CreateFunction modified the caller's request")
	}
	calls := f.Calls("")
	if len(calls) != 1 {
		t.Fatalf("got %d calls, want 1", len(calls))
	}
	got := calls[0]
	if got.Action != "CreateFunction" || got.Version != "2018-04-16" || got.Region != testRegion || got.Service() != "scf" {
		t.Errorf("headers: action %q version %q region %q service %q", got.Action, got.Version, got.Region, got.Service())
	}
	if got.Token != testToken {
		t.Errorf("X-TC-Token = %q", got.Token)
	}
	if !strings.Contains(got.Auth, "TC3-HMAC-SHA256 Credential="+testSecretID+"/") {
		t.Errorf("Authorization = %q", got.Auth)
	}
	body := got.JSON(t)
	// Nil fields are left out; an empty string that was set is sent.
	want := []string{"Code", "Description", "Environment", "FunctionName", "Handler", "Layers", "MemorySize", "Namespace", "Runtime"}
	if keys := keysOf(body); !slices.Equal(keys, want) {
		t.Errorf("body keys = %v, want %v", keys, want)
	}
	if body["MemorySize"] != float64(256) || body["Description"] != "" {
		t.Errorf("body = %v", body)
	}
	if s := string(got.Body); !strings.Contains(s, `"Variables":[{"Key":"A","Value":"1"}]`) ||
		!strings.Contains(s, `"Layers":[{"LayerName":"l1","LayerVersion":2}]`) ||
		!strings.Contains(s, `"Code":{"ZipFile":"UEsDBA=="}`) {
		t.Errorf("body = %s", s)
	}
}

func TestUpdateConfigurationSendsClearingSentinels(t *testing.T) {
	f := newFakeAPI(t, func(call) reply { return ok() })
	c := newTestClient(t, f, nil)
	req := &scfapi.UpdateFunctionConfigurationRequest{
		FunctionName: sp("fn"),
		Environment:  &scfapi.Environment{Variables: []*scfapi.Variable{{Key: sp(""), Value: sp("")}}},
		Layers:       []*scfapi.LayerVersionSimple{{LayerName: sp(""), LayerVersion: ip(0)}},
	}
	if err := c.UpdateFunctionConfiguration(testCtx(t), req); err != nil {
		t.Fatalf("UpdateFunctionConfiguration: %v", err)
	}
	got := f.Calls("UpdateFunctionConfiguration")[0]
	want := `{"FunctionName":"fn","Environment":{"Variables":[{"Key":"","Value":""}]},"Layers":[{"LayerName":"","LayerVersion":0}]}`
	if string(got.Body) != want {
		t.Errorf("body = %s\nwant   %s", got.Body, want)
	}
}

func TestEveryActionOnTheWire(t *testing.T) {
	type want struct {
		action, service, version string
		body                     map[string]any
	}
	tests := []struct {
		name string
		run  func(ctx context.Context, c *scfapi.Client) error
		want want
	}{
		{"GetFunction", func(ctx context.Context, c *scfapi.Client) error {
			_, err := c.GetFunction(ctx, "", "fn")
			return err
		}, want{"GetFunction", "scf", "2018-04-16", map[string]any{"FunctionName": "fn", "Namespace": "default"}}},
		{"GetFunctionAddress", func(ctx context.Context, c *scfapi.Client) error {
			_, err := c.GetFunctionAddress(ctx, "ns", "fn")
			return err
		}, want{"GetFunctionAddress", "scf", "2018-04-16", map[string]any{"FunctionName": "fn", "Namespace": "ns"}}},
		{"UpdateFunctionCode", func(ctx context.Context, c *scfapi.Client) error {
			return c.UpdateFunctionCode(ctx, &scfapi.UpdateFunctionCodeRequest{
				FunctionName: sp("fn"), Handler: sp("a.b"), Code: &scfapi.Code{CosBucketName: sp("b"), CosObjectName: sp("/o.zip")},
			})
		}, want{"UpdateFunctionCode", "scf", "2018-04-16", map[string]any{
			"FunctionName": "fn", "Handler": "a.b", "Code": map[string]any{"CosBucketName": "b", "CosObjectName": "/o.zip"},
		}}},
		{"DeleteFunction", func(ctx context.Context, c *scfapi.Client) error {
			return c.DeleteFunction(ctx, "ns", "fn")
		}, want{"DeleteFunction", "scf", "2018-04-16", map[string]any{"FunctionName": "fn", "Namespace": "ns"}}},
		{"ListFunctions", func(ctx context.Context, c *scfapi.Client) error {
			_, err := c.ListFunctions(ctx, &scfapi.ListFunctionsRequest{Namespace: sp("ns"), Limit: ip(5),
				Filters: []*scfapi.Filter{{Name: sp("Status"), Values: []*string{sp("Active")}}}})
			return err
		}, want{"ListFunctions", "scf", "2018-04-16", map[string]any{
			"Namespace": "ns", "Limit": float64(5), "Filters": []any{map[string]any{"Name": "Status", "Values": []any{"Active"}}},
		}}},
		{"CreateNamespace", func(ctx context.Context, c *scfapi.Client) error {
			return c.CreateNamespace(ctx, "ns", "d")
		}, want{"CreateNamespace", "scf", "2018-04-16", map[string]any{"Namespace": "ns", "Description": "d"}}},
		{"CreateNamespaceNoDescription", func(ctx context.Context, c *scfapi.Client) error {
			return c.CreateNamespace(ctx, "ns", "")
		}, want{"CreateNamespace", "scf", "2018-04-16", map[string]any{"Namespace": "ns"}}},
		{"UpdateNamespace", func(ctx context.Context, c *scfapi.Client) error {
			return c.UpdateNamespace(ctx, "ns", "")
		}, want{"UpdateNamespace", "scf", "2018-04-16", map[string]any{"Namespace": "ns", "Description": ""}}},
		{"DeleteNamespace", func(ctx context.Context, c *scfapi.Client) error {
			return c.DeleteNamespace(ctx, "ns")
		}, want{"DeleteNamespace", "scf", "2018-04-16", map[string]any{"Namespace": "ns"}}},
		{"ListNamespaces", func(ctx context.Context, c *scfapi.Client) error {
			_, err := c.ListNamespaces(ctx, nil)
			return err
		}, want{"ListNamespaces", "scf", "2018-04-16", map[string]any{}}},
		{"ModifyResourceTags", func(ctx context.Context, c *scfapi.Client) error {
			return c.ModifyResourceTags(ctx, "ns", "fn", map[string]string{"b": "2", "a": "1"}, []string{"old"})
		}, want{"ModifyResourceTags", "tag", "2018-08-13", map[string]any{
			"Resource":    "qcs::scf:ap-guangzhou:uin/:namespace/ns/function/fn",
			"ReplaceTags": []any{map[string]any{"TagKey": "a", "TagValue": "1"}, map[string]any{"TagKey": "b", "TagValue": "2"}},
			"DeleteTags":  []any{map[string]any{"TagKey": "old"}},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakeAPI(t, func(call) reply { return ok() })
			c := newTestClient(t, f, nil)
			if err := tt.run(testCtx(t), c); err != nil {
				t.Fatalf("call: %v", err)
			}
			calls := f.Calls("")
			if len(calls) != 1 {
				t.Fatalf("got %d calls, want 1", len(calls))
			}
			got := calls[0]
			if got.Action != tt.want.action || got.Service() != tt.want.service || got.Version != tt.want.version || got.Region != testRegion {
				t.Errorf("action %q service %q version %q region %q, want %q %q %q %q",
					got.Action, got.Service(), got.Version, got.Region, tt.want.action, tt.want.service, tt.want.version, testRegion)
			}
			if body := got.JSON(t); !reflect.DeepEqual(body, tt.want.body) {
				t.Errorf("body = %v\nwant   %v", body, tt.want.body)
			}
		})
	}
}

func TestModifyResourceTagsWithNothingToDoSendsNothing(t *testing.T) {
	f := newFakeAPI(t, func(call) reply { return ok() })
	c := newTestClient(t, f, nil)
	if err := c.ModifyResourceTags(testCtx(t), "ns", "fn", nil, nil); err != nil {
		t.Fatal(err)
	}
	if n := len(f.Calls("")); n != 0 {
		t.Errorf("sent %d calls, want none", n)
	}
}

func TestGetFunctionDecodesNulls(t *testing.T) {
	raw := `{"Response":{"FunctionName":"fn","Namespace":"default","Status":"Active","Runtime":null,
		"Description":null,"MemorySize":256,"PublicNetConfig":null,"ProtocolParams":null,"IntranetConfig":null,
		"InstanceConcurrencyConfig":null,"Layers":null,"Tags":null,"StatusReasons":null,"Triggers":[],
		"Environment":{"Variables":[{"Key":"A","Value":"1"}]},"VpcConfig":{"VpcId":"","SubnetId":""},
		"EipConfig":{"EipFixed":"FALSE","Eips":null},"RequestId":"rid-1"}}`
	f := newFakeAPI(t, func(call) reply { return reply{Raw: raw} })
	c := newTestClient(t, f, nil)
	fn, err := c.GetFunction(testCtx(t), "default", "fn")
	if err != nil {
		t.Fatalf("GetFunction: %v", err)
	}
	if fn.FunctionName != "fn" || fn.Status != scfapi.StatusActive || fn.Runtime != "" || fn.MemorySize != 256 ||
		fn.PublicNetConfig != nil || fn.Layers != nil || fn.RequestId != "rid-1" || fn.EipConfig.EipFixed != "FALSE" {
		b, _ := json.Marshal(fn)
		t.Errorf("decoded %s", b)
	}
	if len(fn.Environment.Variables) != 1 || fn.Environment.Variables[0] != (scfapi.VariableOut{Key: "A", Value: "1"}) {
		t.Errorf("Environment = %+v", fn.Environment)
	}
}

func TestListAllFunctionsReadsEveryPage(t *testing.T) {
	const total = 230
	f := newFakeAPI(t, func(c call) reply {
		var req struct{ Offset, Limit int }
		_ = json.Unmarshal(c.Body, &req)
		var rows []any
		for i := req.Offset; i < min(req.Offset+req.Limit, total); i++ {
			rows = append(rows, map[string]any{"FunctionName": "fn" + string(rune('a'+i%26)), "Status": "Active"})
		}
		return reply{Resp: map[string]any{"Functions": rows, "TotalCount": total}}
	})
	c := newTestClient(t, f, nil)
	all, err := c.ListAllFunctions(testCtx(t), "ns")
	if err != nil {
		t.Fatalf("ListAllFunctions: %v", err)
	}
	if len(all) != total {
		t.Errorf("got %d functions, want %d", len(all), total)
	}
	var offsets []float64
	for _, cl := range f.Calls("ListFunctions") {
		body := cl.JSON(t)
		if body["Limit"] != float64(100) || body["Namespace"] != "ns" {
			t.Errorf("page request %v", body)
		}
		offset, _ := body["Offset"].(float64)
		offsets = append(offsets, offset)
	}
	if !slices.Equal(offsets, []float64{0, 100, 200}) {
		t.Errorf("offsets = %v", offsets)
	}
}

func TestListAllFunctionsStopsOnEmptyPage(t *testing.T) {
	f := newFakeAPI(t, func(call) reply {
		return reply{Resp: map[string]any{"Functions": []any{}, "TotalCount": 5}}
	})
	c := newTestClient(t, f, nil)
	all, err := c.ListAllFunctions(testCtx(t), "")
	if err != nil || len(all) != 0 {
		t.Fatalf("got %v, %v", all, err)
	}
	if body := f.Calls("")[0].JSON(t); body["Namespace"] != nil {
		t.Errorf("namespace sent although empty: %v", body)
	}
}
