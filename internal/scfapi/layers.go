package scfapi

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Layer version statuses beyond the function ones.
const (
	StatusLayerDeleted = "Deleted"
)

// IsLayerNotFound reports whether err says a layer version, or the whole
// layer, does not exist.
func IsLayerNotFound(err error) bool {
	switch ErrorCode(err) {
	case "ResourceNotFound.LayerVersion", "ResourceNotFound.Layer":
		return true
	}
	return false
}

// LayerVersionID is how errors and logs name a layer version: name/version.
func LayerVersionID(name string, version int64) string {
	return name + "/" + strconv.FormatInt(version, 10)
}

// PublishLayerVersion publishes a new version of a layer and returns its
// number. The version is Publishing at first: wait with
// WaitForLayerVersionActive. contentSHA256 is the SHA-256 of the zip sent
// in Content.ZipFile, "" for COS content.
//
// Every call publishes a new version, so a request whose outcome is unknown
// (a lost response or InternalError) is not simply sent again. The layer's
// versions are listed instead: none added since the call began means
// nothing like it was published and the request is sent again; exactly one
// added since then with this request's runtimes, description, licence and
// (for a zip) content digest is adopted as this call's; several are
// *LayerAdoptionError, since adopting a version someone else published, or
// publishing a duplicate, would both be silent.
func (c *Client) PublishLayerVersion(ctx context.Context, req *PublishLayerVersionRequest, contentSHA256 string) (int64, error) {
	if req == nil || deref(req.LayerName) == "" {
		return 0, errors.New("scfapi: PublishLayerVersion needs a request with a layer name")
	}
	r := *req
	name := *req.LayerName
	o := layerOp(ActionPublishLayerVersion, name, 0)
	start := time.Now()
	var version int64
	o.mutation = func(ctx context.Context, err error, unknown bool) (verdict, error) {
		if !unknown {
			return verdictFail, err
		}
		found, v, checkErr := c.findLostPublish(ctx, req, contentSHA256, start)
		switch {
		case checkErr != nil:
			return verdictFail, checkErr
		case !found:
			return verdictRetry, err
		}
		version = v
		return verdictDone, nil
	}
	err := c.run(ctx, o, func(actx context.Context) (string, error) {
		r.BaseRequest = newBase(actx, o)
		out, rid, err := send[LayerVersionPublished](c.scf, &r)
		if out != nil {
			version = out.LayerVersion
		}
		return rid, err
	})
	if err != nil {
		return 0, err
	}
	return version, nil
}

// findLostPublish looks for the version a publish with an unknown outcome
// may have created.
func (c *Client) findLostPublish(ctx context.Context, req *PublishLayerVersionRequest, contentSHA256 string, start time.Time) (bool, int64, error) {
	if ctx.Err() != nil {
		// As for CreateFunction: the caller gave up, but a version that was
		// published should still reach it, so look briefly.
		lookupCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), abandonedLookupTimeout)
		defer cancel()
		ctx = lookupCtx
	}
	name := *req.LayerName
	versions, err := c.ListLayerVersions(ctx, name, nil)
	if IsLayerNotFound(err) {
		return false, 0, nil
	}
	if err != nil {
		return false, 0, err
	}
	// Versions published since the call started that match its request:
	// others, such as the sibling versions a configuration publishes at the
	// same time with other descriptions, say nothing about this call.
	earliest := start.Truncate(time.Second).Add(-c.adoptionSkew)
	var ours []LayerVersionInfo
	for _, v := range versions {
		added, perr := time.ParseInLocation(addTimeLayout, v.AddTime, serviceZone)
		if perr == nil && added.Before(earliest) {
			continue
		}
		matches, err := c.layerMatches(ctx, v, req, contentSHA256)
		if err != nil {
			return false, 0, &LayerAdoptionError{Name: name, Version: v.LayerVersion, Reason: "its content digest cannot be read: " + err.Error()}
		}
		if matches {
			ours = append(ours, v)
		}
	}
	switch len(ours) {
	case 0:
		return false, 0, nil
	case 1:
		return true, ours[0].LayerVersion, nil
	}
	return false, 0, &LayerAdoptionError{Name: name, Reason: fmt.Sprintf(
		"%d versions identical to this call's request were published since it started; none can be proven to be this call's", len(ours))}
}

// layerMatches reports whether v has the runtimes, description, licence and
// (for a zip) content digest of req.
func (c *Client) layerMatches(ctx context.Context, v LayerVersionInfo, req *PublishLayerVersionRequest, contentSHA256 string) (bool, error) {
	want := make([]string, 0, len(req.CompatibleRuntimes))
	for _, rt := range req.CompatibleRuntimes {
		want = append(want, deref(rt))
	}
	if !slices.Equal(slices.Sorted(slices.Values(v.CompatibleRuntimes)), slices.Sorted(slices.Values(want))) ||
		v.Description != deref(req.Description) || v.LicenseInfo != deref(req.LicenseInfo) {
		return false, nil
	}
	if contentSHA256 == "" {
		return true, nil
	}
	got, err := c.GetLayerVersion(ctx, v.LayerName, v.LayerVersion)
	if err != nil {
		return false, err
	}
	return got.CodeSha256 == contentSHA256, nil
}

// GetLayerVersion returns one layer version.
func (c *Client) GetLayerVersion(ctx context.Context, name string, version int64) (*LayerVersion, error) {
	o := layerOp(ActionGetLayerVersion, name, version)
	req := &GetLayerVersionRequest{LayerName: &name, LayerVersion: &version}
	var out *LayerVersion
	err := c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		v, rid, err := send[LayerVersion](c.scf, req)
		out = v
		return rid, err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ListLayerVersions returns every version of a layer, those compatible with
// any of runtimes when some are given. The action has no paging: one call
// returns them all. An unknown layer is the ResourceNotFound.Layer error
// (see IsLayerNotFound).
func (c *Client) ListLayerVersions(ctx context.Context, name string, runtimes []string) ([]LayerVersionInfo, error) {
	o := layerOp(ActionListLayerVersions, name, 0)
	req := &ListLayerVersionsRequest{LayerName: &name}
	for _, rt := range runtimes {
		req.CompatibleRuntime = append(req.CompatibleRuntime, ptr(rt))
	}
	var out *LayerVersionList
	err := c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		l, rid, err := send[LayerVersionList](c.scf, req)
		out = l
		return rid, err
	})
	if err != nil {
		return nil, err
	}
	return out.LayerVersions, nil
}

// ListAllLayers returns every layer of the region, each as its newest
// version, reading every page of ListLayers.
func (c *Client) ListAllLayers(ctx context.Context) ([]LayerVersionInfo, error) {
	var all []LayerVersionInfo
	for {
		o := layerOp(ActionListLayers, "", 0)
		offset, limit := int64(len(all)), c.pageSize()
		req := &ListLayersRequest{Offset: &offset, Limit: &limit}
		var out *LayerList
		err := c.run(ctx, o, func(actx context.Context) (string, error) {
			req.BaseRequest = newBase(actx, o)
			l, rid, err := send[LayerList](c.scf, req)
			out = l
			return rid, err
		})
		if err != nil {
			return nil, err
		}
		all = append(all, out.Layers...)
		if len(out.Layers) == 0 || int64(len(all)) >= out.TotalCount {
			return all, nil
		}
	}
}

// DeleteLayerVersion deletes a layer version; functions already bound to it
// keep it. The version may be Deleting for a while: wait with
// WaitForLayerVersionDeleted. A version that is already gone is an error
// the caller can test with IsLayerNotFound.
func (c *Client) DeleteLayerVersion(ctx context.Context, name string, version int64) error {
	o := layerOp(ActionDeleteLayerVersion, name, version)
	req := &DeleteLayerVersionRequest{LayerName: &name, LayerVersion: &version}
	// After a lost response, "not found" or "already being deleted" means
	// the lost attempt did the work.
	o.mutation = resendAfterLoss(func(err error) bool {
		return IsLayerNotFound(err) || ErrorCode(err) == "FailedOperation.OperationConflict"
	})
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, req)
		return rid, err
	})
}

// WaitForLayerVersionActive polls GetLayerVersion until the version is
// Active and returns it. Publishing is waited out; any other status ends
// the wait with *LayerStatusError; a missing version with the not-found
// *APIError; the end of ctx with *WaitTimeoutError.
func (c *Client) WaitForLayerVersionActive(ctx context.Context, name string, version int64) (*LayerVersion, error) {
	var result *LayerVersion
	err := c.pollLayer(ctx, name, version, StatusActive, func(v *LayerVersion, err error) (bool, error) {
		switch {
		case err != nil:
			return true, err
		case v.Status == StatusActive:
			result = v
			return true, nil
		case v.Status == StatusPublishing:
			return false, nil
		}
		return true, &LayerStatusError{Name: name, Version: version, Status: v.Status}
	})
	return result, err
}

// WaitForLayerVersionDeleted polls GetLayerVersion until the version is
// gone (or reads Deleted). DeleteFailed ends the wait with
// *LayerStatusError; the end of ctx with *WaitTimeoutError.
func (c *Client) WaitForLayerVersionDeleted(ctx context.Context, name string, version int64) error {
	return c.pollLayer(ctx, name, version, targetDeleted, func(v *LayerVersion, err error) (bool, error) {
		switch {
		case IsLayerNotFound(err):
			return true, nil
		case err != nil:
			return true, err
		case v.Status == StatusLayerDeleted:
			return true, nil
		case v.Status == StatusDeleteFailed:
			return true, &LayerStatusError{Name: name, Version: version, Status: v.Status}
		}
		return false, nil
	})
}

// pollLayer is poll for layer versions.
func (c *Client) pollLayer(ctx context.Context, name string, version int64, target string, judge func(*LayerVersion, error) (bool, error)) error {
	start := time.Now()
	lastStatus := ""
	interval := c.wait.InitialDelay
	for {
		if !sleepCtx(ctx, interval) {
			return &WaitTimeoutError{Namespace: name, Name: strconv.FormatInt(version, 10), Status: lastStatus, Target: target,
				Waited: time.Since(start), cause: cause(ctx), object: "layer version"}
		}
		v, err := c.GetLayerVersion(ctx, name, version)
		if err != nil && endedByContext(ctx, err) {
			return &WaitTimeoutError{Namespace: name, Name: strconv.FormatInt(version, 10), Status: lastStatus, Target: target,
				Waited: time.Since(start), cause: cause(ctx), object: "layer version"}
		}
		if v != nil {
			lastStatus = v.Status
		}
		if done, result := judge(v, err); done {
			return result
		}
		interval = min(time.Duration(float64(interval)*c.wait.Multiplier), c.wait.MaxInterval)
	}
}

func layerOp(action, name string, version int64) *op {
	o := scfOp(action, name, "")
	if version > 0 {
		o.name = strconv.FormatInt(version, 10)
	}
	return o
}

// LayerStatusError reports a layer version that reached a status other
// than the one awaited. The API gives no reason for a failed layer version.
type LayerStatusError struct {
	Name    string
	Version int64
	Status  string
}

func (e *LayerStatusError) Error() string {
	return fmt.Sprintf("layer version %s is %s (the API reports no reason for layer versions)", LayerVersionID(e.Name, e.Version), e.Status)
}

// LayerAdoptionError reports a publish whose response was lost when the
// versions found afterwards cannot be proven to be the one it published.
type LayerAdoptionError struct {
	Name string
	// Version is the version examined, 0 when several were found.
	Version int64
	Reason  string
}

func (e *LayerAdoptionError) Error() string {
	return fmt.Sprintf("the response to publishing a version of layer %s was lost, and this call cannot prove which version it published (%s); "+
		"none was taken over. Check the layer's versions, delete any unwanted one, and import the right one or apply again", e.Name, e.Reason)
}
