package fakescf

import (
	"fmt"
	"reflect"
	"testing"
)

func TestProvisionedScheduledActions(t *testing.T) {
	h := newHarness(t, Options{})
	h.withVersion("1")
	action := func(name string, num int, cron string) map[string]any {
		return map[string]any{"TriggerName": name, "TriggerProvisionedConcurrencyNum": num, "TriggerCronConfig": cron}
	}
	put := func(actions ...map[string]any) map[string]any {
		return map[string]any{"FunctionName": "fn", "Qualifier": "1", "VersionProvisionedConcurrencyNum": 1, "TriggerActions": actions}
	}
	for _, tc := range []struct {
		code string
		req  map[string]any
	}{
		{"InvalidParameterValue.ProvisionTriggerName", put(action("", 1, "0 0 9 * * * *"))},
		{"InvalidParameterValue.ProvisionTriggerNameDuplicate", put(action("up", 1, "0 0 9 * * * *"), action("up", 0, "0 0 18 * * * *"))},
		{"InvalidParameterValue.ProvisionTriggerCronConfigDuplicate", put(action("up", 1, "0 0 9 * * * *"), action("down", 0, "0 0 9 * * * *"))},
		{"InvalidParameterValue.TriggerCronConfig", put(action("up", 1, "0 9 * * *"))},
		{"InvalidParameterValue.TriggerProvisionedConcurrencyNum", put(action("up", -1, "0 0 9 * * * *"))},
		{"InvalidParameterValue.TriggerProvisionedConcurrencyNum", put(map[string]any{"TriggerName": "up", "TriggerCronConfig": "0 0 9 * * * *"})},
		{"InvalidParameterValue.ProvisionType", put(map[string]any{"TriggerName": "up", "TriggerProvisionedConcurrencyNum": 1,
			"TriggerCronConfig": "0 0 9 * * * *", "ProvisionedType": "ConcurrencyUtilizationTracking"})},
		{"LimitExceeded.FunctionTotalProvisionedConcurrencyMemory", put(action("up", 901, "0 0 9 * * * *"))},
	} {
		h.expect(tc.code, "PutProvisionedConcurrencyConfig", tc.req)
	}
	var many []map[string]any
	for i := range maxProvisionTriggerActions + 1 {
		many = append(many, action(fmt.Sprint("a", i), 1, fmt.Sprintf("0 %d 9 * * * *", i)))
	}
	h.expect("LimitExceeded.ProvisionTriggerAction", "PutProvisionedConcurrencyConfig", put(many...))

	h.ok("PutProvisionedConcurrencyConfig", put(action("up", 3, "0 0 9 * * MON-FRI *"), action("down", 0, "0 0 18 * * MON-FRI *")))
	want := []triggerActionOut{
		{TriggerName: "up", TriggerProvisionedConcurrencyNum: 3, TriggerCronConfig: "0 0 9 * * MON-FRI *", ProvisionedType: "Default"},
		{TriggerName: "down", TriggerProvisionedConcurrencyNum: 0, TriggerCronConfig: "0 0 18 * * MON-FRI *", ProvisionedType: "Default"},
	}
	if got := h.provisioned().Allocated; len(got) != 1 || !reflect.DeepEqual(got[0].TriggerActions, want) {
		t.Fatalf("Allocated = %+v, want one version with %+v", got, want)
	}
	// A Put replaces the actions; one without them clears them.
	h.srv.SetDelays(0, 0, 0)
	h.ok("PutProvisionedConcurrencyConfig", map[string]any{"FunctionName": "fn", "Qualifier": "1", "VersionProvisionedConcurrencyNum": 2})
	if got := h.provisioned().Allocated; len(got) != 1 || len(got[0].TriggerActions) != 0 || got[0].TriggerActions == nil {
		t.Fatalf("Allocated after a Put without actions = %+v, want an empty list", got)
	}
}
