package scfapi_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"testing"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// TestListAllFunctionsMatchingSendsTheQueryOnEveryPage pages with the
// configured page size and repeats the caller's query on every page, ordered
// by name unless the caller chose an order.
func TestListAllFunctionsMatchingSendsTheQueryOnEveryPage(t *testing.T) {
	const total = 7
	f := newFakeAPI(t, func(c call) reply {
		var req struct{ Offset, Limit int }
		_ = json.Unmarshal(c.Body, &req)
		var rows []any
		for i := req.Offset; i < min(req.Offset+req.Limit, total); i++ {
			rows = append(rows, map[string]any{"FunctionName": fmt.Sprintf("fn-%d", i), "Status": "Active"})
		}
		return reply{Resp: map[string]any{"Functions": rows, "TotalCount": total}}
	})
	c := newTestClient(t, f, func(cfg *scfapi.Config) { cfg.ListPageSize = 3 })
	query := scfapi.ListFunctionsRequest{
		Namespace: sp("team"),
		SearchKey: sp("fn"),
		Offset:    ip(50), // the client's to set
		Filters: []*scfapi.Filter{
			{Name: sp("Runtime"), Values: []*string{sp("Python3.9")}},
			{Name: sp("tag-team"), Values: []*string{sp("a")}},
		},
	}
	all, err := c.ListAllFunctionsMatching(testCtx(t), query)
	if err != nil {
		t.Fatalf("ListAllFunctionsMatching: %v", err)
	}
	if len(all) != total || all[total-1].FunctionName != "fn-6" {
		t.Errorf("got %d functions, want %d ending with fn-6: %+v", len(all), total, all)
	}
	var offsets []float64
	for _, cl := range f.Calls("ListFunctions") {
		body := cl.JSON(t)
		offset, _ := body["Offset"].(float64)
		offsets = append(offsets, offset)
		filters, _ := json.Marshal(body["Filters"])
		if body["Limit"] != float64(3) || body["Namespace"] != "team" || body["SearchKey"] != "fn" ||
			body["Orderby"] != "FunctionName" || body["Order"] != "ASC" ||
			string(filters) != `[{"Name":"Runtime","Values":["Python3.9"]},{"Name":"tag-team","Values":["a"]}]` {
			t.Errorf("page request %v", body)
		}
	}
	if !slices.Equal(offsets, []float64{0, 3, 6}) {
		t.Errorf("offsets = %v, want 0, 3, 6", offsets)
	}
	if *query.Offset != 50 || query.Orderby != nil || query.BaseRequest != nil {
		t.Error("ListAllFunctionsMatching modified the caller's query")
	}
}

func TestListAllFunctionsMatchingKeepsTheCallersOrder(t *testing.T) {
	f := newFakeAPI(t, func(call) reply { return reply{Resp: map[string]any{"Functions": []any{}, "TotalCount": 0}} })
	c := newTestClient(t, f, func(cfg *scfapi.Config) { cfg.ListPageSize = 500 })
	all, err := c.ListAllFunctionsMatching(testCtx(t), scfapi.ListFunctionsRequest{Orderby: sp("AddTime"), Order: sp("DESC")})
	if err != nil || len(all) != 0 {
		t.Fatalf("got %v, %v; want an empty list", all, err)
	}
	body := f.Calls("ListFunctions")[0].JSON(t)
	// A page size above the API's maximum is capped to it.
	if body["Orderby"] != "AddTime" || body["Order"] != "DESC" || body["Limit"] != float64(100) {
		t.Errorf("request %v", body)
	}
}

// TestContractListFunctionsFilters runs the data sources' queries against
// the fake: each filter alone and together, paged, and a query that matches
// nothing is an empty list.
func TestContractListFunctionsFilters(t *testing.T) {
	h := newContract(t, fakescf.Options{}, func(cfg *scfapi.Config) { cfg.ListPageSize = 2 })
	for i, name := range []string{"app-a", "app-b", "app-c", "web-a", "other-app"} {
		req := zipRequest(t, name)
		if i%2 == 1 {
			req.Runtime = sp("Nodejs18.15")
		}
		if name == "app-c" || name == "web-a" {
			req.Type = sp("HTTP")
		}
		req.Tags = []*scfapi.Tag{{Key: sp("team"), Value: sp([]string{"a", "b"}[i%2])}}
		h.create(req)
	}
	filter := func(name, value string) *scfapi.Filter {
		return &scfapi.Filter{Name: sp(name), Values: []*string{sp(value)}}
	}
	for _, tc := range []struct {
		name  string
		query scfapi.ListFunctionsRequest
		want  []string
	}{
		{"all", scfapi.ListFunctionsRequest{}, []string{"app-a", "app-b", "app-c", "other-app", "web-a"}},
		{"search key", scfapi.ListFunctionsRequest{SearchKey: sp("app")}, []string{"app-a", "app-b", "app-c", "other-app"}},
		{"runtime", scfapi.ListFunctionsRequest{Filters: []*scfapi.Filter{filter("Runtime", "Nodejs18.15")}}, []string{"app-b", "web-a"}},
		{"type", scfapi.ListFunctionsRequest{Filters: []*scfapi.Filter{filter("Type", "HTTP")}}, []string{"app-c", "web-a"}},
		{"tag", scfapi.ListFunctionsRequest{Filters: []*scfapi.Filter{filter("tag-team", "a")}}, []string{"app-a", "app-c", "other-app"}},
		{"combined", scfapi.ListFunctionsRequest{SearchKey: sp("app"), Filters: []*scfapi.Filter{filter("tag-team", "a"), filter("Type", "Event")}},
			[]string{"app-a", "other-app"}},
		{"nothing", scfapi.ListFunctionsRequest{Filters: []*scfapi.Filter{filter("tag-missing", "x")}}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			all, err := h.c.ListAllFunctionsMatching(h.ctx, tc.query)
			if err != nil {
				t.Fatalf("ListAllFunctionsMatching: %v", err)
			}
			var got []string
			for _, f := range all {
				got = append(got, f.FunctionName)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
	_, err := h.c.ListAllFunctionsMatching(h.ctx, scfapi.ListFunctionsRequest{Filters: []*scfapi.Filter{filter("Colour", "red")}})
	if code := scfapi.ErrorCode(err); code != "InvalidParameterValue.Filters" {
		t.Errorf("unknown filter: error %v (code %q), want InvalidParameterValue.Filters", err, code)
	}
}

// TestListAliasesPages reads every page of ListAliases, sending Offset and
// Limit as the strings the API takes.
func TestListAliasesPages(t *testing.T) {
	const total = 5
	f := newFakeAPI(t, func(c call) reply {
		var req struct{ Offset, Limit string }
		_ = json.Unmarshal(c.Body, &req)
		var offset, limit int
		_, _ = fmt.Sscan(req.Offset, &offset)
		_, _ = fmt.Sscan(req.Limit, &limit)
		var rows []any
		for i := offset; i < min(offset+limit, total); i++ {
			rows = append(rows, map[string]any{"Name": fmt.Sprintf("alias-%d", i), "FunctionVersion": "1"})
		}
		return reply{Resp: map[string]any{"Aliases": rows, "TotalCount": total}}
	})
	c := newTestClient(t, f, func(cfg *scfapi.Config) { cfg.ListPageSize = 2 })
	all, err := c.ListAliases(testCtx(t), "", "hello")
	if err != nil {
		t.Fatalf("ListAliases: %v", err)
	}
	if len(all) != total || all[total-1].Name != "alias-4" {
		t.Errorf("got %+v, want %d aliases ending with alias-4", all, total)
	}
	var offsets []string
	for _, cl := range f.Calls("ListAliases") {
		body := cl.JSON(t)
		offsets = append(offsets, fmt.Sprint(body["Offset"]))
		if body["Limit"] != "2" || body["Namespace"] != "default" || body["FunctionName"] != "hello" {
			t.Errorf("page request %v", body)
		}
	}
	if !slices.Equal(offsets, []string{"0", "2", "4"}) {
		t.Errorf("offsets = %v, want 0, 2, 4", offsets)
	}
}

// TestListProvisionedConcurrencyAsksForEveryVersion sends no qualifier and
// returns every version's entry.
func TestListProvisionedConcurrencyAsksForEveryVersion(t *testing.T) {
	f := newFakeAPI(t, func(c call) reply {
		return reply{Resp: map[string]any{"Allocated": []any{
			map[string]any{"Qualifier": "1", "AllocatedProvisionedConcurrencyNum": 2, "Status": "Done"},
			map[string]any{"Qualifier": "3", "AllocatedProvisionedConcurrencyNum": 1, "Status": "InProgress"},
		}}}
	})
	c := newTestClient(t, f, nil)
	all, err := c.ListProvisionedConcurrency(testCtx(t), "team", "hello")
	if err != nil {
		t.Fatalf("ListProvisionedConcurrency: %v", err)
	}
	if len(all) != 2 || all[0].Qualifier != "1" || all[1].Qualifier != "3" {
		t.Errorf("got %+v", all)
	}
	for _, cl := range f.Calls("GetProvisionedConcurrencyConfig") {
		if body := cl.JSON(t); body["Qualifier"] != nil || body["Namespace"] != "team" {
			t.Errorf("request %v, want no qualifier", body)
		}
	}
}

// TestListAllLayersPages reads every page of ListLayers.
func TestListAllLayersPages(t *testing.T) {
	const total = 5
	f := newFakeAPI(t, func(c call) reply {
		var req struct{ Offset, Limit int }
		_ = json.Unmarshal(c.Body, &req)
		var rows []any
		for i := req.Offset; i < min(req.Offset+req.Limit, total); i++ {
			rows = append(rows, map[string]any{"LayerName": fmt.Sprintf("layer-%d", i), "LayerVersion": i + 1})
		}
		return reply{Resp: map[string]any{"Layers": rows, "TotalCount": total}}
	})
	c := newTestClient(t, f, func(cfg *scfapi.Config) { cfg.ListPageSize = 2 })
	all, err := c.ListAllLayers(testCtx(t))
	if err != nil {
		t.Fatalf("ListAllLayers: %v", err)
	}
	if len(all) != total || all[total-1].LayerName != "layer-4" || all[total-1].LayerVersion != 5 {
		t.Errorf("got %+v, want %d layers ending with layer-4 version 5", all, total)
	}
	var offsets []float64
	for _, cl := range f.Calls("ListLayers") {
		body := cl.JSON(t)
		offset, _ := body["Offset"].(float64)
		offsets = append(offsets, offset)
		if body["Limit"] != float64(2) {
			t.Errorf("page request %v", body)
		}
	}
	if !slices.Equal(offsets, []float64{0, 2, 4}) {
		t.Errorf("offsets = %v, want 0, 2, 4", offsets)
	}
}
