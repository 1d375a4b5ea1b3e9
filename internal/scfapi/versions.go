package scfapi

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"
)

// IsVersionNotFound reports whether err says a function version (or the
// function) does not exist.
func IsVersionNotFound(err error) bool {
	switch ErrorCode(err) {
	case codeVersionNotFound, "ResourceNotFound.FunctionVersion":
		return true
	}
	return IsNotFound(err)
}

// IsAliasNotFound reports whether err says an alias (or its function) does
// not exist.
func IsAliasNotFound(err error) bool {
	return ErrorCode(err) == "ResourceNotFound.Alias" || IsNotFound(err)
}

// PublishVersion publishes the function's $LATEST code and configuration
// as a new version and returns its number. The version is Publishing at
// first: wait with WaitForVersionActive.
//
// A request whose outcome is unknown is not simply resent, since each call
// publishes another version: the function's versions are listed, and the
// one added since the call began with this description is adopted; none
// means the request is sent again; several is *VersionAdoptionError.
func (c *Client) PublishVersion(ctx context.Context, namespace, name, description string) (string, error) {
	namespace = orDefaultNamespace(namespace)
	o := scfOp(ActionPublishVersion, namespace, name)
	req := &PublishVersionRequest{FunctionName: &name, Namespace: &namespace, Description: &description}
	start := time.Now()
	var version string
	o.mutation = func(ctx context.Context, err error, unknown bool) (verdict, error) {
		if !unknown {
			return verdictFail, err
		}
		v, checkErr := c.findLostVersion(ctx, namespace, name, description, start)
		switch {
		case checkErr != nil:
			return verdictFail, checkErr
		case v == "":
			return verdictRetry, err
		}
		version = v
		return verdictDone, nil
	}
	err := c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		out, rid, err := send[VersionPublished](c.scf, req)
		if out != nil {
			version = out.FunctionVersion
		}
		return rid, err
	})
	if err != nil {
		return "", err
	}
	return version, nil
}

func (c *Client) findLostVersion(ctx context.Context, namespace, name, description string, start time.Time) (string, error) {
	if ctx.Err() != nil {
		lookupCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), abandonedLookupTimeout)
		defer cancel()
		ctx = lookupCtx
	}
	versions, err := c.ListVersions(ctx, namespace, name)
	if err != nil {
		return "", err
	}
	earliest := start.Truncate(time.Second).Add(-c.adoptionSkew)
	var ours []string
	for _, v := range versions {
		if v.Version == latestQualifier || v.Description != description {
			continue
		}
		added, perr := time.ParseInLocation(addTimeLayout, v.AddTime, serviceZone)
		if perr == nil && added.Before(earliest) {
			continue
		}
		ours = append(ours, v.Version)
	}
	switch len(ours) {
	case 0:
		return "", nil
	case 1:
		return ours[0], nil
	}
	return "", &VersionAdoptionError{Namespace: namespace, Name: name, Versions: ours}
}

const latestQualifier = "$LATEST"

// ListVersions returns every version of a function, $LATEST included,
// oldest first.
func (c *Client) ListVersions(ctx context.Context, namespace, name string) ([]FunctionVersionInfo, error) {
	namespace = orDefaultNamespace(namespace)
	var all []FunctionVersionInfo
	for {
		o := scfOp(ActionListVersionByFunction, namespace, name)
		offset, limit := uint64(len(all)), uint64(c.pageSize())
		req := &ListVersionByFunctionRequest{FunctionName: &name, Namespace: &namespace, Offset: &offset, Limit: &limit, Order: ptr("ASC")}
		var out *FunctionVersionList
		err := c.run(ctx, o, func(actx context.Context) (string, error) {
			req.BaseRequest = newBase(actx, o)
			l, rid, err := send[FunctionVersionList](c.scf, req)
			out = l
			return rid, err
		})
		if err != nil {
			return nil, err
		}
		all = append(all, out.Versions...)
		if len(out.Versions) == 0 || uint64(len(all)) >= out.TotalCount {
			return all, nil
		}
	}
}

// GetFunctionVersion returns GetFunction for one qualifier (a version
// number, $LATEST or an alias).
func (c *Client) GetFunctionVersion(ctx context.Context, namespace, name, qualifier string) (*Function, error) {
	namespace = orDefaultNamespace(namespace)
	o := scfOp(ActionGetFunction, namespace, name)
	req := &GetFunctionRequest{FunctionName: &name, Namespace: &namespace, Qualifier: &qualifier}
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

// GetFunctionVersionAddress returns the code address and SHA-256 of one
// version.
func (c *Client) GetFunctionVersionAddress(ctx context.Context, namespace, name, qualifier string) (*FunctionAddress, error) {
	namespace = orDefaultNamespace(namespace)
	o := scfOp(ActionGetFunctionAddress, namespace, name)
	req := &GetFunctionAddressRequest{FunctionName: &name, Namespace: &namespace, Qualifier: &qualifier}
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

// WaitForVersionActive polls GetFunction with the version as qualifier
// until it is Active and returns it. Publishing is waited out; another
// status ends the wait with *StatusError.
func (c *Client) WaitForVersionActive(ctx context.Context, namespace, name, version string) (*Function, error) {
	namespace = orDefaultNamespace(namespace)
	start := time.Now()
	interval := c.wait.InitialDelay
	last := ""
	for {
		if !sleepCtx(ctx, interval) {
			return nil, &WaitTimeoutError{Namespace: namespace, Name: name + "/" + version, Status: last, Target: StatusActive,
				Waited: time.Since(start), cause: cause(ctx), object: "function version"}
		}
		f, err := c.GetFunctionVersion(ctx, namespace, name, version)
		if err != nil && endedByContext(ctx, err) {
			return nil, &WaitTimeoutError{Namespace: namespace, Name: name + "/" + version, Status: last, Target: StatusActive,
				Waited: time.Since(start), cause: cause(ctx), object: "function version"}
		}
		if err != nil {
			return nil, err
		}
		last = f.Status
		switch f.Status {
		case StatusActive:
			return f, nil
		case StatusPublishing, StatusCreating, StatusUpdating:
		default:
			return nil, newStatusError(f, namespace, name+"/"+version)
		}
		interval = min(time.Duration(float64(interval)*c.wait.Multiplier), c.wait.MaxInterval)
	}
}

// DeleteFunctionVersion deletes one published version. A version an alias
// routes to cannot be deleted (UnsupportedOperation.AliasBind). A version
// already gone is success.
func (c *Client) DeleteFunctionVersion(ctx context.Context, namespace, name, version string) error {
	if version == "" || version == latestQualifier {
		return errors.New("scfapi: DeleteFunctionVersion needs a published version number")
	}
	if _, err := strconv.ParseUint(version, 10, 64); err != nil {
		return fmt.Errorf("scfapi: DeleteFunctionVersion: %q is not a version number", version)
	}
	namespace = orDefaultNamespace(namespace)
	o := scfOp(ActionDeleteFunction, namespace, name)
	o.mutation = resendAfterLoss(IsVersionNotFound)
	req := &DeleteFunctionRequest{FunctionName: &name, Namespace: &namespace, Qualifier: &version}
	err := c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, req)
		return rid, err
	})
	if IsVersionNotFound(err) {
		return nil
	}
	return err
}

// VersionAdoptionError reports a publish whose response was lost when
// several versions found afterwards could be its own.
type VersionAdoptionError struct {
	Namespace, Name string
	Versions        []string
}

func (e *VersionAdoptionError) Error() string {
	return fmt.Sprintf("the response to publishing a version of function %s/%s was lost, and versions %v, all published since with the same description, "+
		"could each be this call's; none was taken over. Delete the unwanted ones and import the right one", e.Namespace, e.Name, e.Versions)
}

// CreateAlias creates an alias. After a lost response, ResourceInUse.Alias
// is taken as the lost attempt's success.
func (c *Client) CreateAlias(ctx context.Context, req *AliasRequest) error {
	return c.aliasWrite(ctx, ActionCreateAlias, req, func(err error) bool { return ErrorCode(err) == "ResourceInUse.Alias" })
}

// UpdateAlias replaces an alias's version, routing and description; it is
// idempotent, so it is simply resent after a lost response.
func (c *Client) UpdateAlias(ctx context.Context, req *AliasRequest) error {
	return c.aliasWrite(ctx, ActionUpdateAlias, req, nil)
}

func (c *Client) aliasWrite(ctx context.Context, action string, req *AliasRequest, doneAfterLoss func(error) bool) error {
	if req == nil || deref(req.FunctionName) == "" || deref(req.Name) == "" {
		return fmt.Errorf("scfapi: %s needs a request with a function and an alias name", action)
	}
	r := *req
	ns := orDefaultNamespace(deref(req.Namespace))
	r.Namespace = &ns
	o := scfOp(action, ns, deref(req.FunctionName)+"/"+deref(req.Name))
	o.mutation = resendAfterLoss(doneAfterLoss)
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		r.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, &r)
		return rid, err
	})
}

// GetAlias returns one alias.
func (c *Client) GetAlias(ctx context.Context, namespace, function, name string) (*Alias, error) {
	namespace = orDefaultNamespace(namespace)
	o := scfOp(ActionGetAlias, namespace, function+"/"+name)
	req := &AliasKeyRequest{FunctionName: &function, Name: &name, Namespace: &namespace}
	var out *Alias
	err := c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		a, rid, err := send[Alias](c.scf, req)
		out = a
		return rid, err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ListAliases returns every alias of a function, page by page.
func (c *Client) ListAliases(ctx context.Context, namespace, function string) ([]Alias, error) {
	namespace = orDefaultNamespace(namespace)
	var all []Alias
	for {
		o := scfOp(ActionListAliases, namespace, function)
		offset, limit := strconv.Itoa(len(all)), strconv.FormatInt(c.pageSize(), 10)
		req := &ListAliasesRequest{FunctionName: &function, Namespace: &namespace, Offset: &offset, Limit: &limit}
		var out *AliasList
		err := c.run(ctx, o, func(actx context.Context) (string, error) {
			req.BaseRequest = newBase(actx, o)
			l, rid, err := send[AliasList](c.scf, req)
			out = l
			return rid, err
		})
		if err != nil {
			return nil, err
		}
		all = append(all, out.Aliases...)
		if len(out.Aliases) == 0 || uint64(len(all)) >= out.TotalCount {
			return all, nil
		}
	}
}

// DeleteAlias deletes an alias; one already gone is success.
func (c *Client) DeleteAlias(ctx context.Context, namespace, function, name string) error {
	namespace = orDefaultNamespace(namespace)
	o := scfOp(ActionDeleteAlias, namespace, function+"/"+name)
	o.mutation = resendAfterLoss(IsAliasNotFound)
	req := &AliasKeyRequest{FunctionName: &function, Name: &name, Namespace: &namespace}
	err := c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, req)
		return rid, err
	})
	if IsAliasNotFound(err) {
		return nil
	}
	return err
}
