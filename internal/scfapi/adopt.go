package scfapi

import (
	"fmt"
	"maps"
	"strings"
	"time"
)

// addTimeLayout is the layout of AddTime/ModTime; the service writes them in
// China Standard Time without a zone.
const addTimeLayout = "2006-01-02 15:04:05"

var serviceZone = time.FixedZone("UTC+8", 8*60*60)

// Values the service applies to CreateFunction fields left out.
const (
	defaultRuntime    = "Python2.7"
	defaultMemorySize = 128
	defaultTimeout    = 3
	defaultType       = "Event"
	// runtimeImage is the Runtime GetFunction reports for image functions.
	runtimeImage = "CustomImage"
)

// notOurs returns why f cannot be proven to be the function that req created
// in a call that began at start, or "" when it provably is. The reason names
// fields only: their values may be secrets.
func (c *Client) notOurs(f *Function, req *CreateFunctionRequest, start time.Time) string {
	added, err := time.ParseInLocation(addTimeLayout, f.AddTime, serviceZone)
	if err != nil {
		return "its creation time cannot be read"
	}
	// AddTime has whole seconds only.
	earliest := start.Truncate(time.Second).Add(-c.adoptionSkew)
	if added.Before(earliest) {
		return fmt.Sprintf("it was created at %s (UTC+8), before this call started at %s",
			f.AddTime, start.In(serviceZone).Format(addTimeLayout))
	}
	if diff := configDiff(f, req); len(diff) > 0 {
		return "its " + strings.Join(diff, ", ") + " differ from this call's request"
	}
	return ""
}

// configDiff lists the fields whose value in f differs from what req asked
// for. Fields the service fills in by itself (the CLS log set and topic, and
// the handler when none was requested) are not compared.
func configDiff(f *Function, req *CreateFunctionRequest) []string {
	var diff []string
	check := func(field string, same bool) {
		if !same {
			diff = append(diff, field)
		}
	}
	check("Handler", sameHandler(f.Handler, req))
	check("Runtime", sameRuntime(f.Runtime, req))
	check("MemorySize", f.MemorySize == orInt(req.MemorySize, defaultMemorySize))
	check("Timeout", f.Timeout == orInt(req.Timeout, defaultTimeout))
	check("Type", strings.EqualFold(f.Type, orString(req.Type, defaultType)))
	check("Description", f.Description == deref(req.Description))
	check("Role", f.Role == deref(req.Role))
	check("VpcConfig", sameVPC(f.VpcConfig, req.VpcConfig))
	check("Environment", maps.Equal(envOut(f.Environment), envIn(req.Environment)))
	check("Layers", sameLayers(f.Layers, req.Layers))
	if req.Code != nil && req.Code.ZipFile != nil {
		check("CodeSize", f.CodeSize == decodedLen(*req.Code.ZipFile))
	}
	return diff
}

func isImage(req *CreateFunctionRequest) bool {
	return req.Code != nil && req.Code.ImageConfig != nil
}

// sameHandler compares the handler: an image function has none, and without
// a requested handler the service picks the runtime's default entry point,
// which is not documented.
func sameHandler(got string, req *CreateFunctionRequest) bool {
	want := deref(req.Handler)
	switch {
	case isImage(req):
		return got == "" || got == want
	case want == "":
		return true
	}
	return got == want
}

// sameRuntime compares the runtime: GetFunction reports CustomImage for an
// image function whatever the request said.
func sameRuntime(got string, req *CreateFunctionRequest) bool {
	if isImage(req) && strings.EqualFold(got, runtimeImage) {
		return true
	}
	return strings.EqualFold(got, orString(req.Runtime, defaultRuntime))
}

func orString(p *string, def string) string {
	if p == nil || *p == "" {
		return def
	}
	return *p
}

func orInt(p *int64, def int64) int64 {
	if p == nil || *p == 0 {
		return def
	}
	return *p
}

func sameVPC(out VpcConfigOut, in *VpcConfig) bool {
	if in == nil {
		return out.VpcId == "" && out.SubnetId == ""
	}
	return out.VpcId == deref(in.VpcId) && out.SubnetId == deref(in.SubnetId)
}

func envOut(e EnvironmentOut) map[string]string {
	m := make(map[string]string, len(e.Variables))
	for _, v := range e.Variables {
		if v.Key != "" {
			m[v.Key] = v.Value
		}
	}
	return m
}

func envIn(e *Environment) map[string]string {
	m := map[string]string{}
	if e == nil {
		return m
	}
	for _, v := range e.Variables {
		// The clearing sentinel {"Key":"","Value":""} stands for no variables.
		if v != nil && deref(v.Key) != "" {
			m[*v.Key] = deref(v.Value)
		}
	}
	return m
}

func sameLayers(out []LayerVersionInfo, in []*LayerVersionSimple) bool {
	var want []*LayerVersionSimple
	for _, l := range in {
		// The clearing sentinel {"LayerName":"","LayerVersion":0} binds nothing.
		if l != nil && deref(l.LayerName) != "" {
			want = append(want, l)
		}
	}
	if len(want) != len(out) {
		return false
	}
	for i, l := range want {
		if out[i].LayerName != *l.LayerName || out[i].LayerVersion != deref(l.LayerVersion) {
			return false
		}
	}
	return true
}

// decodedLen returns the number of bytes that the base64 text s decodes to,
// without decoding (it can be tens of megabytes).
func decodedLen(s string) int64 {
	var n int64
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '=', '\r', '\n', ' ', '\t':
		default:
			n++
		}
	}
	return n * 3 / 4
}
