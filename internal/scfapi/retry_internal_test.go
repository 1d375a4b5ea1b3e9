package scfapi

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
)

func TestBackoffWindowDoublesUpToTheCap(t *testing.T) {
	var windows []time.Duration
	c := &Client{baseDelay: time.Millisecond, maxDelay: 5 * time.Millisecond, jitter: func(w time.Duration) time.Duration {
		windows = append(windows, w)
		return w
	}}
	for n := 1; n <= 5; n++ {
		c.backoff(n)
	}
	ms := time.Millisecond
	want := []time.Duration{ms, 2 * ms, 4 * ms, 5 * ms, 5 * ms}
	for i, w := range want {
		if windows[i] != w {
			t.Fatalf("windows = %v, want %v ms", windows, want)
		}
	}
	for range 1000 {
		if d := fullJitter(3 * time.Millisecond); d < 0 || d > 3*time.Millisecond {
			t.Fatalf("fullJitter gave %v", d)
		}
	}
}

// A backoff that would end after the context's deadline is not waited for:
// the last error comes back at once.
func TestBackoffBeyondDeadlineReturnsLastErrorAtOnce(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		hits.Add(1)
		_, _ = io.WriteString(w, `{"Response":{"Error":{"Code":"RequestLimitExceeded","Message":"slow down"},"RequestId":"r"}}`)
	}))
	defer srv.Close()
	c, err := New(Config{Region: "ap-guangzhou", Credential: common.NewCredential("id", "key"), Endpoint: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	c.jitter = func(time.Duration) time.Duration { return time.Hour }

	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	start := time.Now()
	_, err = c.GetFunction(ctx, "ns", "fn")
	if !IsThrottled(err) {
		t.Fatalf("got %v, want the throttling error", err)
	}
	if elapsed := time.Since(start); elapsed > 5*time.Second {
		t.Errorf("waited %v for a backoff that could not fit", elapsed)
	}
	if hits.Load() != 1 {
		t.Errorf("sent %d times, want 1", hits.Load())
	}
}

func TestDecodedLen(t *testing.T) {
	for s, want := range map[string]int64{"": 0, "QQ==": 1, "QUI=": 2, "QUJD": 3, "QUJDRA==": 4, "QUJD\nRA==": 4} {
		if got := decodedLen(s); got != want {
			t.Errorf("decodedLen(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestSanitizeParseMessage(t *testing.T) {
	msg := "Fail to parse json content: {\"Value\":\"secret\", because: x}, because: unexpected end of JSON input"
	if got, want := sanitizeParseMessage(msg), "cannot parse the response (body omitted): unexpected end of JSON input"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
}
