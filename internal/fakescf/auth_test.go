package fakescf

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The worked example of the TC3 documentation (scf-api.md §3.4).
const (
	vecSecretID  = "AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE"
	vecSecretKey = "Gu5t9xGARNpq86cd98joQYCN3EXAMPLE"
	vecBody      = `{"Limit": 1, "Filters": [{"Values": ["\u672a\u547d\u540d"], "Name": "instance-name"}]}`
	vecTimestamp = "1551113065"
)

func vectorRequest(ctx context.Context) *http.Request {
	r := httptest.NewRequestWithContext(ctx, http.MethodPost, "https://cvm.tencentcloudapi.com/", strings.NewReader(vecBody))
	r.Host = "cvm.tencentcloudapi.com"
	r.Header.Set("Content-Type", "application/json; charset=utf-8")
	r.Header.Set("X-TC-Action", "DescribeInstances")
	return r
}

func TestTC3DocumentVector(t *testing.T) {
	if got := sha256Hex([]byte(vecBody)); got != "35e9c5b0e3ae67532d3c9f17ead6c90222632e5b1ff7f6e89887f1398934f064" {
		t.Fatalf("payload hash = %s", got)
	}
	auth := tc3Auth{SecretID: vecSecretID, Date: "2019-02-25", Service: "cvm"}
	cases := []struct {
		signed    []string
		canonHash string
		signature string
	}{
		{[]string{"content-type", "host"}, "5ffe6a04c0664d6b969fab9a13bdab201d63ee709638e2749d62a09ca18d7031",
			"72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168"},
		{[]string{"content-type", "host", "x-tc-action"}, "7019a55be8395899b900fb5564e4200d984910f34794a27cb3fb7d10ff6a1e84", ""},
	}
	for _, tc := range cases {
		r := vectorRequest(t.Context())
		canon := canonicalRequest(r, []byte(vecBody), tc.signed, r.Host)
		if got := sha256Hex([]byte(canon)); got != tc.canonHash {
			t.Errorf("%v: canonical request hash = %s, want %s\n%s", tc.signed, got, tc.canonHash, canon)
		}
		if tc.signature == "" {
			continue
		}
		if got := tc3Signature(vecSecretKey, auth, vecTimestamp, canon); got != tc.signature {
			t.Errorf("%v: signature = %s, want %s", tc.signed, got, tc.signature)
		}
	}
}

// TestTC3VectorThroughVerifier runs the full header verification on the
// documented request, with the wall-clock check widened to reach 2019.
func TestTC3VectorThroughVerifier(t *testing.T) {
	for _, signed := range []string{"content-type;host", "content-type;host;x-tc-action"} {
		srv, err := New(Options{
			Credentials:   []Credential{{SecretID: vecSecretID, SecretKey: vecSecretKey}},
			SignatureSkew: 100 * 365 * 24 * time.Hour,
		})
		if err != nil {
			t.Fatal(err)
		}
		r := vectorRequest(t.Context())
		r.Header.Set("X-TC-Timestamp", vecTimestamp)
		auth := tc3Auth{Date: "2019-02-25", Service: "cvm"}
		sig := tc3Signature(vecSecretKey, auth, vecTimestamp, canonicalRequest(r, []byte(vecBody), strings.Split(signed, ";"), r.Host))
		r.Header.Set("Authorization", "TC3-HMAC-SHA256 Credential="+vecSecretID+"/2019-02-25/cvm/tc3_request, SignedHeaders="+signed+", Signature="+sig)
		if _, aerr := srv.authenticate(r, []byte(vecBody), nil); aerr != nil {
			t.Errorf("%s: verifier rejected the documented request: %v", signed, aerr)
		}
		if signed == "content-type;host" && sig != "72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168" {
			t.Errorf("signature = %s", sig)
		}
	}
}

func TestAuthFailures(t *testing.T) {
	h := newHarness(t, Options{Credentials: []Credential{
		{SecretID: DefaultSecretID, SecretKey: DefaultSecretKey},
		{SecretID: "AKIDtokenUser", SecretKey: "tokenKey", Token: "session-token"},
		{SecretID: "AKIDexpired", SecretKey: "expiredKey", Token: "old", ExpiresAt: time.Now().Add(-time.Minute)},
		{SecretID: "AKIDdenied", SecretKey: "deniedKey", DeniedActions: []string{"ListNamespaces"}},
	}})
	body := []byte(`{}`)
	build := func(mutate func(r *http.Request)) result {
		r := h.newRequest("ListNamespaces", body)
		mutate(r)
		return h.serve(r)
	}
	resign := func(r *http.Request, id, key, service string, ts int64) {
		testSign(r, body, id, key, service, ts)
	}
	now := time.Now().Unix()
	cases := []struct {
		name   string
		mutate func(r *http.Request)
		code   string
	}{
		{"valid", func(r *http.Request) {}, ""},
		{"tampered body", func(r *http.Request) {
			r.Body = io.NopCloser(strings.NewReader(`{"Limit":1}`))
		}, "AuthFailure.SignatureFailure"},
		{"wrong key", func(r *http.Request) { resign(r, DefaultSecretID, "not-the-key", "scf", now) }, "AuthFailure.SignatureFailure"},
		{"six minutes old", func(r *http.Request) { resign(r, DefaultSecretID, DefaultSecretKey, "scf", now-360) }, "AuthFailure.SignatureExpire"},
		{"six minutes ahead", func(r *http.Request) { resign(r, DefaultSecretID, DefaultSecretKey, "scf", now+360) }, "AuthFailure.SignatureExpire"},
		{"unknown secret id", func(r *http.Request) { resign(r, "AKIDnobody", DefaultSecretKey, "scf", now) }, "AuthFailure.SecretIdNotFound"},
		{"missing authorization", func(r *http.Request) { r.Header.Del("Authorization") }, "AuthFailure.InvalidAuthorization"},
		{"other algorithm", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "TC3-HMAC-SHA256", "HMAC-SHA1", 1))
		}, "AuthFailure.InvalidAuthorization"},
		{"host not signed", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "content-type;host", "content-type", 1))
		}, "AuthFailure.InvalidAuthorization"},
		{"bad scope", func(r *http.Request) {
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), "tc3_request", "tc4_request", 1))
		}, "AuthFailure.InvalidAuthorization"},
		{"missing timestamp", func(r *http.Request) { r.Header.Del("X-TC-Timestamp") }, "AuthFailure.InvalidAuthorization"},
		{"non-numeric timestamp", func(r *http.Request) { r.Header.Set("X-TC-Timestamp", "soon") }, "AuthFailure.InvalidAuthorization"},
		{"scope date differs", func(r *http.Request) {
			resign(r, DefaultSecretID, DefaultSecretKey, "scf", now)
			r.Header.Set("X-TC-Timestamp", strconv.FormatInt(now+1, 10))
			r.Header.Set("Authorization", strings.Replace(r.Header.Get("Authorization"), time.Unix(now, 0).UTC().Format("2006-01-02"), "2001-01-01", 1))
		}, "AuthFailure.SignatureFailure"},
		{"wrong service", func(r *http.Request) { resign(r, DefaultSecretID, DefaultSecretKey, "cvm", now) }, "AuthFailure.SignatureFailure"},
		{"token missing", func(r *http.Request) { resign(r, "AKIDtokenUser", "tokenKey", "scf", now) }, "AuthFailure.TokenFailure"},
		{"token present", func(r *http.Request) {
			resign(r, "AKIDtokenUser", "tokenKey", "scf", now)
			r.Header.Set("X-TC-Token", "session-token")
		}, ""},
		{"token expired", func(r *http.Request) {
			resign(r, "AKIDexpired", "expiredKey", "scf", now)
			r.Header.Set("X-TC-Token", "old")
		}, "AuthFailure.TokenFailure"},
		{"denied action", func(r *http.Request) { resign(r, "AKIDdenied", "deniedKey", "scf", now) }, "UnauthorizedOperation.CAM"},
		{"unknown action", func(r *http.Request) { r.Header.Set("X-TC-Action", "RunInstances") }, "InvalidAction"},
		{"missing action", func(r *http.Request) { r.Header.Del("X-TC-Action") }, "InvalidAction"},
		{"wrong version", func(r *http.Request) { r.Header.Set("X-TC-Version", "2017-01-01") }, "NoSuchVersion"},
		{"unknown region", func(r *http.Request) { r.Header.Set("X-TC-Region", "mars-north-1") }, "UnauthorizedOperation.Region"},
		{"GET", func(r *http.Request) { r.Method = http.MethodGet }, "UnsupportedProtocol"},
		{"form body", func(r *http.Request) { r.Header.Set("Content-Type", "application/x-www-form-urlencoded") }, "UnsupportedProtocol"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := build(tc.mutate)
			if got.Code != tc.code {
				t.Fatalf("code = %q (%s), want %q", got.Code, got.Message, tc.code)
			}
		})
	}
	t.Run("token message says expired", func(t *testing.T) {
		got := build(func(r *http.Request) {
			resign(r, "AKIDexpired", "expiredKey", "scf", now)
			r.Header.Set("X-TC-Token", "old")
		})
		if !strings.Contains(got.Message, "expired") || strings.Contains(got.Message, "old") {
			t.Fatalf("message %q should say expired and not echo the token", got.Message)
		}
	})
	t.Run("region required for function actions", func(t *testing.T) {
		h.region = ""
		defer func() { h.region = "ap-guangzhou" }()
		r := h.expect("MissingParameter", "ListFunctions", map[string]any{})
		if !strings.Contains(r.Message, "Region") {
			t.Fatalf("message %q should name Region", r.Message)
		}
		h.ok("ListNamespaces", map[string]any{})
	})
	t.Run("tag action needs tag service", func(t *testing.T) {
		r := h.newRequest("ModifyResourceTags", []byte(`{}`))
		testSign(r, []byte(`{}`), DefaultSecretID, DefaultSecretKey, "scf", now)
		got := h.serve(r)
		if got.Code != "AuthFailure.SignatureFailure" || !strings.Contains(got.Message, `"tag"`) {
			t.Fatalf("got %s %q", got.Code, got.Message)
		}
	})
}

// TestSignedHeadersWithAction checks that a verifier honours a client that
// also signs x-tc-action (lower-cased value), in its listed order.
func TestSignedHeadersWithAction(t *testing.T) {
	h := newHarness(t, Options{})
	body := []byte(`{}`)
	r := h.newRequest("ListNamespaces", body)
	ts := r.Header.Get("X-TC-Timestamp")
	tsInt, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		t.Fatal(err)
	}
	auth := tc3Auth{Date: time.Unix(tsInt, 0).UTC().Format("2006-01-02"), Service: "scf"}
	signed := []string{"content-type", "host", "x-tc-action"}
	sig := tc3Signature(DefaultSecretKey, auth, ts, canonicalRequest(r, body, signed, r.Host))
	r.Header.Set("Authorization", "TC3-HMAC-SHA256 Credential="+DefaultSecretID+"/"+auth.scope()+", SignedHeaders=content-type;host;x-tc-action, Signature="+sig)
	if got := h.serve(r); got.Code != "" {
		t.Fatalf("got %s: %s", got.Code, got.Message)
	}
}

func TestUnsignedPayloadHeader(t *testing.T) {
	h := newHarness(t, Options{})
	body := []byte(`{}`)
	r := h.newRequest("ListNamespaces", body)
	r.Header.Set("X-TC-Content-SHA256", "UNSIGNED-PAYLOAD")
	// Signed over the body, but the header announces an unsigned payload.
	if got := h.serve(r); got.Code != "AuthFailure.SignatureFailure" {
		t.Fatalf("got %q, want SignatureFailure", got.Code)
	}
}

func TestParseAuthorization(t *testing.T) {
	good := "TC3-HMAC-SHA256 Credential=AKIDx/2024-01-02/scf/tc3_request, SignedHeaders=content-type;host, Signature=" + strings.Repeat("ab", 32)
	a, err := parseAuthorization(good)
	if err != nil {
		t.Fatal(err)
	}
	if a.SecretID != "AKIDx" || a.Date != "2024-01-02" || a.Service != "scf" || len(a.SignedHeaders) != 2 {
		t.Fatalf("parsed %+v", a)
	}
	bad := []string{
		"",
		"TC3-HMAC-SHA256",
		"TC3-HMAC-SHA256 Credential=AKIDx/2024-01-02/scf/tc3_request",
		strings.Replace(good, "2024-01-02", "2024-13-02", 1),
		strings.Replace(good, "/scf/", "//", 1),
		strings.Replace(good, "Signature=ab", "Signature=AB", 1),
		strings.Replace(good, "content-type;host", "Content-Type;host", 1),
		strings.Replace(good, "content-type;host", "content-type;;host", 1),
		good + ", Signature=" + strings.Repeat("cd", 32),
		good + ", Extra=1",
	}
	for _, b := range bad {
		if _, err := parseAuthorization(b); err == nil {
			t.Errorf("accepted %q", b)
		}
	}
}

func FuzzParseAuthorization(f *testing.F) {
	f.Add("TC3-HMAC-SHA256 Credential=AKIDx/2024-01-02/scf/tc3_request, SignedHeaders=content-type;host, Signature=" + strings.Repeat("ab", 32))
	f.Add("TC3-HMAC-SHA256 Credential=/, SignedHeaders=;, Signature=")
	f.Add("TC3-HMAC-SHA256 ,,,===")
	f.Fuzz(func(t *testing.T, h string) {
		a, err := parseAuthorization(h)
		if err != nil {
			return
		}
		if a.SecretID == "" || len(a.Signature) != 64 || a.scope() == "" {
			t.Fatalf("accepted an incomplete header: %+v", a)
		}
		r := httptest.NewRequestWithContext(t.Context(), http.MethodPost, "/", bytes.NewReader(nil))
		_ = canonicalRequest(r, nil, a.SignedHeaders, r.Host)
	})
}

func TestSignedHostForms(t *testing.T) {
	cases := map[string][]string{
		"scf.tencentcloudapi.com":      {"scf.tencentcloudapi.com"},
		"scf.tencentcloudapi.com:9000": {"scf.tencentcloudapi.com:9000", "scf.tencentcloudapi.com"},
		"127.0.0.1:9000":               {"127.0.0.1:9000", "127.0.0.1"},
		"[::1]:9000":                   {"[::1]:9000", "[::1]"},
		"[::1]":                        {"[::1]"},
		"host:":                        {"host:"},
		"host:http":                    {"host:http"},
	}
	for host, want := range cases {
		if got := signedHostForms(host); !slices.Equal(got, want) {
			t.Errorf("signedHostForms(%q) = %q, want %q", host, got, want)
		}
	}
}

// TestHostSignedWithOrWithoutPort: the Node.js SDK signs the host name
// without the port it sends in Host; Go and the others sign it with the
// port. Both must pass, and every other protection must hold for both.
func TestHostSignedWithOrWithoutPort(t *testing.T) {
	h := newHarness(t, Options{})
	body := []byte(`{"Limit":1}`)
	now := time.Now().Unix()
	send := func(host, signedHost, key string, ts int64, mutate func(*http.Request)) result {
		t.Helper()
		r := h.newRequest("ListNamespaces", body)
		r.Host = host
		testSignHost(r, body, DefaultSecretID, key, "scf", signedHost, ts)
		if mutate != nil {
			mutate(r)
		}
		return h.serve(r)
	}
	tamper := func(r *http.Request) { r.Body = io.NopCloser(strings.NewReader(`{"Limit":2}`)) }
	const host = "scf.tencentcloudapi.com:9000"
	cases := []struct {
		name, host, signed, key string
		ts                      int64
		mutate                  func(*http.Request)
		code                    string
	}{
		{"with port", host, host, DefaultSecretKey, now, nil, ""},
		{"without port", host, "scf.tencentcloudapi.com", DefaultSecretKey, now, nil, ""},
		{"IPv4 without port", "127.0.0.1:9000", "127.0.0.1", DefaultSecretKey, now, nil, ""},
		{"IPv6 without port", "[::1]:9000", "[::1]", DefaultSecretKey, now, nil, ""},
		{"with port, tampered body", host, host, DefaultSecretKey, now, tamper, "AuthFailure.SignatureFailure"},
		{"without port, tampered body", host, "scf.tencentcloudapi.com", DefaultSecretKey, now, tamper, "AuthFailure.SignatureFailure"},
		{"with port, wrong key", host, host, "not-the-key", now, nil, "AuthFailure.SignatureFailure"},
		{"without port, wrong key", host, "scf.tencentcloudapi.com", "not-the-key", now, nil, "AuthFailure.SignatureFailure"},
		{"with port, expired", host, host, DefaultSecretKey, now - 360, nil, "AuthFailure.SignatureExpire"},
		{"without port, expired", host, "scf.tencentcloudapi.com", DefaultSecretKey, now - 360, nil, "AuthFailure.SignatureExpire"},
		{"other name, with port", host, "cvm.tencentcloudapi.com:9000", DefaultSecretKey, now, nil, "AuthFailure.SignatureFailure"},
		{"other name, without port", host, "cvm.tencentcloudapi.com", DefaultSecretKey, now, nil, "AuthFailure.SignatureFailure"},
		{"other port", host, "scf.tencentcloudapi.com:9001", DefaultSecretKey, now, nil, "AuthFailure.SignatureFailure"},
		{"port the Host does not carry", "scf.tencentcloudapi.com", host, DefaultSecretKey, now, nil, "AuthFailure.SignatureFailure"},
		{"name prefix only", host, "scf.tencentcloudapi", DefaultSecretKey, now, nil, "AuthFailure.SignatureFailure"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := send(tc.host, tc.signed, tc.key, tc.ts, tc.mutate); got.Code != tc.code {
				t.Fatalf("code = %q (%s), want %q", got.Code, got.Message, tc.code)
			}
		})
	}
}

// TestLocalEndpointServiceLabel: the Node.js, Java, PHP and .NET SDKs take
// the credential-scope service from the endpoint's first label, which for a
// fake on 127.0.0.1:9000 is "127". That label is accepted for loopback and
// IP-literal hosts only.
func TestLocalEndpointServiceLabel(t *testing.T) {
	h := newHarness(t, Options{})
	body := []byte(`{}`)
	cases := []struct{ host, service, code string }{
		{"127.0.0.1:9000", "127", ""},
		{"127.0.0.1", "127", ""},
		{"localhost:9000", "localhost:9000", ""},
		{"[::1]:9000", "[::1]:9000", ""},
		{"127.0.0.1:9000", "128", "AuthFailure.SignatureFailure"},
		{"127.0.0.1:9000", "cvm", "AuthFailure.SignatureFailure"},
		{"fake.example:9000", "fake", "AuthFailure.SignatureFailure"},
		{"localhost:9000", "localhost", "AuthFailure.SignatureFailure"},
	}
	for _, tc := range cases {
		r := h.newRequest("ListNamespaces", body)
		r.Host = tc.host
		testSign(r, body, DefaultSecretID, DefaultSecretKey, tc.service, time.Now().Unix())
		if got := h.serve(r); got.Code != tc.code {
			t.Errorf("Host %s, service %q: code = %q (%s), want %q", tc.host, tc.service, got.Code, got.Message, tc.code)
		}
	}
}
