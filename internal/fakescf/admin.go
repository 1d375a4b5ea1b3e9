package fakescf

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"time"
)

// The admin endpoints steer a running scf-fake from scripts. They have no
// authentication: the command is a loopback test tool.
const adminPrefix = "/_fake/"

type adminFaultRequest struct {
	Action  string    `json:"action"`
	Kind    FaultKind `json:"kind"`
	Code    string    `json:"code"`
	Message string    `json:"message"`
	Count   int       `json:"count"`
}

type adminFailNextRequest struct {
	Action   string         `json:"action"`
	Function string         `json:"function"`
	Reasons  []StatusReason `json:"reasons"`
}

// Durations are Go duration strings ("1.5s"); omitted ones stay unchanged.
type adminDelaysRequest struct {
	Create *string `json:"create"`
	Update *string `json:"update"`
	Delete *string `json:"delete"`
}

type adminRateLimitRequest struct {
	Action    string  `json:"action"`
	PerSecond float64 `json:"per_second"`
}

type adminResult struct {
	OK    bool   `json:"ok"`
	Error string `json:"error,omitempty"`
}

func writeAdminJSON(w http.ResponseWriter, status int, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		data = []byte(`{"ok":false,"error":"encoding failed"}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(data) // nothing to do if the client went away
}

func adminError(w http.ResponseWriter, status int, format string, args ...any) {
	writeAdminJSON(w, status, adminResult{Error: fmt.Sprintf(format, args...)})
}

func decodeAdmin(r *http.Request, v any) error {
	data, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		return fmt.Errorf("reading body: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("decoding body: %w", err)
	}
	return nil
}

func (s *Server) serveAdmin(w http.ResponseWriter, r *http.Request) {
	path := r.URL.Path[len(adminPrefix):]
	if path == "stats" {
		if r.Method != http.MethodGet {
			adminError(w, http.StatusMethodNotAllowed, "use GET")
			return
		}
		writeAdminJSON(w, http.StatusOK, s.Stats())
		return
	}
	handlers := map[string]func(*http.Request) error{
		"faults":     s.adminFaults,
		"fail-next":  s.adminFailNext,
		"delays":     s.adminDelays,
		"rate-limit": s.adminRateLimit,
	}
	h, ok := handlers[path]
	if !ok {
		adminError(w, http.StatusNotFound, "unknown admin endpoint %q", path)
		return
	}
	if r.Method != http.MethodPost {
		adminError(w, http.StatusMethodNotAllowed, "use POST")
		return
	}
	if err := h(r); err != nil {
		adminError(w, http.StatusBadRequest, "%v", err)
		return
	}
	writeAdminJSON(w, http.StatusOK, adminResult{OK: true})
}

func (s *Server) adminFaults(r *http.Request) error {
	var req adminFaultRequest
	if err := decodeAdmin(r, &req); err != nil {
		return err
	}
	switch {
	case req.Action == "":
		return fmt.Errorf("action is required")
	case req.Count <= 0:
		return fmt.Errorf("count must be positive")
	case req.Kind != "" && req.Code != "":
		return fmt.Errorf("give either kind or code, not both")
	case req.Kind != "":
		if !validFaultKind(req.Kind) {
			return fmt.Errorf("unknown fault kind %q", req.Kind)
		}
		s.InjectFault(req.Action, req.Kind, req.Count)
	case req.Code != "":
		s.InjectError(req.Action, req.Code, req.Message, req.Count)
	default:
		return fmt.Errorf("kind or code is required")
	}
	return nil
}

func (s *Server) adminFailNext(r *http.Request) error {
	var req adminFailNextRequest
	if err := decodeAdmin(r, &req); err != nil {
		return err
	}
	if req.Action == "" || req.Function == "" {
		return fmt.Errorf("action and function are required")
	}
	s.FailNext(req.Action, req.Function, req.Reasons...)
	return nil
}

func (s *Server) adminDelays(r *http.Request) error {
	var req adminDelaysRequest
	if err := decodeAdmin(r, &req); err != nil {
		return err
	}
	s.mu.Lock()
	create, update, del := s.createDelay, s.updateDelay, s.deleteDelay
	s.mu.Unlock()
	for _, d := range []struct {
		name string
		v    *string
		dst  *time.Duration
	}{{"create", req.Create, &create}, {"update", req.Update, &update}, {"delete", req.Delete, &del}} {
		if d.v == nil {
			continue
		}
		v, err := time.ParseDuration(*d.v)
		if err != nil || v < 0 {
			return fmt.Errorf("%s must be a non-negative duration such as 2s", d.name)
		}
		*d.dst = v
	}
	s.SetDelays(create, update, del)
	return nil
}

func (s *Server) adminRateLimit(r *http.Request) error {
	var req adminRateLimitRequest
	if err := decodeAdmin(r, &req); err != nil {
		return err
	}
	if req.Action == "" {
		return fmt.Errorf("action is required")
	}
	s.SetRateLimit(req.Action, req.PerSecond)
	return nil
}
