package fakescf

import "strconv"

func (s *Server) getFunction(c *call) (response, *apiError) {
	var req getFunctionRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f, aerr := s.lookupLocked(c, req.FunctionName, req.Namespace, "InvalidParameter.FunctionNameOrResourceIdRequired")
	if aerr != nil {
		return nil, aerr
	}
	fv, aerr := qualified(f, req.Qualifier)
	if aerr != nil {
		return nil, aerr
	}
	if req.ShowCode != "" && req.ShowCode != flagTrue && req.ShowCode != flagFalse {
		return nil, errf("InvalidParameterValue", "ShowCode must be TRUE or FALSE")
	}
	if c.versionNotFound && f.Status == statusDeleting {
		s.stats.FaultsInjected[FaultVersionNotFound]++
		return nil, errf("ResourceNotFound.Version", "version $LATEST of function %s does not exist", f.Name)
	}
	if fv != nil {
		r := s.detail(f.snapshot(fv), c.region)
		r.FunctionVersion = strconv.FormatInt(fv.Version, 10)
		r.Qualifier = r.FunctionVersion
		return r, nil
	}
	return s.detail(f, c.region), nil
}

func (s *Server) getFunctionAddress(c *call) (response, *apiError) {
	var req getFunctionAddressRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f, aerr := s.lookupLocked(c, req.FunctionName, req.Namespace, "InvalidParameter.FunctionNameOrResourceIdRequired")
	if aerr != nil {
		return nil, aerr
	}
	fv, aerr := qualified(f, req.Qualifier)
	if aerr != nil {
		return nil, aerr
	}
	if fv != nil {
		f = f.snapshot(fv)
	}
	return &getFunctionAddressResponse{
		Url:        "https://scf-fake.local/" + f.Namespace + "/" + f.Name + ".zip?sign=" + f.Code.Sha256[:min(16, len(f.Code.Sha256))],
		CodeSha256: f.Code.Sha256,
	}, nil
}
