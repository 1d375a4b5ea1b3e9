package fakescf

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

// getRequest builds a TC3 GET the way the SDKs do with reqMethod GET: the
// parameters flattened into the query string, form Content-Type, no body.
func (h *harness) getRequest(action, query string) *http.Request {
	r := httptest.NewRequestWithContext(h.t.Context(), http.MethodGet, "http://scf.tencentcloudapi.com/?"+query, http.NoBody)
	r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	r.Header.Set("X-TC-Action", action)
	r.Header.Set("X-TC-Version", scfVersion)
	r.Header.Set("X-TC-Region", h.region)
	testSign(r, nil, DefaultSecretID, DefaultSecretKey, "scf", time.Now().Unix())
	return r
}

func (h *harness) getCall(action, query string) result {
	h.t.Helper()
	return h.serve(h.getRequest(action, query))
}

func TestGetRequestsWithQueryString(t *testing.T) {
	h := newHarness(t, Options{})
	// Insertion order, as Node.js, Python, Java, PHP and .NET send it; Go
	// would sort. Spaces as %20 (Node.js) and as + (the others).
	q := "FunctionName=get-fn&Runtime=Python3.9&MemorySize=256&Timeout=7" +
		"&Code.ZipFile=" + url.QueryEscape(testZip(t)) +
		"&Environment.Variables.0.Key=A&Environment.Variables.0.Value=one%20two" +
		"&Environment.Variables.1.Key=B&Environment.Variables.1.Value=three+four" +
		"&Description=made+by+GET"
	if got := h.getCall("CreateFunction", q); got.Code != "" {
		t.Fatalf("CreateFunction by GET: %s %s", got.Code, got.Message)
	}
	got := h.getCall("GetFunction", "FunctionName=get-fn&Namespace=default")
	if got.Code != "" {
		t.Fatalf("GetFunction by GET: %s %s", got.Code, got.Message)
	}
	var fn struct {
		MemorySize, Timeout int64
		Description         string
		Environment         struct{ Variables []struct{ Key, Value string } }
	}
	if err := json.Unmarshal(got.Raw, &fn); err != nil {
		t.Fatal(err)
	}
	wantEnv := []struct{ Key, Value string }{{"A", "one two"}, {"B", "three four"}}
	if fn.MemorySize != 256 || fn.Timeout != 7 || fn.Description != "made by GET" || !reflect.DeepEqual(fn.Environment.Variables, wantEnv) {
		t.Fatalf("GetFunction read back %+v", fn)
	}
	list := h.getCall("ListFunctions", "Filters.0.Name=Runtime&Filters.0.Values.0=Python3.9&Limit=5")
	if list.Code != "" || !strings.Contains(string(list.Raw), `"get-fn"`) {
		t.Fatalf("ListFunctions by GET: %s %s %s", list.Code, list.Message, list.Raw)
	}
	// ResourceEnv is accepted unparsed; its flattened form must still decode.
	if got := h.getCall("CreateNamespace", "Namespace=get-ns&ResourceEnv.K8sCluster.ClusterId=cls-1"); got.Code != "" {
		t.Fatalf("CreateNamespace by GET: %s %s", got.Code, got.Message)
	}
}

func TestGetRequestRejections(t *testing.T) {
	h := newHarness(t, Options{})
	signed := func(query string, mutate func(*http.Request)) result {
		t.Helper()
		r := h.getRequest("GetFunction", query)
		mutate(r)
		return h.serve(r)
	}
	cases := []struct {
		name   string
		query  string
		mutate func(*http.Request)
		code   string
	}{
		{"query changed after signing", "FunctionName=a", func(r *http.Request) { r.URL.RawQuery = "FunctionName=b" }, "AuthFailure.SignatureFailure"},
		{"query reordered after signing", "FunctionName=a&Namespace=default", func(r *http.Request) { r.URL.RawQuery = "Namespace=default&FunctionName=a" }, "AuthFailure.SignatureFailure"},
		{"wrong key", "FunctionName=a", func(r *http.Request) {
			testSign(r, nil, DefaultSecretID, "not-the-key", "scf", time.Now().Unix())
		}, "AuthFailure.SignatureFailure"},
		{"with a body", "FunctionName=a", func(r *http.Request) { r.Body = io.NopCloser(strings.NewReader(`{}`)) }, "UnsupportedProtocol"},
		{"JSON content type", "FunctionName=a", func(r *http.Request) { r.Header.Set("Content-Type", "application/json") }, "UnsupportedProtocol"},
		{"PUT", "FunctionName=a", func(r *http.Request) { r.Method = http.MethodPut }, "UnsupportedProtocol"},
		{"over 32 KB", "FunctionName=" + strings.Repeat("a", 32<<10), func(*http.Request) {}, "RequestSizeLimitExceeded"},
		{"unknown parameter", "FunctionName=a&Foo=1", func(*http.Request) {}, "UnknownParameter"},
		{"repeated parameter", "FunctionName=a&FunctionName=b", func(*http.Request) {}, "InvalidParameter.Payload"},
		{"empty name part", "FunctionName=a&Code..ZipFile=x", func(*http.Request) {}, "InvalidParameter.Payload"},
		{"bad escape", "FunctionName=%zz", func(*http.Request) {}, "InvalidParameter.Payload"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := signed(tc.query, tc.mutate); got.Code != tc.code {
				t.Fatalf("code = %q (%s), want %q", got.Code, got.Message, tc.code)
			}
		})
	}
	t.Run("unsigned payload", func(t *testing.T) {
		r := h.getRequest("ListNamespaces", "Limit=1")
		r.Header.Set("X-TC-Content-SHA256", "UNSIGNED-PAYLOAD")
		testSign(r, nil, DefaultSecretID, DefaultSecretKey, "scf", time.Now().Unix())
		if got := h.serve(r); got.Code != "" {
			t.Fatalf("got %s %s", got.Code, got.Message)
		}
	})
	create := func(extra string) result {
		return h.getCall("CreateFunction", "FunctionName=bad-get&Runtime=Python3.9&Code.ZipFile="+url.QueryEscape(testZip(t))+extra)
	}
	for extra, code := range map[string]string{
		"&MemorySize=abc":                                "InvalidParameter.Payload",
		"&MemorySize=100":                                "InvalidParameterValue.MemorySize",
		"&Environment.Variables.1.Key=B":                 "InvalidParameter.Payload",
		"&Environment.Variables.01.Key=B":                "InvalidParameter.Payload",
		"&Code=x":                                        "InvalidParameter.Payload",
		"&Environment.Variables.0.Key.Deep=B":            "InvalidParameter.Payload",
		"&Environment=x":                                 "InvalidParameter.Payload",
		"&Environment.Variables.0.Unknown=B":             "UnknownParameter",
		"&Code.ImageConfig.ImagePort=nine":               "InvalidParameter.Payload",
		"&Code.ImageConfig.ImagePort=9000.5":             "InvalidParameter.Payload",
		"&Runtime.0=x":                                   "InvalidParameter.Payload",
		"&Layers.0.LayerName=l&Layers.0.LayerVersion=-1": "InvalidParameterValue.Layers",
	} {
		if got := create(extra); got.Code != code {
			t.Errorf("%s: code = %q (%s), want %q", extra, got.Code, got.Message, code)
		}
	}
}

// TestFormToJSONTypes checks the conversion of flattened values: booleans
// as each SDK writes them, integers, case-insensitive names as
// encoding/json matches them, and unknown names kept for the decoder.
func TestFormToJSONTypes(t *testing.T) {
	type inner struct {
		On   *bool
		N    int64
		Tags []string
	}
	type target struct {
		Name  string
		Inner inner
		List  []inner
	}
	cases := map[string]string{
		"Inner.On=true":                 `{"Inner":{"On":true}}`,
		"Inner.On=True":                 `{"Inner":{"On":true}}`,
		"Inner.On=1":                    `{"Inner":{"On":true}}`,
		"Inner.On=false":                `{"Inner":{"On":false}}`,
		"Inner.On=yes":                  `{"Inner":{"On":"yes"}}`,
		"Inner.N=%2B5":                  `{"Inner":{"N":5}}`,
		"Inner.N=5.0":                   `{"Inner":{"N":"5.0"}}`,
		"Name=7":                        `{"Name":"7"}`,
		"name=x":                        `{"name":"x"}`,
		"Inner.Tags.0=a&Inner.Tags.1=b": `{"Inner":{"Tags":["a","b"]}}`,
		"List.0.N=1&List.1.On=0":        `{"List":[{"N":1},{"On":false}]}`,
		"Other.X=1":                     `{"Other":{"X":"1"}}`,
		"":                              `{}`,
	}
	for query, want := range cases {
		form, err := url.ParseQuery(query)
		if err != nil {
			t.Fatal(err)
		}
		got, aerr := formToJSON(form, reflect.TypeFor[target]())
		if aerr != nil {
			t.Errorf("%q: %v", query, aerr)
			continue
		}
		if string(got) != want {
			t.Errorf("%q: got %s, want %s", query, got, want)
		}
	}
}

// FuzzFormToJSON feeds hostile query strings to the GET decoder: it must
// answer an error or a JSON object, never panic.
func FuzzFormToJSON(f *testing.F) {
	f.Add("FunctionName=a&Code.ZipFile=UEs&Environment.Variables.0.Key=K")
	f.Add("A.0.0.0=1&A.0.0.1=2&A.1=x")
	f.Add("Layers.99999999999999999999.LayerName=x")
	f.Add("Code=x&Code.ZipFile=y")
	f.Fuzz(func(t *testing.T, query string) {
		form, err := url.ParseQuery(query)
		if err != nil {
			return
		}
		out, aerr := formToJSON(form, reflect.TypeFor[createFunctionRequest]())
		if aerr != nil {
			return
		}
		var m map[string]any
		if err := json.Unmarshal(out, &m); err != nil {
			t.Fatalf("%q gave %s, not a JSON object: %v", query, out, err)
		}
	})
}
