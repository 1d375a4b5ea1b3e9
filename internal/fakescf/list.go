package fakescf

import (
	"cmp"
	"slices"
	"strings"
)

const (
	maxFilters      = 10
	maxFilterValues = 20
	maxPageLimit    = 100
	defaultPageSize = 20
)

// Filter names of ListFunctions and whether they take several values.
var functionFilters = map[string]bool{
	"Status": true, "Runtime": true, "Type": true, "PublicNetStatus": true, "AsyncRunEnable": true, "TraceEnable": true,
	"VpcId": false, "SubnetId": false, "Role": false, "ClsTopicId": false, "ClsLogsetId": false,
}

func filterField(f *functionRecord, name string) string {
	c := &f.Config
	switch name {
	case "Status":
		return f.Status
	case "Runtime":
		return c.Runtime
	case "Type":
		return c.Type
	case "PublicNetStatus":
		return c.PublicNetStatus
	case "AsyncRunEnable":
		return c.AsyncRunEnable
	case "TraceEnable":
		return c.TraceEnable
	case "VpcId":
		return c.VpcID
	case "SubnetId":
		return c.SubnetID
	case "Role":
		return c.Role
	case "ClsTopicId":
		return c.ClsTopicID
	case "ClsLogsetId":
		return c.ClsLogsetID
	}
	return ""
}

func checkFilters(filters []filterIn) *apiError {
	if len(filters) > maxFilters {
		return errf("InvalidParameterValue.Filters", "at most %d Filters are allowed; got %d", maxFilters, len(filters))
	}
	for i, f := range filters {
		multi, known := functionFilters[f.Name]
		if tagKey, isTag := strings.CutPrefix(f.Name, "tag-"); isTag {
			if tagKey == "" {
				return errf("InvalidParameterValue.Filters", "Filters[%d]: a tag filter needs a key after \"tag-\"", i)
			}
			multi, known = true, true
		}
		switch {
		case !known:
			return errf("InvalidParameterValue.Filters", "Filters[%d].Name %q is not supported", i, truncate(f.Name, 64))
		case len(f.Values) == 0:
			return errf("InvalidParameterValue.Filters", "Filters[%d] (%s) needs at least one value", i, f.Name)
		case !multi && len(f.Values) > 1:
			return errf("InvalidParameterValue.Filters", "Filters[%d] (%s) takes a single value", i, f.Name)
		case len(f.Values) > maxFilterValues:
			return errf("InvalidParameterValue.Filters", "Filters[%d] (%s) takes at most %d values", i, f.Name, maxFilterValues)
		}
	}
	return nil
}

func matchesFilters(f *functionRecord, filters []filterIn) bool {
	for _, flt := range filters {
		if key, isTag := strings.CutPrefix(flt.Name, "tag-"); isTag {
			i := slices.IndexFunc(f.Config.Tags, func(t tagKV) bool { return t.Key == key })
			if i < 0 || !slices.Contains(flt.Values, f.Config.Tags[i].Value) {
				return false
			}
			continue
		}
		if !slices.Contains(flt.Values, filterField(f, flt.Name)) {
			return false
		}
	}
	return true
}

// pageBounds validates Offset/Limit and returns the defaults for nil.
func pageBounds(offset, limit *int64) (off, lim int64, aerr *apiError) {
	off, lim = 0, defaultPageSize
	if offset != nil {
		if *offset < 0 {
			return 0, 0, errf("InvalidParameterValue", "Offset must not be negative; got %d", *offset)
		}
		off = *offset
	}
	if limit != nil {
		switch {
		case *limit < 0:
			return 0, 0, errf("InvalidParameterValue", "Limit must be between 0 and %d; got %d", maxPageLimit, *limit)
		case *limit > maxPageLimit:
			return 0, 0, errf("InvalidParameterValue", "Limit must be at most %d; got %d", maxPageLimit, *limit)
		case *limit > 0:
			lim = *limit
		}
	}
	return off, lim, nil
}

func page[T any](rows []T, off, lim int64) []T {
	n := int64(len(rows))
	start := min(off, n)
	end := min(start+lim, n)
	return rows[start:end]
}

func (s *Server) listFunctions(c *call) (response, *apiError) {
	var req listFunctionsRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	order := orDefault(req.Order, "DESC")
	if order != "ASC" && order != "DESC" {
		return nil, errf("InvalidParameterValue.Order", "Order must be ASC or DESC; got %q", truncate(req.Order, 16))
	}
	orderBy := orDefault(req.Orderby, "AddTime")
	if orderBy != "AddTime" && orderBy != "ModTime" && orderBy != "FunctionName" {
		return nil, errf("InvalidParameterValue.Orderby", "Orderby must be AddTime, ModTime or FunctionName; got %q", truncate(req.Orderby, 32))
	}
	off, lim, aerr := pageBounds(req.Offset, req.Limit)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := checkFilters(req.Filters); aerr != nil {
		return nil, aerr
	}
	ns := orDefault(req.Namespace, defaultNamespace)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	if s.st.Namespaces[ns] == nil {
		return nil, errf("ResourceNotFound.Namespace", "namespace %q does not exist", truncate(ns, 64))
	}
	var rows []*functionRecord
	for _, f := range s.st.Functions {
		if f.Namespace != ns ||
			!strings.Contains(f.Name, req.SearchKey) ||
			!strings.Contains(f.Config.Description, req.Description) ||
			!matchesFilters(f, req.Filters) {
			continue
		}
		rows = append(rows, f)
	}
	slices.SortFunc(rows, func(a, b *functionRecord) int {
		var r int
		switch orderBy {
		case "AddTime":
			r = a.AddTime.Compare(b.AddTime)
		case "ModTime":
			r = a.ModTime.Compare(b.ModTime)
		}
		if order == "DESC" {
			r = -r
		}
		if r == 0 && orderBy == "FunctionName" && order == "DESC" {
			return cmp.Compare(b.Name, a.Name)
		}
		// Ties fall back to the name so that paging is stable.
		return cmp.Or(r, cmp.Compare(a.Name, b.Name))
	})
	resp := &listFunctionsResponse{Functions: []functionSummaryOut{}, TotalCount: int64(len(rows))}
	for _, f := range page(rows, off, lim) {
		resp.Functions = append(resp.Functions, summary(f))
	}
	return resp, nil
}
