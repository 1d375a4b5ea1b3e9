package scfapi_test

import (
	"strings"
	"testing"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

func timerSpec(name, cron string) scfapi.TriggerSpec {
	return scfapi.TriggerSpec{Namespace: "default", FunctionName: "fn", Qualifier: "$DEFAULT", Type: scfapi.TriggerTimer,
		Name: name, Desc: cron, Enable: true, Description: "tick"}
}

func TestContractTriggerRoundTrip(t *testing.T) {
	h := newContract(t, fakescf.Options{}, func(c *scfapi.Config) { c.ListPageSize = 1 })
	h.create(zipRequest(t, "fn"))
	timer := timerSpec("every5", "0 */5 * * * * *")
	cos := scfapi.TriggerSpec{Namespace: "default", FunctionName: "fn", Qualifier: "$DEFAULT", Type: scfapi.TriggerCos,
		Name: "photos-1250000000.cos.ap-guangzhou.myqcloud.com", Desc: `{"event":"cos:ObjectCreated:*","filter":{"Prefix":"a/","Suffix":""}}`, Enable: true}
	for _, s := range []scfapi.TriggerSpec{timer, cos} {
		if err := h.c.CreateTrigger(h.ctx, s); err != nil {
			t.Fatalf("CreateTrigger %s: %v", s.ID(), err)
		}
	}
	if err := h.c.CreateTrigger(h.ctx, timer); scfapi.ErrorCode(err) != "ResourceInUse.Trigger" {
		t.Errorf("second CreateTrigger = %v, want ResourceInUse.Trigger (nothing was lost)", err)
	}
	all, err := h.c.ListTriggers(h.ctx, "default", "fn")
	if err != nil || len(all) != 2 {
		t.Fatalf("ListTriggers (pages of 1) = %+v, %v", all, err)
	}
	timer.Desc, timer.Enable, timer.Description, timer.CustomArgument = "0 0 1 * * * *", false, "nightly", "arg"
	if err := h.c.UpdateTrigger(h.ctx, timer); err != nil {
		t.Fatalf("UpdateTrigger: %v", err)
	}
	cos.Enable = false
	if err := h.c.UpdateTriggerStatus(h.ctx, cos); err != nil {
		t.Fatalf("UpdateTriggerStatus: %v", err)
	}
	got, err := h.c.FindTrigger(h.ctx, timer)
	if err != nil || got == nil || scfapi.TimerCron(got.TriggerDesc) != "0 0 1 * * * *" || got.Enable != 0 || got.CustomArgument != "arg" {
		t.Fatalf("timer after update = %+v, %v", got, err)
	}
	if got, _ := h.c.FindTrigger(h.ctx, cos); got == nil || got.Enable != 0 {
		t.Fatalf("cos after status update = %+v", got)
	}
	for _, s := range []scfapi.TriggerSpec{timer, cos} {
		if err := h.c.DeleteTrigger(h.ctx, s); err != nil {
			t.Fatalf("DeleteTrigger %s: %v", s.ID(), err)
		}
	}
	if err := h.c.DeleteTrigger(h.ctx, timer); !scfapi.IsTriggerNotFound(err) {
		t.Errorf("DeleteTrigger of a deleted trigger = %v, want not found", err)
	}
	if _, err := h.c.FindTrigger(h.ctx, scfapi.TriggerSpec{Namespace: "default", FunctionName: "gone", Type: "timer"}); !scfapi.IsTriggerNotFound(err) {
		t.Errorf("FindTrigger of a missing function = %v, want not found", err)
	}
}

func TestContractLostCreateTrigger(t *testing.T) {
	for _, tc := range []struct {
		name    string
		kind    fakescf.FaultKind
		pre     *scfapi.TriggerSpec
		wantErr string
		sends   int64
	}{
		{name: "drop-after is adopted", kind: fakescf.FaultDropAfter, sends: 1},
		{name: "drop-before is sent again", kind: fakescf.FaultDropBefore, sends: 2},
		{name: "internal error, applied elsewhere, is sent again", kind: fakescf.FaultInternalError, sends: 2},
		{name: "another trigger of the same name is not adopted", kind: fakescf.FaultDropBefore,
			pre: &scfapi.TriggerSpec{Desc: "0 0 3 * * * *"}, wantErr: "differ from the request: ", sends: 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newContract(t, fakescf.Options{}, nil)
			h.create(zipRequest(t, "fn"))
			spec := timerSpec("every5", "0 */5 * * * * *")
			if tc.pre != nil {
				other := spec
				other.Desc = tc.pre.Desc
				if err := h.c.CreateTrigger(h.ctx, other); err != nil {
					t.Fatal(err)
				}
			}
			h.srv.InjectFault(scfapi.ActionCreateTrigger, tc.kind, 1)
			before := h.srv.Stats().Requests[scfapi.ActionCreateTrigger]
			err := h.c.CreateTrigger(h.ctx, spec)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("CreateTrigger = %v, want an error containing %q", err, tc.wantErr)
				}
			} else if err != nil {
				t.Fatalf("CreateTrigger: %v", err)
			}
			if sends := h.srv.Stats().Requests[scfapi.ActionCreateTrigger] - before; sends != tc.sends {
				t.Errorf("CreateTrigger sent %d times, want %d", sends, tc.sends)
			}
			if all, _ := h.c.ListTriggers(h.ctx, "default", "fn"); len(all) != 1 {
				t.Errorf("triggers afterwards: %+v, want one", all)
			}
		})
	}
}

func TestSameTriggerDesc(t *testing.T) {
	for _, tc := range []struct {
		typ, got, want string
		same           bool
	}{
		{"timer", `{"cron":"0 */5 * * * * *"}`, "0 */5 * * * * *", true},
		{"timer", `{"cron":"0 */5 * * * * *"}`, "0 */6 * * * * *", false},
		{"ckafka", `{"maxMsgNum":"100","offset":"latest","retry":"10000","timeOut":"60"}`, `{"maxMsgNum":"100","offset":"latest"}`, true},
		{"ckafka", `{"maxMsgNum":"100","offset":"latest"}`, `{"maxMsgNum":"50","offset":"latest"}`, false},
	} {
		if got := scfapi.SameTriggerDesc(tc.typ, tc.got, tc.want); got != tc.same {
			t.Errorf("SameTriggerDesc(%s, %s, %s) = %v", tc.typ, tc.got, tc.want, got)
		}
	}
}
