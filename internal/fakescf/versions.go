package fakescf

// Function versions: PublishVersion, ListVersionByFunction, GetFunction and
// GetFunctionAddress with a numeric Qualifier, and DeleteFunction with a
// numeric Qualifier, each answering codes its SDK documentation lists.
//
// Publishing snapshots the function's code and configuration as version N,
// numbered per function from 1 and never reused, also after a deletion.
// The version is Publishing for the create delay, then Active (or
// PublishFailed after FailNext("PublishVersion", functionName)); $LATEST
// stays Active meanwhile. GetFunction with Qualifier N answers the
// snapshot's values, whatever $LATEST has become since.
//
// Rules the documentation states: Description at most 1000 characters
// (InvalidParameterValue.Description); LimitExceeded.FunctionVersions past
// the quota, which the documentation does not give: the fake assumes
// Fixtures.FunctionVersionLimit, 0 meaning 200. Only an Active $LATEST can
// be published (FailedOperation.PublishVersion otherwise). A version an
// alias routes to cannot be deleted (UnsupportedOperation.AliasBind).
// Deleting the whole function removes its versions and aliases.
//
// Document codes with no natural trigger here (use InjectError):
// InternalError.System, ResourceInUse, UnsupportedOperation,
// UnsupportedOperation.PublishVersion, LimitExceeded.ContainerImageAccelerate.

import (
	"cmp"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"
)

type fnVersionRecord struct {
	Version     int64      `json:"version"`
	Description string     `json:"description"`
	Config      fnConfig   `json:"config"`
	Code        codeRecord `json:"code"`
	AddTime     time.Time  `json:"add_time"`
	ModTime     time.Time  `json:"mod_time"`
	Status      string     `json:"status"`
	Pending     *pendingOp `json:"pending,omitempty"`
}

func (f *functionRecord) version(v int64) *fnVersionRecord {
	for _, fv := range f.Versions {
		if fv.Version == v {
			return fv
		}
	}
	return nil
}

// parseVersion reads a numeric qualifier; 0 means it is not one.
func parseVersion(q string) int64 {
	n, err := strconv.ParseInt(q, 10, 64)
	if err != nil || n <= 0 || strconv.FormatInt(n, 10) != q {
		return 0
	}
	return n
}

// settleVersionsLocked resolves pending publications.
func settleVersionsLocked(f *functionRecord, now time.Time) {
	for _, fv := range f.Versions {
		if fv.Pending == nil || now.Before(fv.Pending.Until) {
			continue
		}
		failed := len(fv.Pending.Fail) > 0
		fv.Pending = nil
		fv.Status = activeUnless(failed, statusPublishFailed)
	}
}

// qualified resolves a Qualifier for the read actions: nil for $LATEST.
func qualified(f *functionRecord, q string) (*fnVersionRecord, *apiError) {
	if q == "" || q == latestQualifier {
		return nil, nil
	}
	if n := parseVersion(q); n > 0 {
		if fv := f.version(n); fv != nil {
			return fv, nil
		}
	}
	return nil, errf("ResourceNotFound.Version", "version %q of function %s does not exist", truncate(q, 32), f.Name)
}

// snapshot is the function record as a version presents it.
func (f *functionRecord) snapshot(fv *fnVersionRecord) *functionRecord {
	g := *f
	g.Config = fv.Config.clone()
	g.Config.Description = fv.Description
	g.Code = fv.Code
	g.AddTime, g.ModTime = fv.AddTime, fv.ModTime
	g.Status = fv.Status
	g.StatusReasons = nil
	g.Pending = nil
	return &g
}

type publishVersionRequest struct {
	FunctionName string
	Description  string
	Namespace    string
}

type publishVersionResponse struct {
	FunctionVersion string
	CodeSize        int64
	MemorySize      int64
	Description     string
	Handler         string
	Timeout         int64
	Runtime         string
	Namespace       string
	RequestId       string
}

func (r *publishVersionResponse) setRequestID(id string) { r.RequestId = id }

type listVersionByFunctionRequest struct {
	FunctionName string
	Namespace    string
	Offset       *int64
	Limit        *int64
	Order        string
	OrderBy      string
}

type functionVersionOut struct {
	Version     string
	Description string
	AddTime     string
	ModTime     string
	Status      string
}

type listVersionByFunctionResponse struct {
	FunctionVersion []string
	Versions        []functionVersionOut
	TotalCount      int64
	RequestId       string
}

func (r *listVersionByFunctionResponse) setRequestID(id string) { r.RequestId = id }

func (s *Server) publishVersion(c *call) (response, *apiError) {
	var req publishVersionRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	if n := utf8.RuneCountInString(req.Description); n > maxLayerDescription {
		return nil, errf("InvalidParameterValue.Description", "Description must be at most %d characters; got %d", maxLayerDescription, n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f, aerr := s.lookupLocked(c, req.FunctionName, req.Namespace, "InvalidParameterValue.FunctionName")
	if aerr != nil {
		return nil, aerr
	}
	if f.Status != statusActive {
		return nil, errf("FailedOperation.PublishVersion", "function %s cannot publish a version in state %s", f.Name, f.Status)
	}
	if limit := s.fixtures.functionVersionLimit(); len(f.Versions) >= limit {
		return nil, errf("LimitExceeded.FunctionVersions", "function %s already has %d versions; the limit is %d", f.Name, len(f.Versions), limit)
	}
	f.LastVersion++
	now := s.now()
	fv := &fnVersionRecord{
		Version: f.LastVersion, Description: req.Description, Config: f.Config.clone(), Code: f.Code,
		AddTime: now, ModTime: now, Status: statusPublishing,
		Pending: &pendingOp{Op: opPublish, Until: now.Add(s.createDelay), Fail: s.takeFailNextLocked("PublishVersion", f.Name)},
	}
	f.Versions = append(f.Versions, fv)
	settleVersionsLocked(f, now)
	s.mutatedLocked()
	return &publishVersionResponse{
		FunctionVersion: strconv.FormatInt(fv.Version, 10), CodeSize: fv.Code.Size, MemorySize: fv.Config.MemorySize,
		Description: fv.Description, Handler: fv.Config.Handler, Timeout: fv.Config.Timeout, Runtime: fv.Config.Runtime,
		Namespace: f.Namespace,
	}, nil
}

func (s *Server) listVersionByFunction(c *call) (response, *apiError) {
	var req listVersionByFunctionRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	order := orDefault(req.Order, "ASC")
	if order != "ASC" && order != "DESC" {
		return nil, errf("InvalidParameterValue.Order", "Order must be ASC or DESC; got %q", truncate(req.Order, 16))
	}
	if req.OrderBy != "" && req.OrderBy != "AddTime" && req.OrderBy != "ModTime" {
		return nil, errf("InvalidParameterValue", "OrderBy must be AddTime or ModTime; got %q", truncate(req.OrderBy, 16))
	}
	offset, limit := int64(0), int64(20)
	if req.Offset != nil {
		offset = *req.Offset
	}
	if req.Limit != nil {
		limit = *req.Limit
	}
	if offset < 0 || limit < 0 {
		return nil, errf("InvalidParameterValue", "Offset and Limit must not be negative")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f, aerr := s.lookupLocked(c, req.FunctionName, req.Namespace, "InvalidParameterValue.FunctionName")
	if aerr != nil {
		return nil, aerr
	}
	// $LATEST is listed first, as the service does, then the versions.
	all := []functionVersionOut{{Version: latestQualifier, Description: f.Config.Description, AddTime: apiTime(f.AddTime), ModTime: apiTime(f.ModTime), Status: f.Status}}
	vs := slices.Clone(f.Versions)
	slices.SortFunc(vs, func(a, b *fnVersionRecord) int { return cmp.Compare(a.Version, b.Version) })
	for _, fv := range vs {
		all = append(all, functionVersionOut{Version: strconv.FormatInt(fv.Version, 10), Description: fv.Description,
			AddTime: apiTime(fv.AddTime), ModTime: apiTime(fv.ModTime), Status: fv.Status})
	}
	if order == "DESC" {
		slices.Reverse(all)
	}
	resp := &listVersionByFunctionResponse{FunctionVersion: []string{}, Versions: []functionVersionOut{}, TotalCount: int64(len(all))}
	for i := offset; i < int64(len(all)) && i < offset+limit; i++ {
		resp.Versions = append(resp.Versions, all[i])
		resp.FunctionVersion = append(resp.FunctionVersion, all[i].Version)
	}
	return resp, nil
}

// deleteVersionLocked deletes one published version.
func (s *Server) deleteVersionLocked(f *functionRecord, q string) *apiError {
	fv, aerr := qualified(f, q)
	if aerr != nil {
		return aerr
	}
	for _, a := range f.Aliases {
		if a.routesTo(fv.Version) {
			return errf("UnsupportedOperation.AliasBind", "version %d of function %s is used by alias %s", fv.Version, f.Name, a.Name)
		}
	}
	if fv.Status == statusPublishing {
		return errf("FailedOperation.DeleteFunction", "version %d of function %s is still being published", fv.Version, f.Name)
	}
	f.Versions = slices.DeleteFunc(f.Versions, func(x *fnVersionRecord) bool { return x == fv })
	s.mutatedLocked()
	return nil
}
