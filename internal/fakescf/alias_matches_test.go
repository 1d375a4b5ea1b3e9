package fakescf

import (
	"encoding/json"
	"testing"
)

func TestAliasRuleRouting(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("fn", nil)
	h.publishVersion("one")
	h.publishVersion("two")
	alias := func(matches ...map[string]any) map[string]any {
		return map[string]any{"FunctionName": "fn", "Name": "live", "FunctionVersion": "1",
			"RoutingConfig": map[string]any{"AddtionVersionMatchs": matches}}
	}
	rule := func(version, key, method, expr string) map[string]any {
		return map[string]any{"Version": version, "Key": key, "Method": method, "Expression": expr}
	}
	for _, tc := range []struct {
		code string
		req  map[string]any
	}{
		{"InvalidParameterValue.RoutingConfig", alias(rule("2", "invoke.headers.User", "range", "[0,40)"))},
		{"InvalidParameterValue.RoutingConfig", alias(rule("2", "invoke.headers.User", "range", "[40,40]"))},
		{"InvalidParameterValue.RoutingConfig", alias(rule("2", "invoke.headers.User", "range", "(a,b)"))},
		{"InvalidParameterValue.RoutingConfig", alias(rule("2", "invoke.headers.User", "range", "[0,99999999999999999999]"))},
		{"InvalidParameterValue.RoutingConfig", alias(rule("2", "invoke.body.User", "exact", "Bob"))},
		{"InvalidParameterValue.RoutingConfig", alias(rule("2", "invoke.headers.User", "prefix", "B"))},
		{"InvalidParameterValue.RoutingConfig", alias(rule("2", "invoke.headers.User", "exact", ""))},
		{"InvalidParameterValue.RoutingConfig", alias(rule("1", "invoke.headers.User", "exact", "Bob"))},
		{"InvalidParameterValue.RoutingConfig", alias(rule("2", "invoke.headers.User", "exact", "Bob"), rule("$LATEST", "invoke.headers.User", "exact", "Al"))},
		{"InvalidParameter.RoutingConfig", alias(map[string]any{"Version": "2", "Key": "invoke.headers.User"})},
		{"ResourceNotFound.FunctionVersion", alias(rule("7", "invoke.headers.User", "exact", "Bob"))},
		{"InvalidParameterValue.RoutingConfig", map[string]any{"FunctionName": "fn", "Name": "live", "FunctionVersion": "1",
			"RoutingConfig": map[string]any{
				"AdditionalVersionWeights": []any{map[string]any{"Version": "2", "Weight": 0.5}},
				"AddtionVersionMatchs":     []any{rule("2", "invoke.headers.User", "exact", "Bob")},
			}}},
	} {
		h.expect(tc.code, "CreateAlias", tc.req)
	}
	h.ok("CreateAlias", alias(rule("2", "invoke.headers.User", "range", "[0,40]"), rule("2", "invoke.headers.Team", "exact", "beta")))
	var got struct {
		RoutingConfig struct {
			AdditionalVersionWeights []any
			AddtionVersionMatchs     []map[string]string
		}
	}
	if err := json.Unmarshal(h.ok("GetAlias", map[string]any{"FunctionName": "fn", "Name": "live"}), &got); err != nil {
		t.Fatal(err)
	}
	if m := got.RoutingConfig.AddtionVersionMatchs; len(m) != 2 || m[0]["Expression"] != "[0,40]" || m[1]["Method"] != "exact" || len(got.RoutingConfig.AdditionalVersionWeights) != 0 {
		t.Fatalf("routing = %+v", got.RoutingConfig)
	}
	h.ok("UpdateAlias", alias(rule("2", "invoke.headers.User", "range", "(-5,5)")))
	if err := json.Unmarshal(h.ok("GetAlias", map[string]any{"FunctionName": "fn", "Name": "live"}), &got); err != nil {
		t.Fatal(err)
	}
	if m := got.RoutingConfig.AddtionVersionMatchs; len(m) != 1 || m[0]["Expression"] != "(-5,5)" {
		t.Fatalf("routing after update = %+v", got.RoutingConfig)
	}
}
