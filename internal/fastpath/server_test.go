package fastpath

import (
	"context"
	"runtime"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

type ctxKey struct{}

// TestReleasableContext: the parent until release, then no values and no
// deadline, while Done keeps reporting the parent's end.
func TestReleasableContext(t *testing.T) {
	deadline := time.Now().Add(time.Hour)
	parent, cancel := context.WithDeadline(context.WithValue(context.Background(), ctxKey{}, "v"), deadline)
	defer cancel()
	rc := newReleasableContext(parent)

	if rc.Value(ctxKey{}) != "v" {
		t.Error("the parent's value is not visible")
	}
	if d, ok := rc.Deadline(); !ok || !d.Equal(deadline) {
		t.Errorf("Deadline = %v, %v", d, ok)
	}
	child, cancelChild := context.WithCancel(rc)
	defer cancelChild()

	rc.release()
	if rc.Value(ctxKey{}) != nil {
		t.Error("a value survived release")
	}
	if _, ok := rc.Deadline(); ok {
		t.Error("a deadline survived release")
	}
	if rc.Err() != nil {
		t.Errorf("Err before the parent ended = %v", rc.Err())
	}
	cancel()
	<-rc.Done()
	if rc.Err() == nil {
		t.Error("Err is nil after the parent ended")
	}
	select {
	case <-child.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("a context derived before release was not cancelled with the parent")
	}
}

// TestServerReleasesRequestContexts: the framework keeps a cancel function
// for every request until the provider stops; through the wrapper, what it
// keeps no longer reaches the request's context and whatever hangs off it.
func TestServerReleasesRequestContexts(t *testing.T) {
	_, server := servers(&testProvider{resources: []func() resource.Resource{plainResource}})
	const requests, payload = 40, 1 << 20
	heap := func() uint64 {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		return ms.HeapAlloc
	}
	before := heap()
	for range requests {
		ctx, cancel := context.WithCancel(context.WithValue(context.Background(), ctxKey{}, make([]byte, payload)))
		// No configuration: the request fails validation, after the
		// framework has registered its context.
		_, err := server.ValidateResourceConfig(ctx, &tfprotov6.ValidateResourceConfigRequest{TypeName: "fptest_plain"})
		cancel()
		if err != nil {
			t.Fatal(err)
		}
	}
	grown := int64(heap()) - int64(before)
	runtime.KeepAlive(server) // the framework server holds what it retains
	if grown > requests*payload/4 {
		t.Errorf("the heap grew by %d bytes over %d requests carrying %d bytes each: request contexts are retained", grown, requests, payload)
	}
}
