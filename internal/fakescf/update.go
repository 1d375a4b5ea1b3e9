package fakescf

// UpdateFunctionConfiguration is a partial update: only the parameters that
// are present change, each validated as on create, and the cross-field rules
// (public network and CFS need a VPC) are checked on the merged result.
func (s *Server) updateFunctionConfiguration(c *call) (response, *apiError) {
	var req updateFunctionConfigurationRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f, aerr := s.lookupLocked(c, req.FunctionName, req.Namespace, "MissingParameter")
	if aerr != nil {
		return nil, aerr
	}
	switch f.Status {
	case statusActive, statusUpdateFailed:
	case statusCreating, statusUpdating:
		return nil, errf("FailedOperation.FunctionStatusError", "function is deploying (status %s); wait until it is Active", f.Status)
	default:
		return nil, errf("FailedOperation.FunctionStatusError", "the function configuration cannot be updated in state %s", f.Status)
	}
	cand := f.Config.clone()
	if aerr := s.applyConfigUpdate(&cand, f, &req); aerr != nil {
		return nil, aerr
	}
	f.Config = cand
	f.ModTime = s.now()
	s.beginLocked(f, opUpdate, "UpdateFunctionConfiguration", s.updateDelay)
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

func (s *Server) applyConfigUpdate(cand *fnConfig, f *functionRecord, req *updateFunctionConfigurationRequest) *apiError {
	if req.Runtime != nil && *req.Runtime != cand.Runtime {
		return errf("InvalidParameterValue.Runtime", "Runtime cannot be changed after creation")
	}
	if aerr := applyScalars(cand, req.Description, req.MemorySize, req.Timeout, req.InitTimeout); aerr != nil {
		return aerr
	}
	if aerr := applyEnvUpdate(cand, req.Environment); aerr != nil {
		return aerr
	}
	if req.VpcConfig != nil {
		if aerr := s.checkVpc(*req.VpcConfig); aerr != nil {
			return aerr
		}
		cand.VpcID, cand.SubnetID = req.VpcConfig.VpcId, req.VpcConfig.SubnetId
	}
	if req.Role != nil {
		if aerr := s.checkRole(*req.Role); aerr != nil {
			return aerr
		}
		cand.Role = *req.Role
	}
	if req.ClsLogsetId != nil || req.ClsTopicId != nil {
		logset, topic := derefOr(req.ClsLogsetId, ""), derefOr(req.ClsTopicId, "")
		if aerr := s.checkCls(logset, topic); aerr != nil {
			return aerr
		}
		if logset == "" {
			logset, topic = s.fixtures.DefaultCls.LogsetID, s.fixtures.DefaultCls.TopicID
		}
		cand.ClsLogsetID, cand.ClsTopicID = logset, topic
	}
	if req.Layers != nil {
		if len(req.Layers) == 1 && req.Layers[0] == (layerIn{}) {
			cand.Layers = []layerRef{} // the documented "unbind all" sentinel
		} else {
			layers, aerr := s.checkLayers(req.Layers)
			if aerr != nil {
				return aerr
			}
			cand.Layers = layers
		}
	}
	if req.DeadLetterConfig != nil {
		dl, aerr := s.checkDeadLetter(*req.DeadLetterConfig)
		if aerr != nil {
			return aerr
		}
		cand.DeadLetter = dl
	}
	if req.PublicNetConfig != nil {
		st, eip, aerr := s.checkPublicNet(*req.PublicNetConfig, cand.hasVPC(), f)
		if aerr != nil {
			return aerr
		}
		cand.PublicNetStatus, cand.EipStatus = st, eip
	}
	if aerr := checkPublicNetNeedsVPC(cand.PublicNetStatus, cand.hasVPC()); aerr != nil {
		return aerr
	}
	if req.CfsConfig != nil {
		cfs, aerr := checkCfs(req.CfsConfig.CfsInsList, cand.hasVPC())
		if aerr != nil {
			return aerr
		}
		cand.Cfs = cfs
	}
	if len(cand.Cfs) > 0 && !cand.hasVPC() {
		return errf("InvalidParameterValue.VpcNotSetWhenOpenCfs", "CfsConfig requires the function to be in a VPC; remove CfsConfig before removing the VPC")
	}
	return s.applyUpdateFlags(cand, req)
}

// applyEnvUpdate replaces the variables. [{"Key":"","Value":""}] clears
// them; an empty list leaves them unchanged, because the real API documents
// that an empty list is not enough to clear.
func applyEnvUpdate(cand *fnConfig, env *environmentIn) *apiError {
	if env == nil || len(env.Variables) == 0 {
		return nil
	}
	if len(env.Variables) == 1 && env.Variables[0] == (variableIn{}) {
		cand.Env = []variable{}
		return nil
	}
	vars, aerr := validateEnv(env.Variables)
	if aerr != nil {
		return aerr
	}
	cand.Env = vars
	return nil
}

func (s *Server) applyUpdateFlags(cand *fnConfig, req *updateFunctionConfigurationRequest) *apiError {
	flags := []struct {
		name string
		v    *string
		dst  *string
	}{
		{"InstallDependency", req.InstallDependency, &cand.InstallDependency},
		{"L5Enable", req.L5Enable, &cand.L5Enable},
		{"DnsCache", req.DnsCache, &cand.DNSCache},
		{"Publish", req.Publish, nil},
	}
	for _, fl := range flags {
		if aerr := checkFlag(fl.name, fl.v); aerr != nil {
			return aerr
		}
		if fl.v != nil && fl.dst != nil {
			*fl.dst = *fl.v
		}
	}
	if derefOr(req.Publish, flagFalse) == flagTrue {
		return errf("UnsupportedOperation", "Publish TRUE is not supported: the fake keeps only $LATEST")
	}
	if aerr := checkFlagCombos(cand); aerr != nil {
		return aerr
	}
	if aerr := applyProtocol(cand, nil, req.ProtocolParams, req.InstanceConcurrencyConfig); aerr != nil {
		return aerr
	}
	if req.IntranetConfig != nil {
		if aerr := checkEnableDisable("IntranetConfig.IpFixed", req.IntranetConfig.IpFixed); aerr != nil {
			return aerr
		}
		cand.IntranetIPFixed = req.IntranetConfig.IpFixed
	}
	if req.IgnoreSysLog != nil {
		cand.IgnoreSysLog = *req.IgnoreSysLog
	}
	return nil
}
