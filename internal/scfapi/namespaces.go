package scfapi

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
)

// CreateNamespace creates a namespace.
func (c *Client) CreateNamespace(ctx context.Context, name, description string) error {
	req := &CreateNamespaceRequest{Namespace: &name}
	if description != "" {
		req.Description = &description
	}
	o := scfOp(ActionCreateNamespace, name, "")
	o.mutation = resendAfterLoss(func(err error) bool { return ErrorCode(err) == "ResourceInUse.Namespace" })
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, req)
		return rid, err
	})
}

// UpdateNamespace sets a namespace's description.
func (c *Client) UpdateNamespace(ctx context.Context, name, description string) error {
	// The service requires Description, so "" is sent as is.
	req := &UpdateNamespaceRequest{Namespace: &name, Description: &description}
	o := scfOp(ActionUpdateNamespace, name, "")
	o.mutation = resendAfterLoss(nil)
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, req)
		return rid, err
	})
}

// DeleteNamespace deletes an empty namespace.
func (c *Client) DeleteNamespace(ctx context.Context, name string) error {
	req := &DeleteNamespaceRequest{Namespace: &name}
	o := scfOp(ActionDeleteNamespace, name, "")
	o.mutation = resendAfterLoss(func(err error) bool { return ErrorCode(err) == "ResourceNotFound.Namespace" })
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, req)
		return rid, err
	})
}

// ListNamespaces returns one page of namespaces.
func (c *Client) ListNamespaces(ctx context.Context, req *ListNamespacesRequest) (*NamespaceList, error) {
	r := ListNamespacesRequest{}
	if req != nil {
		r = *req
	}
	o := scfOp(ActionListNamespaces, "", "")
	var out *NamespaceList
	err := c.run(ctx, o, func(actx context.Context) (string, error) {
		r.BaseRequest = newBase(actx, o)
		l, rid, err := send[NamespaceList](c.scf, &r)
		out = l
		return rid, err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// NamespaceFilter narrows ListAllNamespaces. Each non-empty field is sent
// as a ListNamespaces SearchKey (the service's fuzzy search) and then
// required as a case-sensitive substring of the row, so the result does not
// depend on how loosely the service matches.
type NamespaceFilter struct {
	NameContains        string
	DescriptionContains string
}

func (f NamespaceFilter) searchKeys() []*SearchKey {
	var keys []*SearchKey
	if f.NameContains != "" {
		keys = append(keys, &SearchKey{Key: ptr("Namespace"), Value: ptr(f.NameContains)})
	}
	if f.DescriptionContains != "" {
		keys = append(keys, &SearchKey{Key: ptr("Description"), Value: ptr(f.DescriptionContains)})
	}
	return keys
}

func (f NamespaceFilter) matches(ns Namespace) bool {
	return strings.Contains(ns.Name, f.NameContains) && strings.Contains(ns.Description, f.DescriptionContains)
}

// ListAllNamespaces returns every namespace that matches filter, sorted by
// name, reading pages of the client's list page size (the API's largest
// unless Config.ListPageSize is smaller) until TotalCount
// rows are read. Each page goes through the ListNamespaces rate limit.
func (c *Client) ListAllNamespaces(ctx context.Context, filter NamespaceFilter) ([]Namespace, error) {
	var all []Namespace
	read := int64(0)
	for {
		offset, limit := read, c.pageSize()
		page, err := c.ListNamespaces(ctx, &ListNamespacesRequest{
			Offset: &offset, Limit: &limit, Orderby: ptr("Name"), Order: ptr("ASC"), SearchKey: filter.searchKeys(),
		})
		if err != nil {
			return nil, err
		}
		read += int64(len(page.Namespaces))
		for _, ns := range page.Namespaces {
			if filter.matches(ns) {
				all = append(all, ns)
			}
		}
		// An empty page ends the loop even if TotalCount disagrees, since
		// namespaces deleted meanwhile would otherwise make it endless.
		if len(page.Namespaces) == 0 || read >= page.TotalCount {
			break
		}
	}
	// Namespaces created or deleted between pages can shift a row into two
	// pages; each name is kept once.
	slices.SortFunc(all, func(a, b Namespace) int { return strings.Compare(a.Name, b.Name) })
	return slices.CompactFunc(all, func(a, b Namespace) bool { return a.Name == b.Name }), nil
}

// FindNamespace returns the namespace called name, or nil when the service
// has none: ListNamespaces is the only read the API has for a namespace, so
// it searches for the name and keeps the exact match.
func (c *Client) FindNamespace(ctx context.Context, name string) (*Namespace, error) {
	found, err := c.ListAllNamespaces(ctx, NamespaceFilter{NameContains: name})
	if err != nil {
		return nil, err
	}
	for i := range found {
		if found[i].Name == name {
			return &found[i], nil
		}
	}
	return nil, nil
}

// ModifyResourceTags sets the tags in replace and removes the keys in remove
// on a function, through the Tag service. With nothing to change it sends
// nothing.
func (c *Client) ModifyResourceTags(ctx context.Context, namespace, name string, replace map[string]string, remove []string) error {
	if len(replace) == 0 && len(remove) == 0 {
		return nil
	}
	if name == "" {
		return errors.New("scfapi: ModifyResourceTags needs a function name")
	}
	namespace = orDefaultNamespace(namespace)
	resource := FunctionResourceName(c.region, namespace, name)
	req := &ModifyResourceTagsRequest{Resource: &resource}
	// Sorted so that the same change always produces the same request.
	for _, k := range slices.Sorted(maps.Keys(replace)) {
		req.ReplaceTags = append(req.ReplaceTags, &ResourceTag{TagKey: ptr(k), TagValue: ptr(replace[k])})
	}
	for _, k := range remove {
		req.DeleteTags = append(req.DeleteTags, &TagKeyObject{TagKey: ptr(k)})
	}
	o := &op{service: ServiceTag, version: VersionTag, action: ActionModifyResourceTags, namespace: namespace, name: name}
	o.mutation = resendAfterLoss(nil)
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.tag, req)
		return rid, err
	})
}

// FunctionResourceName returns the six-segment resource name that the Tag
// service knows a function by.
func FunctionResourceName(region, namespace, name string) string {
	return fmt.Sprintf("qcs::scf:%s:uin/:namespace/%s/function/%s", region, orDefaultNamespace(namespace), name)
}

// resendAfterLoss handles mutations whose outcome is the same however often
// they are applied: after a lost response or an InternalError they are
// simply sent again, and done reports the refusals that mean an earlier
// attempt already did the work.
func resendAfterLoss(done func(error) bool) func(context.Context, error, bool) (verdict, error) {
	return func(_ context.Context, err error, unknown bool) (verdict, error) {
		if unknown {
			return verdictRetry, err
		}
		if done != nil && done(err) {
			return verdictDone, nil
		}
		return verdictFail, err
	}
}

func ptr[T any](v T) *T { return &v }
