package fakescf

import (
	"fmt"
	"strings"
	"sync"
	"testing"
)

func TestDefaultFixturesAndParsing(t *testing.T) {
	fx := DefaultFixtures()
	if fx.AppID != 1250000000 || !fx.clsPairExists(fx.DefaultCls.LogsetID, fx.DefaultCls.TopicID) || fx.functionLimit() != 1000 {
		t.Fatalf("default fixtures = %+v", fx)
	}
	bad := []string{
		`{"app_id":1,"regions":["ap-guangzhou"],"default_cls":{"logset_id":"a","topic_id":"b"},"typo":1}`,
		`{"app_id":1,"regions":["ap-guangzhou"],"default_cls":{"logset_id":"a","topic_id":"b"}}`,
		`{"app_id":1,"regions":[],"cls":[{"logset_id":"a","topics":["b"]}],"default_cls":{"logset_id":"a","topic_id":"b"}}`,
		`{"app_id":1,"regions":["r"],"cls":[{"logset_id":"a","topics":["b"]}],"default_cls":{"logset_id":"a","topic_id":"b"},"namespaces":[{"name":"default"}]}`,
		`{"app_id":1,"regions":["r"],"cls":[{"logset_id":"a","topics":["b"]}],"default_cls":{"logset_id":"a","topic_id":"b"},"cos_objects":[{"bucket":"b","object":"/o.zip","sha256":"short"}]}`,
	}
	for _, b := range bad {
		if _, err := ParseFixtures([]byte(b)); err == nil {
			t.Errorf("accepted %s", b)
		}
	}
	if _, err := New(Options{Fixtures: &Fixtures{}}); err == nil {
		t.Error("New accepted empty fixtures")
	}
}

// TestInjectErrorCoversUnnaturalCodes shows that the CreateFunction codes
// with no natural trigger can still be produced.
func TestInjectErrorCoversUnnaturalCodes(t *testing.T) {
	h := newHarness(t, Options{})
	for _, code := range []string{"FailedOperation.CreateFunction", "FailedOperation.Namespace", "InternalError", "InternalError.System"} {
		h.srv.InjectError("CreateFunction", code, "injected", 1)
		h.expect(code, "CreateFunction", createParams(t, "fn"))
	}
	h.ok("CreateFunction", createParams(t, "fn"))
}

// TestConcurrentClients runs mixed traffic from several goroutines; its
// value is in running under the race detector.
func TestConcurrentClients(t *testing.T) {
	h := newHarness(t, Options{Faults: FaultConfig{Rate: 0.2, Kinds: []FaultKind{FaultThrottle, FaultInternalError}, Seed: 7}})
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for w := range 6 {
		wg.Go(func() {
			for i := range 15 {
				name := fmt.Sprintf("w%d-f%d", w, i%4)
				for _, step := range []struct {
					action string
					params map[string]any
				}{
					{"CreateFunction", createParams(t, name)},
					{"GetFunction", map[string]any{"FunctionName": name}},
					{"UpdateFunctionConfiguration", map[string]any{"FunctionName": name, "Timeout": i + 1}},
					{"ListFunctions", map[string]any{"Limit": 5}},
					{"ModifyResourceTags", map[string]any{"Resource": "qcs::scf:ap-guangzhou:uin/:namespace/default/function/" + name,
						"ReplaceTags": []map[string]any{{"TagKey": "w", "TagValue": fmt.Sprint(w)}}}},
					{"DeleteFunction", map[string]any{"FunctionName": name}},
				} {
					r := h.call(step.action, step.params)
					if strings.HasPrefix(r.Code, "InternalError") && !strings.Contains(r.Message, "injected") {
						errs <- step.action + ": " + r.Message
					}
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
	st := h.srv.Stats()
	var total int64
	for _, n := range st.Requests {
		total += n
	}
	if total != 6*15*6 {
		t.Fatalf("Stats counted %d requests, want %d", total, 6*15*6)
	}
}
