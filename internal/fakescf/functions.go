package fakescf

import (
	"crypto/rand"
	"slices"
)

func (s *Server) createFunction(c *call) (response, *apiError) {
	var req createFunctionRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	ns := orDefault(req.Namespace, defaultNamespace)
	c.function = ns + "/" + req.FunctionName
	if aerr := validateFunctionName(req.FunctionName); aerr != nil {
		return nil, aerr
	}
	if aerr := s.checkNamespaceForCreate(ns); aerr != nil {
		return nil, aerr
	}
	cfg, code, aerr := s.buildCreateConfig(&req)
	if aerr != nil {
		return nil, aerr
	}
	key := fnKey(ns, req.FunctionName)
	if existing := s.st.Functions[key]; existing != nil {
		if existing.Status == statusDeleting {
			return nil, errf("ResourceInUse.FunctionName", "function %s is still being deleted in namespace %s; retry when it is gone", req.FunctionName, ns)
		}
		return nil, errf("ResourceInUse.Function", "function %s already exists in namespace %s", req.FunctionName, ns)
	}
	if len(s.st.Functions) >= s.fixtures.functionLimit() {
		return nil, errf("LimitExceeded.Function", "the account already has %d functions; the limit is %d", len(s.st.Functions), s.fixtures.functionLimit())
	}
	now := s.now()
	f := &functionRecord{
		Namespace:  ns,
		Name:       req.FunctionName,
		FunctionID: s.newFunctionIDLocked(),
		Config:     cfg,
		Code:       code,
		AddTime:    now,
		ModTime:    now,
	}
	s.beginLocked(f, opCreate, "CreateFunction", s.createDelay)
	s.st.Functions[key] = f
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

// buildCreateConfig applies steps 3 to 20 of the CreateFunction checks in
// the documented order, so the first broken rule decides the error code.
func (s *Server) buildCreateConfig(req *createFunctionRequest) (fnConfig, codeRecord, *apiError) {
	cfg := fnConfig{
		Runtime: "Python2.7", Type: typeEvent, MemorySize: 128, Timeout: 3, InitTimeout: 65,
		Env: []variable{}, PublicNetStatus: enable, EipStatus: disable,
		InstallDependency: flagFalse, AsyncRunEnable: flagFalse, TraceEnable: flagFalse, DNSCache: flagFalse,
		L5Enable: flagFalse, IntranetIPFixed: disable,
	}
	fail := func(aerr *apiError) (fnConfig, codeRecord, *apiError) { return fnConfig{}, codeRecord{}, aerr }
	if req.Runtime != nil {
		switch {
		case *req.Runtime == "":
			return fail(errf("MissingParameter.Runtime", "Runtime must not be empty"))
		case *req.Runtime != runtimeImage && !slices.Contains(runtimes, *req.Runtime):
			return fail(errf("InvalidParameterValue.Runtime", "Runtime %q is not supported", truncate(*req.Runtime, 32)))
		}
		cfg.Runtime = *req.Runtime
	}
	if req.Type != nil {
		if *req.Type != typeEvent && *req.Type != typeHTTP {
			return fail(errf("InvalidParameterValue.Type", "Type must be Event or HTTP; got %q", truncate(*req.Type, 32)))
		}
		cfg.Type = *req.Type
	}
	code, aerr := s.checkCode(req.Code, req.CodeSource, codeForCreate)
	if aerr != nil {
		return fail(aerr)
	}
	// An image function's runtime is CustomImage: a request may say so or
	// leave Runtime out, but may not name a code runtime; and CustomImage
	// without an image is as wrong. Both are Runtime errors because Runtime is
	// the parameter at odds with the code given.
	switch isImage := code.Source == "Image"; {
	case isImage && req.Runtime != nil && *req.Runtime != runtimeImage:
		return fail(errf("InvalidParameterValue.Runtime", "an image function (Code.ImageConfig) has Runtime CustomImage; got %q", truncate(*req.Runtime, 32)))
	case isImage:
		cfg.Runtime, cfg.InitTimeout = runtimeImage, 90
	case cfg.Runtime == runtimeImage:
		return fail(errf("InvalidParameterValue.Runtime", "Runtime CustomImage needs the image in Code.ImageConfig"))
	}
	// The service ignores Handler for an image function (the container's
	// command and arguments take its place), so the fake neither checks nor
	// stores it: GetFunction returns Handler "" whatever was sent, and
	// UpdateFunctionCode likewise leaves it "".
	if cfg.Runtime != runtimeImage {
		h := derefOr(req.Handler, "")
		if h == "" {
			h = defaultHandler(cfg.Runtime)
			if h == "" {
				return fail(errf("InvalidParameterValue.Handler", "Handler is required for runtime %s (package.Class::method)", cfg.Runtime))
			}
		}
		if aerr := validateHandler(cfg.Runtime, h); aerr != nil {
			return fail(aerr)
		}
		cfg.Handler = h
	}
	if aerr := applyScalars(&cfg, req.Description, req.MemorySize, req.Timeout, req.InitTimeout); aerr != nil {
		return fail(aerr)
	}
	if req.Environment != nil {
		vars, aerr := validateEnv(req.Environment.Variables)
		if aerr != nil {
			return fail(aerr)
		}
		cfg.Env = vars
	}
	if req.VpcConfig != nil {
		if aerr := s.checkVpc(*req.VpcConfig); aerr != nil {
			return fail(aerr)
		}
		cfg.VpcID, cfg.SubnetID = req.VpcConfig.VpcId, req.VpcConfig.SubnetId
	}
	if aerr := s.checkRole(req.Role); aerr != nil {
		return fail(aerr)
	}
	cfg.Role = req.Role
	if aerr := s.checkCls(req.ClsLogsetId, req.ClsTopicId); aerr != nil {
		return fail(aerr)
	}
	cfg.ClsLogsetID, cfg.ClsTopicID = req.ClsLogsetId, req.ClsTopicId
	if cfg.ClsLogsetID == "" {
		// The backend assigns a log topic when none is requested; clients see
		// this as drift, and the fake reproduces it on purpose.
		cfg.ClsLogsetID, cfg.ClsTopicID = s.fixtures.DefaultCls.LogsetID, s.fixtures.DefaultCls.TopicID
	}
	layers, aerr := s.checkLayers(req.Layers)
	if aerr != nil {
		return fail(aerr)
	}
	cfg.Layers = layers
	if req.DeadLetterConfig != nil {
		if cfg.DeadLetter, aerr = s.checkDeadLetter(*req.DeadLetterConfig); aerr != nil {
			return fail(aerr)
		}
	}
	if req.PublicNetConfig != nil {
		if cfg.PublicNetStatus, cfg.EipStatus, aerr = s.checkPublicNet(*req.PublicNetConfig, cfg.hasVPC(), nil); aerr != nil {
			return fail(aerr)
		}
	}
	if req.CfsConfig != nil {
		if cfg.Cfs, aerr = checkCfs(req.CfsConfig.CfsInsList, cfg.hasVPC()); aerr != nil {
			return fail(aerr)
		}
	}
	tags := make([]tagKV, 0, len(req.Tags))
	for _, t := range req.Tags {
		tags = append(tags, tagKV(t))
	}
	if aerr := checkTags(tags); aerr != nil {
		return fail(aerr)
	}
	cfg.Tags = tags
	if aerr := applyCreateFlags(&cfg, req); aerr != nil {
		return fail(aerr)
	}
	return cfg, code, nil
}

// applyCreateFlags is step 20: TRUE/FALSE flags, their unsupported
// combinations, and the web-function settings.
func applyCreateFlags(cfg *fnConfig, req *createFunctionRequest) *apiError {
	flags := []struct {
		name string
		v    *string
		dst  *string
	}{
		{"InstallDependency", req.InstallDependency, &cfg.InstallDependency},
		{"AsyncRunEnable", req.AsyncRunEnable, &cfg.AsyncRunEnable},
		{"TraceEnable", req.TraceEnable, &cfg.TraceEnable},
		{"AutoDeployClsTopicIndex", req.AutoDeployClsTopicIndex, nil},
		{"AutoCreateClsTopic", req.AutoCreateClsTopic, nil},
		{"DnsCache", req.DnsCache, &cfg.DNSCache},
	}
	for _, f := range flags {
		if aerr := checkFlag(f.name, f.v); aerr != nil {
			return aerr
		}
		if f.v != nil && f.dst != nil {
			*f.dst = *f.v
		}
	}
	if aerr := checkFlagCombos(cfg); aerr != nil {
		return aerr
	}
	// Event tracing records asynchronous runs, so it needs them. Neither flag
	// can change after create, so the rule is checked here only, with the
	// SDK's TraceEnable code.
	if cfg.TraceEnable == flagTrue && cfg.AsyncRunEnable != flagTrue {
		return errf("InvalidParameterValue.TraceEnable", "TraceEnable TRUE requires AsyncRunEnable TRUE")
	}
	if aerr := applyProtocol(cfg, req.ProtocolType, req.ProtocolParams, req.InstanceConcurrencyConfig); aerr != nil {
		return aerr
	}
	if req.IntranetConfig != nil {
		if aerr := checkEnableDisable("IntranetConfig.IpFixed", req.IntranetConfig.IpFixed); aerr != nil {
			return aerr
		}
		cfg.IntranetIPFixed = req.IntranetConfig.IpFixed
	}
	return nil
}

func checkFlagCombos(cfg *fnConfig) *apiError {
	if cfg.InstallDependency == flagTrue && !isNodeRuntime(cfg.Runtime) {
		return errf("UnsupportedOperation", "InstallDependency is only supported for Node.js runtimes, not %s", cfg.Runtime)
	}
	if cfg.DNSCache == flagTrue && cfg.Type == typeHTTP {
		return errf("UnsupportedOperation", "DnsCache is only supported for Event functions")
	}
	return nil
}

// lookupLocked finds a function for the read and mutation actions.
func (s *Server) lookupLocked(c *call, name, namespace, missingCode string) (*functionRecord, *apiError) {
	ns := orDefault(namespace, defaultNamespace)
	c.function = ns + "/" + name
	if name == "" {
		return nil, errf(missingCode, "FunctionName is required")
	}
	if s.st.Namespaces[ns] == nil {
		return nil, errf("ResourceNotFound.Namespace", "namespace %q does not exist", truncate(ns, 64))
	}
	f := s.st.Functions[fnKey(ns, name)]
	if f == nil {
		return nil, errf("ResourceNotFound.Function", "function %q does not exist in namespace %s", truncate(name, 64), ns)
	}
	return f, nil
}

func (s *Server) updateFunctionCode(c *call) (response, *apiError) {
	var req updateFunctionCodeRequest
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
	if f.Status != statusActive && f.Status != statusUpdateFailed {
		return nil, errf("FailedOperation.UpdateFunctionCode", "cannot update code in current state %s", f.Status)
	}
	code := req.Code
	legacy := req.ZipFile != "" || req.CosBucketName != "" || req.CosObjectName != ""
	if code != nil && legacy {
		return nil, errf("InvalidParameterValue.Code", "give the code either in Code or in the top-level ZipFile/Cos fields, not both")
	}
	if code == nil && legacy {
		code = &codeIn{ZipFile: req.ZipFile, CosBucketName: req.CosBucketName, CosObjectName: req.CosObjectName, CosBucketRegion: req.CosBucketRegion}
	}
	rec, aerr := s.checkCode(code, req.CodeSource, codeForUpdate)
	if aerr != nil {
		return nil, aerr
	}
	if (rec.Source == "Image") != (f.Code.Source == "Image") {
		return nil, errf("InvalidParameterValue.Code", "an image function cannot switch to a code package or back")
	}
	handler := f.Config.Handler
	if h := derefOr(req.Handler, ""); h != "" && f.Config.Runtime != runtimeImage {
		if aerr := validateHandler(f.Config.Runtime, h); aerr != nil {
			return nil, aerr
		}
		handler = h
	}
	cand := f.Config.clone()
	cand.Handler = handler
	for _, fl := range []struct {
		name string
		v    *string
	}{{"InstallDependency", req.InstallDependency}, {"Publish", req.Publish}} {
		if aerr := checkFlag(fl.name, fl.v); aerr != nil {
			return nil, aerr
		}
	}
	if derefOr(req.Publish, flagFalse) == flagTrue {
		return nil, errf("UnsupportedOperation", "Publish TRUE is not supported: the fake keeps only $LATEST")
	}
	cand.InstallDependency = derefOr(req.InstallDependency, cand.InstallDependency)
	if aerr := checkFlagCombos(&cand); aerr != nil {
		return nil, aerr
	}
	f.Config = cand
	f.Code = rec
	f.ModTime = s.now()
	s.beginLocked(f, opUpdate, "UpdateFunctionCode", s.updateDelay)
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

func (s *Server) deleteFunction(c *call) (response, *apiError) {
	var req deleteFunctionRequest
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
	if q := derefOr(req.Qualifier, ""); q != "" && q != latestQualifier {
		if aerr := s.deleteVersionLocked(f, q); aerr != nil {
			return nil, aerr
		}
		return &emptyResponse{}, nil
	}
	switch f.Status {
	case statusActive, statusCreateFailed, statusUpdateFailed, statusDeleteFailed:
	default:
		return nil, errf("FailedOperation.DeleteFunction", "the function cannot be deleted in state %s", f.Status)
	}
	s.beginLocked(f, opDelete, "DeleteFunction", s.deleteDelay)
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

// newFunctionIDLocked returns an unused "lam-" ID with 8 lower-case
// alphanumerics, like the real ones.
func (s *Server) newFunctionIDLocked() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	for {
		var b [8]byte
		_, _ = rand.Read(b[:]) // never fails on supported platforms
		for i := range b {
			b[i] = alphabet[int(b[i])%len(alphabet)]
		}
		id := "lam-" + string(b[:])
		if !slices.ContainsFunc(mapValues(s.st.Functions), func(f *functionRecord) bool { return f.FunctionID == id }) {
			return id
		}
	}
}

func mapValues[K comparable, V any](m map[K]V) []V {
	out := make([]V, 0, len(m))
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

func derefOr(v *string, def string) string {
	if v == nil {
		return def
	}
	return *v
}
