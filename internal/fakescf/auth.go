package fakescf

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

const (
	tc3Algorithm    = "TC3-HMAC-SHA256"
	tc3Terminator   = "tc3_request"
	unsignedPayload = "UNSIGNED-PAYLOAD"
)

var (
	signatureRE = regexp.MustCompile(`^[0-9a-f]{64}$`)
	// serviceRE admits, besides product names, the labels that SDKs which
	// take the service from the endpoint's first label produce for a local
	// endpoint: "127" from 127.0.0.1:9000, "localhost:9000", "[::1]:9000".
	serviceRE      = regexp.MustCompile(`^[a-z0-9\[][a-z0-9:\[\]-]{0,63}$`)
	signedHeaderRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)
)

// tc3Auth is a parsed Authorization header.
type tc3Auth struct {
	SecretID      string
	Date          string
	Service       string
	SignedHeaders []string
	Signature     string
}

func (a tc3Auth) scope() string { return a.Date + "/" + a.Service + "/" + tc3Terminator }

// parseAuthorization parses
// "TC3-HMAC-SHA256 Credential=ID/DATE/SERVICE/tc3_request, SignedHeaders=a;b, Signature=HEX".
func parseAuthorization(h string) (tc3Auth, error) {
	var a tc3Auth
	if h == "" {
		return a, errors.New("the Authorization header is missing")
	}
	algo, rest, ok := strings.Cut(h, " ")
	if !ok || algo != tc3Algorithm {
		return a, errors.New("the Authorization header must use the TC3-HMAC-SHA256 algorithm")
	}
	seen := map[string]bool{}
	for part := range strings.SplitSeq(rest, ",") {
		key, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return a, errors.New("the Authorization header has a field without '='")
		}
		if seen[key] {
			return a, fmt.Errorf("the Authorization header repeats %s", truncate(key, 32))
		}
		seen[key] = true
		switch key {
		case "Credential":
			fields := strings.Split(val, "/")
			if len(fields) != 4 || fields[0] == "" || fields[3] != tc3Terminator {
				return a, errors.New("the Authorization Credential must be SecretId/Date/service/tc3_request")
			}
			if _, err := time.Parse(time.DateOnly, fields[1]); err != nil {
				return a, errors.New("the Authorization Credential date must be YYYY-MM-DD")
			}
			if !serviceRE.MatchString(fields[2]) {
				return a, errors.New("the Authorization Credential service is malformed")
			}
			a.SecretID, a.Date, a.Service = fields[0], fields[1], fields[2]
		case "SignedHeaders":
			for name := range strings.SplitSeq(val, ";") {
				if !signedHeaderRE.MatchString(name) {
					return a, errors.New("the Authorization SignedHeaders must be lower-case header names separated by ';'")
				}
				a.SignedHeaders = append(a.SignedHeaders, name)
			}
		case "Signature":
			if !signatureRE.MatchString(val) {
				return a, errors.New("the Authorization Signature must be 64 lower-case hex digits")
			}
			a.Signature = val
		default:
			return a, fmt.Errorf("the Authorization header has an unknown field %q", truncate(key, 32))
		}
	}
	if a.SecretID == "" || a.SignedHeaders == nil || a.Signature == "" {
		return a, errors.New("the Authorization header needs Credential, SignedHeaders and Signature")
	}
	if !slices.Contains(a.SignedHeaders, "content-type") || !slices.Contains(a.SignedHeaders, "host") {
		return a, errors.New("the Authorization SignedHeaders must include content-type and host")
	}
	return a, nil
}

// authenticate runs the signature checks of the pipeline in the documented
// order and returns the matching credential.
func (s *Server) authenticate(r *http.Request, body []byte, action *actionSpec) (Credential, *apiError) {
	auth, err := parseAuthorization(r.Header.Get("Authorization"))
	if err != nil {
		return Credential{}, errf("AuthFailure.InvalidAuthorization", "%s", err.Error())
	}
	tsHeader := r.Header.Get("X-TC-Timestamp")
	ts, err := strconv.ParseInt(tsHeader, 10, 64)
	if err != nil || ts < 0 {
		return Credential{}, errf("AuthFailure.InvalidAuthorization", "X-TC-Timestamp must be a Unix time in seconds")
	}
	wall := time.Now()
	if d := wall.Sub(time.Unix(ts, 0)); d > s.skew || -d > s.skew {
		return Credential{}, errf("AuthFailure.SignatureExpire", "the request timestamp is more than %s away from the server time", s.skew)
	}
	cred, ok := s.creds[auth.SecretID]
	if !ok {
		return Credential{}, errf("AuthFailure.SecretIdNotFound", "the SecretId does not exist or is disabled")
	}
	if cred.Token != "" && subtle.ConstantTimeCompare([]byte(r.Header.Get("X-TC-Token")), []byte(cred.Token)) != 1 {
		return Credential{}, errf("AuthFailure.TokenFailure", "the X-TC-Token header does not match the temporary credential")
	}
	if !cred.ExpiresAt.IsZero() && wall.After(cred.ExpiresAt) {
		return Credential{}, errf("AuthFailure.TokenFailure", "the temporary credential token has expired")
	}
	if time.Unix(ts, 0).UTC().Format(time.DateOnly) != auth.Date {
		return Credential{}, errf("AuthFailure.SignatureFailure", "the credential scope date does not match the UTC date of X-TC-Timestamp")
	}
	match := 0
	for _, host := range signedHostForms(r.Host) {
		want := tc3Signature(cred.SecretKey, auth, tsHeader, canonicalRequest(r, body, auth.SignedHeaders, host))
		match |= subtle.ConstantTimeCompare([]byte(want), []byte(auth.Signature))
	}
	if match != 1 {
		return Credential{}, errf("AuthFailure.SignatureFailure", "the request signature does not match; check the secret key and the signing steps")
	}
	if action != nil && auth.Service != action.service && !localEndpointLabel(r.Host, auth.Service) {
		return Credential{}, errf("AuthFailure.SignatureFailure", "action %s must be signed for service %q", action.name, action.service)
	}
	return cred, nil
}

// signedHostForms lists the values a client may have signed as the host
// header. The official SDKs disagree when the endpoint carries a port: Go,
// Python, Java, PHP and .NET sign "name:port", the Node.js SDK signs the
// URL's hostname without it, and both send "name:port". The real service
// listens on 443, where the two forms are the same string; a fake on a local
// port must accept either. The name itself must still match.
func signedHostForms(host string) []string {
	colon := strings.LastIndexByte(host, ':')
	if colon < 0 || colon < strings.LastIndexByte(host, ']') {
		return []string{host}
	}
	port := host[colon+1:]
	if port == "" || strings.Trim(port, "0123456789") != "" {
		return []string{host}
	}
	return []string{host, host[:colon]}
}

// localEndpointLabel reports whether service is what the SDKs that derive
// the credential scope from the endpoint (Node.js, Java, PHP, .NET: the text
// before its first dot) produce for a loopback or IP-literal endpoint, such
// as "127" for 127.0.0.1:9000. A real endpoint is always
// <service>.tencentcloudapi.com, so only a fake ever sees these labels.
func localEndpointLabel(host, service string) bool {
	name := host
	if forms := signedHostForms(host); len(forms) == 2 {
		name = forms[1]
	}
	name = strings.TrimSuffix(strings.TrimPrefix(name, "["), "]")
	if _, err := netip.ParseAddr(name); err != nil && !strings.EqualFold(name, "localhost") {
		return false
	}
	label, _, _ := strings.Cut(host, ".")
	return service == label
}

// canonicalRequest rebuilds the canonical request from the headers the
// client says it signed, in the order it lists them, with host as the value
// of the host header.
func canonicalRequest(r *http.Request, body []byte, signed []string, host string) string {
	var hdr strings.Builder
	for _, name := range signed {
		var v string
		switch name {
		case "host":
			v = host
		case "x-tc-action":
			v = strings.ToLower(strings.TrimSpace(r.Header.Get(name)))
		default:
			v = strings.TrimSpace(r.Header.Get(name))
		}
		hdr.WriteString(name + ":" + v + "\n")
	}
	var payloadHash string
	if r.Header.Get("X-TC-Content-SHA256") == unsignedPayload {
		// The SDK hashes the literal marker in place of the body.
		payloadHash = sha256Hex([]byte(unsignedPayload))
	} else {
		payloadHash = sha256Hex(body)
	}
	// Every SDK signs CanonicalURI "/". The query string is signed as sent:
	// empty for POST, and for GET in whatever order and encoding the SDK
	// chose (Go sorts, the others keep insertion order), so it is never
	// re-encoded here. A GET has no body, so its payload hash is that of "".
	return strings.Join([]string{r.Method, "/", r.URL.RawQuery, hdr.String(), strings.Join(signed, ";"), payloadHash}, "\n")
}

// tc3Signature derives the signing key and signs the string to sign.
func tc3Signature(secretKey string, auth tc3Auth, timestamp, canonical string) string {
	sts := strings.Join([]string{tc3Algorithm, timestamp, auth.scope(), sha256Hex([]byte(canonical))}, "\n")
	kDate := hmacSHA256([]byte("TC3"+secretKey), auth.Date)
	kService := hmacSHA256(kDate, auth.Service)
	kSigning := hmacSHA256(kService, tc3Terminator)
	return hex.EncodeToString(hmacSHA256(kSigning, sts))
}

func hmacSHA256(key []byte, msg string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(msg))
	return m.Sum(nil)
}

func sha256Hex(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
