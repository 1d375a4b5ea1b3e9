package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

func aliasMoveRequest(t *testing.T, attributes map[string]any) *tfprotov6.MoveResourceStateRequest {
	t.Helper()
	req := moveRequest(rawJSON(t, attributes))
	req.SourceTypeName, req.TargetTypeName = tencentcloudAliasType, "scf_function_alias"
	return req
}

func TestMoveAliasRecorded(t *testing.T) {
	t.Parallel()
	var m scfFunctionAliasModel
	identity := mustMoveInto(t, estateMoveRequest(t, tencentcloudAliasType, "scf_function_alias"), NewSCFFunctionAliasResource(), &m)
	expectString(t, "id", m.ID, "mig-ns/mig-fn/live")
	expectString(t, "name", m.Name, "live")
	expectString(t, "function_name", m.FunctionName, "mig-fn")
	expectString(t, "namespace", m.Namespace, "mig-ns")
	expectString(t, "function_version", m.FunctionVersion, "1")
	expectString(t, "description", m.Description, "live traffic")
	if m.RoutingConfig != nil {
		t.Errorf("routing_config = %+v, want null: that provider's block of empty lists routes nothing", m.RoutingConfig)
	}
	expectNull(t, "created_time", m.CreatedTime)
	expectNull(t, "modified_time", m.ModifiedTime)
	expectIdentity(t, identity, map[string]string{"namespace": "mig-ns", "function_name": "mig-fn", "name": "live"})
}

func TestMoveAliasRouting(t *testing.T) {
	t.Parallel()
	weighted := estateAttributes(t, tencentcloudAliasType)
	weighted["routing_config"] = []map[string]any{{
		"additional_version_weights": []map[string]any{{"version": "2", "weight": 0.1}},
		"additional_version_matches": []any{},
	}}
	var m scfFunctionAliasModel
	mustMoveInto(t, aliasMoveRequest(t, weighted), NewSCFFunctionAliasResource(), &m)
	if rc := m.RoutingConfig; rc == nil || len(rc.AdditionalVersionWeights) != 1 || rc.AdditionalVersionMatches != nil ||
		rc.AdditionalVersionWeights[0].Version.ValueString() != "2" || rc.AdditionalVersionWeights[0].Weight.ValueFloat64() != 0.1 {
		t.Errorf("routing_config = %+v, want a weight of 0.1 for version 2 and no rules", rc)
	}

	matched := estateAttributes(t, tencentcloudAliasType)
	matched["routing_config"] = []map[string]any{{
		"additional_version_matches": []map[string]any{{"version": "2", "key": "invoke.headers.User", "method": "range", "expression": "[0,40]"}},
	}}
	m = scfFunctionAliasModel{}
	mustMoveInto(t, aliasMoveRequest(t, matched), NewSCFFunctionAliasResource(), &m)
	if rc := m.RoutingConfig; rc == nil || len(rc.AdditionalVersionMatches) != 1 || rc.AdditionalVersionWeights != nil {
		t.Fatalf("routing_config = %+v, want one rule and no weights", rc)
	}
	rule := m.RoutingConfig.AdditionalVersionMatches[0]
	expectString(t, "rule version", rule.Version, "2")
	expectString(t, "rule key", rule.Key, "invoke.headers.User")
	expectString(t, "rule method", rule.Method, "range")
	expectString(t, "rule expression", rule.Expression, "[0,40]")
}

func TestMoveAliasInTheDefaultNamespace(t *testing.T) {
	t.Parallel()
	var m scfFunctionAliasModel
	identity := mustMoveInto(t, aliasMoveRequest(t, map[string]any{"id": "#orders#live", "name": "live", "function_name": "orders",
		"namespace": "", "function_version": "$LATEST"}), NewSCFFunctionAliasResource(), &m)
	expectString(t, "id", m.ID, "default/orders/live")
	expectString(t, "function_version", m.FunctionVersion, "$LATEST")
	expectString(t, "description", m.Description, "")
	expectIdentity(t, identity, map[string]string{"namespace": "default", "function_name": "orders", "name": "live"})
}

func TestMoveAliasRefusals(t *testing.T) {
	t.Parallel()
	summary := aliasDiagnostics.unable("Move")
	testMoveRefusals(t, tencentcloudAliasType, "scf_function_alias", NewSCFFunctionAliasResource, summary, `{"routing_config": {}}`)
	for name, tc := range map[string]struct {
		attributes map[string]any
		want       string
	}{
		"no function version": {map[string]any{"id": "mig-ns#mig-fn#live"}, `id = "mig-ns/mig-fn/live"`},
		"no alias name":       {map[string]any{"id": "", "function_name": "mig-fn", "function_version": "1"}, `id = "<namespace>/<function name>/<alias name>"`},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var m scfFunctionAliasModel
			_, diags := moveInto(t, aliasMoveRequest(t, tc.attributes), NewSCFFunctionAliasResource(), &m)
			expectRefusal(t, diags, summary, "no function name, alias name and function version", "removed {", tc.want)
		})
	}
}

func TestMoveAliasLeavesOtherSourcesAlone(t *testing.T) {
	t.Parallel()
	var m scfFunctionAliasModel
	testMoveLeavesOtherSourcesAlone(t, tencentcloudAliasType, "scf_function_alias", NewSCFFunctionAliasResource, &m)
}
