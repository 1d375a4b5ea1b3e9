package scfapi_test

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"unicode/utf8"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// A hostile or broken server: whatever it answers, the client returns a
// clear *APIError (or a sane result), never panics, never quotes the body,
// keeps what it shows short and printable, and reads a bounded amount.

// hostileReply writes one raw answer.
type hostileReply func(w http.ResponseWriter)

func raw(status int, contentType, body string) hostileReply {
	return func(w http.ResponseWriter) {
		if contentType != "" {
			w.Header().Set("Content-Type", contentType)
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// marker is in every hostile body: no error text may quote it.
const marker = "BODY-MARKER-7f3a"

// activeFunction is a valid GetFunction answer with extra text spliced in.
func activeFunction(extra string) string {
	return `{"Response":{"FunctionName":"fn","Namespace":"ns","Status":"Active","RequestId":"rid-1"` + extra + `}}`
}

func deflated(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := flate.NewWriter(&b, flate.BestCompression)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestHostileServerReads(t *testing.T) {
	// 64 MiB of zeros inflate from about 64 KB: a decompression bomb.
	bomb := make([]byte, 64<<20)
	deflateBomb, gzipBomb := deflated(t, bomb), gzipped(t, bomb)
	deep := strings.Repeat("[", 1<<20)
	deepValid := strings.Repeat("[", 5000) + strings.Repeat("]", 5000)

	cases := []struct {
		name  string
		reply hostileReply
		// code is the wanted error code; "" means success is acceptable.
		code string
		// check inspects a successful result.
		check func(t *testing.T, f *scfapi.Function)
	}{
		{name: "malformed JSON", reply: raw(200, "application/json", `{"Response": {"FunctionName": "`+marker), code: "ClientError.ParseJsonError"},
		{name: "empty body", reply: raw(200, "application/json", ""), code: "ClientError.ParseJsonError"},
		{name: "JSON array", reply: raw(200, "application/json", `["`+marker+`"]`), code: "ClientError.ParseJsonError"},
		{name: "JSON string", reply: raw(200, "application/json", `"`+marker+`"`), code: "ClientError.ParseJsonError"},
		{name: "no Response object", reply: raw(200, "application/json", `{"Other":"`+marker+`"}`), code: "ClientError.EmptyResponse"},
		{name: "null Response", reply: raw(200, "application/json", `{"Response":null}`), code: "ClientError.EmptyResponse"},
		{name: "wrong field types", reply: raw(200, "application/json", activeFunction(`,"MemorySize":"`+marker+`","Timeout":{"a":1}`)), code: "ClientError.ParseJsonError"},
		{name: "wrong type of the error code", reply: raw(200, "application/json", `{"Response":{"Error":{"Code":42,"Message":"`+marker+`"}}}`), code: "ClientError.ParseJsonError"},
		{name: "legacy error format", reply: raw(200, "application/json", `{"code":4000,"message":"old style","codeDesc":"InvalidParameter"}`), code: "InvalidParameter"},
		{name: "legacy error without a code", reply: raw(200, "application/json", `{"code":4000,"message":"no description"}`), code: "ClientError.Unknown"},
		{name: "deeply nested array", reply: raw(200, "application/json", `{"Response":`+deep), code: "ClientError.ParseJsonError"},
		{name: "deeply nested unknown field", reply: raw(200, "application/json", activeFunction(`,"Unknown":`+deepValid)), check: func(t *testing.T, f *scfapi.Function) {
			if f.Status != "Active" {
				t.Errorf("status %q", f.Status)
			}
		}},
		{name: "unknown fields", reply: raw(200, "application/json", activeFunction(`,"Brand":"new","Nested":{"x":[1,2,{"y":null}]}`)), check: func(t *testing.T, f *scfapi.Function) {
			if f.FunctionName != "fn" || f.Status != "Active" {
				t.Errorf("got %+v", f)
			}
		}},
		{name: "invalid UTF-8 in values", reply: raw(200, "application/json", activeFunction(",\"Description\":\"bad \xff\xfe bytes\",\"Handler\":\"a\xc3.b\"")), check: func(t *testing.T, f *scfapi.Function) {
			if !utf8.ValidString(f.Description) || !utf8.ValidString(f.Handler) {
				t.Errorf("invalid UTF-8 kept: %q %q", f.Description, f.Handler)
			}
		}},
		{name: "hostile error text", reply: raw(200, "application/json",
			`{"Response":{"Error":{"Code":"FailedOperation.Evil\u001b[31m\n","Message":"line one\nline two \u001b[2J`+"\xff"+strings.Repeat(" long", 100000)+`"},"RequestId":"`+strings.Repeat("r", 10000)+`"}}`),
			code: "FailedOperation.Evil?[31m"},
		{name: "HTML page with status 200", reply: raw(200, "text/html", "<html><body>"+marker+"</body></html>"), code: "ClientError.ParseJsonError"},
		{name: "HTML page with status 404", reply: raw(404, "text/html", "<html>"+marker+"</html>"), code: "ClientError.HttpStatusCodeError"},
		{name: "HTML page with status 502", reply: raw(502, "text/html", "<html>"+marker+"</html>"), code: "ClientError.HttpStatusCodeError"},
		{name: "5xx with a JSON body", reply: raw(503, "application/json", `{"Response":{"RequestId":"`+marker+`"}}`), code: "ClientError.HttpStatusCodeError"},
		{name: "body over the limit", reply: raw(200, "application/json", `{"Response":{"Description":"`+strings.Repeat("x", scfapi.MaxResponseBytes)+`"}}`), code: "ClientError.ResponseTooLarge"},
		{name: "body of exactly the limit", reply: raw(200, "application/json", activeFunction(`,"Description":"`+strings.Repeat("y", scfapi.MaxResponseBytes-len(activeFunction(`,"Description":""`)))+`"`)), check: func(t *testing.T, f *scfapi.Function) {
			if len(f.Description) == 0 {
				t.Error("the description was lost")
			}
		}},
		{name: "deflate bomb", reply: func(w http.ResponseWriter) {
			w.Header().Set("Content-Encoding", "deflate")
			_, _ = w.Write(deflateBomb)
		}, code: "ClientError.ResponseTooLarge"},
		{name: "gzip bomb", reply: func(w http.ResponseWriter) {
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(gzipBomb)
		}, code: "ClientError.ResponseTooLarge"},
		{name: "deflate answer", reply: func(w http.ResponseWriter) {
			w.Header().Set("Content-Encoding", "deflate")
			_, _ = w.Write(deflated(t, []byte(activeFunction(""))))
		}, check: func(t *testing.T, f *scfapi.Function) {
			if f.Status != "Active" {
				t.Errorf("status %q", f.Status)
			}
		}},
		{name: "corrupt gzip", reply: func(w http.ResponseWriter) {
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = io.WriteString(w, marker)
		}, code: "ClientError.IOError"},
		{name: "body cut short", reply: func(w http.ResponseWriter) {
			w.Header().Set("Content-Length", "1000")
			_, _ = io.WriteString(w, `{"Response":{"FunctionName":"`+marker)
		}, code: "ClientError.IOError"},
		{name: "event stream content type", reply: raw(200, "text/event-stream", activeFunction("")), check: func(t *testing.T, f *scfapi.Function) {
			if f.Status != "Active" {
				t.Errorf("status %q", f.Status)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var served atomic.Int64
			f := newRawAPI(t, func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				served.Add(1)
				tc.reply(w)
			})
			c := newTestClient(t, f, func(cfg *scfapi.Config) { cfg.MaxRetries = 1 })
			fn, err := c.GetFunction(testCtx(t), "ns", "fn")
			if tc.code == "" {
				if err != nil {
					t.Fatalf("got %v, want success", err)
				}
				tc.check(t, fn)
				return
			}
			var apiErr *scfapi.APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("got %v (%T), want *scfapi.APIError %s", err, err, tc.code)
			}
			if apiErr.Code != tc.code {
				t.Errorf("code %q, want %q: %v", apiErr.Code, tc.code, err)
			}
			checkShownText(t, err)
			// Only transport failures are worth a second read.
			wantServed := int64(1)
			if tc.code == "ClientError.HttpStatusCodeError" && !strings.Contains(tc.name, "404") || tc.code == "ClientError.IOError" {
				wantServed = 2
			}
			if got := served.Load(); got != wantServed {
				t.Errorf("the server answered %d requests, want %d", got, wantServed)
			}
		})
	}
}

// checkShownText requires an error text that quotes nothing of the body,
// stays short, and is printable single-line valid UTF-8.
func checkShownText(t *testing.T, err error) {
	t.Helper()
	for _, text := range []string{err.Error(), fmt.Sprint(errors.Unwrap(err))} {
		if strings.Contains(text, marker) || strings.Contains(text, "<html") {
			t.Errorf("the error quotes the body: %.300q", text)
		}
		if len(text) > 4000 {
			t.Errorf("the error text is %d bytes long", len(text))
		}
		if !utf8.ValidString(text) || strings.ContainsAny(text, "\x1b\n\r") {
			t.Errorf("the error text is not clean: %.300q", text)
		}
	}
}

// TestHostileServerMutations: an answer that cannot be read leaves a
// mutation's outcome unknown, so the client looks the function up before
// anything else, exactly as after a lost response; nothing is applied twice.
func TestHostileServerMutations(t *testing.T) {
	answers := map[string]hostileReply{
		"malformed JSON": raw(200, "application/json", `{"Response":`),
		"HTML page":      raw(200, "text/html", "<html>"+marker+"</html>"),
		"no Response":    raw(200, "application/json", `{}`),
		"too large":      raw(200, "application/json", `{"Response":{"X":"`+strings.Repeat("z", scfapi.MaxResponseBytes)+`"}}`),
		"502 page":       raw(502, "text/html", "<html>"+marker+"</html>"),
		"cut short": func(w http.ResponseWriter) {
			w.Header().Set("Content-Length", "500")
			_, _ = io.WriteString(w, `{"Response":`)
		},
	}
	for name, hostile := range answers {
		t.Run(name, func(t *testing.T) {
			var updates, lookups atomic.Int64
			f := newRawAPI(t, func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				switch r.Header.Get("X-TC-Action") {
				case "UpdateFunctionConfiguration":
					if updates.Add(1) == 1 {
						hostile(w)
						return
					}
					raw(200, "application/json", `{"Response":{"RequestId":"ok"}}`)(w)
				case "GetFunction":
					lookups.Add(1)
					// The hostile attempt was applied: the function is updating.
					raw(200, "application/json", `{"Response":{"FunctionName":"fn","Namespace":"ns","Status":"Updating","RequestId":"g"}}`)(w)
				default:
					raw(200, "application/json", `{"Response":{"Error":{"Code":"UnexpectedAction","Message":"x"}}}`)(w)
				}
			})
			c := newTestClient(t, f, nil)
			err := c.UpdateFunctionConfiguration(testCtx(t), &scfapi.UpdateFunctionConfigurationRequest{FunctionName: sp("fn"), Namespace: sp("ns"), Description: sp("d")})
			if err != nil {
				t.Fatalf("got %v, want the update found applied", err)
			}
			if updates.Load() != 1 || lookups.Load() != 1 {
				t.Errorf("sent %d updates and %d lookups, want 1 and 1", updates.Load(), lookups.Load())
			}
		})
	}
}

// TestHostileServerNeverPanics sends a batch of byte-level mutations of a
// valid answer to every kind of call; any panic fails the test binary.
func TestHostileServerNeverPanics(t *testing.T) {
	base := activeFunction(`,"Environment":{"Variables":[{"Key":"K","Value":"V"}]},"Layers":[{"LayerName":"l","LayerVersion":1}],"Functions":[{"FunctionName":"a"}],"TotalCount":1,"Namespaces":[{"Name":"n"}]`)
	var n atomic.Int64
	f := newRawAPI(t, func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		i := int(n.Add(1))
		b := []byte(base)
		// Deterministic damage: cut, flip a byte, or duplicate a span.
		switch i % 3 {
		case 0:
			b = b[:i%len(b)]
		case 1:
			b[i%len(b)] ^= byte(i)
		default:
			j := i % len(b)
			b = append(b[:j:j], append([]byte(strings.Repeat(string(b[j:]), 2)), 0)...)
		}
		raw(200, "application/json", string(b))(w)
	})
	c := newTestClient(t, f, func(cfg *scfapi.Config) { cfg.MaxRetries = -1 })
	ctx := testCtx(t)
	calls := []func(context.Context) error{
		func(ctx context.Context) error { _, err := c.GetFunction(ctx, "ns", "fn"); return err },
		func(ctx context.Context) error { _, err := c.ListFunctions(ctx, nil); return err },
		func(ctx context.Context) error { _, err := c.ListNamespaces(ctx, nil); return err },
		func(ctx context.Context) error { _, err := c.GetFunctionAddress(ctx, "ns", "fn"); return err },
		func(ctx context.Context) error {
			return c.UpdateFunctionCode(ctx, &scfapi.UpdateFunctionCodeRequest{FunctionName: sp("fn")})
		},
		func(ctx context.Context) error { return c.DeleteFunction(ctx, "ns", "fn") },
		func(ctx context.Context) error {
			return c.CreateFunction(ctx, &scfapi.CreateFunctionRequest{FunctionName: sp("fn")})
		},
	}
	for i := range 300 {
		err := calls[i%len(calls)](ctx)
		if err != nil {
			checkShownText(t, err)
		}
	}
}
