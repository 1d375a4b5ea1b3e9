package provider

import (
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

func moveReserved(t *testing.T, req *tfprotov6.MoveResourceStateRequest) movedTo[scfReservedConcurrencyModel] {
	t.Helper()
	return moveTencentcloud[scfReservedConcurrencyModel](t, &scfReservedConcurrencyResource{}, "scf_reserved_concurrency", req)
}

func moveProvisioned(t *testing.T, req *tfprotov6.MoveResourceStateRequest) movedTo[scfProvisionedConcurrencyModel] {
	t.Helper()
	return moveTencentcloud[scfProvisionedConcurrencyModel](t, &scfProvisionedConcurrencyResource{}, "scf_provisioned_concurrency", req)
}

func TestMoveStateRecordedReservedConcurrency(t *testing.T) {
	t.Parallel()
	moved := moveReserved(t, tencentcloudMoveRequest(t, tencentcloudReservedConcurrencyType,
		estateAttributes(t, tencentcloudReservedConcurrencyType, "rc")))
	m := moved.mustSucceed(t)
	expectString(t, "id", m.ID, "mig-ns/mig-fn")
	expectString(t, "namespace", m.Namespace, "mig-ns")
	expectString(t, "function_name", m.FunctionName, "mig-fn")
	if m.ReservedConcurrencyMem.ValueInt64() != 1024 {
		t.Errorf("reserved_concurrency_mem = %s, want 1024", m.ReservedConcurrencyMem)
	}
	moved.expectIdentity(t, map[string]string{"namespace": "mig-ns", "function_name": "mig-fn"})
}

func TestMoveStateReservedConcurrencyFromID(t *testing.T) {
	t.Parallel()
	// an old state with the names in the ID only, <namespace>#<function>
	src := estateAttributes(t, tencentcloudReservedConcurrencyType, "rc")
	src["namespace"], src["function_name"] = nil, ""
	m := moveReserved(t, tencentcloudMoveRequest(t, tencentcloudReservedConcurrencyType, src)).mustSucceed(t)
	expectString(t, "id", m.ID, "mig-ns/mig-fn")
}

func TestMoveStateReservedConcurrencyRefusals(t *testing.T) {
	t.Parallel()
	summary := concurrencyDiagnostics.unable("Move")
	src := estateAttributes(t, tencentcloudReservedConcurrencyType, "rc")
	req := tencentcloudMoveRequest(t, tencentcloudReservedConcurrencyType, src)
	req.SourceSchemaVersion = 2
	moveReserved(t, req).mustRefuse(t, summary, "schema version 2", "removed {", "scf_reserved_concurrency")

	src["reserved_concurrency_mem"] = nil
	moveReserved(t, tencentcloudMoveRequest(t, tencentcloudReservedConcurrencyType, src)).mustRefuse(t, summary,
		"reserved_concurrency_mem", `id = "mig-ns/mig-fn"`, "destroy = false")

	req = tencentcloudMoveRequest(t, tencentcloudReservedConcurrencyType, src)
	req.SourceState = &tfprotov6.RawState{Flatmap: map[string]string{"id": "mig-ns#mig-fn"}}
	moveReserved(t, req).mustRefuse(t, summary, "not in JSON form")
}

func TestMoveStateReservedConcurrencyLeavesOtherSources(t *testing.T) {
	t.Parallel()
	attributes := estateAttributes(t, tencentcloudReservedConcurrencyType, "rc")
	req := tencentcloudMoveRequest(t, tencentcloudProvisionedConcurrencyType, attributes)
	moveReserved(t, req).expectNotMoved(t)
	req = tencentcloudMoveRequest(t, tencentcloudReservedConcurrencyType, attributes)
	req.SourceProviderAddress = "registry.terraform.io/hashicorp/null"
	moveReserved(t, req).expectNotMoved(t)
	req = tencentcloudMoveRequest(t, tencentcloudReservedConcurrencyType, attributes)
	req.SourceProviderAddress = "registry.opentofu.org/tencentcloudstack/tencentcloud"
	moveReserved(t, req).mustSucceed(t)
}

func TestMoveStateRecordedProvisionedConcurrency(t *testing.T) {
	t.Parallel()
	moved := moveProvisioned(t, tencentcloudMoveRequest(t, tencentcloudProvisionedConcurrencyType,
		estateAttributes(t, tencentcloudProvisionedConcurrencyType, "pc")))
	m := moved.mustSucceed(t)
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
	moved.expectIdentity(t, map[string]string{"namespace": "mig-ns", "function_name": "mig-fn", "qualifier": "1"})
}

func TestMoveStateProvisionedConcurrencyScheduledActions(t *testing.T) {
	t.Parallel()
	src := estateAttributes(t, tencentcloudProvisionedConcurrencyType, "pc")
	src["trigger_actions"] = []any{
		map[string]any{"trigger_name": "up", "trigger_cron_config": "0 0 9 * * MON-FRI *", "trigger_provisioned_concurrency_num": 3, "provisioned_type": "Default"},
		map[string]any{"trigger_name": "down", "trigger_cron_config": "0 0 18 * * MON-FRI *", "trigger_provisioned_concurrency_num": 0, "provisioned_type": ""},
	}
	m := moveProvisioned(t, tencentcloudMoveRequest(t, tencentcloudProvisionedConcurrencyType, src)).mustSucceed(t)
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
			src := estateAttributes(t, tencentcloudProvisionedConcurrencyType, "pc")
			for k, v := range c.change {
				src[k] = v
			}
			moveProvisioned(t, tencentcloudMoveRequest(t, tencentcloudProvisionedConcurrencyType, src)).mustRefuse(t, summary, c.wants...)
		})
	}
	req := tencentcloudMoveRequest(t, tencentcloudProvisionedConcurrencyType, estateAttributes(t, tencentcloudProvisionedConcurrencyType, "pc"))
	req.SourceSchemaVersion = 1
	moveProvisioned(t, req).mustRefuse(t, summary, "schema version 1", "scf_provisioned_concurrency")
}

func TestMoveStateProvisionedConcurrencyLeavesOtherSources(t *testing.T) {
	t.Parallel()
	attributes := estateAttributes(t, tencentcloudProvisionedConcurrencyType, "pc")
	moveProvisioned(t, tencentcloudMoveRequest(t, tencentcloudReservedConcurrencyType, attributes)).expectNotMoved(t)
	req := tencentcloudMoveRequest(t, tencentcloudProvisionedConcurrencyType, attributes)
	req.SourceProviderAddress = "registry.terraform.io/hashicorp/null"
	moveProvisioned(t, req).expectNotMoved(t)
	req = tencentcloudMoveRequest(t, tencentcloudProvisionedConcurrencyType, attributes)
	req.SourceProviderAddress = "registry.opentofu.org/tencentcloudstack/tencentcloud"
	moveProvisioned(t, req).mustSucceed(t)
}
