package fakescf

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// Placeholder credentials accepted when Options.Credentials is empty. They
// follow the shape of real keys but grant nothing anywhere else.
const (
	DefaultSecretID  = "AKIDfakeSCFexample0000000000000000"
	DefaultSecretKey = "fakeSCFsecretKeyExample000000000"
)

const (
	scfVersion        = "2018-04-16"
	tagVersion        = "2018-08-13"
	defaultMaxBody    = 10 << 20
	maxGetQuery       = 32 << 10 // the TC3 limit of a GET request
	defaultSkew       = 5 * time.Minute
	defaultSlowDelay  = 2 * time.Second
	drainLimit        = 64 << 20
	maxJSONDepth      = 32
	defaultNamespace  = "default"
	latestQualifier   = "$LATEST"
	codeOK            = "OK"
	codeInternalError = "InternalError"
)

// Credential is a key pair the fake accepts. A non-empty Token must be sent
// as X-TC-Token; a non-zero ExpiresAt (compared with the wall clock) makes the
// credential stop working afterwards. DeniedActions answer
// UnauthorizedOperation.CAM, as a CAM policy without that action would.
type Credential struct {
	SecretID      string
	SecretKey     string
	Token         string
	ExpiresAt     time.Time
	DeniedActions []string
}

// Options configures a Server. The zero value is usable.
type Options struct {
	// Credentials lists the accepted keys; empty means one Credential with
	// DefaultSecretID and DefaultSecretKey.
	Credentials []Credential
	// Fixtures describes the surrounding account; nil means DefaultFixtures().
	Fixtures *Fixtures
	// CreateDelay is the time a new function spends in Creating. Zero makes
	// it Active on the first read after the create.
	CreateDelay time.Duration
	// UpdateDelay is the time spent in Updating after either update action.
	UpdateDelay time.Duration
	// DeleteDelay is the time spent in Deleting before the function is gone.
	DeleteDelay time.Duration
	// RateLimits maps an action to requests per second, merged over
	// DefaultRateLimits(). A value <= 0 removes the limit for that action.
	RateLimits map[string]float64
	// Faults configures probabilistic fault injection.
	Faults FaultConfig
	// StatePath, when set, persists namespaces and functions to this JSON file.
	StatePath string
	// Log receives one line per API request; nil disables logging.
	Log io.Writer
	// Clock drives function lifecycles and AddTime/ModTime; nil means
	// time.Now. Signature expiry, credential expiry and rate limiting use
	// the wall clock instead, because clients sign with their real time
	// and a test advancing this clock must not invalidate its own requests.
	Clock func() time.Time
	// MaxBodyBytes caps the request body; default 10 MiB, the TC3 POST limit.
	MaxBodyBytes int64
	// SignatureSkew is the accepted |now - X-TC-Timestamp|; default 5 minutes.
	SignatureSkew time.Duration
	// Exec makes Invoke run the deployed code of the runtimes whose
	// interpreter is on PATH (exec.go); without it Invoke answers a fixed
	// result saying the code was not run (invoke.go).
	Exec bool
}

// Server is the fake API. It is an http.Handler and safe for concurrent use.
type Server struct {
	fixtures  *Fixtures
	creds     map[string]Credential
	clock     func() time.Time
	maxBody   int64
	skew      time.Duration
	statePath string
	runner    *codeRunner    // nil without Options.Exec
	running   sync.WaitGroup // Event invocations still running (invoke.go)

	logMu sync.Mutex
	log   io.Writer

	mu sync.Mutex
	st *store
	// delays, limiters, faults and stats live under mu with the store, so
	// that a request sees one consistent configuration.
	createDelay, updateDelay, deleteDelay time.Duration
	failNext                              map[string][]StatusReason
	limiters                              map[string]*limiterEntry
	faults                                faultState
	stats                                 Stats
	persistErr                            error
	closed                                bool
}

type apiError struct {
	Code    string
	Message string
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func errf(code, format string, args ...any) *apiError {
	return &apiError{Code: code, Message: fmt.Sprintf(format, args...)}
}

// call carries one API request through the pipeline.
type call struct {
	action    *actionSpec
	requestID string
	body      []byte
	form      url.Values // the parameters of a GET request, nil for POST
	region    string
	function  string // "namespace/name" for the log line, once known
	// versionNotFound is a pending fault only GetFunction can act on.
	versionNotFound bool
}

// New builds a Server, loading StatePath when that file exists.
func New(opts Options) (*Server, error) {
	s := &Server{
		clock:       opts.Clock,
		maxBody:     opts.MaxBodyBytes,
		skew:        opts.SignatureSkew,
		statePath:   opts.StatePath,
		log:         opts.Log,
		createDelay: max(opts.CreateDelay, 0),
		updateDelay: max(opts.UpdateDelay, 0),
		deleteDelay: max(opts.DeleteDelay, 0),
		failNext:    map[string][]StatusReason{},
		stats:       newStats(),
	}
	if opts.Exec {
		s.runner = newCodeRunner()
	}
	if s.clock == nil {
		s.clock = time.Now
	}
	if s.maxBody <= 0 {
		s.maxBody = defaultMaxBody
	}
	if s.skew <= 0 {
		s.skew = defaultSkew
	}
	if opts.Fixtures == nil {
		s.fixtures = DefaultFixtures()
	} else {
		if err := opts.Fixtures.validate(); err != nil {
			return nil, fmt.Errorf("fakescf: invalid fixtures: %w", err)
		}
		s.fixtures = opts.Fixtures.clone()
	}
	creds := opts.Credentials
	if len(creds) == 0 {
		creds = []Credential{{SecretID: DefaultSecretID, SecretKey: DefaultSecretKey}}
	}
	s.creds = make(map[string]Credential, len(creds))
	for _, c := range creds {
		if c.SecretID == "" || c.SecretKey == "" {
			return nil, errors.New("fakescf: every credential needs a SecretID and a SecretKey")
		}
		if _, dup := s.creds[c.SecretID]; !dup {
			s.creds[c.SecretID] = c
		}
	}
	if err := s.initFaults(opts.Faults); err != nil {
		return nil, err
	}
	s.initLimiters(opts.RateLimits)
	st, err := loadStore(opts.StatePath)
	if err != nil {
		return nil, err
	}
	s.st = st
	s.seedNamespaces()
	s.seedLayers()
	return s, nil
}

// Close writes the state file a last time. The server keeps answering
// requests afterwards but no longer persists them.
func (s *Server) Close() error {
	s.running.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.settleLocked()
	err := s.persistLocked()
	s.closed = true
	if err != nil {
		return err
	}
	return s.persistErr
}

// StartLocal serves a new Server on 127.0.0.1 with a random port. stop shuts
// the listener down and closes the Server; it is safe to call more than once.
func StartLocal(opts Options) (srv *Server, baseURL string, stop func(), err error) {
	srv, err = New(opts)
	if err != nil {
		return nil, "", nil, err
	}
	ln, err := (&net.ListenConfig{}).Listen(context.Background(), "tcp", "127.0.0.1:0")
	if err != nil {
		return nil, "", nil, fmt.Errorf("fakescf: listening: %w", err)
	}
	hs := &http.Server{Handler: srv, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = hs.Serve(ln) // always ErrServerClosed after Close
	}()
	var once sync.Once
	stop = func() {
		once.Do(func() {
			// Close rather than Shutdown: a test's stop must not wait for a
			// slow-fault request that its own client already abandoned.
			_ = hs.Close()
			<-done
			_ = srv.Close()
		})
	}
	return srv, "http://" + ln.Addr().String(), stop, nil
}

func (s *Server) now() time.Time { return s.clock() }

// ServeHTTP answers API requests and, under /_fake/, the admin endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, adminPrefix) {
		s.serveAdmin(w, r)
		return
	}
	start := time.Now()
	c := &call{requestID: newRequestID(), action: actionsByName[r.Header.Get("X-TC-Action")]}
	if c.action != nil {
		s.countRequest(c.action.name)
	}
	answered := false
	defer func() {
		v := recover()
		if v == nil {
			return
		}
		if err, ok := v.(error); ok && errors.Is(err, http.ErrAbortHandler) {
			panic(v)
		}
		if !answered {
			s.answer(w, c, nil, errf(codeInternalError, "the fake server failed while handling this request"), start)
		}
	}()
	resp, aerr, fault := s.process(r, c)
	switch fault {
	case FaultDropBefore, FaultDropAfter:
		answered = true
		s.logLine(c, "DROPPED", start)
		dropConnection(w)
		return
	case FaultSlow:
		t := time.NewTimer(s.slowDelay())
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			answered = true
			s.logLine(c, "CANCELLED", start)
			return
		}
	}
	answered = true
	s.answer(w, c, resp, aerr, start)
}

// process runs the pipeline; the returned fault tells ServeHTTP whether to
// drop or delay the answer.
func (s *Server) process(r *http.Request, c *call) (response, *apiError, FaultKind) {
	body, aerr := s.readRequest(r, c)
	if aerr != nil {
		return nil, aerr, ""
	}
	cred, aerr := s.authenticate(r, body, c.action)
	if aerr != nil {
		return nil, aerr, ""
	}
	if c.action == nil {
		name := r.Header.Get("X-TC-Action")
		if name == "" {
			return nil, errf("InvalidAction", "the X-TC-Action header is missing"), ""
		}
		return nil, errf("InvalidAction", "action %q is not supported by this service", truncate(name, 64)), ""
	}
	a := c.action
	if v := r.Header.Get("X-TC-Version"); v != a.version {
		return nil, errf("NoSuchVersion", "action %s requires X-TC-Version %s; got %q", a.name, a.version, truncate(v, 32)), ""
	}
	for _, d := range cred.DeniedActions {
		if d == a.name {
			return nil, errf("UnauthorizedOperation.CAM", "the credential is not allowed to call %s", a.name), ""
		}
	}
	c.region = r.Header.Get("X-TC-Region")
	if c.region == "" && a.regionRequired {
		return nil, errf("MissingParameter", "the Region parameter (X-TC-Region header) is required for %s", a.name), ""
	}
	if c.region != "" && !s.fixtures.hasRegion(c.region) {
		return nil, errf("UnauthorizedOperation.Region", "region %q is not available for this account", truncate(c.region, 32)), ""
	}
	if aerr := s.checkRateLimit(a.name); aerr != nil {
		return nil, aerr, ""
	}
	fault, aerr := s.pickFault(a.name)
	if aerr != nil {
		return nil, aerr, ""
	}
	if fault == FaultDropBefore {
		return nil, nil, fault
	}
	c.versionNotFound = fault == FaultVersionNotFound
	resp, aerr := a.handle(s, c)
	if fault == FaultVersionNotFound {
		fault = ""
	}
	return resp, aerr, fault
}

// readRequest accepts the two TC3 forms the SDKs send: POST with the
// parameters as a JSON body, and GET with them flattened into the query
// string ("Code.ZipFile=…", "Filters.0.Values.0=…"), Content-Type
// application/x-www-form-urlencoded and no body. It returns the bytes the
// payload hash covers.
func (s *Server) readRequest(r *http.Request, c *call) ([]byte, *apiError) {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch r.Method {
	case http.MethodPost:
		if err != nil || mt != "application/json" {
			return nil, errf("UnsupportedProtocol", "Content-Type must be application/json for POST")
		}
		body, aerr := s.readBody(r)
		c.body = body
		return body, aerr
	case http.MethodGet:
		if err != nil || mt != "application/x-www-form-urlencoded" {
			return nil, errf("UnsupportedProtocol", "Content-Type must be application/x-www-form-urlencoded for GET")
		}
		if len(r.URL.RawQuery) > maxGetQuery {
			return nil, errf("RequestSizeLimitExceeded", "the query string of a GET request exceeds %d bytes", maxGetQuery)
		}
		body, aerr := s.readBody(r)
		if aerr != nil {
			return nil, aerr
		}
		if len(body) > 0 {
			return nil, errf("UnsupportedProtocol", "a GET request carries its parameters in the query string, not in a body")
		}
		form, err := url.ParseQuery(r.URL.RawQuery)
		if err != nil {
			return nil, errf("InvalidParameter.Payload", "the query string is not valid URL encoding")
		}
		c.form = form
		return body, nil
	}
	return nil, errf("UnsupportedProtocol", "only POST with a JSON body or GET with a query string is supported; got %s", truncate(r.Method, 16))
}

func (s *Server) readBody(r *http.Request) ([]byte, *apiError) {
	tooLarge := errf("RequestSizeLimitExceeded", "the request body exceeds %d bytes", s.maxBody)
	if r.ContentLength > s.maxBody {
		drain(r.Body)
		return nil, tooLarge
	}
	data, err := io.ReadAll(io.LimitReader(r.Body, s.maxBody+1))
	if err != nil {
		return nil, errf("InvalidParameter.Payload", "the request body could not be read")
	}
	if int64(len(data)) > s.maxBody {
		drain(r.Body)
		return nil, tooLarge
	}
	return data, nil
}

// drain reads a bounded amount of an oversized body so that the client,
// still writing, reliably receives the error instead of a reset.
func drain(body io.Reader) {
	_, _ = io.Copy(io.Discard, io.LimitReader(body, drainLimit))
}

func (s *Server) answer(w http.ResponseWriter, c *call, resp response, aerr *apiError, start time.Time) {
	code := codeOK
	var env envelope
	if aerr != nil {
		code = aerr.Code
		e := &errorResponse{Error: errorBody{Code: aerr.Code, Message: aerr.Message}}
		e.setRequestID(c.requestID)
		env.Response = e
	} else {
		if resp == nil {
			resp = &emptyResponse{}
		}
		resp.setRequestID(c.requestID)
		env.Response = resp
	}
	data, err := json.Marshal(env)
	if err != nil {
		code = codeInternalError
		data = fmt.Appendf(nil, `{"Response":{"Error":{"Code":"InternalError","Message":"response encoding failed"},"RequestId":%q}}`, c.requestID)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data) // the client is gone if this fails; nothing to do
	if c.action != nil {
		s.countResponse(c.action.name, code)
	}
	s.logLine(c, code, start)
}

// newRequestID returns a random (version 4) UUID.
func newRequestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails on supported platforms
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close() // the point is to close it; an error changes nothing
			return
		}
	}
	// HTTP/2 and recorders cannot hijack; aborting the handler resets the stream.
	panic(http.ErrAbortHandler)
}
