package fakescf

// Parameter checks shared by CreateFunction and the update actions, each
// answering with the code the CreateFunction document assigns to it.
//
// CreateFunction document codes with no natural trigger in this fake (use
// InjectError, or a fault for InternalError):
//   - FailedOperation.CreateFunction (a backend failure; FailNext models the
//     asynchronous variant as CreateFailed instead)
//   - FailedOperation.Namespace
//   - InternalError (also the answer if a handler ever panicked)
//   - InternalError.System
// Every other code of the document is produced by a request that breaks the
// corresponding rule below or in functions.go.

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

const (
	enable        = "ENABLE"
	disable       = "DISABLE"
	flagTrue      = "TRUE"
	flagFalse     = "FALSE"
	typeEvent     = "Event"
	typeHTTP      = "HTTP"
	runtimeImage  = "CustomImage"
	maxZipCreate  = 50 << 20
	maxZipUpdate  = 20 << 20
	maxEnvBytes   = 4096
	maxLayers     = 5
	maxTags       = 50
	zipBadMessage = "A non-standard zip file was detected. Please recompress and try again."
)

var (
	functionNameRE  = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,58}[A-Za-z0-9]$`)
	namespaceNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,30}$`)
	handlerPartRE   = regexp.MustCompile(`^[A-Za-z]([A-Za-z0-9_-]*[A-Za-z])?$`)
	javaHandlerRE   = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)*::[A-Za-z][A-Za-z0-9_]*$`)
	envKeyRE        = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
	cosBucketRE     = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,48}[a-z0-9]$`)
	appIDSuffixRE   = regexp.MustCompile(`-[0-9]{8,}$`)
	tempCosRE       = regexp.MustCompile(`^/(\d+)/\S+\.(zip|jar)$`)
)

var runtimes = []string{
	"Python2.7", "Python3.6", "Python3.7", "Python3.9", "Python3.10",
	"Nodejs6.10", "Nodejs8.9", "Nodejs10.15", "Nodejs12.16", "Nodejs14.18", "Nodejs16.13", "Nodejs18.15",
	"PHP5", "PHP7", "Php5.6", "Php7", "Php7.4", "Php8.0",
	"Golang1", "Go1", "Java8", "CustomRuntime",
}

func isNodeRuntime(rt string) bool { return strings.HasPrefix(rt, "Nodejs") }
func isGoRuntime(rt string) bool   { return rt == "Golang1" || rt == "Go1" }

func validateFunctionName(name string) *apiError {
	if name == "" {
		return errf("InvalidParameterValue.FunctionName", "FunctionName is required")
	}
	if !functionNameRE.MatchString(name) {
		return errf("InvalidParameterValue.FunctionName",
			"FunctionName must be 2 to 60 letters, digits, '-' or '_', start with a letter and not end with '-' or '_'; got %q", truncate(name, 80))
	}
	return nil
}

func defaultHandler(runtime string) string {
	switch {
	case runtime == "Java8", runtime == runtimeImage:
		return ""
	case isGoRuntime(runtime):
		return "main"
	}
	return "index.main_handler"
}

func isFileFunction(h string) bool {
	file, fn, ok := strings.Cut(h, ".")
	return ok && handlerPartRE.MatchString(file) && handlerPartRE.MatchString(fn)
}

func validateHandler(runtime, h string) *apiError {
	n := utf8.RuneCountInString(h)
	var ok bool
	var rule string
	switch {
	case runtime == runtimeImage:
		return nil
	case runtime == "CustomRuntime":
		ok = n >= 1 && n <= 60 && !strings.ContainsFunc(h, unicode.IsSpace)
		rule = "1 to 60 characters without whitespace"
	case runtime == "Java8":
		ok = n >= 2 && n <= 60 && javaHandlerRE.MatchString(h)
		rule = "package.Class::method, 2 to 60 characters"
	case isGoRuntime(runtime):
		ok = n >= 2 && n <= 60 && (handlerPartRE.MatchString(h) || isFileFunction(h))
		rule = "an executable name or file.function whose parts start and end with a letter, 2 to 60 characters"
	default:
		ok = n >= 2 && n <= 60 && isFileFunction(h)
		rule = "file.function with exactly one '.', each part starting and ending with a letter, 2 to 60 characters"
	}
	if !ok {
		return errf("InvalidParameterValue.Handler", "Handler for runtime %s must be %s; got %q", runtime, rule, truncate(h, 80))
	}
	return nil
}

func validateDescription(d string) *apiError {
	if n := utf8.RuneCountInString(d); n > 1000 {
		return errf("InvalidParameterValue.Description", "Description must be at most 1000 characters; got %d", n)
	}
	pos := 0
	for _, r := range d {
		pos++
		if unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" ,.\n，。", r) {
			continue
		}
		return errf("InvalidParameterValue.Description",
			"Description may contain only letters, digits, spaces, commas, periods and newlines; the character at position %d is not allowed", pos)
	}
	return nil
}

func validateMemory(m int64) *apiError {
	if m == 64 || (m >= 128 && m <= 3072 && m%128 == 0) {
		return nil
	}
	if m > 3072 && m%128 == 0 {
		return errf("LimitExceeded.Memory", "MemorySize must be at most 3072; got %d", m)
	}
	return errf("InvalidParameterValue.MemorySize", "MemorySize must be 64, or 128 to 3072 in steps of 128; got %d", m)
}

func validateTimeout(t int64) *apiError {
	if t < 1 {
		return errf("InvalidParameterValue", "Timeout must be between 1 and 900 seconds; got %d", t)
	}
	if t > 900 {
		return errf("LimitExceeded.Timeout", "Timeout must be at most 900 seconds; got %d", t)
	}
	return nil
}

func validateInitTimeout(t int64) *apiError {
	if t < 1 {
		return errf("InvalidParameterValue", "InitTimeout must be between 1 and 300 seconds; got %d", t)
	}
	if t > 300 {
		return errf("LimitExceeded.InitTimeout", "InitTimeout must be at most 300 seconds; got %d", t)
	}
	return nil
}

// validateEnv never quotes a value: environment variables hold secrets.
func validateEnv(vars []variableIn) ([]variable, *apiError) {
	out := make([]variable, 0, len(vars))
	seen := map[string]bool{}
	total := 0
	for i, v := range vars {
		if v.Key == "" {
			return nil, errf("InvalidParameterValue.Environment", "Environment.Variables[%d].Key must not be empty", i)
		}
		if !envKeyRE.MatchString(v.Key) {
			return nil, errf("InvalidParameterValue.Environment",
				"environment variable key %q must start with a letter and contain only letters, digits and '_'", truncate(v.Key, 80))
		}
		if seen[v.Key] {
			return nil, errf("InvalidParameterValue.Environment", "environment variable key %q appears more than once", truncate(v.Key, 80))
		}
		seen[v.Key] = true
		total += len(v.Key) + len(v.Value)
		out = append(out, variable(v))
	}
	if total > maxEnvBytes {
		return nil, errf("InvalidParameterValue.EnvironmentExceededLimit",
			"environment variables take %d bytes (keys plus values); the limit is %d", total, maxEnvBytes)
	}
	return out, nil
}

func (s *Server) checkVpc(v vpcConfigIn) *apiError {
	if v.VpcId == "" && v.SubnetId == "" {
		return nil
	}
	if v.VpcId == "" || v.SubnetId == "" {
		return errf("InvalidParameterValue", "VpcConfig needs both VpcId and SubnetId, or neither")
	}
	if !s.fixtures.vpcHasSubnet(v.VpcId, v.SubnetId) {
		return errf("ResourceNotFound.Vpc", "subnet %q does not exist in VPC %q", truncate(v.SubnetId, 64), truncate(v.VpcId, 64))
	}
	return nil
}

func (s *Server) checkRole(role string) *apiError {
	if role != "" && !s.fixtures.hasRole(role) {
		return errf("ResourceNotFound.Role", "role %q does not exist", truncate(role, 64))
	}
	return nil
}

func (s *Server) checkCls(logset, topic string) *apiError {
	if (logset == "") != (topic == "") {
		return errf("InvalidParameterValue.Cls", "ClsLogsetId and ClsTopicId must be given together")
	}
	if logset != "" && !s.fixtures.clsPairExists(logset, topic) {
		return errf("InvalidParameterValue.Cls", "CLS topic %q does not exist in log set %q", truncate(topic, 64), truncate(logset, 64))
	}
	return nil
}

func (s *Server) checkLayers(ls []layerIn) ([]layerRef, *apiError) {
	if len(ls) > maxLayers {
		return nil, errf("InvalidParameterValue.Layers", "at most %d Layers may be bound; got %d", maxLayers, len(ls))
	}
	out := make([]layerRef, 0, len(ls))
	for i, l := range ls {
		if l.LayerName == "" {
			return nil, errf("InvalidParameterValue.Layers", "Layers[%d].LayerName must not be empty", i)
		}
		if l.LayerVersion < 1 {
			return nil, errf("InvalidParameterValue.Layers", "Layers[%d].LayerVersion must be at least 1; got %d", i, l.LayerVersion)
		}
		out = append(out, layerRef{Name: l.LayerName, Version: l.LayerVersion})
	}
	for _, l := range out {
		if aerr := s.boundLayerLocked(l.Name, l.Version); aerr != nil {
			return nil, aerr
		}
	}
	return out, nil
}

func (s *Server) checkDeadLetter(d deadLetterIn) (deadLetter, *apiError) {
	if d == (deadLetterIn{}) {
		return deadLetter{}, nil
	}
	if d.Type != "CMQ-QUEUE" && d.Type != "CMQ-TOPIC" {
		return deadLetter{}, errf("InvalidParameterValue", "DeadLetterConfig.Type must be CMQ-QUEUE or CMQ-TOPIC; got %q", truncate(d.Type, 32))
	}
	if d.Name == "" {
		return deadLetter{}, errf("InvalidParameterValue", "DeadLetterConfig.Name must not be empty")
	}
	if d.FilterType != "" && d.Type != "CMQ-TOPIC" {
		return deadLetter{}, errf("InvalidParameterValue", "DeadLetterConfig.FilterType is only valid with Type CMQ-TOPIC")
	}
	if !s.fixtures.cmqExists(d.Type, d.Name) {
		return deadLetter{}, errf("ResourceNotFound.Cmq", "%s %q does not exist", d.Type, truncate(d.Name, 64))
	}
	return deadLetter(d), nil
}

// checkPublicNet validates a PublicNetConfig against the function's VPC;
// self is the function being updated (nil on create), excluded from the EIP count.
func (s *Server) checkPublicNet(p publicNetIn, hasVPC bool, self *functionRecord) (netStatus, eipStatus string, aerr *apiError) {
	if p.PublicNetStatus != enable && p.PublicNetStatus != disable {
		return "", "", errf("InvalidParameterValue.PublicNetConfig", "PublicNetConfig.PublicNetStatus must be ENABLE or DISABLE; got %q", truncate(p.PublicNetStatus, 32))
	}
	if aerr := checkPublicNetNeedsVPC(p.PublicNetStatus, hasVPC); aerr != nil {
		return "", "", aerr
	}
	eipStatus = disable
	if p.EipConfig != nil {
		eipStatus = p.EipConfig.EipStatus
		if eipStatus != enable && eipStatus != disable {
			return "", "", errf("InvalidParameterValue.EipConfig", "PublicNetConfig.EipConfig.EipStatus must be ENABLE or DISABLE; got %q", truncate(eipStatus, 32))
		}
	}
	if eipStatus == enable && p.PublicNetStatus == disable {
		return "", "", errf("InvalidParameterValue.EipConfig", "EipStatus ENABLE requires PublicNetStatus ENABLE")
	}
	if eipStatus == enable && (self == nil || self.Config.EipStatus != enable) {
		n := 0
		for _, f := range s.st.Functions {
			if f != self && f.Config.EipStatus == enable {
				n++
			}
		}
		if n >= s.fixtures.eipLimit() {
			return "", "", errf("LimitExceeded.Eip", "%d functions already have a fixed EIP; the limit is %d", n, s.fixtures.eipLimit())
		}
	}
	return p.PublicNetStatus, eipStatus, nil
}

func checkPublicNetNeedsVPC(status string, hasVPC bool) *apiError {
	if status == disable && !hasVPC {
		return errf("InvalidParameterValue.PublicNetConfig", "a function without a VPC needs public network access; PublicNetStatus DISABLE requires VpcConfig")
	}
	return nil
}

func checkCfs(list []cfsInsIn, hasVPC bool) ([]cfsMount, *apiError) {
	if len(list) == 0 {
		return nil, nil
	}
	if !hasVPC {
		return nil, errf("InvalidParameterValue.VpcNotSetWhenOpenCfs", "CfsConfig requires the function to be in a VPC")
	}
	out := make([]cfsMount, 0, len(list))
	for i, c := range list {
		fields := []struct{ name, v string }{
			{"UserId", c.UserId}, {"UserGroupId", c.UserGroupId}, {"CfsId", c.CfsId},
			{"MountInsId", c.MountInsId}, {"LocalMountDir", c.LocalMountDir}, {"RemoteMountDir", c.RemoteMountDir},
		}
		for _, f := range fields {
			if f.v == "" {
				return nil, errf("InvalidParameterValue", "CfsConfig.CfsInsList[%d].%s must not be empty", i, f.name)
			}
		}
		out = append(out, cfsMount{c.UserId, c.UserGroupId, c.CfsId, c.MountInsId, c.LocalMountDir, c.RemoteMountDir})
	}
	return out, nil
}

func checkTagKey(key string) *apiError {
	n := utf8.RuneCountInString(key)
	if n < 1 || n > 127 {
		return errf("InvalidParameterValue", "Tags: a tag key must be 1 to 127 characters; got %d", n)
	}
	for _, p := range []string{"qcloud:", "tencent:", "project"} {
		if strings.HasPrefix(key, p) {
			return errf("InvalidParameterValue", "Tags: tag key %q uses the reserved prefix %q", truncate(key, 64), p)
		}
	}
	return nil
}

func checkTags(tags []tagKV) *apiError {
	if len(tags) > maxTags {
		return errf("InvalidParameterValue", "Tags: at most %d tags are allowed; got %d", maxTags, len(tags))
	}
	seen := map[string]bool{}
	for _, t := range tags {
		if aerr := checkTagKey(t.Key); aerr != nil {
			return aerr
		}
		if n := utf8.RuneCountInString(t.Value); n > 255 {
			return errf("InvalidParameterValue", "Tags: the value of tag %q must be at most 255 characters; got %d", truncate(t.Key, 64), n)
		}
		if seen[t.Key] {
			return errf("InvalidParameterValue", "Tags: tag key %q appears more than once", truncate(t.Key, 64))
		}
		seen[t.Key] = true
	}
	return nil
}

// flagCodes are the flags the SDK's errors.go has a code of their own for;
// the other flags answer plain InvalidParameterValue.
var flagCodes = map[string]string{
	"AsyncRunEnable": "InvalidParameterValue.AsyncRunEnable",
	"TraceEnable":    "InvalidParameterValue.TraceEnable",
	"L5Enable":       "InvalidParameterValue.L5Enable",
}

func checkFlag(name string, v *string) *apiError {
	if v != nil && *v != flagTrue && *v != flagFalse {
		return errf(orDefault(flagCodes[name], "InvalidParameterValue"), "%s must be TRUE or FALSE; got %q", name, truncate(*v, 16))
	}
	return nil
}

func checkEnableDisable(name, v string) *apiError {
	if v != enable && v != disable {
		return errf("InvalidParameterValue", "%s must be ENABLE or DISABLE; got %q", name, truncate(v, 16))
	}
	return nil
}

// applyProtocol validates the web-function settings onto cfg (already
// holding the function's Type). The codes are the SDK's: ProtocolType,
// WebSocketsParams (there is no ProtocolParams or WSParams code) and
// IdleTimeOut.
func applyProtocol(cfg *fnConfig, protoType *string, params *protocolParamsIn, conc *instanceConcurrencyIn) *apiError {
	if protoType != nil && *protoType != "" {
		if *protoType != "WS" || cfg.Type != typeHTTP {
			return errf("InvalidParameterValue.ProtocolType", "ProtocolType must be WS and is only valid for HTTP functions")
		}
		cfg.ProtocolType = "WS"
		cfg.WSIdleTimeout = 15
	}
	if params != nil && params.WSParams != nil {
		if cfg.ProtocolType != "WS" {
			return errf("InvalidParameterValue.WebSocketsParams", "ProtocolParams requires ProtocolType WS")
		}
		if t := params.WSParams.IdleTimeOut; t != nil {
			if *t < 1 || *t > 1800 {
				return errf("InvalidParameterValue.IdleTimeOut", "ProtocolParams.WSParams.IdleTimeOut must be between 1 and 1800; got %d", *t)
			}
			cfg.WSIdleTimeout = *t
		}
	}
	return applyConcurrency(cfg, conc)
}

const (
	concurrencySession = "Session-Based"
	concurrencyRequest = "Request-Based"
	codeConcurrency    = "InvalidParameterValue.InstanceConcurrencyConfig"
	maxConcurrencyCap  = 100
	// Session limits as a public client of the API documents them (the SDK
	// gives none): sessions per instance 1 to 100, lifetime 1 to 604800 s,
	// idle time at most the lifetime. Unverified against the service.
	maxSessionsPerInstance = 100
	maxSessionTTL          = 604800
)

var sessionNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{4,39}$`)

// applyConcurrency sets InstanceConcurrencyConfig. The object replaces the
// stored setting as a whole: fields left out take their defaults
// (DynamicEnabled and InstanceIsolationEnabled FALSE, MaxConcurrency 1), they
// are not merged with the previous values. DynamicEnabled "" is the SDK's
// documented "remove the multi-concurrency setting": the other fields are then
// ignored and GetFunction returns InstanceConcurrencyConfig null; on create it
// simply means no setting.
//
// Codes: the SDK's errors.go has DynamicEnabled, MaxConcurrency, NodeSpec and
// FailedOperation.SessionName; every other broken rule answers
// InvalidParameterValue.InstanceConcurrencyConfig.
func applyConcurrency(cfg *fnConfig, conc *instanceConcurrencyIn) *apiError {
	if conc == nil {
		return nil
	}
	if conc.DynamicEnabled != nil && *conc.DynamicEnabled == "" {
		cfg.Concurrency = nil
		return nil
	}
	if cfg.Type != typeHTTP {
		return errf(codeConcurrency, "InstanceConcurrencyConfig is only valid for HTTP functions")
	}
	c := concurrencyConfig{
		DynamicEnabled: derefOr(conc.DynamicEnabled, flagFalse), InstanceIsolationEnabled: orDefault(conc.InstanceIsolationEnabled, flagFalse),
		Type: conc.Type, MaxConcurrency: 1,
	}
	for _, f := range []struct{ name, code, v string }{
		{"DynamicEnabled", "InvalidParameterValue.DynamicEnabled", c.DynamicEnabled},
		{"InstanceIsolationEnabled", codeConcurrency, c.InstanceIsolationEnabled},
	} {
		if f.v != flagTrue && f.v != flagFalse {
			return errf(f.code, "InstanceConcurrencyConfig.%s must be TRUE or FALSE; got %q", f.name, truncate(f.v, 16))
		}
	}
	if c.Type != "" && c.Type != concurrencySession && c.Type != concurrencyRequest {
		return errf(codeConcurrency, "InstanceConcurrencyConfig.Type must be Session-Based or Request-Based; got %q", truncate(c.Type, 32))
	}
	if conc.MaxConcurrency != nil {
		if *conc.MaxConcurrency < 1 || *conc.MaxConcurrency > maxConcurrencyCap {
			return errf("InvalidParameterValue.MaxConcurrency", "InstanceConcurrencyConfig.MaxConcurrency must be between 1 and 100; got %d", *conc.MaxConcurrency)
		}
		c.MaxConcurrency = *conc.MaxConcurrency
	}
	seen := map[string]bool{}
	for i, n := range conc.MixNodeConfig {
		switch {
		case n.NodeSpec == "":
			return errf("InvalidParameterValue.NodeSpec", "InstanceConcurrencyConfig.MixNodeConfig[%d].NodeSpec must not be empty", i)
		case seen[n.NodeSpec]:
			return errf("InvalidParameterValue.NodeSpec", "InstanceConcurrencyConfig.MixNodeConfig: NodeSpec %q appears more than once", truncate(n.NodeSpec, 64))
		case n.Num == nil || *n.Num < 1 || *n.Num > maxConcurrencyCap:
			return errf(codeConcurrency, "InstanceConcurrencyConfig.MixNodeConfig[%d].Num must be between 1 and 100", i)
		}
		seen[n.NodeSpec] = true
		c.MixNodeConfig = append(c.MixNodeConfig, mixNode{NodeSpec: n.NodeSpec, Num: *n.Num})
	}
	if sc := conc.SessionConfig; sc != nil {
		if c.Type != concurrencySession {
			return errf(codeConcurrency, "InstanceConcurrencyConfig.SessionConfig requires Type Session-Based")
		}
		rec, aerr := checkSession(sc, c.InstanceIsolationEnabled == flagTrue)
		if aerr != nil {
			return aerr
		}
		c.SessionConfig = rec
	}
	cfg.Concurrency = &c
	return nil
}

func checkSession(sc *sessionConfigIn, isolated bool) (*sessionConfig, *apiError) {
	const p = "InstanceConcurrencyConfig.SessionConfig."
	switch sc.SessionSource {
	case "", "HEADER", "COOKIE", "QUERY_STRING":
	default:
		return nil, errf(codeConcurrency, p+"SessionSource must be HEADER, COOKIE or QUERY_STRING; got %q", truncate(sc.SessionSource, 32))
	}
	if sc.SessionName != "" && !sessionNameRE.MatchString(sc.SessionName) {
		return nil, errf("FailedOperation.SessionName",
			p+"SessionName must be 5 to 40 characters, start with a letter and contain only letters, digits, '_' and '-'; got %q", truncate(sc.SessionName, 64))
	}
	switch sc.IdleTimeoutStrategy {
	case "":
	case "FATAL", "PAUSE":
		if !isolated {
			return nil, errf(codeConcurrency, p+"IdleTimeoutStrategy requires InstanceIsolationEnabled TRUE")
		}
	default:
		return nil, errf(codeConcurrency, p+"IdleTimeoutStrategy must be FATAL or PAUSE; got %q", truncate(sc.IdleTimeoutStrategy, 16))
	}
	rec := &sessionConfig{SessionSource: sc.SessionSource, SessionName: sc.SessionName, SessionPath: sc.SessionPath, IdleTimeoutStrategy: sc.IdleTimeoutStrategy}
	for _, n := range []struct {
		name     string
		v        *int64
		min, max int64
		dst      *int64
	}{
		{"MaximumConcurrencySessionPerInstance", sc.MaximumConcurrencySessionPerInstance, 1, maxSessionsPerInstance, &rec.MaximumConcurrencySessionPerInstance},
		{"MaximumTTLInSeconds", sc.MaximumTTLInSeconds, 1, maxSessionTTL, &rec.MaximumTTLInSeconds},
		{"MaximumIdleTimeInSeconds", sc.MaximumIdleTimeInSeconds, 1, maxSessionTTL, &rec.MaximumIdleTimeInSeconds},
	} {
		if n.v == nil {
			continue
		}
		if *n.v < n.min || *n.v > n.max {
			return nil, errf(codeConcurrency, p+"%s must be between %d and %d; got %d", n.name, n.min, n.max, *n.v)
		}
		*n.dst = *n.v
	}
	if rec.MaximumTTLInSeconds > 0 && rec.MaximumIdleTimeInSeconds > rec.MaximumTTLInSeconds {
		return nil, errf(codeConcurrency, p+"MaximumIdleTimeInSeconds (%d) must not exceed MaximumTTLInSeconds (%d)",
			rec.MaximumIdleTimeInSeconds, rec.MaximumTTLInSeconds)
	}
	return rec, nil
}

// applyScalars checks and sets the scalar settings CreateFunction and
// UpdateFunctionConfiguration share; absent values leave cfg as it is.
func applyScalars(cfg *fnConfig, description *string, memory, timeout, initTimeout *int64) *apiError {
	if description != nil {
		if aerr := validateDescription(*description); aerr != nil {
			return aerr
		}
		cfg.Description = *description
	}
	for _, step := range []struct {
		v     *int64
		check func(int64) *apiError
		dst   *int64
	}{
		{memory, validateMemory, &cfg.MemorySize},
		{timeout, validateTimeout, &cfg.Timeout},
		{initTimeout, validateInitTimeout, &cfg.InitTimeout},
	} {
		if step.v != nil {
			if aerr := step.check(*step.v); aerr != nil {
				return aerr
			}
			*step.dst = *step.v
		}
	}
	return nil
}
