package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

func reservedMoveRequest(t *testing.T, attributes map[string]any) *tfprotov6.MoveResourceStateRequest {
	t.Helper()
	return attributesMoveRequest(t, tencentcloudReservedConcurrencyType, "scf_reserved_concurrency", attributes)
}

func provisionedMoveRequest(t *testing.T, attributes map[string]any) *tfprotov6.MoveResourceStateRequest {
	t.Helper()
	return attributesMoveRequest(t, tencentcloudProvisionedConcurrencyType, "scf_provisioned_concurrency", attributes)
}

func TestMoveStateRecordedReservedConcurrency(t *testing.T) {
	t.Parallel()
	var m scfReservedConcurrencyModel
	identity := mustMoveInto(t, estateMoveRequest(t, tencentcloudReservedConcurrencyType, "scf_reserved_concurrency"),
		NewSCFReservedConcurrencyResource(), &m)
	expectString(t, "id", m.ID, "mig-ns/mig-fn")
	expectString(t, "namespace", m.Namespace, "mig-ns")
	expectString(t, "function_name", m.FunctionName, "mig-fn")
	if m.ReservedConcurrencyMem.ValueInt64() != 1024 {
		t.Errorf("reserved_concurrency_mem = %s, want 1024", m.ReservedConcurrencyMem)
	}
	expectIdentity(t, identity, map[string]string{"namespace": "mig-ns", "function_name": "mig-fn"})
}

func TestMoveStateReservedConcurrencyFromID(t *testing.T) {
	t.Parallel()
	// an old state with the names in the ID only, <namespace>#<function>
	src := estateAttributes(t, tencentcloudReservedConcurrencyType)
	src["namespace"], src["function_name"] = nil, ""
	var m scfReservedConcurrencyModel
	mustMoveInto(t, reservedMoveRequest(t, src), NewSCFReservedConcurrencyResource(), &m)
	expectString(t, "id", m.ID, "mig-ns/mig-fn")
}

func TestMoveStateReservedConcurrencyRefusals(t *testing.T) {
	t.Parallel()
	summary := concurrencyDiagnostics.unable("Move")
	src := estateAttributes(t, tencentcloudReservedConcurrencyType)
	src["reserved_concurrency_mem"] = nil
	var m scfReservedConcurrencyModel // never decoded: the move fails
	_, diags := moveInto(t, reservedMoveRequest(t, src), NewSCFReservedConcurrencyResource(), &m)
	expectRefusal(t, diags, summary, "reserved_concurrency_mem", `id = "mig-ns/mig-fn"`, "destroy = false")

	src["function_name"], src["id"] = "", ""
	_, diags = moveInto(t, reservedMoveRequest(t, src), NewSCFReservedConcurrencyResource(), &m)
	expectRefusal(t, diags, summary, "no function_name", `id = "<namespace>/<function_name>"`)

	testMoveRefusals(t, tencentcloudReservedConcurrencyType, "scf_reserved_concurrency", NewSCFReservedConcurrencyResource,
		summary, `{"reserved_concurrency_mem": "lots"}`)
}

func TestMoveStateReservedConcurrencyLeavesOtherSourcesAlone(t *testing.T) {
	t.Parallel()
	var m scfReservedConcurrencyModel
	testMoveLeavesOtherSourcesAlone(t, tencentcloudReservedConcurrencyType, "scf_reserved_concurrency",
		NewSCFReservedConcurrencyResource, &m)
}

func TestMoveStateRecordedProvisionedConcurrency(t *testing.T) {
	t.Parallel()
	var m scfProvisionedConcurrencyModel
	identity := mustMoveInto(t, estateMoveRequest(t, tencentcloudProvisionedConcurrencyType, "scf_provisioned_concurrency"),
		NewSCFProvisionedConcurrencyResource(), &m)
	expectString(t, "id", m.ID, "mig-ns/mig-fn/1")
	expectString(t, "namespace", m.Namespace, "mig-ns")
	expectString(t, "function_name", m.FunctionName, "mig-fn")
	expectString(t, "qualifier", m.Qualifier, "1")
	if m.ProvisionedConcurrencyNum.ValueInt64() != 2 {
		t.Errorf("provisioned_concurrency_num = %s, want 2", m.ProvisionedConcurrencyNum)
	}
	expectNull(t, "available", m.Available)
	expectNull(t, "status", m.Status)
	expectNull(t, "status_reason", m.StatusReason)
	expectNull(t, "timeouts", m.Timeouts)
	if m.ScheduledActions != nil {
		t.Errorf("scheduled_actions = %v, want null (trigger_actions is empty)", m.ScheduledActions)
	}
	expectIdentity(t, identity, map[string]string{"namespace": "mig-ns", "function_name": "mig-fn", "qualifier": "1"})
}

func TestMoveStateProvisionedConcurrencyScheduledActions(t *testing.T) {
	t.Parallel()
	src := estateAttributes(t, tencentcloudProvisionedConcurrencyType)
	src["trigger_actions"] = []any{
		map[string]any{"trigger_name": "up", "trigger_cron_config": "0 0 9 * * MON-FRI *", "trigger_provisioned_concurrency_num": 3, "provisioned_type": "Default"},
		map[string]any{"trigger_name": "down", "trigger_cron_config": "0 0 18 * * MON-FRI *", "trigger_provisioned_concurrency_num": 0, "provisioned_type": ""},
	}
	var m scfProvisionedConcurrencyModel
	mustMoveInto(t, provisionedMoveRequest(t, src), NewSCFProvisionedConcurrencyResource(), &m)
	got := map[string]scheduledActionModel{}
	for _, a := range m.ScheduledActions {
		got[a.Name.ValueString()] = a
	}
	if up := got["up"]; len(got) != 2 || up.ProvisionedConcurrencyNum.ValueInt64() != 3 || up.CronExpression.ValueString() != "0 0 9 * * MON-FRI *" {
		t.Errorf("scheduled_actions = %+v", m.ScheduledActions)
	}
	if down := got["down"]; down.ProvisionedConcurrencyNum.IsNull() || down.ProvisionedConcurrencyNum.ValueInt64() != 0 {
		t.Errorf("scheduled action down = %+v", down)
	}
}

func TestMoveStateProvisionedConcurrencyRefusals(t *testing.T) {
	t.Parallel()
	summary := concurrencyDiagnostics.unable("Move")
	importBlock := `id = "mig-ns/mig-fn/1"`
	for name, c := range map[string]struct {
		change map[string]any
		wants  []string
	}{
		"utilization tracking": {map[string]any{"provisioned_type": "ConcurrencyUtilizationTracking", "tracking_target": 0.5,
			"min_capacity": 1, "max_capacity": 4, "version_provisioned_concurrency_num": 0},
			[]string{`provisioned_type = "ConcurrencyUtilizationTracking"`, "tracking_target = 0.5", "min_capacity = 1",
				"max_capacity = 4", importBlock, "destroy = false"}},
		"tracking target only": {map[string]any{"tracking_target": 0.7}, []string{"tracking_target = 0.7"}},
		"action type": {map[string]any{"trigger_actions": []any{map[string]any{"trigger_name": "up", "trigger_cron_config": "0 0 9 * * * *",
			"trigger_provisioned_concurrency_num": 1, "provisioned_type": "ConcurrencyUtilizationTracking"}}},
			[]string{`trigger_actions[0].provisioned_type = "ConcurrencyUtilizationTracking"`}},
		"no instances": {map[string]any{"version_provisioned_concurrency_num": 0}, []string{"version_provisioned_concurrency_num", importBlock}},
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			src := estateAttributes(t, tencentcloudProvisionedConcurrencyType)
			for k, v := range c.change {
				src[k] = v
			}
			var m scfProvisionedConcurrencyModel // never decoded: the move fails
			_, diags := moveInto(t, provisionedMoveRequest(t, src), NewSCFProvisionedConcurrencyResource(), &m)
			expectRefusal(t, diags, summary, c.wants...)
		})
	}
	testMoveRefusals(t, tencentcloudProvisionedConcurrencyType, "scf_provisioned_concurrency",
		NewSCFProvisionedConcurrencyResource, summary, `{"version_provisioned_concurrency_num": "two"}`)
}
func TestMoveStateProvisionedConcurrencyLeavesOtherSourcesAlone(t *testing.T) {
	t.Parallel()
	var m scfProvisionedConcurrencyModel
	testMoveLeavesOtherSourcesAlone(t, tencentcloudProvisionedConcurrencyType, "scf_provisioned_concurrency",
		NewSCFProvisionedConcurrencyResource, &m)
}
