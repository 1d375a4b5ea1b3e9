package fakescf

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
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
	signatureRE    = regexp.MustCompile(`^[0-9a-f]{64}$`)
	serviceRE      = regexp.MustCompile(`^[a-z][a-z0-9-]{0,31}$`)
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
	want := tc3Signature(cred.SecretKey, auth, tsHeader, canonicalRequest(r, body, auth.SignedHeaders))
	if !hmac.Equal([]byte(want), []byte(auth.Signature)) {
		return Credential{}, errf("AuthFailure.SignatureFailure", "the request signature does not match; check the secret key and the signing steps")
	}
	if action != nil && auth.Service != action.service {
		return Credential{}, errf("AuthFailure.SignatureFailure", "action %s must be signed for service %q", action.name, action.service)
	}
	return cred, nil
}

// canonicalRequest rebuilds the canonical request from the headers the
// client says it signed, in the order it lists them.
func canonicalRequest(r *http.Request, body []byte, signed []string) string {
	var hdr strings.Builder
	for _, name := range signed {
		var v string
		switch name {
		case "host":
			v = r.Host
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
	// CanonicalURI is always "/" and POST has no canonical query string.
	return strings.Join([]string{r.Method, "/", "", hdr.String(), strings.Join(signed, ";"), payloadHash}, "\n")
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
