package scfapi

import (
	"context"
	"errors"
	"time"
)

// CreateFunction creates a function. The service answers before the
// function is ready: wait with WaitForActive.
//
// If the outcome is unknown (the response is lost, or the service answers
// InternalError, after which it may have created the function anyway), the
// call looks the function up: absent means nothing was created and the
// request is sent again; present is accepted only when the function provably
// comes from this call, otherwise *AdoptionError.
func (c *Client) CreateFunction(ctx context.Context, req *CreateFunctionRequest) error {
	if req == nil {
		return errors.New("scfapi: CreateFunction needs a request")
	}
	r := *req
	o := scfOp(ActionCreateFunction, namespaceOf(req.Namespace), deref(req.FunctionName))
	start := time.Now()
	o.mutation = func(ctx context.Context, err error, unknown bool) (verdict, error) {
		// A ResourceInUse answer to a re-send may be our own earlier
		// attempt, applied after its response was lost.
		if !unknown && !isFunctionInUse(err) {
			return verdictFail, err
		}
		return c.checkLostCreate(ctx, o, req, start, err, unknown)
	}
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		r.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, &r)
		return rid, err
	})
}

func isFunctionInUse(err error) bool {
	code := ErrorCode(err)
	return code == "ResourceInUse.Function" || code == "ResourceInUse.FunctionName"
}

// abandonedLookupTimeout bounds the lookup of a create whose caller gave up
// while the request was on its way.
const abandonedLookupTimeout = 10 * time.Second

func (c *Client) checkLostCreate(ctx context.Context, o *op, req *CreateFunctionRequest, start time.Time, err error, unknown bool) (verdict, error) {
	if ctx.Err() != nil {
		// The caller gave up (Terraform was stopped, or the create's timeout
		// ran out) after the request was sent, so the service may have
		// created the function all the same. Look it up anyway, briefly:
		// adopted, it reaches the caller and so the state, instead of
		// existing with nothing tracking it. A function found missing is
		// not sent again, since run sees that the caller's context ended.
		lookupCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), abandonedLookupTimeout)
		defer cancel()
		ctx = lookupCtx
	}
	f, getErr := c.GetFunction(ctx, o.namespace, o.name)
	switch {
	case IsNotFound(getErr) && unknown:
		// Nothing was created, so sending again cannot duplicate it.
		return verdictRetry, err
	case getErr != nil:
		return verdictFail, err
	}
	if reason := c.notOurs(f, req, start); reason != "" {
		return verdictFail, &AdoptionError{Namespace: o.namespace, Name: o.name, Reason: reason}
	}
	return verdictDone, nil
}

// GetFunction returns the $LATEST version of a function.
func (c *Client) GetFunction(ctx context.Context, namespace, name string) (*Function, error) {
	namespace = orDefaultNamespace(namespace)
	o := scfOp(ActionGetFunction, namespace, name)
	req := &GetFunctionRequest{FunctionName: &name, Namespace: &namespace}
	var out *Function
	err := c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		f, rid, err := send[Function](c.scf, req)
		out = f
		return rid, err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// GetFunctionAddress returns the download URL and SHA-256 of a function's
// code package.
func (c *Client) GetFunctionAddress(ctx context.Context, namespace, name string) (*FunctionAddress, error) {
	namespace = orDefaultNamespace(namespace)
	o := scfOp(ActionGetFunctionAddress, namespace, name)
	req := &GetFunctionAddressRequest{FunctionName: &name, Namespace: &namespace}
	var out *FunctionAddress
	err := c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		a, rid, err := send[FunctionAddress](c.scf, req)
		out = a
		return rid, err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// UpdateFunctionCode replaces a function's code. The function then goes
// through Updating: wait with WaitForActive.
func (c *Client) UpdateFunctionCode(ctx context.Context, req *UpdateFunctionCodeRequest) error {
	if req == nil {
		return errors.New("scfapi: UpdateFunctionCode needs a request")
	}
	r := *req
	o := scfOp(ActionUpdateFunctionCode, namespaceOf(req.Namespace), deref(req.FunctionName))
	o.mutation = c.checkLostUpdate(o)
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		r.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, &r)
		return rid, err
	})
}

// UpdateFunctionConfiguration changes the fields set in req and leaves the
// others alone. The function then goes through Updating: wait with
// WaitForActive.
func (c *Client) UpdateFunctionConfiguration(ctx context.Context, req *UpdateFunctionConfigurationRequest) error {
	if req == nil {
		return errors.New("scfapi: UpdateFunctionConfiguration needs a request")
	}
	r := *req
	o := scfOp(ActionUpdateFunctionConfiguration, namespaceOf(req.Namespace), deref(req.FunctionName))
	o.mutation = c.checkLostUpdate(o)
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		r.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, &r)
		return rid, err
	})
}

// checkLostUpdate decides about an update whose outcome is unknown (lost
// response or InternalError): a function in an update-related status
// received it; an Active one may not have, and both update actions are
// idempotent, so they are sent again.
func (c *Client) checkLostUpdate(o *op) func(context.Context, error, bool) (verdict, error) {
	return func(ctx context.Context, err error, unknown bool) (verdict, error) {
		// After a lost attempt, a "wrong status" refusal of the re-send
		// usually means the lost attempt is being applied right now.
		if !unknown && !hasCodePrefix(err, "FailedOperation") {
			return verdictFail, err
		}
		f, getErr := c.GetFunction(ctx, o.namespace, o.name)
		switch {
		case IsNotFound(getErr):
			return verdictFail, getErr
		case getErr != nil:
			return verdictFail, err
		}
		switch f.Status {
		case StatusActive:
			return verdictRetry, err
		case StatusUpdating, StatusUpdateFailed, StatusPublishing, StatusPublishFailed:
			return verdictDone, nil
		}
		return verdictFail, err
	}
}

// DeleteFunction deletes a function with all its versions. Deletion goes on
// after the call returns: wait with WaitForDeleted.
func (c *Client) DeleteFunction(ctx context.Context, namespace, name string) error {
	namespace = orDefaultNamespace(namespace)
	o := scfOp(ActionDeleteFunction, namespace, name)
	o.mutation = func(ctx context.Context, err error, unknown bool) (verdict, error) {
		if !unknown {
			if IsNotFound(err) {
				// The lost attempt deleted it.
				return verdictDone, nil
			}
			if !hasCodePrefix(err, "FailedOperation") {
				return verdictFail, err
			}
		}
		f, getErr := c.GetFunction(ctx, namespace, name)
		switch {
		case IsNotFound(getErr), ErrorCode(getErr) == codeVersionNotFound:
			return verdictDone, nil
		case getErr != nil:
			return verdictFail, err
		case f.Status == StatusDeleting:
			return verdictDone, nil
		}
		return verdictRetry, err
	}
	req := &DeleteFunctionRequest{FunctionName: &name, Namespace: &namespace}
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, req)
		return rid, err
	})
}

// ListFunctions returns one page of functions.
func (c *Client) ListFunctions(ctx context.Context, req *ListFunctionsRequest) (*FunctionList, error) {
	r := ListFunctionsRequest{}
	if req != nil {
		r = *req
	}
	o := scfOp(ActionListFunctions, deref(r.Namespace), "")
	var out *FunctionList
	err := c.run(ctx, o, func(actx context.Context) (string, error) {
		r.BaseRequest = newBase(actx, o)
		l, rid, err := send[FunctionList](c.scf, &r)
		out = l
		return rid, err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// pageSize is the Limit of each page the List*All methods read.
func (c *Client) pageSize() int64 {
	if c.listPageSize <= 0 {
		return maxListPageSize
	}
	return c.listPageSize
}

// maxListPageSize is the largest Limit ListFunctions accepts, and the page
// size of ListAllFunctions unless Config.ListPageSize is smaller.
const maxListPageSize = 100

// ListAllFunctions returns every function of a namespace ("" lets the
// service pick its default).
func (c *Client) ListAllFunctions(ctx context.Context, namespace string) ([]FunctionSummary, error) {
	query := ListFunctionsRequest{}
	if namespace != "" {
		query.Namespace = &namespace
	}
	return c.ListAllFunctionsMatching(ctx, query)
}

// ListAllFunctionsMatching returns every function query selects (its
// Namespace, SearchKey, Description and Filters), reading pages until
// TotalCount rows are read. Its Offset and Limit are the client's to set.
// Unless query orders otherwise, functions come by name, so that a function
// created while the pages are read cannot shift a later page and make a row
// appear twice, as it could when ordered by creation time.
func (c *Client) ListAllFunctionsMatching(ctx context.Context, query ListFunctionsRequest) ([]FunctionSummary, error) {
	if query.Orderby == nil {
		query.Orderby, query.Order = ptr("FunctionName"), ptr("ASC")
	}
	pageSize := c.pageSize()
	var all []FunctionSummary
	for {
		page := query
		page.Offset, page.Limit = ptr(int64(len(all))), ptr(pageSize)
		rows, err := c.ListFunctions(ctx, &page)
		if err != nil {
			return nil, err
		}
		all = append(all, rows.Functions...)
		// An empty page ends the loop even if TotalCount disagrees, since
		// functions deleted meanwhile would otherwise make it endless.
		if len(rows.Functions) == 0 || int64(len(all)) >= rows.TotalCount {
			return all, nil
		}
	}
}

// codeVersionNotFound is answered for a function in the middle of deletion.
const codeVersionNotFound = "ResourceNotFound.Version"

func namespaceOf(p *string) string { return orDefaultNamespace(deref(p)) }

func orDefaultNamespace(ns string) string {
	if ns == "" {
		return DefaultNamespace
	}
	return ns
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
