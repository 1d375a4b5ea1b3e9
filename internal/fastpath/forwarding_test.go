package fastpath

import (
	"reflect"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/scfprovider/terraform-provider-scf/internal/fastpath/fastpathtest"
)

// TestServerForwardsEveryFrameworkMethod: the wrapper has every exported
// method of the framework's server, with the same signature. tf6server
// finds RPC families that plugin-go keeps outside tfprotov6.ProviderServer
// (list resources, actions, state stores in v0.31) by asserting interfaces
// on the server it is given; embedding the framework's server in the
// wrapper only brings ProviderServer's methods, so a family the wrapper
// does not forward by hand is silently answered "Not Implemented", as list
// resources and actions once were. A new one fails this test by name.
func TestServerForwardsEveryFrameworkMethod(t *testing.T) {
	framework, wrapped := servers(&testProvider{resources: []func() resource.Resource{plainResource}})
	frameworkType, wrapperType := reflect.TypeOf(framework), reflect.TypeOf(wrapped)
	if frameworkType.NumMethod() == 0 {
		t.Fatalf("the framework's server %v has no methods", frameworkType)
	}
	for i := range frameworkType.NumMethod() {
		want := frameworkType.Method(i)
		got, ok := wrapperType.MethodByName(want.Name)
		if !ok {
			t.Errorf("the wrapper does not forward %s, a %s of the framework's %v: forward it in server_forwarded.go",
				want.Name, signature(want.Type), frameworkType)
			continue
		}
		if signature(got.Type) != signature(want.Type) {
			t.Errorf("the wrapper's %s is %s, the framework's %s", want.Name, signature(got.Type), signature(want.Type))
		}
	}
}

// signature renders a method's type without its receiver.
func signature(method reflect.Type) string {
	in := make([]reflect.Type, 0, method.NumIn()-1)
	for i := 1; i < method.NumIn(); i++ {
		in = append(in, method.In(i))
	}
	out := make([]reflect.Type, 0, method.NumOut())
	for i := range method.NumOut() {
		out = append(out, method.Out(i))
	}
	return reflect.FuncOf(in, out, method.IsVariadic()).String()
}

// TestForwardedRPCsReachTheFramework: a request of each family forwarded by
// hand is answered by the framework (here: it knows no such type).
func TestForwardedRPCsReachTheFramework(t *testing.T) {
	framework, wrapped := servers(&testProvider{resources: []func() resource.Resource{plainResource}})
	type families interface {
		tfprotov6.ListResourceServer
		tfprotov6.ActionServer
		tfprotov6.StateStoreServer
	}
	want, ok := framework.(families)
	if !ok {
		t.Fatalf("the framework's %T no longer serves every family", framework)
	}
	got, ok := wrapped.(families)
	if !ok {
		t.Fatalf("the wrapper %T does not serve every family", wrapped)
	}
	ctx := t.Context()
	for name, call := range map[string]func(s families) ([]*tfprotov6.Diagnostic, error){
		"ValidateListResourceConfig": func(s families) ([]*tfprotov6.Diagnostic, error) {
			resp, err := s.ValidateListResourceConfig(ctx, &tfprotov6.ValidateListResourceConfigRequest{TypeName: "fptest_none"})
			if err != nil {
				return nil, err
			}
			return resp.Diagnostics, nil
		},
		"ValidateActionConfig": func(s families) ([]*tfprotov6.Diagnostic, error) {
			resp, err := s.ValidateActionConfig(ctx, &tfprotov6.ValidateActionConfigRequest{ActionType: "fptest_none"})
			if err != nil {
				return nil, err
			}
			return resp.Diagnostics, nil
		},
		"ValidateStateStoreConfig": func(s families) ([]*tfprotov6.Diagnostic, error) {
			resp, err := s.ValidateStateStoreConfig(ctx, &tfprotov6.ValidateStateStoreConfigRequest{TypeName: "fptest_none"})
			if err != nil {
				return nil, err
			}
			return resp.Diagnostics, nil
		},
	} {
		wantDiags, wantErr := call(want)
		gotDiags, gotErr := call(got)
		if (wantErr == nil) != (gotErr == nil) || len(wantDiags) == 0 {
			t.Errorf("%s: framework %v %v, wrapper %v %v", name, wantDiags, wantErr, gotDiags, gotErr)
		}
		for _, d := range fastpathtest.DiagnosticsDifferences(wantDiags, gotDiags) {
			t.Errorf("%s: %s", name, d)
		}
	}
}
