package scfapi

import (
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	tcerr "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/errors"
	tchttp "github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/http"
)

// op describes one logical call: what is sent, to whom, and how failures of
// its attempts are handled.
type op struct {
	service, version, action string
	// namespace and name identify the target in logs and errors.
	namespace, name string
	// mutation is nil for reads. For mutations it decides what happens
	// after an attempt whose outcome is unknown (unknown is true: the
	// response was lost or unreadable, or the service answered
	// InternalError), and after a failed attempt that followed such an
	// attempt (unknown is false).
	mutation func(ctx context.Context, err error, unknown bool) (verdict, error)
	// attemptTimeout, when longer than the client's RequestTimeout, bounds
	// each attempt instead: a synchronous Invoke lasts as long as the
	// function runs.
	attemptTimeout time.Duration
}

func scfOp(action, namespace, name string) *op {
	return &op{service: ServiceSCF, version: VersionSCF, action: action, namespace: namespace, name: name}
}

// traceKey carries an *attemptTrace in a request context.
type traceKey struct{}

// attemptTrace records what the transport saw during one attempt; the SDK
// hides the HTTP status of responses it cannot parse.
type attemptTrace struct {
	status int
	// tooLarge is set when the response body passed MaxResponseBytes.
	tooLarge bool
}

// MaxResponseBytes caps the response body read for one attempt. The SDK
// reads whole bodies into memory; real answers are a few kilobytes (a full
// ListFunctions page about 100 KB), so anything near this size is not an
// answer of the API and is not read further.
const MaxResponseBytes = 8 << 20

// errResponseTooLarge is what reading past MaxResponseBytes fails with.
var errResponseTooLarge = fmt.Errorf("the response body is larger than %d bytes", MaxResponseBytes)

// traceTransport records the HTTP status of each response into the
// attempt's trace and bounds the body. RoundTrip and the SDK's reading of
// the body run on the goroutine of the attempt, so the trace needs no
// locking.
type traceTransport struct {
	base http.RoundTripper
}

// RoundTrip implements http.RoundTripper.
func (t *traceTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if resp == nil {
		return resp, err
	}
	tr, _ := r.Context().Value(traceKey{}).(*attemptTrace)
	if tr == nil {
		tr = &attemptTrace{}
	}
	tr.status = resp.StatusCode
	// Decode here, under the size limit: the SDK would otherwise inflate a
	// compressed answer without bound. (Go's transport already inflated
	// and removed an encoding it asked for itself.)
	if enc := strings.ToLower(strings.TrimSpace(resp.Header.Get("Content-Encoding"))); enc == "gzip" || enc == "deflate" {
		resp.Body = &decodingBody{raw: resp.Body, enc: enc}
		resp.Header.Del("Content-Encoding")
	}
	resp.Body = &limitedBody{rc: resp.Body, left: MaxResponseBytes, trace: tr}
	// The API never streams. The SDK hands text/event-stream answers to a
	// stream parser that our response types do not support; read them as
	// the JSON they should be, so they fail (or succeed) like any answer.
	if strings.HasPrefix(strings.ToLower(resp.Header.Get("Content-Type")), "text/event-stream") {
		resp.Header.Set("Content-Type", "application/json")
	}
	return resp, err
}

// limitedBody fails a read past its limit instead of returning more bytes.
type limitedBody struct {
	rc    io.ReadCloser
	left  int64
	trace *attemptTrace
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// One byte more tells a body of exactly the limit from a longer one.
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			b.trace.tooLarge = true
			return 0, errResponseTooLarge
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }

// decodingBody inflates a gzip or deflate body as it is read.
type decodingBody struct {
	raw io.ReadCloser
	enc string
	r   io.Reader
	err error
}

func (d *decodingBody) Read(p []byte) (int, error) {
	if d.r == nil && d.err == nil {
		if d.enc == "gzip" {
			d.r, d.err = gzip.NewReader(d.raw)
		} else {
			d.r = flate.NewReader(d.raw)
		}
	}
	if d.err != nil {
		return 0, fmt.Errorf("the response is not valid %s: %w", d.enc, d.err)
	}
	n, err := d.r.Read(p)
	if err != nil && !errors.Is(err, io.EOF) {
		err = fmt.Errorf("the response is not valid %s: %w", d.enc, err)
	}
	return n, err
}

func (d *decodingBody) Close() error { return d.raw.Close() }

// sendFunc sends one attempt with the given context and returns the
// response's RequestId.
type sendFunc func(ctx context.Context) (requestID string, err error)

type attemptResult struct {
	info CallInfo
	err  error
	// sent is false when the rate limiter gave up before any HTTP request.
	sent bool
}

// attempt waits for the action's rate limiter and sends one HTTP request.
func (c *Client) attempt(ctx context.Context, o *op, n int, send sendFunc) attemptResult {
	info := CallInfo{Action: o.action, Namespace: o.namespace, FunctionName: o.name, Attempt: n}
	waitStart := time.Now()
	if err := c.limiter(o.action).Wait(ctx); err != nil {
		return attemptResult{info: info, err: limiterError(ctx, o, err)}
	}
	info.Wait = time.Since(waitStart)

	actx, cancel := context.WithTimeout(ctx, max(c.requestTimeout, o.attemptTimeout))
	defer cancel()
	tr := &attemptTrace{}
	actx = context.WithValue(actx, traceKey{}, tr)

	start := time.Now()
	rid, err := send(actx)
	info.Duration = time.Since(start)
	if err != nil {
		err = toAPIError(o, err, tr)
		var apiErr *APIError
		if errors.As(err, &apiErr) {
			info.ErrorCode = apiErr.Code
			info.RequestID = apiErr.RequestID
		}
		return attemptResult{info: info, err: err, sent: true}
	}
	info.RequestID = rid
	return attemptResult{info: info, sent: true}
}

// limiterError explains a rate limiter wait that failed: the context ended,
// or its deadline comes before the limiter would let the request go.
func limiterError(ctx context.Context, o *op, err error) error {
	t := target(o.namespace, o.name)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("%s %s: waiting for the rate limiter: %w", o.action, t, ctxErr)
	}
	return fmt.Errorf("%s %s: the rate limit leaves no time before the deadline: %w: %w",
		o.action, t, context.DeadlineExceeded, err)
}

func (c *Client) log(ctx context.Context, info CallInfo, retry bool) {
	if c.logger == nil {
		return
	}
	info.Retry = retry
	c.logger(ctx, info)
}

// newBase gives a typed request its SDK envelope for one attempt. A fresh
// one per attempt keeps the SDK's per-send parameters (timestamp, nonce)
// from leaking between attempts and the caller's struct untouched.
func newBase(ctx context.Context, o *op) *tchttp.BaseRequest {
	b := &tchttp.BaseRequest{}
	b.Init().WithApiInfo(o.service, o.version, o.action)
	b.SetContext(ctx)
	return b
}

// responseBody is implemented by the Response object of every action.
type responseBody[T any] interface {
	*T
	requestID() string
}

// envelope is the {"Response": {...}} wrapper of every answer.
type envelope[T any] struct {
	*tchttp.BaseResponse
	Response *T `json:"Response"`
}

// send sends req once and decodes the Response object.
func send[T any, PT responseBody[T]](sdk *common.Client, req tchttp.Request) (*T, string, error) {
	env := &envelope[T]{BaseResponse: &tchttp.BaseResponse{}}
	if err := sdk.Send(req, env); err != nil {
		return nil, "", err
	}
	if env.Response == nil {
		return nil, "", tcerr.NewTencentCloudSDKError(codeEmptyResponse, "the answer has no Response object", "")
	}
	return env.Response, PT(env.Response).requestID(), nil
}

func (r *Empty) requestID() string           { return r.RequestId }
func (r *Function) requestID() string        { return r.RequestId }
func (r *FunctionAddress) requestID() string { return r.RequestId }
func (r *FunctionList) requestID() string    { return r.RequestId }
func (r *NamespaceList) requestID() string   { return r.RequestId }
