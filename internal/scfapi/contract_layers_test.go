package scfapi_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

func layerRequest(t testing.TB, name, body string, runtimes ...string) (*scfapi.PublishLayerVersionRequest, string) {
	zipBytes := makeZip(t, body)
	req := &scfapi.PublishLayerVersionRequest{
		LayerName:   sp(name),
		Content:     &scfapi.Code{ZipFile: b64(zipBytes)},
		Description: sp("shared code"),
		LicenseInfo: sp("MIT"),
	}
	for _, rt := range runtimes {
		req.CompatibleRuntimes = append(req.CompatibleRuntimes, sp(rt))
	}
	return req, sha256Hex(zipBytes)
}

func TestContractLayerVersionRoundTrip(t *testing.T) {
	clock := &shiftedClock{}
	h := newContract(t, fakescf.Options{Clock: clock.now, CreateDelay: time.Hour, DeleteDelay: time.Hour}, nil)
	req, digest := layerRequest(t, "libs", "x = 1\n", "Python3.9", "Python3.10")
	v, err := h.c.PublishLayerVersion(h.ctx, req, digest)
	if err != nil || v != 1 {
		t.Fatalf("PublishLayerVersion = %d, %v; want version 1", v, err)
	}
	// The waiter sits through Publishing until the fake's clock moves.
	done := make(chan error, 1)
	var got *scfapi.LayerVersion
	go func() {
		var err error
		got, err = h.c.WaitForLayerVersionActive(h.ctx, "libs", v)
		done <- err
	}()
	eventually(t, "a few polls", func() bool { return h.srv.Stats().Requests["GetLayerVersion"] >= 3 })
	clock.shift(time.Hour)
	if err := <-done; err != nil {
		t.Fatalf("WaitForLayerVersionActive: %v", err)
	}
	if got.CodeSha256 != digest || got.LicenseInfo != "MIT" || !slices.Equal(got.CompatibleRuntimes, []string{"Python3.9", "Python3.10"}) {
		t.Fatalf("published version = %+v", got)
	}

	req2, digest2 := layerRequest(t, "libs", "x = 2\n", "Nodejs18.15")
	if v, err := h.c.PublishLayerVersion(h.ctx, req2, digest2); err != nil || v != 2 {
		t.Fatalf("second publish = %d, %v", v, err)
	}
	all, err := h.c.ListLayerVersions(h.ctx, "libs", nil)
	if err != nil || len(all) != 2 {
		t.Fatalf("ListLayerVersions = %+v, %v", all, err)
	}
	node, err := h.c.ListLayerVersions(h.ctx, "libs", []string{"Nodejs18.15"})
	if err != nil || len(node) != 1 || node[0].LayerVersion != 2 {
		t.Fatalf("ListLayerVersions(Nodejs18.15) = %+v, %v", node, err)
	}

	if err := h.c.DeleteLayerVersion(h.ctx, "libs", 1); err != nil {
		t.Fatalf("DeleteLayerVersion: %v", err)
	}
	go func() { done <- h.c.WaitForLayerVersionDeleted(h.ctx, "libs", 1) }()
	eventually(t, "a few polls while Deleting", func() bool { return h.srv.Stats().Requests["GetLayerVersion"] >= 8 })
	clock.shift(2 * time.Hour)
	if err := <-done; err != nil {
		t.Fatalf("WaitForLayerVersionDeleted: %v", err)
	}
	if _, err := h.c.GetLayerVersion(h.ctx, "libs", 1); !scfapi.IsLayerNotFound(err) {
		t.Fatalf("GetLayerVersion after delete: %v", err)
	}
	if err := h.c.DeleteLayerVersion(h.ctx, "libs", 1); !scfapi.IsLayerNotFound(err) {
		t.Fatalf("second DeleteLayerVersion: %v", err)
	}
	if _, err := h.c.ListLayerVersions(h.ctx, "unknown-layer", nil); !scfapi.IsLayerNotFound(err) {
		t.Fatalf("ListLayerVersions of an unknown layer: %v", err)
	}
}

func TestContractLayerVersionFailures(t *testing.T) {
	h := newContract(t, fakescf.Options{}, nil)
	h.srv.FailNext("PublishLayerVersion", "broken")
	req, digest := layerRequest(t, "broken", "x = 1\n", "Go1")
	v, err := h.c.PublishLayerVersion(h.ctx, req, digest)
	if err != nil {
		t.Fatal(err)
	}
	_, err = h.c.WaitForLayerVersionActive(h.ctx, "broken", v)
	var status *scfapi.LayerStatusError
	if !errors.As(err, &status) || status.Status != scfapi.StatusPublishFailed || !strings.Contains(err.Error(), "broken/1 is PublishFailed") {
		t.Fatalf("wait for a failed version: %v", err)
	}
	// Throttling is retried; the version is published once.
	h.srv.InjectFault("PublishLayerVersion", fakescf.FaultThrottle, 2)
	if v, err := h.c.PublishLayerVersion(h.ctx, req, digest); err != nil || v != 2 {
		t.Fatalf("publish after throttling = %d, %v", v, err)
	}
	bad := *req
	bad.CompatibleRuntimes = []*string{sp("Cobol")}
	if _, err := h.c.PublishLayerVersion(h.ctx, &bad, digest); scfapi.ErrorCode(err) != "InvalidParameterValue.CompatibleRuntimes" {
		t.Fatalf("invalid runtime: %v", err)
	}
}

// TestContractLostPublish drops PublishLayerVersion's connection before and
// after the fake applies it: either way exactly one version results.
func TestContractLostPublish(t *testing.T) {
	for _, kind := range []fakescf.FaultKind{fakescf.FaultDropBefore, fakescf.FaultDropAfter, fakescf.FaultInternalError} {
		t.Run(string(kind), func(t *testing.T) {
			h := newContract(t, fakescf.Options{}, nil)
			h.srv.InjectFault("PublishLayerVersion", kind, 1)
			req, digest := layerRequest(t, "lost", "x = 1\n", "Python3.9")
			v, err := h.c.PublishLayerVersion(h.ctx, req, digest)
			if err != nil || v != 1 {
				t.Fatalf("PublishLayerVersion = %d, %v; want 1", v, err)
			}
			all, err := h.c.ListLayerVersions(h.ctx, "lost", nil)
			if err != nil || len(all) != 1 {
				t.Fatalf("versions after a lost publish: %+v, %v", all, err)
			}
		})
	}
}

// TestContractLostPublishNotOurs: after a lost response, a version with
// other content published in the meantime (as a configuration publishes
// several versions of one layer at once) is neither taken over nor an
// obstacle: the call ends with exactly one version of its own.
func TestContractLostPublishNotOurs(t *testing.T) {
	for _, fault := range []fakescf.FaultKind{fakescf.FaultDropBefore, fakescf.FaultDropAfter} {
		t.Run(string(fault), func(t *testing.T) {
			// The fake's clock runs ahead, so the other version reads as
			// published after this call started, whatever second the test
			// runs in.
			clock := &shiftedClock{}
			clock.shift(time.Hour)
			h := newContract(t, fakescf.Options{Clock: clock.now}, nil)
			other, otherDigest := layerRequest(t, "race", "someone else\n", "Python3.9")
			if _, err := h.client(nil).PublishLayerVersion(h.ctx, other, otherDigest); err != nil {
				t.Fatalf("other publish: %v", err)
			}
			h.srv.InjectFault("PublishLayerVersion", fault, 1)
			req, digest := layerRequest(t, "race", "ours\n", "Python3.9")
			v, err := h.c.PublishLayerVersion(h.ctx, req, digest)
			if err != nil || v != 2 {
				t.Fatalf("PublishLayerVersion after a lost response = %d, %v; want version 2", v, err)
			}
			all, err := h.c.ListLayerVersions(h.ctx, "race", nil)
			if err != nil || len(all) != 2 {
				t.Fatalf("versions: %+v, %v; want the other one and exactly one of this call", all, err)
			}
			got, err := h.c.GetLayerVersion(h.ctx, "race", v)
			if err != nil || got.CodeSha256 != digest {
				t.Fatalf("version %d = %+v, %v; want this call's content", v, got, err)
			}
		})
	}
}

// TestContractLostPublishAmbiguous: when two versions identical to the
// request appeared since the call started, neither can be proven to be its
// own, and it says so instead of adopting one or publishing a third.
func TestContractLostPublishAmbiguous(t *testing.T) {
	clock := &shiftedClock{}
	clock.shift(time.Hour)
	h := newContract(t, fakescf.Options{Clock: clock.now}, nil)
	req, digest := layerRequest(t, "twin", "same\n", "Python3.9")
	if _, err := h.client(nil).PublishLayerVersion(h.ctx, req, digest); err != nil {
		t.Fatalf("first identical publish: %v", err)
	}
	h.srv.InjectFault("PublishLayerVersion", fakescf.FaultDropAfter, 1)
	_, err := h.c.PublishLayerVersion(h.ctx, req, digest)
	var adoption *scfapi.LayerAdoptionError
	if !errors.As(err, &adoption) || !strings.Contains(err.Error(), "2 versions identical") {
		t.Fatalf("lost publish next to an identical version: %v", err)
	}
	if all, _ := h.c.ListLayerVersions(h.ctx, "twin", nil); len(all) != 2 {
		t.Fatalf("versions: %+v; the lost publish must not be sent again", all)
	}
}
