package fakescf

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

type listed struct {
	Functions []struct {
		FunctionName, Status, Runtime, Namespace string
		Tags                                     []struct{ Key, Value string }
		StatusReasons                            []StatusReason
	}
	TotalCount int
}

func (h *harness) list(params map[string]any) (names []string, total int) {
	h.t.Helper()
	var l listed
	if err := json.Unmarshal(h.ok("ListFunctions", params), &l); err != nil {
		h.t.Fatal(err)
	}
	for _, f := range l.Functions {
		if f.Tags == nil || f.StatusReasons == nil {
			h.t.Fatalf("null list fields in %+v", f)
		}
		names = append(names, f.FunctionName)
	}
	return names, l.TotalCount
}

func TestListFunctions(t *testing.T) {
	h := newHarness(t, Options{DeleteDelay: time.Hour})
	h.ok("CreateNamespace", map[string]any{"Namespace": "other"})
	// Created one minute apart, in this order.
	specs := []struct {
		name  string
		extra map[string]any
	}{
		{"alpha", map[string]any{"Description": "payments api", "Tags": []map[string]any{{"Key": "team", "Value": "pay"}}}},
		{"bravo", map[string]any{"Runtime": "Nodejs18.15", "Type": "HTTP", "VpcConfig": vpc()}},
		{"charlie", map[string]any{"Description": "payments worker", "Role": "SCF_QcsRole"}},
		{"delta", map[string]any{"Runtime": "Go1", "Tags": []map[string]any{{"Key": "team", "Value": "ops"}}}},
		{"echo", nil},
	}
	for _, s := range specs {
		h.createActive(s.name, s.extra)
		h.clock.Advance(time.Minute)
	}
	h.createActive("zulu", map[string]any{"Namespace": "other"})

	names, total := h.list(map[string]any{})
	if want := []string{"echo", "delta", "charlie", "bravo", "alpha"}; !reflect.DeepEqual(names, want) || total != 5 {
		t.Fatalf("default order = %v (%d), want %v", names, total, want)
	}
	// Paging by two through AddTime ASC covers everything exactly once.
	var all []string
	for off := 0; off < 6; off += 2 {
		page, total := h.list(map[string]any{"Order": "ASC", "Offset": off, "Limit": 2})
		if total != 5 {
			t.Fatalf("TotalCount = %d", total)
		}
		all = append(all, page...)
	}
	if want := []string{"alpha", "bravo", "charlie", "delta", "echo"}; !reflect.DeepEqual(all, want) {
		t.Fatalf("paged = %v", all)
	}
	cases := []struct {
		params map[string]any
		want   []string
	}{
		{map[string]any{"Orderby": "FunctionName", "Order": "ASC", "SearchKey": "a"}, []string{"alpha", "bravo", "charlie", "delta"}},
		{map[string]any{"Orderby": "FunctionName", "Order": "DESC", "Description": "payments"}, []string{"charlie", "alpha"}},
		{map[string]any{"Filters": []map[string]any{{"Name": "Runtime", "Values": []string{"Go1", "Nodejs18.15"}}}}, []string{"delta", "bravo"}},
		{map[string]any{"Filters": []map[string]any{{"Name": "Type", "Values": []string{"HTTP"}}, {"Name": "VpcId", "Values": []string{"vpc-demo0001"}}}}, []string{"bravo"}},
		{map[string]any{"Filters": []map[string]any{{"Name": "Role", "Values": []string{"SCF_QcsRole"}}}}, []string{"charlie"}},
		{map[string]any{"Filters": []map[string]any{{"Name": "tag-team", "Values": []string{"pay", "ops"}}}}, []string{"delta", "alpha"}},
		{map[string]any{"Filters": []map[string]any{{"Name": "Status", "Values": []string{"Active"}}}, "Limit": 1}, []string{"echo"}},
		{map[string]any{"Namespace": "other"}, []string{"zulu"}},
	}
	for i, tc := range cases {
		if got, _ := h.list(tc.params); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("case %d %v: got %v, want %v", i, tc.params, got, tc.want)
		}
	}
	// ModTime ordering follows updates; ties break by name.
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "alpha", "Timeout": 9})
	if got, _ := h.list(map[string]any{"Orderby": "ModTime", "Limit": 1}); !reflect.DeepEqual(got, []string{"alpha"}) {
		t.Errorf("ModTime DESC first = %v", got)
	}
	h.ok("DeleteFunction", map[string]any{"FunctionName": "echo"})
	if got, _ := h.list(map[string]any{"Filters": []map[string]any{{"Name": "Status", "Values": []string{"Deleting"}}}}); !reflect.DeepEqual(got, []string{"echo"}) {
		t.Errorf("Deleting filter = %v", got)
	}
	bad := []struct {
		params map[string]any
		code   string
	}{
		{map[string]any{"Limit": -1}, "InvalidParameterValue"},
		{map[string]any{"Limit": 101}, "InvalidParameterValue"},
		{map[string]any{"Offset": -1}, "InvalidParameterValue"},
		{map[string]any{"Order": "UP"}, "InvalidParameterValue.Order"},
		{map[string]any{"Orderby": "Size"}, "InvalidParameterValue.Orderby"},
		{map[string]any{"Filters": []map[string]any{{"Name": "Colour", "Values": []string{"x"}}}}, "InvalidParameterValue.Filters"},
		{map[string]any{"Filters": []map[string]any{{"Name": "VpcId", "Values": []string{"a", "b"}}}}, "InvalidParameterValue.Filters"},
		{map[string]any{"Filters": []map[string]any{{"Name": "Status", "Values": []string{}}}}, "InvalidParameterValue.Filters"},
		{map[string]any{"Namespace": "nowhere"}, "ResourceNotFound.Namespace"},
	}
	for _, tc := range bad {
		h.expect(tc.code, "ListFunctions", tc.params)
	}
	many := make([]map[string]any, 11)
	for i := range many {
		many[i] = map[string]any{"Name": "Status", "Values": []string{"Active"}}
	}
	h.expect("InvalidParameterValue.Filters", "ListFunctions", map[string]any{"Filters": many})
}

func TestNamespaces(t *testing.T) {
	h := newHarness(t, Options{})
	h.expect("InvalidParameterValue.DefaultNamespace", "CreateNamespace", map[string]any{"Namespace": "default"})
	h.expect("InvalidParameterValue.NamespaceInvalid", "CreateNamespace", map[string]any{"Namespace": "has space"})
	h.expect("InvalidParameterValue.NamespaceInvalid", "CreateNamespace", map[string]any{"Namespace": "x123456789012345678901234567890"})
	h.ok("CreateNamespace", map[string]any{"Namespace": "team-a", "Description": "Team A"})
	h.clock.Advance(time.Minute)
	h.ok("CreateNamespace", map[string]any{"Namespace": "team_b", "Description": "Team B"})
	h.expect("ResourceInUse.Namespace", "CreateNamespace", map[string]any{"Namespace": "team-a"})

	var l struct {
		Namespaces []struct{ Name, Type, Description, AddTime, ModTime string }
		TotalCount int
	}
	listNS := func(params map[string]any) []string {
		t.Helper()
		if err := json.Unmarshal(h.ok("ListNamespaces", params), &l); err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, ns := range l.Namespaces {
			names = append(names, ns.Name+"/"+ns.Type)
		}
		return names
	}
	if got := listNS(map[string]any{}); !reflect.DeepEqual(got, []string{"default/default", "frozen/Default", "team-a/Default", "team_b/Default"}) {
		t.Fatalf("namespaces = %v", got)
	}
	if got := listNS(map[string]any{"SearchKey": []map[string]any{{"Key": "Namespace", "Value": "team"}, {"Key": "Description", "Value": "B"}}}); !reflect.DeepEqual(got, []string{"team_b/Default"}) {
		t.Fatalf("search = %v", got)
	}
	if got := listNS(map[string]any{"Orderby": "Updatetime", "Order": "DESC", "Limit": 1}); !reflect.DeepEqual(got, []string{"team_b/Default"}) || l.TotalCount != 4 {
		t.Fatalf("Updatetime DESC = %v (%d)", got, l.TotalCount)
	}
	h.expect("InvalidParameterValue.SearchKey", "ListNamespaces", map[string]any{"SearchKey": []map[string]any{{"Key": "Owner", "Value": "x"}}})
	h.expect("InvalidParameterValue.Order", "ListNamespaces", map[string]any{"Order": "asc"})
	h.expect("InvalidParameterValue.Orderby", "ListNamespaces", map[string]any{"Orderby": "AddTime"})

	long := strings.Repeat("字", 1001)
	h.expect("InvalidParameterValue.Description", "CreateNamespace", map[string]any{"Namespace": "team-c", "Description": long})
	h.expect("InvalidParameterValue.Description", "UpdateNamespace", map[string]any{"Namespace": "team-a", "Description": long})
	h.ok("UpdateNamespace", map[string]any{"Namespace": "team-a", "Description": strings.Repeat("字", 1000)})
	h.expect("MissingParameter", "UpdateNamespace", map[string]any{"Namespace": "team-a"})
	h.expect("ResourceNotFound.Namespace", "UpdateNamespace", map[string]any{"Namespace": "nope", "Description": "x"})
	h.ok("UpdateNamespace", map[string]any{"Namespace": "team-a", "Description": "renamed"})

	h.createActive("fn", map[string]any{"Namespace": "team-a"})
	h.expect("ResourceInUse.Namespace", "DeleteNamespace", map[string]any{"Namespace": "team-a"})
	h.expect("FailedOperation.DeleteNamespace", "DeleteNamespace", map[string]any{"Namespace": "default"})
	h.expect("ResourceNotFound.Namespace", "DeleteNamespace", map[string]any{"Namespace": "nope"})
	h.ok("DeleteFunction", map[string]any{"FunctionName": "fn", "Namespace": "team-a"})
	h.ok("DeleteNamespace", map[string]any{"Namespace": "team-a"})
	h.expect("ResourceNotFound.Namespace", "CreateFunction", map[string]any{"FunctionName": "fn", "Namespace": "team-a", "Code": map[string]any{"ZipFile": testZip(t)}})
}

// TestNamespaceLimitDefault: the built-in fixtures allow the documented 5
// namespaces besides default, and "frozen" is one of them.
func TestNamespaceLimitDefault(t *testing.T) {
	h := newHarness(t, Options{})
	for _, ns := range []string{"one", "two", "three", "four"} {
		h.ok("CreateNamespace", map[string]any{"Namespace": ns})
	}
	h.expect("LimitExceeded.Namespace", "CreateNamespace", map[string]any{"Namespace": "five"})
	h.ok("DeleteNamespace", map[string]any{"Namespace": "four"})
	h.ok("CreateNamespace", map[string]any{"Namespace": "five"})
}

func TestNamespaceLimit(t *testing.T) {
	fx := DefaultFixtures()
	fx.NamespaceLimit = 2 // "frozen" already counts
	h := newHarness(t, Options{Fixtures: fx})
	h.ok("CreateNamespace", map[string]any{"Namespace": "one"})
	h.expect("LimitExceeded.Namespace", "CreateNamespace", map[string]any{"Namespace": "two"})
}

func TestModifyResourceTags(t *testing.T) {
	h := newHarness(t, Options{DeleteDelay: time.Minute})
	h.createActive("fn", map[string]any{"Tags": []map[string]any{{"Key": "team", "Value": "a"}, {"Key": "env", "Value": "dev"}}})
	before := h.get(defaultNamespace, "fn")
	res := "qcs::scf:ap-guangzhou:uin/:namespace/default/function/fn"
	h.clock.Advance(time.Hour)
	h.ok("ModifyResourceTags", map[string]any{"Resource": res,
		"ReplaceTags": []map[string]any{{"TagKey": "team", "TagValue": "b"}, {"TagKey": "cost", "TagValue": "42"}},
		"DeleteTags":  []map[string]any{{"TagKey": "env"}}})
	after := h.get(defaultNamespace, "fn")
	var tags []string
	for _, tg := range arr(t, after["Tags"]) {
		m := obj(t, tg)
		tags = append(tags, fmt.Sprint(m["Key"], "=", m["Value"]))
	}
	if !reflect.DeepEqual(tags, []string{"team=b", "cost=42"}) {
		t.Fatalf("tags = %v", tags)
	}
	if after["ModTime"] != before["ModTime"] || after["Status"] != statusActive {
		t.Fatalf("tagging changed ModTime/Status: %v %v", after["ModTime"], after["Status"])
	}
	h.expect("InvalidParameterValue.ResourceDescriptionError", "ModifyResourceTags", map[string]any{"Resource": "qcs::cvm:ap-guangzhou:uin/:instance/ins-1", "DeleteTags": []map[string]any{{"TagKey": "a"}}})
	h.expect("InvalidParameterValue.ResourceDescriptionError", "ModifyResourceTags", map[string]any{"Resource": "qcs::scf:ap-guangzhou:uin/1:namespace/default/fn", "DeleteTags": []map[string]any{{"TagKey": "a"}}})
	r := h.expect("ResourceNotFound", "ModifyResourceTags", map[string]any{"Resource": "qcs::scf:ap-guangzhou:uin/100000000001:namespace/default/function/ghost", "DeleteTags": []map[string]any{{"TagKey": "a"}}})
	if !containsAll(r.Message, "function/ghost") {
		t.Errorf("message %q should name the resource", r.Message)
	}
	h.expect("InvalidParameterValue", "ModifyResourceTags", map[string]any{"Resource": res, "ReplaceTags": []map[string]any{{"TagKey": "tencent:x", "TagValue": "v"}}})
	h.expect("MissingParameter", "ModifyResourceTags", map[string]any{"Resource": res})
	// Tags work while the function is updating, but not while it is deleted.
	h.srv.SetDelays(0, time.Minute, time.Minute)
	h.ok("UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Timeout": 5})
	h.ok("ModifyResourceTags", map[string]any{"Resource": res, "DeleteTags": []map[string]any{{"TagKey": "cost"}}})
	h.clock.Advance(time.Minute)
	h.ok("DeleteFunction", map[string]any{"FunctionName": "fn"})
	h.expect("FailedOperation", "ModifyResourceTags", map[string]any{"Resource": res, "DeleteTags": []map[string]any{{"TagKey": "team"}}})
	// The Tag service does not need a region header.
	h.region = ""
	h.expect("FailedOperation", "ModifyResourceTags", map[string]any{"Resource": res, "DeleteTags": []map[string]any{{"TagKey": "team"}}})
}
