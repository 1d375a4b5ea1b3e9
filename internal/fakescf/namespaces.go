package fakescf

import (
	"cmp"
	"slices"
	"strings"
	"unicode/utf8"
)

// checkNamespaceForCreate is step 2 of the CreateFunction checks.
func (s *Server) checkNamespaceForCreate(ns string) *apiError {
	if !namespaceNameRE.MatchString(ns) {
		return errf("InvalidParameterValue.Namespace", "Namespace must be 1 to 30 letters, digits, '-' or '_'; got %q", truncate(ns, 64))
	}
	if s.st.Namespaces[ns] == nil {
		return errf("ResourceNotFound.Namespace", "namespace %q does not exist", ns)
	}
	if nf := s.fixtures.namespaceFixture(ns); nf != nil && nf.Unavailable {
		return errf("ResourceUnavailable.Namespace", "namespace %q is not available", ns)
	}
	return nil
}

func checkNamespaceName(ns string) *apiError {
	if !namespaceNameRE.MatchString(ns) {
		return errf("InvalidParameterValue.NamespaceInvalid", "Namespace must be 1 to 30 letters, digits, '-' or '_'; got %q", truncate(ns, 64))
	}
	return nil
}

// maxNamespaceDescription caps a namespace's Description. The API documents
// no rule for it; the fake applies the 1000 characters of a function's
// description, and the provider checks the same at plan time.
const maxNamespaceDescription = 1000

func checkNamespaceDescription(d string) *apiError {
	if n := utf8.RuneCountInString(d); n > maxNamespaceDescription {
		return errf("InvalidParameterValue.Description", "Description must be at most %d characters; got %d", maxNamespaceDescription, n)
	}
	return nil
}

func (s *Server) createNamespace(c *call) (response, *apiError) {
	var req createNamespaceRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	if req.Namespace == defaultNamespace {
		return nil, errf("InvalidParameterValue.DefaultNamespace", "the default namespace always exists and cannot be created")
	}
	if aerr := checkNamespaceName(req.Namespace); aerr != nil {
		return nil, aerr
	}
	if aerr := checkNamespaceDescription(req.Description); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.st.Namespaces[req.Namespace] != nil {
		return nil, errf("ResourceInUse.Namespace", "namespace %s already exists", req.Namespace)
	}
	if n := len(s.st.Namespaces) - 1; n >= s.fixtures.namespaceLimit() {
		return nil, errf("LimitExceeded.Namespace", "the account already has %d namespaces besides default; the limit is %d", n, s.fixtures.namespaceLimit())
	}
	now := s.now()
	s.st.Namespaces[req.Namespace] = &namespaceRecord{Name: req.Namespace, Description: req.Description, AddTime: now, ModTime: now}
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

func (s *Server) deleteNamespace(c *call) (response, *apiError) {
	var req deleteNamespaceRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	if req.Namespace == "" {
		return nil, errf("MissingParameter", "Namespace is required")
	}
	if req.Namespace == defaultNamespace {
		return nil, errf("FailedOperation.DeleteNamespace", "the default namespace cannot be deleted")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	if s.st.Namespaces[req.Namespace] == nil {
		return nil, errf("ResourceNotFound.Namespace", "namespace %q does not exist", truncate(req.Namespace, 64))
	}
	for _, f := range s.st.Functions {
		if f.Namespace == req.Namespace {
			return nil, errf("ResourceInUse.Namespace", "namespace %s still contains functions", req.Namespace)
		}
	}
	delete(s.st.Namespaces, req.Namespace)
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

func (s *Server) updateNamespace(c *call) (response, *apiError) {
	var req updateNamespaceRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	if req.Namespace == "" {
		return nil, errf("MissingParameter", "Namespace is required")
	}
	if req.Description == nil {
		return nil, errf("MissingParameter", "Description is required")
	}
	if aerr := checkNamespaceDescription(*req.Description); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ns := s.st.Namespaces[req.Namespace]
	if ns == nil {
		return nil, errf("ResourceNotFound.Namespace", "namespace %q does not exist", truncate(req.Namespace, 64))
	}
	ns.Description = *req.Description
	ns.ModTime = s.now()
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

func (s *Server) listNamespaces(c *call) (response, *apiError) {
	var req listNamespacesRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	order := orDefault(req.Order, "ASC")
	if order != "ASC" && order != "DESC" {
		return nil, errf("InvalidParameterValue.Order", "Order must be ASC or DESC; got %q", truncate(req.Order, 16))
	}
	orderBy := orDefault(req.Orderby, "Name")
	if orderBy != "Name" && orderBy != "Updatetime" {
		return nil, errf("InvalidParameterValue.Orderby", "Orderby must be Name or Updatetime; got %q", truncate(req.Orderby, 32))
	}
	for i, k := range req.SearchKey {
		if k.Key != "Namespace" && k.Key != "Description" {
			return nil, errf("InvalidParameterValue.SearchKey", "SearchKey[%d].Key must be Namespace or Description; got %q", i, truncate(k.Key, 32))
		}
	}
	off, lim, aerr := pageBounds(req.Offset, req.Limit)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	var rows []*namespaceRecord
	for _, ns := range s.st.Namespaces {
		if namespaceMatches(ns, req.SearchKey) {
			rows = append(rows, ns)
		}
	}
	slices.SortFunc(rows, func(a, b *namespaceRecord) int {
		var r int
		if orderBy == "Updatetime" {
			r = a.ModTime.Compare(b.ModTime)
			if r == 0 {
				r = cmp.Compare(a.Name, b.Name)
			}
		} else {
			r = cmp.Compare(a.Name, b.Name)
		}
		if order == "DESC" {
			r = -r
		}
		return r
	})
	resp := &listNamespacesResponse{Namespaces: []namespaceOut{}, TotalCount: int64(len(rows))}
	for _, ns := range page(rows, off, lim) {
		typ := "Default"
		if ns.Name == defaultNamespace {
			typ = "default"
		}
		resp.Namespaces = append(resp.Namespaces, namespaceOut{
			ModTime: apiTime(ns.ModTime), AddTime: apiTime(ns.AddTime), Description: ns.Description, Name: ns.Name, Type: typ,
		})
	}
	return resp, nil
}

func namespaceMatches(ns *namespaceRecord, keys []searchKeyIn) bool {
	for _, k := range keys {
		field := ns.Name
		if k.Key == "Description" {
			field = ns.Description
		}
		if !strings.Contains(field, k.Value) {
			return false
		}
	}
	return true
}
