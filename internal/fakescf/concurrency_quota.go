package fakescf

// Reserved and provisioned concurrency: PutReservedConcurrencyConfig,
// GetReservedConcurrencyConfig, DeleteReservedConcurrencyConfig,
// PutProvisionedConcurrencyConfig, GetProvisionedConcurrencyConfig and
// DeleteProvisionedConcurrencyConfig, answering the codes their SDK
// documentation lists.
//
// Rules the documentation states: the reserved quota is memory (MB), 0
// stops the function, and the reserved quotas of all functions together
// leave 12,800 MB of the account's concurrency quota (128,000 MB by
// default, Fixtures.AccountConcurrencyMem) unreserved
// (LimitExceeded.FunctionReservedConcurrencyMemory). Provisioned
// concurrency is set per published version, never on $LATEST
// (InvalidParameterValue.Qualifier); all versions' provisioned instances
// times the function's memory may not pass the function's reserved quota
// (FailedOperation.ProvisionedExceedReserved) nor, without one, the
// account's quota less the 12,800 MB
// (LimitExceeded.FunctionTotalProvisionedConcurrencyMemory). A reserved
// quota below what is already provisioned is refused the same way.
//
// A Put of provisioned concurrency is InProgress for the update delay, then
// Done with every instance available, or Failed after
// FailNext("PutProvisionedConcurrencyConfig", functionName, reasons) with
// the first reason's message as StatusReason. While InProgress, another
// Put or a Delete on that version is FailedOperation.ProvisionedInProgress.
// Deleting the function removes both settings. Scheduled actions
// (TriggerActions) are checked in provisioned_schedule.go. The
// ConcurrencyUtilizationTracking type is not modelled, since
// GetProvisionedConcurrencyConfig documents no field that would return
// it: it is InvalidParameterValue.ProvisionType.

import (
	"maps"
	"slices"
	"time"
)

const (
	defaultAccountConcurrencyMem = 128000
	unreservableMem              = 12800

	provisionDone       = "Done"
	provisionInProgress = "InProgress"
	provisionFailed     = "Failed"
)

// concurrencySettings hangs off a function record, so that deleting the
// function deletes them and -state persists them.
type concurrencySettings struct {
	ReservedMem *int64                        `json:"reserved_mem,omitempty"`
	Provisioned map[string]*provisionedRecord `json:"provisioned,omitempty"`
}

type provisionedRecord struct {
	Num    int64     `json:"num"`
	Status string    `json:"status"`
	Reason string    `json:"reason,omitempty"`
	Until  time.Time `json:"until"`
	Fail   string    `json:"fail,omitempty"`
	// Schedule is the version's scheduled actions (provisioned_schedule.go).
	Schedule []scheduledProvision `json:"schedule,omitempty"`
}

type reservedConcurrencyRequest struct {
	FunctionName           string
	Namespace              string
	ReservedConcurrencyMem *int64
}

type provisionedConcurrencyRequest struct {
	FunctionName                     string
	Namespace                        string
	Qualifier                        *string
	VersionProvisionedConcurrencyNum *int64
	ProvisionedType                  *string
	TriggerActions                   []triggerActionIn
	TrackingTarget                   *float64
	MinCapacity                      *int64
	MaxCapacity                      *int64
}

type getReservedConcurrencyResponse struct {
	ReservedMem *int64
	requestIDField
}

type versionProvisionedOut struct {
	AllocatedProvisionedConcurrencyNum int64
	AvailableProvisionedConcurrencyNum int64
	Status                             string
	StatusReason                       string
	Qualifier                          string
	TriggerActions                     []triggerActionOut
}

type getProvisionedConcurrencyResponse struct {
	UnallocatedConcurrencyNum int64
	Allocated                 []versionProvisionedOut
	requestIDField
}

func (f *Fixtures) accountConcurrencyMem() int64 {
	if f.AccountConcurrencyMem == 0 {
		return defaultAccountConcurrencyMem
	}
	return f.AccountConcurrencyMem
}

func (f *functionRecord) settings() *concurrencySettings {
	if f.ConcurrencySettings == nil {
		f.ConcurrencySettings = &concurrencySettings{}
	}
	return f.ConcurrencySettings
}

// settleProvisionedLocked resolves the provisioning tasks whose time has come.
func (s *Server) settleProvisionedLocked() {
	now := s.now()
	for _, f := range s.st.Functions {
		if f.ConcurrencySettings == nil {
			continue
		}
		for _, p := range f.ConcurrencySettings.Provisioned {
			if p.Status != provisionInProgress || now.Before(p.Until) {
				continue
			}
			p.Status, p.Reason = provisionDone, "Provisioned concurrency is ready"
			if p.Fail != "" {
				p.Status, p.Reason, p.Fail = provisionFailed, p.Fail, ""
			}
		}
	}
}

func (s *Server) concurrencyFunctionLocked(c *call, name, namespace string) (*functionRecord, *apiError) {
	if name == "" {
		return nil, errf("MissingParameter", "FunctionName is required")
	}
	if namespace != "" {
		if aerr := checkNamespaceName(namespace); aerr != nil {
			aerr.Code = "InvalidParameterValue.Namespace"
			return nil, aerr
		}
	}
	s.settleLocked()
	s.settleProvisionedLocked()
	return s.lookupLocked(c, name, namespace, "MissingParameter")
}

// reservedElsewhereLocked sums the reserved quotas of every function but f.
func (s *Server) reservedElsewhereLocked(f *functionRecord) int64 {
	var sum int64
	for _, g := range s.st.Functions {
		if g != f && g.ConcurrencySettings != nil && g.ConcurrencySettings.ReservedMem != nil {
			sum += *g.ConcurrencySettings.ReservedMem
		}
	}
	return sum
}

// provisionedMem is the memory f's provisioned instances take, leaving out
// the version skip.
func provisionedMem(f *functionRecord, skip string) int64 {
	if f.ConcurrencySettings == nil {
		return 0
	}
	var sum int64
	for q, p := range f.ConcurrencySettings.Provisioned {
		if q != skip {
			sum += p.Num * f.Config.MemorySize
		}
	}
	return sum
}

func (s *Server) putReservedConcurrencyConfig(c *call) (response, *apiError) {
	var req reservedConcurrencyRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, aerr := s.concurrencyFunctionLocked(c, req.FunctionName, req.Namespace)
	if aerr != nil {
		return nil, aerr
	}
	if req.ReservedConcurrencyMem == nil {
		return nil, errf("MissingParameter", "ReservedConcurrencyMem is required")
	}
	mem := *req.ReservedConcurrencyMem
	if mem < 0 {
		return nil, errf("InvalidParameterValue", "ReservedConcurrencyMem must be at least 0; got %d", mem)
	}
	limit := s.fixtures.accountConcurrencyMem() - unreservableMem
	if other := s.reservedElsewhereLocked(f); other+mem > limit {
		return nil, errf("LimitExceeded.FunctionReservedConcurrencyMemory",
			"reserved concurrency of all functions would be %d MB; at most %d MB (the account quota less %d MB) may be reserved, %d MB are reserved by other functions",
			other+mem, limit, unreservableMem, other)
	}
	if p := provisionedMem(f, ""); p > mem {
		return nil, errf("FailedOperation.ProvisionedExceedReserved",
			"the function's versions hold %d MB of provisioned concurrency, more than the %d MB reserved", p, mem)
	}
	f.settings().ReservedMem = &mem
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

func (s *Server) getReservedConcurrencyConfig(c *call) (response, *apiError) {
	var req reservedConcurrencyRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, aerr := s.concurrencyFunctionLocked(c, req.FunctionName, req.Namespace)
	if aerr != nil {
		return nil, aerr
	}
	out := &getReservedConcurrencyResponse{}
	if f.ConcurrencySettings != nil && f.ConcurrencySettings.ReservedMem != nil {
		out.ReservedMem = new(int64)
		*out.ReservedMem = *f.ConcurrencySettings.ReservedMem
	}
	return out, nil
}

func (s *Server) deleteReservedConcurrencyConfig(c *call) (response, *apiError) {
	var req reservedConcurrencyRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, aerr := s.concurrencyFunctionLocked(c, req.FunctionName, req.Namespace)
	if aerr != nil {
		return nil, aerr
	}
	if f.ConcurrencySettings != nil {
		f.ConcurrencySettings.ReservedMem = nil
	}
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

// checkProvisionQualifier accepts a published version of f, never $LATEST.
func (s *Server) checkProvisionQualifier(f *functionRecord, q *string) *apiError {
	switch {
	case q == nil || *q == "":
		return errf("MissingParameter", "Qualifier is required")
	case *q == latestQualifier:
		return errf("InvalidParameterValue.Qualifier", "provisioned concurrency cannot be set on $LATEST; name a published version")
	case !versionExists(f, *q):
		return errf("ResourceNotFound.Version", "version %q of function %s does not exist", truncate(*q, 32), f.Name)
	}
	return nil
}

func (s *Server) putProvisionedConcurrencyConfig(c *call) (response, *apiError) {
	var req provisionedConcurrencyRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	if t := derefOr(req.ProvisionedType, "Default"); t != "Default" || req.TrackingTarget != nil || req.MinCapacity != nil || req.MaxCapacity != nil {
		return nil, errf("InvalidParameterValue.ProvisionType", "this fake models only static (Default) provisioned concurrency, with or without scheduled actions; not ConcurrencyUtilizationTracking")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, aerr := s.concurrencyFunctionLocked(c, req.FunctionName, req.Namespace)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := s.checkProvisionQualifier(f, req.Qualifier); aerr != nil {
		return nil, aerr
	}
	if req.VersionProvisionedConcurrencyNum == nil {
		return nil, errf("MissingParameter", "VersionProvisionedConcurrencyNum is required")
	}
	num, q := *req.VersionProvisionedConcurrencyNum, *req.Qualifier
	if num < 1 {
		return nil, errf("InvalidParameterValue", "VersionProvisionedConcurrencyNum must be at least 1 for the Default type; got %d", num)
	}
	st := f.settings()
	if p := st.Provisioned[q]; p != nil && p.Status == provisionInProgress {
		return nil, errf("FailedOperation.ProvisionedInProgress", "a provisioning task on version %s is still in progress; retry later", q)
	}
	if aerr := s.checkProvisionedRoomLocked(f, q, num); aerr != nil {
		return nil, aerr
	}
	schedule, aerr := s.checkTriggerActionsLocked(f, q, req.TriggerActions)
	if aerr != nil {
		return nil, aerr
	}
	fail := ""
	if reasons := s.takeFailNextLocked("PutProvisionedConcurrencyConfig", f.Name); len(reasons) > 0 {
		fail = reasons[0].ErrorMessage
	}
	if st.Provisioned == nil {
		st.Provisioned = map[string]*provisionedRecord{}
	}
	st.Provisioned[q] = &provisionedRecord{Num: num, Status: provisionInProgress, Reason: "Provisioning in progress", Until: s.now().Add(s.updateDelay), Fail: fail, Schedule: schedule}
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

func (s *Server) checkProvisionedRoomLocked(f *functionRecord, q string, num int64) *apiError {
	want := provisionedMem(f, q) + num*f.Config.MemorySize
	if st := f.ConcurrencySettings; st != nil && st.ReservedMem != nil {
		if want > *st.ReservedMem {
			return errf("FailedOperation.ProvisionedExceedReserved",
				"provisioned concurrency of all versions would take %d MB, more than the function's reserved %d MB", want, *st.ReservedMem)
		}
		return nil
	}
	if limit := s.fixtures.accountConcurrencyMem() - unreservableMem; want > limit {
		return errf("LimitExceeded.FunctionTotalProvisionedConcurrencyMemory",
			"provisioned concurrency of all versions would take %d MB; the limit is %d MB", want, limit)
	}
	return nil
}

func (s *Server) getProvisionedConcurrencyConfig(c *call) (response, *apiError) {
	var req provisionedConcurrencyRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, aerr := s.concurrencyFunctionLocked(c, req.FunctionName, req.Namespace)
	if aerr != nil {
		return nil, aerr
	}
	if req.Qualifier != nil && *req.Qualifier != "" {
		if aerr := s.checkProvisionQualifier(f, req.Qualifier); aerr != nil {
			return nil, aerr
		}
	}
	out := &getProvisionedConcurrencyResponse{Allocated: []versionProvisionedOut{}}
	limit := s.fixtures.accountConcurrencyMem() - unreservableMem
	if st := f.ConcurrencySettings; st != nil {
		if st.ReservedMem != nil {
			limit = *st.ReservedMem
		}
		for _, q := range slices.Sorted(maps.Keys(st.Provisioned)) {
			if req.Qualifier != nil && *req.Qualifier != "" && *req.Qualifier != q {
				continue
			}
			p := st.Provisioned[q]
			avail := int64(0)
			if p.Status == provisionDone {
				avail = p.Num
			}
			out.Allocated = append(out.Allocated, versionProvisionedOut{
				AllocatedProvisionedConcurrencyNum: p.Num, AvailableProvisionedConcurrencyNum: avail,
				Status: p.Status, StatusReason: p.Reason, Qualifier: q, TriggerActions: triggerActionsView(p.Schedule),
			})
		}
	}
	if f.Config.MemorySize > 0 {
		out.UnallocatedConcurrencyNum = max(limit-provisionedMem(f, ""), 0) / f.Config.MemorySize
	}
	return out, nil
}

func (s *Server) deleteProvisionedConcurrencyConfig(c *call) (response, *apiError) {
	var req provisionedConcurrencyRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	f, aerr := s.concurrencyFunctionLocked(c, req.FunctionName, req.Namespace)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := s.checkProvisionQualifier(f, req.Qualifier); aerr != nil {
		return nil, aerr
	}
	if st := f.ConcurrencySettings; st != nil {
		if p := st.Provisioned[*req.Qualifier]; p != nil && p.Status == provisionInProgress {
			return nil, errf("FailedOperation.ProvisionedInProgress", "a provisioning task on version %s is still in progress; retry later", *req.Qualifier)
		}
		delete(st.Provisioned, *req.Qualifier)
	}
	s.mutatedLocked()
	return &emptyResponse{}, nil
}
