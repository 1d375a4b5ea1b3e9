package fakescf

// Aliases: CreateAlias, UpdateAlias, GetAlias, DeleteAlias and ListAliases.
//
// Rules the documentation states: Name is 1-64 letters, digits, "_" and
// "-", starting with a letter, unique per function; FunctionVersion is the
// main version; RoutingConfig.AdditionalVersionWeights names at most one
// additional version, which must not be the main version. Rules it does
// not state, and what the fake assumes: a Weight is the fraction of the
// traffic (0 to 1, as the API's examples show) and the weights sum to at
// most 1 (InvalidParameterValue.AdditionalVersionWeights); versions named
// must exist (ResourceNotFound.FunctionVersion); $LATEST may be the main
// version; at most 10 aliases per function (LimitExceeded.Alias); a
// Description of at most 1000 characters. AddtionVersionMatchs (sic), the
// rule-based routing, is checked in alias_matches.go.
//
// Document codes with no natural trigger here (use InjectError):
// FailedOperation, FailedOperation.CreateAlias, FailedOperation.UpdateAlias,
// FailedOperation.GetAlias, FailedOperation.DeleteAlias, ResourceInUse,
// InternalError.System.

import (
	"regexp"
	"slices"
	"time"
	"unicode/utf8"
)

const maxAliasesPerFunction = 10

var aliasNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,63}$`)

type versionWeight struct {
	Version *string  `json:"Version"`
	Weight  *float64 `json:"Weight"`
}

type versionMatch struct {
	Version    *string `json:"Version"`
	Key        *string `json:"Key"`
	Method     *string `json:"Method"`
	Expression *string `json:"Expression"`
}

type routingConfig struct {
	AdditionalVersionWeights []versionWeight `json:"AdditionalVersionWeights"`
	AddtionVersionMatchs     []versionMatch  `json:"AddtionVersionMatchs"`
}

type aliasRecord struct {
	Name            string        `json:"name"`
	FunctionVersion string        `json:"function_version"`
	Description     string        `json:"description"`
	Routing         routingConfig `json:"routing"`
	AddTime         time.Time     `json:"add_time"`
	ModTime         time.Time     `json:"mod_time"`
}

func (a *aliasRecord) routesTo(v int64) bool {
	n := func(s *string) bool { return s != nil && parseVersion(*s) == v }
	if parseVersion(a.FunctionVersion) == v {
		return true
	}
	for _, w := range a.Routing.AdditionalVersionWeights {
		if n(w.Version) {
			return true
		}
	}
	for _, m := range a.Routing.AddtionVersionMatchs {
		if n(m.Version) {
			return true
		}
	}
	return false
}

func (f *functionRecord) alias(name string) *aliasRecord {
	for _, a := range f.Aliases {
		if a.Name == name {
			return a
		}
	}
	return nil
}

type aliasRequest struct {
	Name            string
	FunctionName    string
	FunctionVersion string
	Namespace       string
	RoutingConfig   *routingConfig
	Description     *string
}

type aliasKeyRequest struct {
	FunctionName string
	Name         string
	Namespace    string
}

type listAliasesRequest struct {
	FunctionName    string
	Namespace       string
	FunctionVersion string
	Offset          string
	Limit           string
}

type aliasOut struct {
	FunctionVersion string
	Name            string
	RoutingConfig   routingConfig
	Description     string
	AddTime         string
	ModTime         string
}

type getAliasResponse struct {
	aliasOut
	RequestId string
}

func (r *getAliasResponse) setRequestID(id string) { r.RequestId = id }

type listAliasesResponse struct {
	Aliases    []aliasOut
	TotalCount int64
	RequestId  string
}

func (r *listAliasesResponse) setRequestID(id string) { r.RequestId = id }

func aliasView(a *aliasRecord) aliasOut {
	rc := routingConfig{AdditionalVersionWeights: slices.Clone(a.Routing.AdditionalVersionWeights), AddtionVersionMatchs: slices.Clone(a.Routing.AddtionVersionMatchs)}
	if rc.AdditionalVersionWeights == nil {
		rc.AdditionalVersionWeights = []versionWeight{}
	}
	if rc.AddtionVersionMatchs == nil {
		rc.AddtionVersionMatchs = []versionMatch{}
	}
	return aliasOut{FunctionVersion: a.FunctionVersion, Name: a.Name, RoutingConfig: rc, Description: a.Description,
		AddTime: apiTime(a.AddTime), ModTime: apiTime(a.ModTime)}
}

func checkAliasName(name string) *apiError {
	if !aliasNameRE.MatchString(name) {
		return errf("InvalidParameterValue.Name", "Name must be 1 to 64 letters, digits, '_' or '-' and start with a letter; got %q", truncate(name, 80))
	}
	return nil
}

// versionExists accepts $LATEST and the published versions.
func versionExists(f *functionRecord, v string) bool {
	if v == latestQualifier {
		return true
	}
	n := parseVersion(v)
	return n > 0 && f.version(n) != nil
}

func checkRouting(f *functionRecord, main string, rc *routingConfig) *apiError {
	if rc == nil {
		return nil
	}
	if len(rc.AdditionalVersionWeights) > 1 {
		return errf("InvalidParameterValue.AdditionalVersionWeights", "an alias can route to at most one additional version; got %d", len(rc.AdditionalVersionWeights))
	}
	sum := 0.0
	for i, w := range rc.AdditionalVersionWeights {
		switch {
		case w.Version == nil || *w.Version == "" || w.Weight == nil:
			return errf("InvalidParameter.RoutingConfig", "AdditionalVersionWeights[%d] needs Version and Weight", i)
		case *w.Version == main:
			return errf("InvalidParameterValue.AdditionalVersionWeights", "the additional version %s is the alias's main version", *w.Version)
		case !versionExists(f, *w.Version):
			return errf("ResourceNotFound.FunctionVersion", "version %q of function %s does not exist", truncate(*w.Version, 32), f.Name)
		case !(*w.Weight >= 0 && *w.Weight <= 1):
			return errf("InvalidParameterValue.AdditionalVersionWeights", "AdditionalVersionWeights[%d].Weight must be between 0 and 1; got %g", i, *w.Weight)
		}
		sum += *w.Weight
	}
	if sum > 1 {
		return errf("InvalidParameterValue.AdditionalVersionWeights", "the weights sum to %g; at most 1 is allowed", sum)
	}
	return checkVersionMatches(f, main, rc)
}

func (s *Server) checkAliasRequest(req *aliasRequest, f *functionRecord) *apiError {
	if aerr := checkAliasName(req.Name); aerr != nil {
		return aerr
	}
	if req.Description != nil && utf8.RuneCountInString(*req.Description) > maxLayerDescription {
		return errf("InvalidParameterValue.Description", "Description must be at most %d characters", maxLayerDescription)
	}
	if !versionExists(f, req.FunctionVersion) {
		return errf("ResourceNotFound.FunctionVersion", "version %q of function %s does not exist", truncate(req.FunctionVersion, 32), f.Name)
	}
	return checkRouting(f, req.FunctionVersion, req.RoutingConfig)
}

func (s *Server) createAlias(c *call) (response, *apiError) {
	var req aliasRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f, aerr := s.lookupLocked(c, req.FunctionName, req.Namespace, "ResourceNotFound.FunctionName")
	if aerr != nil {
		return nil, aerr
	}
	if aerr := s.checkAliasRequest(&req, f); aerr != nil {
		return nil, aerr
	}
	if f.alias(req.Name) != nil {
		return nil, errf("ResourceInUse.Alias", "function %s already has an alias %s", f.Name, req.Name)
	}
	if len(f.Aliases) >= maxAliasesPerFunction {
		return nil, errf("LimitExceeded.Alias", "function %s already has %d aliases; the limit is %d", f.Name, len(f.Aliases), maxAliasesPerFunction)
	}
	now := s.now()
	a := &aliasRecord{Name: req.Name, FunctionVersion: req.FunctionVersion, Description: derefOr(req.Description, ""), AddTime: now, ModTime: now}
	if req.RoutingConfig != nil {
		a.Routing = *req.RoutingConfig
	}
	f.Aliases = append(f.Aliases, a)
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

func (s *Server) updateAlias(c *call) (response, *apiError) {
	var req aliasRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f, aerr := s.lookupLocked(c, req.FunctionName, req.Namespace, "ResourceNotFound.FunctionName")
	if aerr != nil {
		return nil, aerr
	}
	if aerr := checkAliasName(req.Name); aerr != nil {
		return nil, aerr
	}
	a := f.alias(req.Name)
	if a == nil {
		return nil, errf("ResourceNotFound.Alias", "function %s has no alias %s", f.Name, req.Name)
	}
	if aerr := s.checkAliasRequest(&req, f); aerr != nil {
		return nil, aerr
	}
	// An UpdateAlias without RoutingConfig clears the routing: the request
	// describes the whole alias, as the console's edit does.
	a.FunctionVersion = req.FunctionVersion
	a.Routing = routingConfig{}
	if req.RoutingConfig != nil {
		a.Routing = *req.RoutingConfig
	}
	if req.Description != nil {
		a.Description = *req.Description
	}
	a.ModTime = s.now()
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

func (s *Server) lookupAliasLocked(c *call, req *aliasKeyRequest) (*functionRecord, *aliasRecord, *apiError) {
	f, aerr := s.lookupLocked(c, req.FunctionName, req.Namespace, "ResourceNotFound.FunctionName")
	if aerr != nil {
		return nil, nil, aerr
	}
	if aerr := checkAliasName(req.Name); aerr != nil {
		return nil, nil, aerr
	}
	a := f.alias(req.Name)
	if a == nil {
		return nil, nil, errf("ResourceNotFound.Alias", "function %s has no alias %s", f.Name, req.Name)
	}
	return f, a, nil
}

func (s *Server) getAlias(c *call) (response, *apiError) {
	var req aliasKeyRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	_, a, aerr := s.lookupAliasLocked(c, &req)
	if aerr != nil {
		return nil, aerr
	}
	return &getAliasResponse{aliasOut: aliasView(a)}, nil
}

func (s *Server) deleteAlias(c *call) (response, *apiError) {
	var req aliasKeyRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f, a, aerr := s.lookupAliasLocked(c, &req)
	if aerr != nil {
		return nil, aerr
	}
	f.Aliases = slices.DeleteFunc(f.Aliases, func(x *aliasRecord) bool { return x == a })
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

func (s *Server) listAliases(c *call) (response, *apiError) {
	var req listAliasesRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	offset, limit := 0, 20
	for _, p := range []struct {
		name, v string
		dst     *int
	}{{"Offset", req.Offset, &offset}, {"Limit", req.Limit, &limit}} {
		if p.v == "" {
			continue
		}
		n := parseVersion(p.v)
		if n == 0 && p.v != "0" {
			return nil, errf("InvalidParameterValue", "%s must be a non-negative integer; got %q", p.name, truncate(p.v, 16))
		}
		*p.dst = int(n)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f, aerr := s.lookupLocked(c, req.FunctionName, req.Namespace, "InvalidParameterValue.FunctionName")
	if aerr != nil {
		return nil, aerr
	}
	var all []aliasOut
	for _, a := range f.Aliases {
		if req.FunctionVersion != "" && a.FunctionVersion != req.FunctionVersion && !a.routesTo(parseVersion(req.FunctionVersion)) {
			continue
		}
		all = append(all, aliasView(a))
	}
	resp := &listAliasesResponse{Aliases: []aliasOut{}, TotalCount: int64(len(all))}
	for i := offset; i < len(all) && i < offset+limit; i++ {
		resp.Aliases = append(resp.Aliases, all[i])
	}
	return resp, nil
}
