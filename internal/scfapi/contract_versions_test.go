package scfapi_test

import (
	"errors"
	"testing"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

func TestContractVersionsAndAliases(t *testing.T) {
	h := newContract(t, fakescf.Options{}, nil)
	h.create(versionedFn(t))
	name := "fn"
	v, err := h.c.PublishVersion(h.ctx, "", name, "first")
	if err != nil || v != "1" {
		t.Fatalf("PublishVersion = %q, %v", v, err)
	}
	f, err := h.c.WaitForVersionActive(h.ctx, "", name, v)
	if err != nil || f.Description != "first" || f.FunctionVersion != "1" {
		t.Fatalf("WaitForVersionActive = %+v, %v", f, err)
	}
	if _, err := h.c.GetFunctionVersionAddress(h.ctx, "", name, v); err != nil {
		t.Fatal(err)
	}
	v2, err := h.c.PublishVersion(h.ctx, "", name, "second")
	if err != nil || v2 != "2" {
		t.Fatalf("second PublishVersion = %q, %v", v2, err)
	}
	all, err := h.c.ListVersions(h.ctx, "", name)
	if err != nil || len(all) != 3 {
		t.Fatalf("ListVersions = %+v, %v", all, err)
	}
	req := &scfapi.AliasRequest{Name: sp("live"), FunctionName: sp(name), FunctionVersion: sp("1"),
		RoutingConfig: &scfapi.RoutingConfig{AdditionalVersionWeights: []*scfapi.VersionWeight{{Version: sp("2"), Weight: new(0.3)}}}}
	if err := h.c.CreateAlias(h.ctx, req); err != nil {
		t.Fatal(err)
	}
	a, err := h.c.GetAlias(h.ctx, "", name, "live")
	if err != nil || a.FunctionVersion != "1" || len(a.RoutingConfig.AdditionalVersionWeights) != 1 || *a.RoutingConfig.AdditionalVersionWeights[0].Weight != 0.3 {
		t.Fatalf("GetAlias = %+v, %v", a, err)
	}
	if err := h.c.DeleteFunctionVersion(h.ctx, "", name, "2"); scfapi.ErrorCode(err) != "UnsupportedOperation.AliasBind" {
		t.Fatalf("deleting a routed version: %v", err)
	}
	req.RoutingConfig = nil
	req.FunctionVersion = sp("2")
	if err := h.c.UpdateAlias(h.ctx, req); err != nil {
		t.Fatal(err)
	}
	if err := h.c.DeleteFunctionVersion(h.ctx, "", name, "1"); err != nil {
		t.Fatal(err)
	}
	if err := h.c.DeleteFunctionVersion(h.ctx, "", name, "1"); err != nil {
		t.Fatalf("deleting a deleted version: %v", err)
	}
	if err := h.c.DeleteAlias(h.ctx, "", name, "live"); err != nil {
		t.Fatal(err)
	}
	if _, err := h.c.GetAlias(h.ctx, "", name, "live"); !scfapi.IsAliasNotFound(err) {
		t.Fatalf("GetAlias after delete: %v", err)
	}
	if err := h.c.DeleteAlias(h.ctx, "", name, "live"); err != nil {
		t.Fatalf("deleting a deleted alias: %v", err)
	}
}

// TestContractLostVersionPublish: a lost PublishVersion adopts the one
// version it published, or publishes when nothing was.
func TestContractLostVersionPublish(t *testing.T) {
	for _, kind := range []fakescf.FaultKind{fakescf.FaultDropBefore, fakescf.FaultDropAfter, fakescf.FaultInternalError} {
		t.Run(string(kind), func(t *testing.T) {
			h := newContract(t, fakescf.Options{}, nil)
			h.create(versionedFn(t))
			if _, err := h.c.PublishVersion(h.ctx, "", "fn", "other"); err != nil {
				t.Fatal(err)
			}
			h.srv.InjectFault("PublishVersion", kind, 1)
			v, err := h.c.PublishVersion(h.ctx, "", "fn", "mine")
			if err != nil || v != "2" {
				t.Fatalf("PublishVersion = %q, %v; want 2", v, err)
			}
			all, err := h.c.ListVersions(h.ctx, "", "fn")
			if err != nil || len(all) != 3 {
				t.Fatalf("versions after a lost publish = %+v, %v", all, err)
			}
		})
	}
}

func TestContractLostVersionPublishAmbiguous(t *testing.T) {
	h := newContract(t, fakescf.Options{}, nil)
	h.create(versionedFn(t))
	if _, err := h.c.PublishVersion(h.ctx, "", "fn", "same"); err != nil {
		t.Fatal(err)
	}
	h.srv.InjectFault("PublishVersion", fakescf.FaultDropAfter, 1)
	_, err := h.c.PublishVersion(h.ctx, "", "fn", "same")
	var ae *scfapi.VersionAdoptionError
	if !errors.As(err, &ae) || len(ae.Versions) != 2 {
		t.Fatalf("err = %v, want *VersionAdoptionError naming two versions", err)
	}
}

func versionedFn(t *testing.T) *scfapi.CreateFunctionRequest {
	r := createRequest(makeZip(t, "x = 1\n"))
	r.Layers = nil
	return r
}
