package fakescf

// Triggers, per the SDK's models and error lists (scf 2018-04-16):
//   - CreateTrigger: FunctionName, TriggerName, Type, TriggerDesc, Namespace,
//     Qualifier (default $LATEST), Enable (OPEN/CLOSE), CustomArgument
//     (timer only), Description. Duplicates: ResourceInUse.Trigger.
//   - UpdateTrigger: types timer, ckafka and http only; Enable, TriggerDesc,
//     Description, CustomArgument. Missing: ResourceNotFound.Trigger.
//   - UpdateTriggerStatus: types timer, cos and ckafka only (doc 583/89800);
//     Enable only (a COS trigger is named by its TriggerDesc event too).
//   - DeleteTrigger: TriggerDesc is required for COS (the event tells apart
//     the triggers of one bucket).
//   - ListTriggers: Offset, Limit (20), OrderBy add_time|mod_time, Order
//     ASC|DESC (DESC), Filters Qualifier, TriggerName, Description.
//
// TriggerDesc per type (product doc 583/39901): timer takes the bare cron
// expression and reads back as {"cron":"..."}; cos {"event":"cos:...",
// "filter":{"Prefix":"","Suffix":""}} with the bucket's XML API domain as
// the name; ckafka {"maxMsgNum":"100","offset":"latest","retry":"10000",
// "timeOut":"60"} named "<instance id>-<topic>". cmq and apigw: see
// triggers_types.go.

import (
	"cmp"
	"encoding/json"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/scfprovider/terraform-provider-scf/internal/scfcron"
)

const (
	triggerTimer  = "timer"
	triggerCos    = "cos"
	triggerCkafka = "ckafka"

	defaultQualifier = "$DEFAULT"
	maxTriggers      = 10
)

var (
	timerNameRE  = regexp.MustCompile(`^[A-Za-z0-9_-]{1,100}$`)
	cosNameRE    = regexp.MustCompile(`^[a-z0-9-]{1,50}-[0-9]{5,}\.cos\.[a-z0-9-]+\.myqcloud\.com$`)
	ckafkaNameRE = regexp.MustCompile(`^(ckafka-[a-z0-9]{8})-([A-Za-z0-9_-]{1,128})$`)
	cosEvents    = []string{
		"cos:ObjectCreated:*", "cos:ObjectCreated:Put", "cos:ObjectCreated:Post", "cos:ObjectCreated:Copy",
		"cos:ObjectCreated:CompleteMultipartUpload", "cos:ObjectCreated:Origin", "cos:ObjectCreated:Replication",
		"cos:ObjectRemove:*", "cos:ObjectRemove:Delete", "cos:ObjectRemove:DeleteMarkerCreated",
		"cos:ObjectRestore:Post", "cos:ObjectRestore:Completed",
	}
)

type triggerRecord struct {
	Name           string    `json:"name"`
	Type           string    `json:"type"`
	Qualifier      string    `json:"qualifier"`
	Desc           string    `json:"desc"`
	Enable         bool      `json:"enable"`
	CustomArgument string    `json:"custom_argument,omitempty"`
	Description    string    `json:"description,omitempty"`
	AddTime        time.Time `json:"add_time"`
	ModTime        time.Time `json:"mod_time"`
}

type createTriggerRequest struct {
	FunctionName, TriggerName, Type, TriggerDesc, Namespace, Qualifier string
	Enable, CustomArgument, Description                                string
}

type updateTriggerRequest struct {
	FunctionName, TriggerName, Type, Namespace, Qualifier string
	Enable, TriggerDesc, Description, CustomArgument      *string
}

type updateTriggerStatusRequest struct {
	Enable, FunctionName, TriggerName, Type, Qualifier, Namespace, TriggerDesc string
}

type deleteTriggerRequest struct {
	FunctionName, TriggerName, Type, Namespace, TriggerDesc, Qualifier string
}

type listTriggersRequest struct {
	FunctionName, Namespace string
	Offset, Limit           *int64
	OrderBy, Order          string
	Filters                 []filterIn
}

type triggerCreatedResponse struct {
	TriggerInfo triggerOut
	requestIDField
}

type triggerInfoOut struct {
	Enable          int64
	Qualifier       string
	TriggerName     string
	Type            string
	TriggerDesc     string
	AvailableStatus string
	CustomArgument  string
	AddTime         string
	ModTime         string
	Description     string
}

type listTriggersResponse struct {
	TotalCount int64
	Triggers   []triggerInfoOut
	requestIDField
}

type cosDesc struct {
	Event  string `json:"event"`
	Filter *struct {
		Prefix string `json:"Prefix"`
		Suffix string `json:"Suffix"`
	} `json:"filter,omitempty"`
}

type ckafkaDesc struct {
	MaxMsgNum string `json:"maxMsgNum"`
	Offset    string `json:"offset"`
	Retry     string `json:"retry,omitempty"`
	TimeOut   string `json:"timeOut,omitempty"`
}

func checkTriggerType(t string) *apiError {
	switch t {
	case triggerTimer, triggerCos, triggerCkafka, triggerCmq, triggerApigw, triggerHTTP:
		return nil
	case "":
		return errf("MissingParameter", "Type is required")
	}
	return errf("InvalidParameterValue.Type", "Type must be timer, cos, ckafka, cmq, apigw or http in this fake; got %q", truncate(t, 32))
}

func checkTriggerName(typ, name string) *apiError {
	ok := false
	switch typ {
	case triggerTimer:
		ok = timerNameRE.MatchString(name)
	case triggerCos:
		ok = cosNameRE.MatchString(name)
	case triggerCkafka:
		ok = ckafkaNameRE.MatchString(name)
	case triggerCmq:
		ok = cmqTopicRE.MatchString(name)
	case triggerApigw, triggerHTTP:
		ok = timerNameRE.MatchString(name)
	}
	if !ok {
		return errf("InvalidParameterValue.TriggerName", "TriggerName %q is not valid for a %s trigger", truncate(name, 128), typ)
	}
	return nil
}

// normalizeTriggerDesc validates a TriggerDesc and returns it as the service
// reads it back.
func normalizeTriggerDesc(typ, desc string) (string, *apiError) {
	bad := func(format string, args ...any) (string, *apiError) {
		return "", errf("InvalidParameterValue.TriggerDesc", format, args...)
	}
	switch typ {
	case triggerTimer:
		cron := desc
		var wrapped struct {
			Cron string `json:"cron"`
		}
		if strings.HasPrefix(strings.TrimSpace(desc), "{") {
			if err := json.Unmarshal([]byte(desc), &wrapped); err != nil {
				return bad("TriggerDesc of a timer trigger is not valid JSON")
			}
			cron = wrapped.Cron
		}
		if err := scfcron.Check(cron); err != nil {
			return bad("TriggerDesc cron expression %q is invalid: %v", truncate(cron, 64), err)
		}
		b, _ := json.Marshal(map[string]string{"cron": strings.Join(strings.Fields(cron), " ")})
		return string(b), nil
	case triggerCos:
		var d cosDesc
		if err := strictJSON(desc, &d); err != nil {
			return bad("TriggerDesc of a COS trigger must be {\"event\":...,\"filter\":{\"Prefix\":...,\"Suffix\":...}}")
		}
		if !slices.Contains(cosEvents, d.Event) {
			return bad("TriggerDesc event %q is not a COS event", truncate(d.Event, 64))
		}
		b, _ := json.Marshal(d)
		return string(b), nil
	case triggerCkafka:
		var d ckafkaDesc
		if err := strictJSON(desc, &d); err != nil {
			return bad("TriggerDesc of a CKafka trigger must be {\"maxMsgNum\":...,\"offset\":...,\"retry\":...,\"timeOut\":...}")
		}
		if n, err := strconv.Atoi(d.MaxMsgNum); err != nil || n < 1 || n > 10000 {
			return bad("maxMsgNum must be 1 to 10000; got %q", truncate(d.MaxMsgNum, 16))
		}
		if d.Offset != "latest" && d.Offset != "earliest" {
			return bad("offset must be latest or earliest; got %q", truncate(d.Offset, 16))
		}
		d.Retry = cmp.Or(d.Retry, "10000")
		if n, err := strconv.Atoi(d.Retry); err != nil || n < 1 || n > 10000 {
			return bad("retry must be 1 to 10000; got %q", truncate(d.Retry, 16))
		}
		d.TimeOut = cmp.Or(d.TimeOut, "60")
		if n, err := strconv.Atoi(d.TimeOut); err != nil || n < 1 || n > 7200 {
			return bad("timeOut must be 1 to 7200 seconds; got %q", truncate(d.TimeOut, 16))
		}
		b, _ := json.Marshal(d)
		return string(b), nil
	case triggerCmq:
		return normalizeCmqDesc(desc)
	case triggerApigw:
		return normalizeApigwDesc(desc)
	case triggerHTTP:
		return normalizeHTTPDesc(desc)
	}
	return "", checkTriggerType(typ)
}

func strictJSON(s string, v any) error {
	dec := json.NewDecoder(strings.NewReader(s))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// checkTriggerQualifier accepts what the fake has: $LATEST and the $DEFAULT
// alias every function has.
func checkTriggerQualifier(q string) *apiError {
	if q != latestQualifier && q != defaultQualifier {
		return errf("ResourceNotFound.Qualifier", "qualifier %q does not exist; the fake knows $LATEST and $DEFAULT", truncate(q, 32))
	}
	return nil
}

func cosEvent(desc string) string {
	var d cosDesc
	_ = json.Unmarshal([]byte(desc), &d)
	return d.Event
}

// findTrigger locates a trigger; for COS the event is part of its identity.
// existingTriggerLocked finds the function and the index of its trigger
// that an update, status change or delete names; the trigger must exist.
func (s *Server) existingTriggerLocked(c *call, function, namespace, typ, name, qualifier, event string) (*functionRecord, int, *apiError) {
	f, aerr := s.lookupLocked(c, function, namespace, "MissingParameter")
	if aerr != nil {
		return nil, -1, aerr
	}
	i := findTrigger(f, typ, name, orDefault(qualifier, latestQualifier), event)
	if i < 0 {
		return nil, -1, errf("ResourceNotFound.Trigger", "the %s trigger %s does not exist", typ, truncate(name, 128))
	}
	return f, i, nil
}

func findTrigger(f *functionRecord, typ, name, qualifier, event string) int {
	return slices.IndexFunc(f.Triggers, func(t *triggerRecord) bool {
		return t.Type == typ && t.Name == name && t.Qualifier == qualifier && (typ != triggerCos || cosEvent(t.Desc) == event)
	})
}

func parseEnable(v string, def bool) (bool, *apiError) {
	switch v {
	case "":
		return def, nil
	case "OPEN":
		return true, nil
	case "CLOSE":
		return false, nil
	}
	return false, errf("InvalidParameterValue.Enable", "Enable must be OPEN or CLOSE; got %q", truncate(v, 16))
}

func checkTriggerText(description, custom string) *apiError {
	if utf8.RuneCountInString(description) > 100 {
		return errf("InvalidParameterValue.Description", "Description must be at most 100 characters")
	}
	if utf8.RuneCountInString(custom) > 4096 {
		return errf("InvalidParameterValue.CustomArgument", "CustomArgument must be at most 4096 characters")
	}
	return nil
}

func (s *Server) createTrigger(c *call) (response, *apiError) {
	var req createTriggerRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	if aerr := checkTriggerType(req.Type); aerr != nil {
		return nil, aerr
	}
	if aerr := checkTriggerName(req.Type, req.TriggerName); aerr != nil {
		return nil, aerr
	}
	desc, aerr := normalizeTriggerDesc(req.Type, req.TriggerDesc)
	if aerr != nil {
		return nil, aerr
	}
	enable, aerr := parseEnable(req.Enable, true)
	if aerr != nil {
		return nil, aerr
	}
	if req.CustomArgument != "" && req.Type != triggerTimer {
		return nil, errf("InvalidParameterValue.CustomArgument", "CustomArgument is supported by timer triggers only")
	}
	if aerr := checkTriggerText(req.Description, req.CustomArgument); aerr != nil {
		return nil, aerr
	}
	qualifier := orDefault(req.Qualifier, latestQualifier)
	if aerr := checkTriggerQualifier(qualifier); aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f, aerr := s.lookupLocked(c, req.FunctionName, req.Namespace, "MissingParameter")
	if aerr != nil {
		return nil, aerr
	}
	if findTrigger(f, req.Type, req.TriggerName, qualifier, cosEvent(desc)) >= 0 {
		return nil, errf("ResourceInUse.Trigger", "the %s trigger %s already exists", req.Type, truncate(req.TriggerName, 128))
	}
	if req.Type == triggerHTTP && slices.ContainsFunc(f.Triggers, func(t *triggerRecord) bool { return t.Type == triggerHTTP && t.Qualifier == qualifier }) {
		return nil, errf("ResourceInUse.Trigger", "qualifier %s already has a function URL", truncate(qualifier, 32))
	}
	if len(f.Triggers) >= maxTriggers {
		return nil, errf("LimitExceeded.Trigger", "a function can have at most %d triggers", maxTriggers)
	}
	now := s.now()
	t := &triggerRecord{
		Name: req.TriggerName, Type: req.Type, Qualifier: qualifier, Desc: desc, Enable: enable,
		CustomArgument: req.CustomArgument, Description: req.Description, AddTime: now, ModTime: now,
	}
	f.Triggers = append(f.Triggers, t)
	s.mutatedLocked()
	return &triggerCreatedResponse{TriggerInfo: triggerOutOf(t)}, nil
}

func (s *Server) updateTrigger(c *call) (response, *apiError) {
	var req updateTriggerRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	if req.Type != triggerTimer && req.Type != triggerCkafka && req.Type != triggerHTTP {
		return nil, errf("InvalidParameterValue.Type", "UpdateTrigger supports timer, ckafka and http triggers; got %q", truncate(req.Type, 32))
	}
	var desc string
	if req.TriggerDesc != nil {
		d, aerr := normalizeTriggerDesc(req.Type, *req.TriggerDesc)
		if aerr != nil {
			return nil, aerr
		}
		desc = d
	}
	enable, aerr := parseEnable(derefOr(req.Enable, ""), true)
	if aerr != nil {
		return nil, aerr
	}
	if aerr := checkTriggerText(derefOr(req.Description, ""), derefOr(req.CustomArgument, "")); aerr != nil {
		return nil, aerr
	}
	if req.CustomArgument != nil && *req.CustomArgument != "" && req.Type != triggerTimer {
		return nil, errf("InvalidParameterValue.CustomArgument", "CustomArgument is supported by timer triggers only")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f, i, aerr := s.existingTriggerLocked(c, req.FunctionName, req.Namespace, req.Type, req.TriggerName, req.Qualifier, "")
	if aerr != nil {
		return nil, aerr
	}
	t := f.Triggers[i]
	if req.Enable != nil {
		t.Enable = enable
	}
	if req.TriggerDesc != nil {
		t.Desc = desc
	}
	if req.Description != nil {
		t.Description = *req.Description
	}
	if req.CustomArgument != nil {
		t.CustomArgument = *req.CustomArgument
	}
	t.ModTime = s.now()
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

func (s *Server) updateTriggerStatus(c *call) (response, *apiError) {
	var req updateTriggerStatusRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	if req.Type != triggerTimer && req.Type != triggerCos && req.Type != triggerCkafka {
		return nil, errf("InvalidParameterValue.Type", "UpdateTriggerStatus supports timer, cos and ckafka triggers; got %q", truncate(req.Type, 32))
	}
	if req.Enable == "" {
		return nil, errf("MissingParameter", "Enable is required")
	}
	enable, aerr := parseEnable(req.Enable, true)
	if aerr != nil {
		return nil, aerr
	}
	event := ""
	if req.Type == triggerCos {
		if req.TriggerDesc == "" {
			return nil, errf("InvalidParameterValue.TriggerDesc", "TriggerDesc with the event is required for a COS trigger")
		}
		event = cosEvent(req.TriggerDesc)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f, i, aerr := s.existingTriggerLocked(c, req.FunctionName, req.Namespace, req.Type, req.TriggerName, req.Qualifier, event)
	if aerr != nil {
		return nil, aerr
	}
	f.Triggers[i].Enable = enable
	f.Triggers[i].ModTime = s.now()
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

func (s *Server) deleteTrigger(c *call) (response, *apiError) {
	var req deleteTriggerRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	if aerr := checkTriggerType(req.Type); aerr != nil {
		return nil, aerr
	}
	if req.TriggerName == "" {
		return nil, errf("InvalidParameterValue.TriggerName", "TriggerName is required")
	}
	event := ""
	if req.Type == triggerCos {
		if req.TriggerDesc == "" {
			return nil, errf("InvalidParameterValue.TriggerDesc", "TriggerDesc with the event is required to delete a COS trigger")
		}
		event = cosEvent(req.TriggerDesc)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f, i, aerr := s.existingTriggerLocked(c, req.FunctionName, req.Namespace, req.Type, req.TriggerName, req.Qualifier, event)
	if aerr != nil {
		return nil, aerr
	}
	f.Triggers = slices.Delete(f.Triggers, i, i+1)
	s.mutatedLocked()
	return &emptyResponse{}, nil
}

func (s *Server) listTriggers(c *call) (response, *apiError) {
	var req listTriggersRequest
	if aerr := c.decode(&req); aerr != nil {
		return nil, aerr
	}
	order := orDefault(req.Order, "DESC")
	if order != "ASC" && order != "DESC" {
		return nil, errf("InvalidParameterValue.Order", "Order must be ASC or DESC; got %q", truncate(req.Order, 16))
	}
	orderBy := orDefault(req.OrderBy, "mod_time")
	if orderBy != "add_time" && orderBy != "mod_time" {
		return nil, errf("InvalidParameterValue.OrderBy", "OrderBy must be add_time or mod_time; got %q", truncate(req.OrderBy, 32))
	}
	for i, fl := range req.Filters {
		switch fl.Name {
		case "Qualifier", "TriggerName", "Description":
		default:
			return nil, errf("InvalidParameterValue.Filters", "Filters[%d].Name must be Qualifier, TriggerName or Description; got %q", i, truncate(fl.Name, 32))
		}
	}
	off, lim, aerr := pageBounds(req.Offset, req.Limit)
	if aerr != nil {
		return nil, aerr
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.settleLocked()
	f, aerr := s.lookupLocked(c, req.FunctionName, req.Namespace, "MissingParameter")
	if aerr != nil {
		return nil, aerr
	}
	var rows []*triggerRecord
	for _, t := range f.Triggers {
		if triggerMatches(t, req.Filters) {
			rows = append(rows, t)
		}
	}
	// Stable: equal times keep the order of creation.
	slices.SortStableFunc(rows, func(a, b *triggerRecord) int {
		r := a.ModTime.Compare(b.ModTime)
		if orderBy == "add_time" {
			r = a.AddTime.Compare(b.AddTime)
		}
		if order == "DESC" {
			r = -r
		}
		return r
	})
	resp := &listTriggersResponse{TotalCount: int64(len(rows)), Triggers: []triggerInfoOut{}}
	for _, t := range page(rows, off, lim) {
		o := triggerOutOf(t)
		resp.Triggers = append(resp.Triggers, triggerInfoOut{
			Enable: o.Enable, Qualifier: o.Qualifier, TriggerName: o.TriggerName, Type: o.Type, TriggerDesc: o.TriggerDesc,
			AvailableStatus: o.AvailableStatus, CustomArgument: o.CustomArgument, AddTime: o.AddTime, ModTime: o.ModTime,
			Description: o.Description,
		})
	}
	return resp, nil
}

func triggerMatches(t *triggerRecord, filters []filterIn) bool {
	for _, fl := range filters {
		v := t.Qualifier
		switch fl.Name {
		case "TriggerName":
			v = t.Name
		case "Description":
			v = t.Description
		}
		if len(fl.Values) > 0 && !slices.Contains(fl.Values, v) {
			return false
		}
	}
	return true
}

func triggerOutOf(t *triggerRecord) triggerOut {
	enable := int64(0)
	if t.Enable {
		enable = 1
	}
	return triggerOut{
		ModTime: apiTime(t.ModTime), Type: t.Type, TriggerDesc: t.Desc, TriggerName: t.Name, AddTime: apiTime(t.AddTime),
		Enable: enable, CustomArgument: t.CustomArgument, AvailableStatus: "Available", Qualifier: t.Qualifier, Description: t.Description,
	}
}

func triggersOut(f *functionRecord) []triggerOut {
	out := []triggerOut{}
	for _, t := range f.Triggers {
		out = append(out, triggerOutOf(t))
	}
	return out
}
