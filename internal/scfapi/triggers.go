package scfapi

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
)

// Trigger types this package knows the TriggerDesc of.
const (
	TriggerTimer  = "timer"
	TriggerCos    = "cos"
	TriggerCkafka = "ckafka"
	TriggerCmq    = "cmq"
	TriggerApigw  = "apigw"
	TriggerHTTP   = "http"
)

// TriggerSpec names a trigger and holds what CreateTrigger sends. A trigger
// is identified by function, qualifier, type and name, and for COS also by
// the event in Desc: one bucket can feed a function several events.
type TriggerSpec struct {
	Namespace, FunctionName, Qualifier string
	Type, Name, Desc                   string
	Enable                             bool
	CustomArgument, Description        string
}

// ID names the trigger in errors and logs.
func (s TriggerSpec) ID() string { return s.FunctionName + "/" + s.Type + "/" + s.Name }

// IsTriggerNotFound reports whether err says the trigger, its function or
// the function's namespace does not exist.
func IsTriggerNotFound(err error) bool {
	switch ErrorCode(err) {
	case "ResourceNotFound.Trigger", "ResourceNotFound.Timer":
		return true
	}
	return IsNotFound(err)
}

func enableFlag(on bool) *string {
	if on {
		return ptr("OPEN")
	}
	return ptr("CLOSE")
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// CreateTrigger creates a trigger. Resending a create whose answer was
// lost would be refused with ResourceInUse.Trigger, so after a lost answer
// (or that refusal to a resend) the function's triggers are listed: one
// with this identity and these settings is adopted as this call's; none
// means the request is sent again; one with other settings is an error.
func (c *Client) CreateTrigger(ctx context.Context, spec TriggerSpec) error {
	req := &CreateTriggerRequest{
		FunctionName: &spec.FunctionName, TriggerName: &spec.Name, Type: &spec.Type, TriggerDesc: &spec.Desc,
		Namespace: &spec.Namespace, Qualifier: optional(spec.Qualifier), Enable: enableFlag(spec.Enable),
		CustomArgument: optional(spec.CustomArgument), Description: optional(spec.Description),
	}
	o := scfOp(ActionCreateTrigger, spec.Namespace, spec.FunctionName)
	attempts := 0
	o.mutation = func(ctx context.Context, err error, unknown bool) (verdict, error) {
		if !unknown && (attempts < 2 || ErrorCode(err) != "ResourceInUse.Trigger") {
			return verdictFail, err
		}
		got, ferr := c.FindTrigger(ctx, spec)
		switch {
		case ferr != nil:
			return verdictFail, ferr
		case got == nil && unknown:
			return verdictRetry, err
		case got == nil:
			return verdictFail, err
		}
		if diff := triggerDiff(got, spec); diff != "" {
			return verdictFail, fmt.Errorf("scfapi: trigger %s exists after a create whose answer was lost, but its %s differ from the request: %w", spec.ID(), diff, err)
		}
		return verdictDone, nil
	}
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		attempts++
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, req)
		return rid, err
	})
}

// UpdateTrigger sends the enable switch, TriggerDesc, description and
// custom argument of a timer, ckafka or http trigger (UpdateTrigger's
// types).
// It sets values, so a resend after a lost answer is harmless.
func (c *Client) UpdateTrigger(ctx context.Context, spec TriggerSpec) error {
	req := &UpdateTriggerRequest{
		FunctionName: &spec.FunctionName, TriggerName: &spec.Name, Type: &spec.Type, Enable: enableFlag(spec.Enable),
		Qualifier: optional(spec.Qualifier), Namespace: &spec.Namespace, TriggerDesc: &spec.Desc,
		Description: &spec.Description, CustomArgument: &spec.CustomArgument,
	}
	if spec.Type != TriggerTimer {
		// CustomArgument is for timer triggers only.
		req.CustomArgument = nil
	}
	o := scfOp(ActionUpdateTrigger, spec.Namespace, spec.FunctionName)
	o.mutation = resendAfterLoss(nil)
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, req)
		return rid, err
	})
}

// UpdateTriggerStatus turns a trigger on or off; the only change the API
// allows to a COS trigger.
func (c *Client) UpdateTriggerStatus(ctx context.Context, spec TriggerSpec) error {
	req := &UpdateTriggerStatusRequest{
		Enable: enableFlag(spec.Enable), FunctionName: &spec.FunctionName, TriggerName: &spec.Name, Type: &spec.Type,
		Qualifier: optional(spec.Qualifier), Namespace: &spec.Namespace,
	}
	if spec.Type == TriggerCos {
		req.TriggerDesc = &spec.Desc
	}
	o := scfOp(ActionUpdateTriggerStatus, spec.Namespace, spec.FunctionName)
	o.mutation = resendAfterLoss(nil)
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, req)
		return rid, err
	})
}

// DeleteTrigger deletes a trigger; one already gone counts as deleted when
// an earlier attempt's answer was lost.
func (c *Client) DeleteTrigger(ctx context.Context, spec TriggerSpec) error {
	req := &DeleteTriggerRequest{
		FunctionName: &spec.FunctionName, TriggerName: &spec.Name, Type: &spec.Type, Namespace: &spec.Namespace,
		Qualifier: optional(spec.Qualifier),
	}
	if spec.Type == TriggerCos {
		req.TriggerDesc = &spec.Desc
	}
	o := scfOp(ActionDeleteTrigger, spec.Namespace, spec.FunctionName)
	attempts := 0
	o.mutation = func(_ context.Context, err error, unknown bool) (verdict, error) {
		switch {
		case unknown:
			return verdictRetry, err
		case attempts > 1 && IsTriggerNotFound(err):
			return verdictDone, nil
		}
		return verdictFail, err
	}
	return c.run(ctx, o, func(actx context.Context) (string, error) {
		attempts++
		req.BaseRequest = newBase(actx, o)
		_, rid, err := send[Empty](c.scf, req)
		return rid, err
	})
}

// ListTriggers returns every trigger of a function, oldest first, reading
// pages until TotalCount rows are read.
func (c *Client) ListTriggers(ctx context.Context, namespace, function string) ([]Trigger, error) {
	var all []Trigger
	read := int64(0)
	for {
		offset, limit := read, c.pageSize()
		r := ListTriggersRequest{FunctionName: &function, Namespace: &namespace, Offset: &offset, Limit: &limit,
			OrderBy: ptr("add_time"), Order: ptr("ASC")}
		o := scfOp(ActionListTriggers, namespace, function)
		var page *TriggerList
		err := c.run(ctx, o, func(actx context.Context) (string, error) {
			r.BaseRequest = newBase(actx, o)
			l, rid, err := send[TriggerList](c.scf, &r)
			page = l
			return rid, err
		})
		if err != nil {
			return nil, err
		}
		read += int64(len(page.Triggers))
		all = append(all, page.Triggers...)
		if len(page.Triggers) == 0 || read >= page.TotalCount {
			return all, nil
		}
	}
}

// FindTrigger returns the trigger that spec identifies, or nil when the
// function has none such. A missing function is an error (IsNotFound).
func (c *Client) FindTrigger(ctx context.Context, spec TriggerSpec) (*Trigger, error) {
	all, err := c.ListTriggers(ctx, spec.Namespace, spec.FunctionName)
	if err != nil {
		return nil, err
	}
	qualifier := orString(&spec.Qualifier, "$LATEST")
	for i := range all {
		t := &all[i]
		if t.Type != spec.Type || t.TriggerName != spec.Name || t.Qualifier != qualifier {
			continue
		}
		if spec.Type == TriggerCos && spec.Desc != "" && CosEvent(t.TriggerDesc) != CosEvent(spec.Desc) {
			continue
		}
		return t, nil
	}
	return nil, nil
}

// CosEvent extracts the event of a COS TriggerDesc.
func CosEvent(desc string) string {
	var d struct {
		Event string `json:"event"`
	}
	_ = json.Unmarshal([]byte(desc), &d)
	return d.Event
}

// TimerCron extracts the cron expression of a timer TriggerDesc, which is
// sent bare and read back as {"cron":"..."}.
func TimerCron(desc string) string {
	var d struct {
		Cron string `json:"cron"`
	}
	if json.Unmarshal([]byte(desc), &d) == nil && d.Cron != "" {
		return d.Cron
	}
	return desc
}

// SameTriggerDesc reports whether the TriggerDesc read back (got) has what
// was sent (want): the same cron for a timer, and for the JSON types every
// key sent with the same value (the service adds defaults of its own).
func SameTriggerDesc(typ, got, want string) bool {
	if typ == TriggerTimer {
		return strings.Join(strings.Fields(TimerCron(got)), " ") == strings.Join(strings.Fields(TimerCron(want)), " ")
	}
	var g, w map[string]any
	if json.Unmarshal([]byte(got), &g) != nil || json.Unmarshal([]byte(want), &w) != nil {
		return got == want
	}
	for k, v := range w {
		if !reflect.DeepEqual(g[k], v) {
			return false
		}
	}
	return true
}

func triggerDiff(got *Trigger, spec TriggerSpec) string {
	var diff []string
	if !SameTriggerDesc(spec.Type, got.TriggerDesc, spec.Desc) {
		diff = append(diff, "TriggerDesc")
	}
	if (got.Enable == 1) != spec.Enable {
		diff = append(diff, "Enable")
	}
	if got.Description != spec.Description {
		diff = append(diff, "Description")
	}
	if got.CustomArgument != spec.CustomArgument {
		diff = append(diff, "CustomArgument")
	}
	return strings.Join(diff, ", ")
}
