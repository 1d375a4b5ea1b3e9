package fakescf

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Invoke and InvokeFunction (SDK models InvokeRequest, InvokeFunctionRequest,
// Result). Invoke takes the event as ClientContext and an InvocationType;
// InvokeFunction is the synchronous form, with the event as Event and
// $DEFAULT as its default qualifier.
//
// What the fake answers:
//   - Without Options.Exec, or for a runtime it cannot run here (image
//     functions, Java, PHP, a missing interpreter), a synchronous call
//     answers InvokeResult 0, RetMsg "null", Duration, BillDuration and
//     MemUsage 0, and a Log saying that the code was not run and why.
//   - With Options.Exec, the handler runs (exec.go). Its JSON-encoded return
//     value is RetMsg. A function error or timeout is not an API error: the
//     call succeeds with InvokeResult -1 and ErrMsg a JSON object
//     {"errorCode":-1,"errorMessage":…,"errorType":…,"stackTrace":…,
//     "requestId":…,"statusCode":430} (433 for a timeout).
//   - Event invocations answer at once with only FunctionRequestId; with
//     Exec the code runs in the background and its outcome is logged.
const (
	syncEventLimit     = 6 << 20
	asyncEventLimit    = 128 << 10
	logTailLimit       = 4 << 10
	statusUserError    = 430
	statusTimeout      = 433
	invokeResultFailed = -1
)

type invokeRequest struct {
	FunctionName   string
	InvocationType string
	Qualifier      string
	ClientContext  string
	LogType        string
	Namespace      string
	RoutingKey     string
}

type invokeFunctionRequest struct {
	FunctionName string
	Qualifier    string
	Event        string
	LogType      string
	Namespace    string
	RoutingKey   string
}

// invokeResultOut is the SDK's Result. The fields other than
// FunctionRequestId are null for asynchronous invocations.
type invokeResultOut struct {
	FunctionRequestId string
	RetMsg            *string
	ErrMsg            *string
	Log               *string
	Duration          *float64
	BillDuration      *int64
	MemUsage          *int64
	InvokeResult      *int64
}

type invokeResponse struct {
	Result invokeResultOut
	requestIDField
}

type invocation struct {
	name, namespace, qualifier string
	event                      string
	async, tail                bool
	region                     string
}

func (s *Server) invoke(c *call) (response, *apiError) {
	var req invokeRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	async := false
	switch req.InvocationType {
	case "", "RequestResponse":
	case "Event":
		async = true
	default:
		return nil, errf("InvalidParameterValue.Param", "InvocationType must be RequestResponse or Event; got %q", truncate(req.InvocationType, 32))
	}
	return s.invokeCommon(c, &invocation{
		name: req.FunctionName, namespace: req.Namespace, qualifier: orDefault(req.Qualifier, latestQualifier),
		event: req.ClientContext, async: async, region: c.region,
	}, req.LogType, "ClientContext")
}

func (s *Server) invokeFunction(c *call) (response, *apiError) {
	var req invokeFunctionRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	return s.invokeCommon(c, &invocation{
		name: req.FunctionName, namespace: req.Namespace, qualifier: orDefault(req.Qualifier, defaultQualifier),
		event: req.Event, region: c.region,
	}, req.LogType, "Event")
}

func (s *Server) invokeCommon(c *call, inv *invocation, logType, eventParam string) (response, *apiError) {
	switch logType {
	case "", "None":
	case "Tail":
		inv.tail = !inv.async
	default:
		return nil, errf("InvalidParameterValue.Param", "LogType must be None or Tail; got %q", truncate(logType, 32))
	}
	limit := syncEventLimit
	if inv.async {
		limit = asyncEventLimit
	}
	if len(inv.event) > limit {
		return nil, errf("InvalidParameterValue.Param", "%s is %d bytes; the limit is %d for this invocation type", eventParam, len(inv.event), limit)
	}
	if strings.TrimSpace(inv.event) == "" {
		inv.event = "{}"
	}
	if !json.Valid([]byte(inv.event)) {
		return nil, errf("InvalidParameterValue.Param", "%s must be JSON", eventParam)
	}
	spec, aerr := s.prepareInvocation(c, inv)
	if aerr != nil {
		return nil, aerr
	}
	spec.context.RequestID = newRequestID()
	if inv.async {
		if s.notRunReason(spec) == "" {
			s.running.Go(func() { s.runInBackground(spec, c.function) })
		}
		return &invokeResponse{Result: invokeResultOut{FunctionRequestId: spec.context.RequestID}}, nil
	}
	return &invokeResponse{Result: s.runSync(c, spec, inv.tail)}, nil
}

// prepareInvocation resolves the qualifier and copies out what the run needs.
func (s *Server) prepareInvocation(c *call, inv *invocation) (*execSpec, *apiError) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f, aerr := s.lookupLocked(c, inv.name, inv.namespace, "InvalidParameter.FunctionName")
	if aerr != nil {
		return nil, aerr
	}
	if f.Status != statusActive {
		return nil, errf("FailedOperation.FunctionStatusError", "function %s is %s; only an Active function can be invoked", f.Name, f.Status)
	}
	version, aerr := resolveQualifier(f, inv.qualifier)
	if aerr != nil {
		return nil, aerr
	}
	target := f
	if version != nil {
		if version.Status != statusActive {
			return nil, errf("FailedOperation.FunctionStatusError", "version %d of function %s is %s", version.Version, f.Name, version.Status)
		}
		target = f.snapshot(version)
	}
	cfg := target.Config
	spec := &execSpec{
		runtime: cfg.Runtime, handler: cfg.Handler, env: cfg.clone().Env,
		timeout: time.Duration(max(cfg.Timeout, 1)) * time.Second,
		code:    target.Code.Zip, event: []byte(inv.event),
		context: invocationContext{
			FunctionName: f.Name, Namespace: f.Namespace, FunctionVersion: latestQualifier,
			MemoryLimitInMB: cfg.MemorySize, TimeLimitInMS: max(cfg.Timeout, 1) * 1000, TencentcloudRegion: inv.region,
		},
	}
	if version != nil {
		spec.context.FunctionVersion = strconv.FormatInt(version.Version, 10)
	}
	spec.image = target.Code.Image != nil
	for _, l := range cfg.Layers {
		if lr := s.st.Layers[l.Name]; lr != nil {
			if lv := lr.version(l.Version); lv != nil && lv.Code.Zip != nil {
				spec.layers = append(spec.layers, lv.Code.Zip)
			}
		}
	}
	return spec, nil
}

// resolveQualifier follows an alias to its primary version (the fake does
// not route by weight or RoutingKey); nil means $LATEST.
func resolveQualifier(f *functionRecord, q string) (*fnVersionRecord, *apiError) {
	if q == defaultQualifier && f.alias(q) == nil {
		return nil, nil
	}
	if a := f.alias(q); a != nil {
		q = a.FunctionVersion
	}
	if q == latestQualifier {
		return nil, nil
	}
	if n := parseVersion(q); n > 0 {
		if fv := f.version(n); fv != nil {
			return fv, nil
		}
	}
	return nil, errf("ResourceNotFound.Qualifier", "function %s has no version or alias %q", f.Name, truncate(q, 64))
}

// runSync runs the code when it can and shapes the Result.
func (s *Server) runSync(c *call, spec *execSpec, tail bool) invokeResultOut {
	res := invokeResultOut{FunctionRequestId: spec.context.RequestID}
	reason := s.notRunReason(spec)
	var out execOutcome
	if reason == "" {
		ctx, cancel := context.WithTimeout(context.Background(), spec.timeout+5*time.Second)
		defer cancel()
		out = s.runner.run(ctx, spec)
		reason = out.notRunReason
	}
	if reason != "" {
		fillNumbers(&res, 0, 0, 0)
		res.RetMsg, res.ErrMsg = ptr("null"), ptr("")
		res.Log = ptr(fmt.Sprintf("scf-fake: the code was not run: %s. RetMsg is null by convention.\n", reason))
		if !tail {
			res.Log = ptr("")
		}
		return res
	}
	log := startEndLog(spec.context.RequestID, out)
	if out.refusedToUnpackErr != nil {
		out.errType, out.errMsg = "PackageRefused", out.refusedToUnpackErr.Error()
	}
	fillNumbers(&res, out.duration, out.maxRSSBytes, 0)
	if out.ok {
		res.RetMsg, res.ErrMsg = ptr(string(out.value)), ptr("")
	} else {
		status := statusUserError
		if out.timedOut {
			status = statusTimeout
		}
		errJSON, _ := json.Marshal(map[string]any{
			"errorCode": invokeResultFailed, "errorMessage": out.errMsg, "errorType": out.errType,
			"stackTrace": out.stack, "requestId": spec.context.RequestID, "statusCode": status,
		})
		res.RetMsg, res.ErrMsg = ptr(""), ptr(string(errJSON))
		res.InvokeResult = ptr(int64(invokeResultFailed))
	}
	res.Log = ptr("")
	if tail {
		res.Log = ptr(tailOf(log, logTailLimit))
	}
	s.logInvocation(c.function, spec.context.RequestID, out)
	return res
}

func (s *Server) notRunReason(spec *execSpec) string {
	switch {
	case s.runner == nil:
		return "scf-fake runs without -exec"
	case spec.image:
		return "scf-fake does not run image functions"
	case spec.code == nil:
		return "the fake does not hold this code: it was not uploaded as a zip file, or was loaded from a state file, which keeps no code"
	}
	return s.runner.cannotRun(spec.runtime)
}

func (s *Server) runInBackground(spec *execSpec, function string) {
	ctx, cancel := context.WithTimeout(context.Background(), spec.timeout+5*time.Second)
	defer cancel()
	s.logInvocation(function, spec.context.RequestID, s.runner.run(ctx, spec))
}

func (s *Server) logInvocation(function, requestID string, out execOutcome) {
	if s.log == nil {
		return
	}
	outcome := "ok"
	switch {
	case out.notRunReason != "":
		outcome = "not run"
	case out.refusedToUnpackErr != nil:
		outcome = "package refused"
	case out.timedOut:
		outcome = "timeout"
	case !out.ok:
		outcome = "function error"
	}
	s.logMu.Lock()
	defer s.logMu.Unlock()
	_, _ = fmt.Fprintf(s.log, "%s invocation function=%s functionRequestId=%s outcome=%q duration=%s\n",
		time.Now().UTC().Format(time.RFC3339), function, requestID, outcome, out.duration.Round(time.Millisecond))
}

func fillNumbers(res *invokeResultOut, d time.Duration, mem int64, result int64) {
	ms := float64(d.Microseconds()) / 1000
	res.Duration = &ms
	bill := int64(math.Ceil(ms))
	res.BillDuration = &bill
	res.MemUsage = &mem
	res.InvokeResult = &result
}

// startEndLog frames the function's output the way SCF's log does.
func startEndLog(requestID string, out execOutcome) string {
	var b bytes.Buffer
	fmt.Fprintf(&b, "START RequestId: %s\n", requestID)
	b.Write(out.log)
	if len(out.log) > 0 && out.log[len(out.log)-1] != '\n' {
		b.WriteByte('\n')
	}
	if out.refusedToUnpackErr != nil {
		fmt.Fprintf(&b, "scf-fake: %v\n", out.refusedToUnpackErr)
	}
	if out.timedOut {
		fmt.Fprintf(&b, "scf-fake: %s\n", out.errMsg)
	}
	fmt.Fprintf(&b, "END RequestId: %s\n", requestID)
	fmt.Fprintf(&b, "Report RequestId: %s Duration:%.3fms MaxMemoryUsed:%.2fMB\n",
		requestID, float64(out.duration.Microseconds())/1000, float64(out.maxRSSBytes)/(1<<20))
	return b.String()
}

func tailOf(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[len(s)-n:]
}

func ptr[T any](v T) *T { return &v }
