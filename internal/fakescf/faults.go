package fakescf

import (
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"golang.org/x/time/rate"
)

// FaultKind names a failure the fake can inject.
type FaultKind string

// Fault kinds.
const (
	// FaultInternalError answers InternalError without applying the request.
	FaultInternalError FaultKind = "internal-error"
	// FaultThrottle answers RequestLimitExceeded without applying the request.
	FaultThrottle FaultKind = "throttle"
	// FaultDropBefore closes the connection without applying the request.
	FaultDropBefore FaultKind = "drop-before"
	// FaultDropAfter applies the request, then closes the connection: the lost response.
	FaultDropAfter FaultKind = "drop-after"
	// FaultSlow applies the request and delays the answer by FaultConfig.SlowDelay.
	FaultSlow FaultKind = "slow"
	// FaultVersionNotFound makes GetFunction of a Deleting function answer
	// ResourceNotFound.Version, as the real API transiently does mid-deletion.
	// It has no effect on other actions or other statuses.
	FaultVersionNotFound FaultKind = "version-not-found"
)

// AllFaultKinds lists every FaultKind.
func AllFaultKinds() []FaultKind {
	return []FaultKind{FaultInternalError, FaultThrottle, FaultDropBefore, FaultDropAfter, FaultSlow, FaultVersionNotFound}
}

// FaultConfig configures probabilistic fault injection.
type FaultConfig struct {
	Rate      float64       // probability per request (0..1) of one fault from Kinds
	Kinds     []FaultKind   // empty means all kinds
	Actions   []string      // empty means all actions
	Seed      int64         // seed of the deterministic random source
	SlowDelay time.Duration // delay of FaultSlow; default 2s
}

// StatusReason explains a failed deployment, as GetFunction reports it.
type StatusReason struct {
	ErrorCode    string
	ErrorMessage string
}

// Stats counts what the server has seen and answered.
type Stats struct {
	Requests       map[string]int64            // by action, for every request naming a known action
	Responses      map[string]map[string]int64 // action -> "OK" or the error code
	FaultsInjected map[FaultKind]int64
	Throttled      int64 // RequestLimitExceeded answers from the rate limiter (not from faults)
}

func newStats() Stats {
	return Stats{Requests: map[string]int64{}, Responses: map[string]map[string]int64{}, FaultsInjected: map[FaultKind]int64{}}
}

// queuedFault is one InjectFault or InjectError instruction.
type queuedFault struct {
	kind      FaultKind // empty for an injected error code
	code, msg string
	remaining int
}

type faultState struct {
	cfg     FaultConfig
	rng     *rand.Rand
	queues  map[string][]*queuedFault
	actions map[string]bool
}

func validFaultKind(k FaultKind) bool { return slices.Contains(AllFaultKinds(), k) }

func (s *Server) initFaults(cfg FaultConfig) error {
	if cfg.Rate < 0 || cfg.Rate > 1 || math.IsNaN(cfg.Rate) {
		return fmt.Errorf("fakescf: fault rate must be between 0 and 1; got %v", cfg.Rate)
	}
	for _, k := range cfg.Kinds {
		if !validFaultKind(k) {
			return fmt.Errorf("fakescf: unknown fault kind %q", k)
		}
	}
	if len(cfg.Kinds) == 0 {
		cfg.Kinds = AllFaultKinds()
	}
	cfg.Kinds = slices.Clone(cfg.Kinds)
	if cfg.SlowDelay <= 0 {
		cfg.SlowDelay = defaultSlowDelay
	}
	seed := uint64(cfg.Seed)
	s.faults = faultState{
		cfg:    cfg,
		rng:    rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
		queues: map[string][]*queuedFault{},
	}
	if len(cfg.Actions) > 0 {
		s.faults.actions = map[string]bool{}
		for _, a := range cfg.Actions {
			s.faults.actions[a] = true
		}
	}
	return nil
}

func (s *Server) slowDelay() time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.faults.cfg.SlowDelay
}

// InjectFault gives the next count requests for action the fault kind.
// Unknown kinds and count <= 0 are ignored. Queued instructions for an
// action are served in order.
func (s *Server) InjectFault(action string, kind FaultKind, count int) {
	if count <= 0 || !validFaultKind(kind) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.queues[action] = append(s.faults.queues[action], &queuedFault{kind: kind, remaining: count})
}

// InjectError makes the next count requests for action answer the error
// code and message without being applied.
func (s *Server) InjectError(action, code, message string, count int) {
	if count <= 0 || code == "" {
		return
	}
	if message == "" {
		message = "injected error"
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.queues[action] = append(s.faults.queues[action], &queuedFault{code: code, msg: message, remaining: count})
}

// pickFault consumes the programmatic queue first, then rolls the dice. It
// returns either an error to answer now or a fault kind for later stages.
func (s *Server) pickFault(action string) (FaultKind, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	var kind FaultKind
	if q := s.faults.queues[action]; len(q) > 0 {
		head := q[0]
		head.remaining--
		if head.remaining <= 0 {
			q = q[1:]
			if len(q) == 0 {
				delete(s.faults.queues, action)
			} else {
				s.faults.queues[action] = q
			}
		}
		if head.kind == "" {
			return "", &apiError{Code: head.code, Message: head.msg}
		}
		kind = head.kind
	} else {
		kind = s.randomFaultLocked(action)
	}
	switch kind {
	case "":
		return "", nil
	case FaultVersionNotFound:
		// Counted by GetFunction only when it takes effect.
		return kind, nil
	}
	s.stats.FaultsInjected[kind]++
	switch kind {
	case FaultInternalError:
		return "", errf(codeInternalError, "internal error (injected fault)")
	case FaultThrottle:
		return "", errf("RequestLimitExceeded", "request rate limit exceeded for %s (injected fault)", action)
	}
	return kind, nil
}

func (s *Server) randomFaultLocked(action string) FaultKind {
	f := &s.faults
	if f.cfg.Rate <= 0 || (f.actions != nil && !f.actions[action]) {
		return ""
	}
	if f.rng.Float64() >= f.cfg.Rate {
		return ""
	}
	kinds := f.cfg.Kinds
	if action != "GetFunction" {
		kinds = slices.DeleteFunc(slices.Clone(kinds), func(k FaultKind) bool { return k == FaultVersionNotFound })
	}
	if len(kinds) == 0 {
		return ""
	}
	return kinds[f.rng.IntN(len(kinds))]
}

// ---- rate limits ----

// limiterEntry keeps the configured rate next to its token bucket for the
// error message.
type limiterEntry struct {
	perSecond float64
	lim       *rate.Limiter
}

// newLimiter builds a bucket with burst = the per-second rate (at least 1),
// starting full. A rate <= 0 means no limit.
func newLimiter(perSecond float64) *limiterEntry {
	if perSecond <= 0 || math.IsNaN(perSecond) || math.IsInf(perSecond, 0) {
		return &limiterEntry{perSecond: perSecond, lim: rate.NewLimiter(rate.Inf, 1)}
	}
	burst := max(int(math.Ceil(perSecond)), 1)
	return &limiterEntry{perSecond: perSecond, lim: rate.NewLimiter(rate.Limit(perSecond), burst)}
}

// DefaultRateLimits returns the documented per-action limits in requests per second.
func DefaultRateLimits() map[string]float64 {
	return map[string]float64{
		"CreateFunction":                     10,
		"Invoke":                             100,
		"InvokeFunction":                     10000,
		"GetFunction":                        100,
		"GetFunctionAddress":                 100,
		"UpdateFunctionCode":                 100,
		"UpdateFunctionConfiguration":        100,
		"DeleteFunction":                     100,
		"ListFunctions":                      100,
		"CreateNamespace":                    20,
		"DeleteNamespace":                    20,
		"ListNamespaces":                     20,
		"UpdateNamespace":                    20,
		"ModifyResourceTags":                 20,
		"PublishLayerVersion":                20,
		"GetLayerVersion":                    20,
		"ListLayerVersions":                  20,
		"ListLayers":                         20,
		"DeleteLayerVersion":                 20,
		"PublishVersion":                     20,
		"ListVersionByFunction":              20,
		"CreateAlias":                        20,
		"UpdateAlias":                        20,
		"GetAlias":                           20,
		"DeleteAlias":                        20,
		"ListAliases":                        20,
		"PutReservedConcurrencyConfig":       20,
		"GetReservedConcurrencyConfig":       20,
		"DeleteReservedConcurrencyConfig":    20,
		"PutProvisionedConcurrencyConfig":    20,
		"GetProvisionedConcurrencyConfig":    20,
		"DeleteProvisionedConcurrencyConfig": 20,
		"CreateTrigger":                      20,
		"UpdateTrigger":                      20,
		"UpdateTriggerStatus":                20,
		"DeleteTrigger":                      20,
		"ListTriggers":                       20,
	}
}

func (s *Server) initLimiters(overrides map[string]float64) {
	limits := DefaultRateLimits()
	maps.Copy(limits, overrides)
	s.limiters = make(map[string]*limiterEntry, len(limits))
	for a, v := range limits {
		s.limiters[a] = newLimiter(v)
	}
}

// SetRateLimit replaces the token bucket of an action (burst = the
// per-second limit, starting full). perSecond <= 0 removes the limit.
func (s *Server) SetRateLimit(action string, perSecond float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limiters[action] = newLimiter(perSecond)
}

func (s *Server) checkRateLimit(action string) *apiError {
	s.mu.Lock()
	defer s.mu.Unlock()
	l := s.limiters[action]
	if l == nil || l.lim.Allow() {
		return nil
	}
	s.stats.Throttled++
	return errf("RequestLimitExceeded", "%s allows %g requests per second; retry later", action, l.perSecond)
}

// ---- stats ----

func (s *Server) countRequest(action string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Requests[action]++
}

func (s *Server) countResponse(action, code string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m := s.stats.Responses[action]
	if m == nil {
		m = map[string]int64{}
		s.stats.Responses[action] = m
	}
	m[code]++
}

// Stats returns a deep copy of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := Stats{
		Requests:       maps.Clone(s.stats.Requests),
		Responses:      make(map[string]map[string]int64, len(s.stats.Responses)),
		FaultsInjected: maps.Clone(s.stats.FaultsInjected),
		Throttled:      s.stats.Throttled,
	}
	for a, m := range s.stats.Responses {
		out.Responses[a] = maps.Clone(m)
	}
	return out
}
