package scfapi_test

// Lost responses end to end: the fake drops the connection before
// (FaultDropBefore) or after (FaultDropAfter) applying a request, and the
// client must end with exactly the state one successful call would leave.

import (
	"errors"
	"maps"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// shiftedClock is a fake clock offset from the wall clock, so that a
// function can be created "an hour ago" without sleeping.
type shiftedClock struct{ offset atomic.Int64 }

func (c *shiftedClock) now() time.Time        { return time.Now().Add(time.Duration(c.offset.Load())) }
func (c *shiftedClock) shift(d time.Duration) { c.offset.Store(int64(d)) }

// preexisting describes a same-named function that exists before the call.
type preexisting struct {
	age         time.Duration // how long before the call it was created
	description string        // set when it differs from the request
}

type lostCreateCase struct {
	name   string
	pre    *preexisting
	edit   func(*createReq)
	faults func(srv *fakescf.Server)
	// wantErr is "" for success, "adoption" for *scfapi.AdoptionError, or
	// the code of the expected *scfapi.APIError.
	wantErr string
	// reason is a substring of AdoptionError.Reason.
	reason string
	// sends is how often CreateFunction reaches the fake during the call.
	sends int64
}

func dropCreate(kind fakescf.FaultKind) func(*fakescf.Server) {
	return func(srv *fakescf.Server) { srv.InjectFault(scfapi.ActionCreateFunction, kind, 1) }
}

// staleLookup makes the client's first GetFunction lookup answer not-found,
// as an eventually consistent read might, after dropping the create.
func staleLookup(kind fakescf.FaultKind) func(*fakescf.Server) {
	return func(srv *fakescf.Server) {
		srv.InjectFault(scfapi.ActionCreateFunction, kind, 1)
		srv.InjectError(scfapi.ActionGetFunction, "ResourceNotFound.Function", "stale read (injected)", 1)
	}
}

func lostCreateCases() []lostCreateCase {
	old := &preexisting{age: time.Hour}
	return []lostCreateCase{
		{name: "drop-after is adopted", faults: dropCreate(fakescf.FaultDropAfter), sends: 1},
		{name: "drop-before is sent again", faults: dropCreate(fakescf.FaultDropBefore), sends: 2},
		{name: "drop-after with service defaults is adopted", faults: dropCreate(fakescf.FaultDropAfter), sends: 1,
			edit: func(r *createReq) { r.Handler, r.Runtime = nil, nil }},
		{name: "drop-after of an image function is adopted", faults: dropCreate(fakescf.FaultDropAfter), sends: 1,
			edit: func(r *createReq) {
				r.Handler, r.Runtime = nil, nil
				r.Code = &scfapi.Code{ImageConfig: &scfapi.ImageConfig{ImageType: sp("personal"), ImageUri: sp("ccr.ccs.tencentyun.com/ns/app:v1")}}
			}},
		{name: "drop-after, stale lookup, in-use re-send is adopted", faults: staleLookup(fakescf.FaultDropAfter), sends: 2},

		{name: "older function, drop-before", pre: old, faults: dropCreate(fakescf.FaultDropBefore),
			wantErr: "adoption", reason: "before this call started", sends: 1},
		{name: "older function, drop-after", pre: old, faults: dropCreate(fakescf.FaultDropAfter),
			wantErr: "adoption", reason: "before this call started", sends: 1},
		// Created "2 s in the future" by the fake's clock, so that its AddTime
		// is never before the call's start, whichever side of a second
		// boundary the call starts on: the configuration decides.
		{name: "same-second function with another configuration, drop-before", pre: &preexisting{age: -2 * time.Second, description: "made by someone else"},
			faults: dropCreate(fakescf.FaultDropBefore), wantErr: "adoption", reason: "Description", sends: 1},
		{name: "older function, stale lookup, re-send answered in use", pre: old, faults: staleLookup(fakescf.FaultDropBefore),
			wantErr: "adoption", reason: "before this call started", sends: 2},
		{name: "older function, nothing lost", pre: old, wantErr: "ResourceInUse.Function", sends: 1},
	}
}

func TestContractLostCreateFunction(t *testing.T) {
	for _, tc := range lostCreateCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			clock := &shiftedClock{}
			h := newContract(t, fakescf.Options{Clock: clock.now}, nil)
			var preID string
			if tc.pre != nil {
				clock.shift(-tc.pre.age)
				r := zipRequest(t, "dup")
				if tc.pre.description != "" {
					r.Description = sp(tc.pre.description)
				}
				if err := h.c.CreateFunction(h.ctx, r); err != nil {
					t.Fatal(err)
				}
				clock.shift(0)
				preID = h.waitActive("dup").FunctionId
			}
			if tc.faults != nil {
				tc.faults(h.srv)
			}
			r := zipRequest(t, "dup")
			if tc.edit != nil {
				tc.edit(r)
			}
			before := h.srv.Stats()

			err := h.c.CreateFunction(h.ctx, r)

			after := h.srv.Stats()
			if n := after.Requests[scfapi.ActionCreateFunction] - before.Requests[scfapi.ActionCreateFunction]; n != tc.sends {
				t.Errorf("CreateFunction reached the fake %d times, want %d", n, tc.sends)
			}
			if names := h.srv.FunctionNames(scfapi.DefaultNamespace); len(names) != 1 || names[0] != "dup" {
				t.Fatalf("functions afterwards: %v, want exactly one dup", names)
			}
			f := h.waitActive("dup")
			var adoptErr *scfapi.AdoptionError
			switch tc.wantErr {
			case "":
				if err != nil {
					t.Fatalf("CreateFunction: %v, want the lost create to succeed", err)
				}
			case "adoption":
				if !errors.As(err, &adoptErr) || !strings.Contains(adoptErr.Reason, tc.reason) {
					t.Fatalf("CreateFunction: %v, want *scfapi.AdoptionError with a reason about %q", err, tc.reason)
				}
			default:
				if scfapi.ErrorCode(err) != tc.wantErr || errors.As(err, &adoptErr) {
					t.Fatalf("CreateFunction: %v, want %s", err, tc.wantErr)
				}
			}
			if tc.pre != nil {
				if f.FunctionId != preID || f.Description != tc.pre.description {
					t.Errorf("the pre-existing function changed: id %s -> %s, description %q", preID, f.FunctionId, f.Description)
				}
			}
		})
	}
}

// lostMutationCase drops one answer of a mutation of function "fn" (or of
// namespace "ns-lost").
type lostMutationCase struct {
	name   string
	action string
	kind   fakescf.FaultKind
	// delay is the fake's update/delete delay: long enough for the lookup
	// to see Updating or Deleting, or zero so that it sees the end state.
	delay time.Duration
	call  func(h *contract) error
	check func(h *contract)
	// swallowed is the refusal a re-send may get that tells the client a
	// lost attempt already did the work.
	swallowed string
}

func lostMutationCases(t *testing.T) []lostMutationCase {
	v2 := makeZip(t, "def main_handler(e, c):\n    return 2\n")
	updateCode := func(h *contract) error {
		return h.c.UpdateFunctionCode(h.ctx, &scfapi.UpdateFunctionCodeRequest{FunctionName: sp("fn"), Code: &scfapi.Code{ZipFile: b64(v2)}})
	}
	codeUpdated := func(h *contract) {
		h.waitActive("fn")
		if got := h.codeSha("fn"); got != sha256Hex(v2) {
			h.t.Errorf("CodeSha256 = %s, want the new package's %s", got, sha256Hex(v2))
		}
	}
	updateConfig := func(h *contract) error {
		return h.c.UpdateFunctionConfiguration(h.ctx, &scfapi.UpdateFunctionConfigurationRequest{FunctionName: sp("fn"), MemorySize: ip(512)})
	}
	configUpdated := func(h *contract) {
		if f := h.waitActive("fn"); f.MemorySize != 512 {
			h.t.Errorf("MemorySize = %d, want 512", f.MemorySize)
		}
	}
	deleteFn := func(h *contract) error { return h.c.DeleteFunction(h.ctx, "", "fn") }
	deleted := func(h *contract) {
		if err := h.c.WaitForDeleted(h.ctx, "", "fn"); err != nil {
			h.t.Errorf("WaitForDeleted: %v", err)
		}
	}
	namespaceDesc := func(name, want string, exists bool) func(h *contract) {
		return func(h *contract) {
			l, err := h.c.ListNamespaces(h.ctx, &scfapi.ListNamespacesRequest{
				SearchKey: []*scfapi.SearchKey{{Key: sp("Namespace"), Value: sp(name)}},
			})
			switch {
			case err != nil:
				h.t.Errorf("ListNamespaces: %v", err)
			case !exists && l.TotalCount != 0:
				h.t.Errorf("%s still exists", name)
			case exists && (l.TotalCount != 1 || l.Namespaces[0].Description != want):
				h.t.Errorf("namespaces %+v, want %s described %q", l.Namespaces, name, want)
			}
		}
	}
	return []lostMutationCase{
		{name: "code, lookup sees Updating", action: scfapi.ActionUpdateFunctionCode, kind: fakescf.FaultDropAfter,
			delay: 300 * time.Millisecond, call: updateCode, check: codeUpdated},
		{name: "code, lookup sees Active", action: scfapi.ActionUpdateFunctionCode, kind: fakescf.FaultDropAfter, call: updateCode, check: codeUpdated},
		{name: "code, never applied", action: scfapi.ActionUpdateFunctionCode, kind: fakescf.FaultDropBefore, call: updateCode, check: codeUpdated},
		{name: "configuration, lookup sees Updating", action: scfapi.ActionUpdateFunctionConfiguration, kind: fakescf.FaultDropAfter,
			delay: 300 * time.Millisecond, call: updateConfig, check: configUpdated},
		{name: "configuration, lookup sees Active", action: scfapi.ActionUpdateFunctionConfiguration, kind: fakescf.FaultDropAfter,
			call: updateConfig, check: configUpdated},
		{name: "delete, lookup sees Deleting", action: scfapi.ActionDeleteFunction, kind: fakescf.FaultDropAfter,
			delay: 300 * time.Millisecond, call: deleteFn, check: deleted},
		{name: "delete, lookup sees it gone", action: scfapi.ActionDeleteFunction, kind: fakescf.FaultDropAfter, call: deleteFn, check: deleted},
		{name: "delete, never applied", action: scfapi.ActionDeleteFunction, kind: fakescf.FaultDropBefore, call: deleteFn, check: deleted},
		{name: "tags", action: scfapi.ActionModifyResourceTags, kind: fakescf.FaultDropAfter,
			call: func(h *contract) error {
				return h.c.ModifyResourceTags(h.ctx, "", "fn", map[string]string{"team": "b"}, nil)
			},
			check: func(h *contract) {
				if got := tagsOf(h.get("", "fn")); !maps.Equal(got, map[string]string{"team": "b"}) {
					h.t.Errorf("tags = %v", got)
				}
			}},
		{name: "create namespace", action: scfapi.ActionCreateNamespace, kind: fakescf.FaultDropAfter,
			call:  func(h *contract) error { return h.c.CreateNamespace(h.ctx, "ns-new", "second") },
			check: namespaceDesc("ns-new", "second", true), swallowed: "ResourceInUse.Namespace"},
		{name: "update namespace", action: scfapi.ActionUpdateNamespace, kind: fakescf.FaultDropAfter,
			call:  func(h *contract) error { return h.c.UpdateNamespace(h.ctx, "ns-lost", "updated") },
			check: namespaceDesc("ns-lost", "updated", true)},
		{name: "delete namespace", action: scfapi.ActionDeleteNamespace, kind: fakescf.FaultDropAfter,
			call:  func(h *contract) error { return h.c.DeleteNamespace(h.ctx, "ns-lost") },
			check: namespaceDesc("ns-lost", "", false), swallowed: "ResourceNotFound.Namespace"},
	}
}

func TestContractLostMutations(t *testing.T) {
	for _, tc := range lostMutationCases(t) {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			h := newContract(t, fakescf.Options{}, nil)
			h.create(zipRequest(t, "fn"))
			if err := h.c.CreateNamespace(h.ctx, "ns-lost", "first"); err != nil {
				t.Fatal(err)
			}
			h.srv.SetDelays(0, tc.delay, tc.delay)
			h.srv.InjectFault(tc.action, tc.kind, 1)
			before := h.srv.Stats()

			if err := tc.call(h); err != nil {
				t.Fatalf("%s with a lost response: %v", tc.action, err)
			}
			st := h.srv.Stats()
			if st.FaultsInjected[tc.kind]-before.FaultsInjected[tc.kind] != 1 {
				t.Fatalf("the %s fault was not consumed by %s", tc.kind, tc.action)
			}
			for code, n := range st.Responses[tc.action] {
				if code != "OK" && code != tc.swallowed && n > before.Responses[tc.action][code] {
					t.Errorf("%s answered %s to a re-send: the client duplicated a mutation the fake refused", tc.action, code)
				}
			}
			tc.check(h)
			if names := h.srv.FunctionNames(scfapi.DefaultNamespace); tc.action != scfapi.ActionDeleteFunction && len(names) != 1 {
				t.Errorf("functions afterwards: %v, want only fn", names)
			}
		})
	}
}
