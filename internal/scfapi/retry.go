package scfapi

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"time"
)

// verdict is what a failed attempt leads to.
type verdict int

const (
	// verdictFail returns the error.
	verdictFail verdict = iota
	// verdictRetry sends again after a backoff, if the retry budget and the
	// context allow; otherwise the attempt's error is returned.
	verdictRetry
	// verdictDone ends the call successfully: a lost response turned out
	// to have been applied.
	verdictDone
)

// run sends o until it succeeds or the retry rules give up.
func (c *Client) run(ctx context.Context, o *op, send sendFunc) error {
	lost := false
	var lastErr error
	for n := 1; ; n++ {
		res := c.attempt(ctx, o, n, send)
		if !res.sent {
			// The context ended while waiting for the limiter; the
			// previous attempt's error says more than that.
			if lastErr != nil {
				return lastErr
			}
			return res.err
		}
		if res.err == nil {
			c.log(ctx, res.info, false)
			return nil
		}
		lastErr = res.err

		v, out := c.judge(ctx, o, res.err, &lost)
		retry := false
		var delay time.Duration
		if v == verdictRetry && n <= c.maxRetries && ctx.Err() == nil {
			delay = c.backoff(n)
			retry = fitsDeadline(ctx, delay)
		}
		c.log(ctx, res.info, retry)

		switch {
		case v == verdictDone:
			return nil
		case v == verdictRetry && retry:
			if !sleepCtx(ctx, delay) {
				return res.err
			}
		case v == verdictRetry:
			return res.err
		default:
			return out
		}
	}
}

// judge classifies a failed attempt. lost records whether an attempt of
// this call has already failed without a readable response.
func (c *Client) judge(ctx context.Context, o *op, err error, lost *bool) (verdict, error) {
	switch {
	case IsThrottled(err):
		// The server applied nothing.
		return verdictRetry, err
	case IsAuthFailure(err):
		return verdictFail, err
	}
	if o.mutation == nil {
		if isTransportError(err) || isInternalError(err) {
			return verdictRetry, err
		}
		return verdictFail, err
	}
	switch {
	case neverSent(err):
		// The connection was never made, so the server saw nothing.
		return verdictRetry, err
	case isTransportError(err), isInternalError(err), isUnreadableAnswer(err):
		// The outcome is unknown: no answer, one that cannot be read, or an
		// internal error after which the service may have applied the
		// request in part or in full. It is never sent again blindly: the action's own check
		// looks at what the service now holds and resends, adopts or fails.
		*lost = true
		return o.mutation(ctx, err, true)
	case *lost:
		return o.mutation(ctx, err, false)
	}
	return verdictFail, err
}

// isTransportError reports whether err left the outcome unknown: no response,
// an unreadable one, or a 5xx from something in front of the API.
func isTransportError(err error) bool {
	var e *APIError
	if !errors.As(err, &e) {
		return false
	}
	switch e.Code {
	case codeNetworkError, codeIOError:
		return true
	case codeHTTPStatusCodeError:
		return e.httpStatus >= 500
	}
	return false
}

// isUnreadableAnswer reports whether err is an answer that arrived with
// HTTP 200 (or unknown status) but could not be read: malformed, empty or
// too large. For a read it is not worth repeating; for a mutation it leaves
// the outcome unknown.
func isUnreadableAnswer(err error) bool {
	switch ErrorCode(err) {
	case codeParseJSONError, codeEmptyResponse, codeResponseTooLarge:
		return true
	}
	return false
}

// neverSent reports whether the attempt failed while connecting, before any
// byte of the request could reach the server.
func neverSent(err error) bool {
	var opErr *net.OpError
	return ErrorCode(err) == codeNetworkError && errors.As(err, &opErr) && opErr.Op == "dial"
}

// backoff returns the wait before retry n (1-based): full jitter over an
// exponentially growing window capped at the maximum delay.
func (c *Client) backoff(n int) time.Duration {
	window := c.baseDelay
	for i := 1; i < n && window < c.maxDelay; i++ {
		window *= 2
	}
	window = min(window, c.maxDelay)
	return c.jitter(window)
}

// fullJitter picks a delay uniformly in [0, window].
func fullJitter(window time.Duration) time.Duration { return rand.N(window + 1) }

// fitsDeadline reports whether waiting d still leaves time before ctx's
// deadline; there is no point in a retry that can only be cancelled.
func fitsDeadline(ctx context.Context, d time.Duration) bool {
	deadline, ok := ctx.Deadline()
	return !ok || time.Now().Add(d).Before(deadline)
}

// sleepCtx waits d unless ctx ends first; it reports whether d elapsed.
func sleepCtx(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return false
	case <-t.C:
		return true
	}
}
