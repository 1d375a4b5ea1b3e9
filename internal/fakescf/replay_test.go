package fakescf

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"
)

// captured is a signed request as an eavesdropper would record it.
type captured struct {
	header http.Header
	body   []byte
}

// capture records a ListNamespaces request signed with key at ts.
func capture(h *harness, body []byte, key string, ts int64) captured {
	r := h.newRequest("ListNamespaces", body)
	testSign(r, body, DefaultSecretID, key, "scf", ts)
	return captured{header: r.Header.Clone(), body: bytes.Clone(body)}
}

// replay sends the recorded request again, byte for byte, to srv.
func (c captured) replay(t *testing.T, srv *Server) result {
	t.Helper()
	r := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "http://scf.tencentcloudapi.com/", io.NopCloser(bytes.NewReader(c.body)))
	r.Header = c.header.Clone()
	rec := httptest.NewRecorder()
	srv.ServeHTTP(rec, r)
	return decodeResult(t, rec.Body.Bytes())
}

// TestSignatureProtections proves the three protections of the TC3 check
// on recorded requests: a body changed after signing, a request signed with
// another key, and a request replayed more than five minutes after it was
// signed are rejected, while the same request untouched, or replayed within
// the window, is accepted. The stale request is also accepted by a server
// with a wider window, so its age is the only thing wrong with it.
func TestSignatureProtections(t *testing.T) {
	h := newHarness(t, Options{})
	wide := newHarness(t, Options{SignatureSkew: time.Hour})
	body := []byte(`{"Limit":1}`)
	now := time.Now().Unix()

	fresh := capture(h, body, DefaultSecretKey, now)
	if got := fresh.replay(t, h.srv); got.Code != "" {
		t.Fatalf("the untouched request was rejected: %s %s", got.Code, got.Message)
	}

	tampered := fresh
	tampered.body = []byte(`{"Limit":2}`) // same length, one byte changed
	if got := tampered.replay(t, h.srv); got.Code != "AuthFailure.SignatureFailure" {
		t.Errorf("tampered body: got %q, want AuthFailure.SignatureFailure", got.Code)
	}

	wrongKey := capture(h, body, "not-"+DefaultSecretKey, now)
	if got := wrongKey.replay(t, h.srv); got.Code != "AuthFailure.SignatureFailure" {
		t.Errorf("wrong key: got %q, want AuthFailure.SignatureFailure", got.Code)
	}

	withinWindow := capture(h, body, DefaultSecretKey, now-(5*60-10))
	if got := withinWindow.replay(t, h.srv); got.Code != "" {
		t.Errorf("a request replayed 4m50s after signing was rejected: %s %s", got.Code, got.Message)
	}

	stale := capture(h, body, DefaultSecretKey, now-(5*60+1))
	got := stale.replay(t, h.srv)
	if got.Code != "AuthFailure.SignatureExpire" {
		t.Errorf("a request replayed 5m01s after signing: got %q, want AuthFailure.SignatureExpire", got.Code)
	}
	if got := stale.replay(t, wide.srv); got.Code != "" {
		t.Errorf("the stale request is not otherwise valid: a one-hour window rejects it with %s %s", got.Code, got.Message)
	}
	if st := h.srv.Stats(); st.Responses["ListNamespaces"]["AuthFailure.SignatureExpire"] != 1 || st.Responses["ListNamespaces"]["AuthFailure.SignatureFailure"] != 2 {
		t.Errorf("the fake counted %v", st.Responses["ListNamespaces"])
	}
}
