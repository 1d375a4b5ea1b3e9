package fakescf

// Layer versions: PublishLayerVersion, GetLayerVersion, ListLayerVersions
// and DeleteLayerVersion, each answering the codes its SDK documentation
// lists.
//
// Rules the documentation states: LayerName is 1-64 letters, digits, "-"
// and "_", starting with a letter and not ending with "-" or "_";
// CompatibleRuntimes is required and names function runtimes; Content is a
// Code with ZipFile, COS or TempCos. Rules it does not state, and what the
// fake assumes for them: Description at most 1000 characters (the
// function's limit; InvalidParameterValue.Description), no limit on
// LicenseInfo or on the number of runtimes, and at most
// Fixtures.LayerVersionLimit live versions per layer (LimitExceeded.LayerVersions).
//
// Versions are numbered per layer from 1 and never reused, also after a
// deletion. A new version is Publishing for the create delay, then Active
// (or PublishFailed after FailNext("PublishLayerVersion", layerName)); a
// deleted one is Deleting for the delete delay, then gone (or DeleteFailed
// after FailNext("DeleteLayerVersion", layerName)). The API returns no
// reason for a failed status, so neither does the fake.
//
// Document codes with no natural trigger here (use InjectError):
// FailedOperation.PublishLayerVersion, FailedOperation.DeleteLayerVersion,
// InternalError.Exception, InvalidParameterValue.Stamp, ResourceInUse,
// UnauthorizedOperation.NotMC, UnsupportedOperation, UnsupportedOperation.Cos.

import (
	"cmp"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Layer version statuses as the API spells them (Active and the Deleting
// family are shared with functions).
const (
	statusPublishing    = "Publishing"
	statusPublishFailed = "PublishFailed"
	opPublish           = "publish"
)

const maxLayerDescription = 1000

var layerNameRE = regexp.MustCompile(`^[A-Za-z]([A-Za-z0-9_-]{0,62}[A-Za-z0-9])?$`)

type layerVersionRecord struct {
	Version            int64      `json:"version"`
	CompatibleRuntimes []string   `json:"compatible_runtimes"`
	Description        string     `json:"description"`
	LicenseInfo        string     `json:"license_info"`
	Tags               []tagKV    `json:"tags"`
	Code               codeRecord `json:"code"`
	AddTime            time.Time  `json:"add_time"`
	Status             string     `json:"status"`
	Pending            *pendingOp `json:"pending,omitempty"`
}

// layerRecord keeps the last number given out, so that numbers are never
// reused; a layer whose versions are all deleted lists as not found.
type layerRecord struct {
	Name        string                `json:"name"`
	LastVersion int64                 `json:"last_version"`
	Versions    []*layerVersionRecord `json:"versions"`
}

func (l *layerRecord) version(v int64) *layerVersionRecord {
	for _, lv := range l.Versions {
		if lv.Version == v {
			return lv
		}
	}
	return nil
}

// seedLayers publishes the fixture layers once: a layer already in the
// store (perhaps with versions deleted since) is left as it is.
func (s *Server) seedLayers() {
	for _, lf := range s.fixtures.Layers {
		if s.st.Layers[lf.Name] != nil {
			continue
		}
		added, err := time.ParseInLocation(time.DateTime, lf.AddTime, cst)
		if err != nil {
			added = s.now()
		}
		l := &layerRecord{Name: lf.Name}
		for _, v := range slices.Sorted(slices.Values(lf.Versions)) {
			l.Versions = append(l.Versions, &layerVersionRecord{
				Version: v, CompatibleRuntimes: slices.Clone(lf.CompatibleRuntimes), Description: lf.Description,
				Tags: []tagKV{}, AddTime: added, Status: statusActive,
				Code: codeRecord{Source: "ZipFile", Sha256: sha256Hex([]byte(lf.Name + "/" + strconv.FormatInt(v, 10)))},
			})
			l.LastVersion = max(l.LastVersion, v)
		}
		s.st.Layers[lf.Name] = l
	}
}

// settleLayersLocked resolves the pending publications and deletions.
func (s *Server) settleLayersLocked(now time.Time) {
	for _, l := range s.st.Layers {
		l.Versions = slices.DeleteFunc(l.Versions, func(lv *layerVersionRecord) bool {
			if lv.Pending == nil || now.Before(lv.Pending.Until) {
				return false
			}
			p := lv.Pending
			lv.Pending = nil
			failed := len(p.Fail) > 0
			if p.Op == opPublish {
				lv.Status = activeUnless(failed, statusPublishFailed)
				return false
			}
			lv.Status = statusDeleteFailed
			return !failed
		})
	}
}

// boundLayerLocked finds a layer version a function may bind: it must exist
// and be Active.
func (s *Server) boundLayerLocked(name string, version int64) *apiError {
	l := s.st.Layers[name]
	var lv *layerVersionRecord
	if l != nil {
		lv = l.version(version)
	}
	switch {
	case lv == nil:
		return errf("ResourceNotFound.Layer", "layer %q version %d does not exist", truncate(name, 64), version)
	case lv.Status != statusActive:
		return errf("ResourceNotFound.Layer", "layer %q version %d is %s, not Active", truncate(name, 64), version, lv.Status)
	}
	return nil
}

// layerOutLocked describes a layer version bound to a function. A version
// deleted since the binding still serves the function, as the API
// documents, and reads as Deleted.
func (s *Server) layerOutLocked(ref layerRef) layerVersionOut {
	if l := s.st.Layers[ref.Name]; l != nil {
		if lv := l.version(ref.Version); lv != nil {
			return layerOut(ref.Name, lv)
		}
	}
	return layerVersionOut{CompatibleRuntimes: []string{}, LayerName: ref.Name, LayerVersion: ref.Version, Status: "Deleted", Stamp: "default"}
}

func layerOut(name string, lv *layerVersionRecord) layerVersionOut {
	return layerVersionOut{
		CompatibleRuntimes: slices.Clone(lv.CompatibleRuntimes), AddTime: apiTime(lv.AddTime), Description: lv.Description,
		LicenseInfo: lv.LicenseInfo, LayerVersion: lv.Version, LayerName: name, Status: lv.Status, Stamp: "default",
		Tags: tagsOut(lv.Tags),
	}
}

func checkLayerRuntimes(rts []string) *apiError {
	if len(rts) == 0 {
		return errf("InvalidParameterValue.CompatibleRuntimes", "CompatibleRuntimes must name at least one runtime")
	}
	for i, rt := range rts {
		if !slices.Contains(runtimes, rt) {
			return errf("InvalidParameterValue.CompatibleRuntimes", "CompatibleRuntimes[%d] %q is not a function runtime", i, truncate(rt, 32))
		}
		if slices.Index(rts, rt) != i {
			return errf("InvalidParameterValue.CompatibleRuntimes", "CompatibleRuntimes names %q more than once", rt)
		}
	}
	return nil
}

// checkLayerContent accepts a zip, a COS object or a temporary COS object,
// answering with the codes of PublishLayerVersion rather than those of
// CreateFunction.
func (s *Server) checkLayerContent(c *codeIn) (codeRecord, *apiError) {
	var src []string
	if c != nil {
		src = codeSources(c)
	}
	switch {
	case len(src) == 0:
		return codeRecord{}, errf("InvalidParameterValue.Content", "Content must give ZipFile, CosBucketName with CosObjectName, or TempCosObjectName")
	case len(src) > 1:
		return codeRecord{}, errf("InvalidParameterValue.Content", "Content must name exactly one source; got %v", src)
	}
	switch src[0] {
	case "ZipFile":
		rec, aerr := checkZip(c.ZipFile, maxZipCreate)
		if aerr != nil && aerr.Message == "ZipFile is not valid base64" {
			aerr.Code = "InvalidParameterValue.ZipFileBase64BinasciiError"
		} else if aerr != nil {
			aerr.Code = "InvalidParameterValue.Content"
		}
		return rec, aerr
	case "Cos":
		if c.CosBucketRegion != "" && !s.fixtures.hasRegion(c.CosBucketRegion) {
			return codeRecord{}, errf("InvalidParameterValue.CosBucketRegion", "CosBucketRegion %q is not a known region", truncate(c.CosBucketRegion, 32))
		}
		rec, aerr := s.checkCos(c.CosBucketName, c.CosObjectName, c.CosBucketRegion)
		if aerr != nil && aerr.Code == "UnauthorizedOperation.Role" {
			// A layer has no role: the service itself cannot read the object.
			aerr.Code = "InvalidParameterValue.Cos"
		}
		return rec, aerr
	case "TempCos":
		m := tempCosRE.FindStringSubmatch(c.TempCosObjectName)
		if m == nil || m[1] != strconv.FormatInt(s.fixtures.AppID, 10) {
			return codeRecord{}, errf("InvalidParameterValue.TempCosObjectName", "TempCosObjectName must look like /<appid of this account>/<path>.zip")
		}
		return codeRecord{Source: "TempCos", Sha256: sha256Hex([]byte(c.TempCosObjectName))}, nil
	}
	return codeRecord{}, errf("InvalidParameterValue.Content", "a layer's Content cannot come from %s", src[0])
}

func (s *Server) publishLayerVersion(c *call) (response, *apiError) {
	var req publishLayerVersionRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	if !layerNameRE.MatchString(req.LayerName) {
		return nil, errf("InvalidParameterValue.LayerName",
			"LayerName must be 1 to 64 letters, digits, '-' or '_', start with a letter and not end with '-' or '_'; got %q", truncate(req.LayerName, 80))
	}
	if aerr := checkLayerRuntimes(req.CompatibleRuntimes); aerr != nil {
		return nil, aerr
	}
	if n := utf8.RuneCountInString(req.Description); n > maxLayerDescription {
		return nil, errf("InvalidParameterValue.Description", "Description must be at most %d characters; got %d", maxLayerDescription, n)
	}
	tags := make([]tagKV, 0, len(req.Tags))
	for _, t := range req.Tags {
		tags = append(tags, tagKV(t))
	}
	if aerr := checkTags(tags); aerr != nil {
		return nil, aerr
	}
	code, aerr := s.checkLayerContent(req.Content)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	c.function = "layer/" + req.LayerName
	l := s.st.Layers[req.LayerName]
	if l == nil {
		l = &layerRecord{Name: req.LayerName}
		s.st.Layers[req.LayerName] = l
	}
	if limit := s.fixtures.layerVersionLimit(); len(l.Versions) >= limit {
		return nil, errf("LimitExceeded.LayerVersions", "layer %s already has %d versions; the limit is %d", req.LayerName, len(l.Versions), limit)
	}
	l.LastVersion++
	lv := &layerVersionRecord{
		Version: l.LastVersion, CompatibleRuntimes: slices.Clone(req.CompatibleRuntimes), Description: req.Description,
		LicenseInfo: req.LicenseInfo, Tags: tags, Code: code, AddTime: s.now(), Status: statusPublishing,
		Pending: &pendingOp{Op: opPublish, Until: s.now().Add(s.createDelay), Fail: s.takeFailNextLocked("PublishLayerVersion", req.LayerName)},
	}
	l.Versions = append(l.Versions, lv)
	s.mutatedLocked()
	return &publishLayerVersionResponse{LayerVersion: lv.Version}, nil
}

// lookupLayerVersion answers the one not-found code GetLayerVersion and
// DeleteLayerVersion document, whatever is missing.
func (s *Server) lookupLayerVersionLocked(name string, version int64) (*layerVersionRecord, *apiError) {
	if name == "" {
		return nil, errf("MissingParameter", "LayerName is required")
	}
	if version == 0 {
		return nil, errf("MissingParameter", "LayerVersion is required")
	}
	if l := s.st.Layers[name]; l != nil {
		if lv := l.version(version); lv != nil {
			return lv, nil
		}
	}
	return nil, errf("ResourceNotFound.LayerVersion", "layer %q has no version %d", truncate(name, 80), version)
}

func (s *Server) getLayerVersion(c *call) (response, *apiError) {
	var req layerVersionRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	lv, aerr := s.lookupLayerVersionLocked(req.LayerName, req.LayerVersion)
	if aerr != nil {
		return nil, aerr
	}
	o := layerOut(req.LayerName, lv)
	return &getLayerVersionResponse{
		CompatibleRuntimes: o.CompatibleRuntimes, CodeSha256: lv.Code.Sha256,
		Location: fmt.Sprintf("https://scf-fake.local/layers/%s/%d.zip?sign=%s", req.LayerName, lv.Version, lv.Code.Sha256[:16]),
		AddTime:  o.AddTime, Description: o.Description, LicenseInfo: o.LicenseInfo, LayerVersion: lv.Version,
		LayerName: req.LayerName, Status: lv.Status,
	}, nil
}

func (s *Server) listLayerVersions(c *call) (response, *apiError) {
	var req listLayerVersionsRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	if !layerNameRE.MatchString(req.LayerName) {
		return nil, errf("InvalidParameterValue.Name", "LayerName must be 1 to 64 letters, digits, '-' or '_', start with a letter and not end with '-' or '_'; got %q", truncate(req.LayerName, 80))
	}
	for i, rt := range req.CompatibleRuntime {
		if !slices.Contains(runtimes, rt) {
			return nil, errf("InvalidParameterValue.Runtime", "CompatibleRuntime[%d] %q is not a function runtime", i, truncate(rt, 32))
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	l := s.st.Layers[req.LayerName]
	if l == nil || len(l.Versions) == 0 {
		return nil, errf("ResourceNotFound.Layer", "layer %q does not exist", req.LayerName)
	}
	resp := &listLayerVersionsResponse{LayerVersions: []layerVersionOut{}}
	for _, lv := range l.Versions {
		if len(req.CompatibleRuntime) > 0 && !slices.ContainsFunc(req.CompatibleRuntime, func(rt string) bool { return slices.Contains(lv.CompatibleRuntimes, rt) }) {
			continue
		}
		resp.LayerVersions = append(resp.LayerVersions, layerOut(l.Name, lv))
	}
	// Newest first, as the console lists them.
	slices.SortFunc(resp.LayerVersions, func(a, b layerVersionOut) int { return cmp.Compare(b.LayerVersion, a.LayerVersion) })
	return resp, nil
}

// listLayers lists the layers of the region by name, a page at a time:
// each as its newest version, the layers compatible with CompatibleRuntime
// (by that newest version) and whose name contains SearchKey when given. A
// layer whose versions are all deleted is not listed.
func (s *Server) listLayers(c *call) (response, *apiError) {
	var req listLayersRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	if req.CompatibleRuntime != "" && !slices.Contains(runtimes, req.CompatibleRuntime) {
		return nil, errf("InvalidParameterValue.Runtime", "CompatibleRuntime %q is not a function runtime", truncate(req.CompatibleRuntime, 32))
	}
	off, lim, aerr := pageBounds(req.Offset, req.Limit)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	var all []layerVersionOut
	for _, name := range slices.Sorted(maps.Keys(s.st.Layers)) {
		l := s.st.Layers[name]
		if len(l.Versions) == 0 || !strings.Contains(name, req.SearchKey) {
			continue
		}
		newest := slices.MaxFunc(l.Versions, func(a, b *layerVersionRecord) int { return cmp.Compare(a.Version, b.Version) })
		if req.CompatibleRuntime != "" && !slices.Contains(newest.CompatibleRuntimes, req.CompatibleRuntime) {
			continue
		}
		all = append(all, layerOut(l.Name, newest))
	}
	resp := &listLayersResponse{Layers: []layerVersionOut{}, TotalCount: int64(len(all))}
	for i := off; i < int64(len(all)) && i < off+lim; i++ {
		resp.Layers = append(resp.Layers, all[i])
	}
	return resp, nil
}

func (s *Server) deleteLayerVersion(c *call) (response, *apiError) {
	var req layerVersionRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	c.function = "layer/" + req.LayerName
	lv, aerr := s.lookupLayerVersionLocked(req.LayerName, req.LayerVersion)
	if aerr != nil {
		return nil, aerr
	}
	switch lv.Status {
	case statusPublishing:
		return nil, errf("ResourceInUse.LayerVersion", "layer %s version %d is still being published", req.LayerName, lv.Version)
	case statusDeleting:
		return nil, errf("FailedOperation.OperationConflict", "layer %s version %d is already being deleted", req.LayerName, lv.Version)
	}
	// Functions bound to the version keep it, as documented: nothing to check.
	lv.Status = statusDeleting
	lv.Pending = &pendingOp{Op: opDelete, Until: s.now().Add(s.deleteDelay), Fail: s.takeFailNextLocked("DeleteLayerVersion", req.LayerName)}
	s.settleLayersLocked(s.now())
	s.mutatedLocked()
	return &emptyResponse{}, nil
}
