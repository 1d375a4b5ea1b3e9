package scfapi

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Invocation types and log types of Invoke.
const (
	InvocationRequestResponse = "RequestResponse"
	InvocationEvent           = "Event"
	LogTypeTail               = "Tail"
)

// ActionInvoke runs a function.
const ActionInvoke = "Invoke"

// syncInvokeTimeout is how long the service lets a synchronous Invoke last
// (API page 583/17243: 300 s), with a margin for the answer to arrive.
const syncInvokeTimeout = 300*time.Second + 30*time.Second

// invokeRate is Invoke's published limit (API page 583/17243: 100 per
// second), lower than the 10,000 of InvokeFunction, which this package
// does not call.
const invokeRate = 100

// InvokeInput names the function and what to send it.
type InvokeInput struct {
	Namespace, FunctionName string
	// Qualifier is a version or an alias; "" is $LATEST.
	Qualifier string
	// Event is the JSON event; "" sends none.
	Event string
	// Async sends an Event invocation, which answers at once.
	Async bool
	// Tail asks for the last 4 KB of the log with the result.
	Tail bool
}

// FunctionError is an invocation that ran and failed: the function raised,
// or was stopped at its timeout. The API call itself succeeded.
type FunctionError struct {
	FunctionRequestId string
	// Type and Message come from ErrMsg; Message is ErrMsg itself when that
	// is not the usual JSON object.
	Type, Message string
	// StatusCode is the service's code in ErrMsg: 430 for an error of the
	// function's code, 433 for a timeout (0 when ErrMsg does not say).
	StatusCode int64
	Result     *InvocationResult
}

func (e *FunctionError) Error() string {
	if e.Type != "" {
		return fmt.Sprintf("the function failed (%s): %s", e.Type, e.Message)
	}
	return "the function failed: " + e.Message
}

// AsFunctionError returns the function's failure carried by err, if any.
func AsFunctionError(err error) (*FunctionError, bool) {
	var fe *FunctionError
	ok := errors.As(err, &fe)
	return fe, ok
}

// Invoke runs a function once. A function that raises or times out is a
// *FunctionError holding the result, log included.
//
// An invocation is never sent twice: only answers saying that nothing ran
// (RequestLimitExceeded, a connection that was never made) are retried. A
// lost answer, an unreadable one or an InternalError leave it unknown
// whether the function ran, and are returned as they are.
func (c *Client) Invoke(ctx context.Context, in InvokeInput) (*InvocationResult, error) {
	namespace := orDefaultNamespace(in.Namespace)
	o := scfOp(ActionInvoke, namespace, in.FunctionName)
	o.mutation = func(_ context.Context, err error, _ bool) (verdict, error) { return verdictFail, err }
	if !in.Async {
		o.attemptTimeout = syncInvokeTimeout
	}
	req := &InvokeRequest{FunctionName: &in.FunctionName, Namespace: &namespace}
	if in.Qualifier != "" {
		req.Qualifier = &in.Qualifier
	}
	if in.Event != "" {
		req.ClientContext = &in.Event
	}
	kind := InvocationRequestResponse
	if in.Async {
		kind = InvocationEvent
	}
	req.InvocationType = &kind
	if in.Tail && !in.Async {
		req.LogType = ptr(LogTypeTail)
	}
	var res *InvocationResult
	err := c.run(ctx, o, func(actx context.Context) (string, error) {
		req.BaseRequest = newBase(actx, o)
		out, rid, err := send[invokeAnswer](c.scf, req)
		if out != nil {
			res = out.Result
		}
		return rid, err
	})
	if err != nil {
		return nil, err
	}
	if res == nil {
		return nil, fmt.Errorf("scf: Invoke of %s/%s answered without a Result", namespace, in.FunctionName)
	}
	if !in.Async && res.InvokeResult != 0 {
		return res, functionError(res)
	}
	return res, nil
}

func functionError(res *InvocationResult) *FunctionError {
	fe := &FunctionError{FunctionRequestId: res.FunctionRequestId, Message: res.ErrMsg, Result: res}
	var body struct {
		ErrorMessage *string `json:"errorMessage"`
		ErrorType    string  `json:"errorType"`
		StatusCode   int64   `json:"statusCode"`
	}
	if json.Unmarshal([]byte(res.ErrMsg), &body) == nil && body.ErrorMessage != nil {
		fe.Message, fe.Type, fe.StatusCode = *body.ErrorMessage, body.ErrorType, body.StatusCode
	}
	if fe.Message == "" {
		fe.Message = fmt.Sprintf("InvokeResult %d without a message", res.InvokeResult)
	}
	return fe
}
