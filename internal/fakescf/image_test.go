package fakescf

import (
	"strings"
	"testing"
)

const testDigest = "sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func imageCode(extra map[string]any) map[string]any {
	ic := map[string]any{"ImageType": "personal", "ImageUri": "ccr.ccs.tencentyun.com/ns/app:v1"}
	for k, v := range extra {
		ic[k] = v
	}
	return map[string]any{"ImageConfig": ic}
}

// imageParams is a CreateFunction request for an image function named fn,
// without Runtime unless the case sets one.
func imageParams(t *testing.T, extra map[string]any) map[string]any {
	p := createParams(t, "fn")
	delete(p, "Runtime")
	p["Code"] = imageCode(nil)
	for k, v := range extra {
		p[k] = v
	}
	return p
}

func imageConfigOf(t *testing.T, fn map[string]any) map[string]any {
	t.Helper()
	return obj(t, fn["ImageConfig"])
}

func TestImageFunctionCreateRejections(t *testing.T) {
	cases := []struct {
		name   string
		params func(t *testing.T) map[string]any
		code   string
		msgHas string
	}{
		{name: "code runtime with image", params: func(t *testing.T) map[string]any {
			return imageParams(t, map[string]any{"Runtime": "Python3.9"})
		}, code: "InvalidParameterValue.Runtime", msgHas: "CustomImage"},
		{name: "custom runtime with image", params: func(t *testing.T) map[string]any {
			return imageParams(t, map[string]any{"Runtime": "CustomRuntime"})
		}, code: "InvalidParameterValue.Runtime"},
		{name: "CustomImage with a zip", params: func(t *testing.T) map[string]any {
			p := createParams(t, "fn")
			p["Runtime"] = runtimeImage
			return p
		}, code: "InvalidParameterValue.Runtime", msgHas: "Code.ImageConfig"},
		{name: "CustomImage with COS", params: func(t *testing.T) map[string]any {
			p := createParams(t, "fn")
			p["Runtime"] = runtimeImage
			p["Code"] = map[string]any{"CosBucketName": "scf-code", "CosObjectName": "/demo/code.zip"}
			return p
		}, code: "InvalidParameterValue.Runtime"},
		{name: "CustomImage without code", params: func(t *testing.T) map[string]any {
			p := createParams(t, "fn")
			p["Runtime"] = runtimeImage
			delete(p, "Code")
			return p
		}, code: "MissingParameter.Code"},
		{name: "runtime checked before InstallDependency", params: func(t *testing.T) map[string]any {
			return imageParams(t, map[string]any{"Runtime": "Nodejs18.15", "InstallDependency": "TRUE"})
		}, code: "InvalidParameterValue.Runtime"},
		{name: "install dependency", params: func(t *testing.T) map[string]any {
			return imageParams(t, map[string]any{"InstallDependency": "TRUE"})
		}, code: "UnsupportedOperation", msgHas: "Node.js"},
		{name: "install dependency, CustomImage named", params: func(t *testing.T) map[string]any {
			return imageParams(t, map[string]any{"Runtime": runtimeImage, "InstallDependency": "TRUE"})
		}, code: "UnsupportedOperation"},
		{name: "enterprise without registry", params: func(t *testing.T) map[string]any {
			return imageParams(t, map[string]any{"Code": imageCode(map[string]any{"ImageType": "enterprise"})})
		}, code: "InvalidParameterValue.RegistryId", msgHas: "RegistryId"},
		{name: "image type unknown", params: func(t *testing.T) map[string]any {
			return imageParams(t, map[string]any{"Code": imageCode(map[string]any{"ImageType": "public"})})
		}, code: "InvalidParameterValue.ImageType"},
		{name: "image uri empty", params: func(t *testing.T) map[string]any {
			return imageParams(t, map[string]any{"Code": imageCode(map[string]any{"ImageUri": ""})})
		}, code: "InvalidParameterValue.ImageUri"},
		{name: "image port out of range", params: func(t *testing.T) map[string]any {
			return imageParams(t, map[string]any{"Code": imageCode(map[string]any{"ImagePort": 0})})
		}, code: "InvalidParameterValue.Code", msgHas: "ImagePort"},
		{name: "image and zip", params: func(t *testing.T) map[string]any {
			c := imageCode(nil)
			c["ZipFile"] = testZip(t)
			return imageParams(t, map[string]any{"Code": c})
		}, code: "InvalidParameterValue.Code"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			r := h.expect(tc.code, "CreateFunction", tc.params(t))
			if !strings.Contains(r.Message, tc.msgHas) {
				t.Errorf("message %q does not mention %q", r.Message, tc.msgHas)
			}
		})
	}
}

func TestImageFunctionCreateAccepts(t *testing.T) {
	cases := []struct {
		name  string
		extra map[string]any
		want  map[string]any // GetFunction top-level values
	}{
		{name: "runtime left out", want: map[string]any{"Runtime": runtimeImage, "Handler": "", "InitTimeout": float64(90), "CodeSize": float64(0)}},
		{name: "runtime CustomImage", extra: map[string]any{"Runtime": runtimeImage}, want: map[string]any{"Runtime": runtimeImage, "Handler": ""}},
		// The service ignores Handler for image functions; the fake stores "".
		{name: "valid handler ignored", extra: map[string]any{"Handler": "index.main_handler"}, want: map[string]any{"Handler": ""}},
		{name: "invalid handler ignored", extra: map[string]any{"Handler": "not a handler!"}, want: map[string]any{"Handler": ""}},
		{name: "init timeout given", extra: map[string]any{"InitTimeout": 120}, want: map[string]any{"InitTimeout": float64(120)}},
		{name: "install dependency FALSE", extra: map[string]any{"InstallDependency": "FALSE"}, want: map[string]any{"InstallDependency": "FALSE"}},
		{name: "web image", extra: map[string]any{"Type": typeHTTP, "InstanceConcurrencyConfig": session(nil)}, want: map[string]any{"Type": typeHTTP}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			h.ok("CreateFunction", imageParams(t, tc.extra))
			got := h.get(defaultNamespace, "fn")
			for k, v := range tc.want {
				if got[k] != v {
					t.Errorf("%s = %v, want %v", k, got[k], v)
				}
			}
		})
	}
}

func TestImageURIDigest(t *testing.T) {
	digestOf := func(u string) string {
		_, d, _ := strings.Cut(normalizeImageURI(u), "@")
		return d
	}
	cases := []struct {
		name, in, want string // want "" means only the shape is checked
	}{
		{"digest kept", "ccr.ccs.tencentyun.com/ns/app:v1@" + testDigest, "ccr.ccs.tencentyun.com/ns/app:v1@" + testDigest},
		{"tag added before a kept digest", "ccr.ccs.tencentyun.com/ns/app@" + testDigest, "ccr.ccs.tencentyun.com/ns/app:latest@" + testDigest},
		{"latest tag added", "ccr.ccs.tencentyun.com/ns/app", ""},
		{"registry port is not a tag", "registry.example.com:5000/ns/app", ""},
	}
	for _, tc := range cases {
		got := normalizeImageURI(tc.in)
		if tc.want != "" && got != tc.want {
			t.Errorf("%s: %s became %s, want %s", tc.name, tc.in, got, tc.want)
		}
		base, digest, _ := strings.Cut(got, "@")
		if !strings.HasPrefix(digest, "sha256:") || len(digest) != len(testDigest) || !strings.Contains(base[strings.LastIndex(base, "/"):], ":") {
			t.Errorf("%s: %s is not repo:tag@sha256:<64 hex>", tc.name, got)
		}
	}
	if digestOf("ns/app:v1") == digestOf("ns/app:v2") {
		t.Error("a different tag kept the digest")
	}
	if v1 := digestOf("ns/app:v1"); v1 != digestOf("ns/app:v1") {
		t.Error("the invented digest is not stable for one repo:tag")
	}
	if digestOf("ns/app") != digestOf("ns/app:latest") {
		t.Error("repo and repo:latest got different digests")
	}
	if got := normalizeImageURI("registry.example.com:5000/ns/app"); !strings.HasPrefix(got, "registry.example.com:5000/ns/app:latest@") {
		t.Errorf("port case = %s", got)
	}
}

func TestImageFunctionUpdateCode(t *testing.T) {
	h := newHarness(t, Options{})
	h.ok("CreateFunction", imageParams(t, map[string]any{"Code": imageCode(map[string]any{
		"ImageType": "enterprise", "RegistryId": "tcr-demo01", "ImageUri": "demo.tencentcloudcr.com/ns/app:v1@" + testDigest,
		"Command": "python", "Args": "-u app.py", "ImagePort": 8080, "ContainerImageAccelerate": true, "EntryPoint": "/bin/sh",
	})}))
	ic := imageConfigOf(t, h.get(defaultNamespace, "fn"))
	if ic["ImageUri"] != "demo.tencentcloudcr.com/ns/app:v1@"+testDigest || ic["ImagePort"] != float64(8080) || ic["Command"] != "python" ||
		ic["Args"] != "-u app.py" || ic["ContainerImageAccelerate"] != true || ic["RegistryId"] != "tcr-demo01" {
		t.Fatalf("ImageConfig after create = %v", ic)
	}

	// The new ImageConfig replaces the old one as a whole.
	h.ok("UpdateFunctionCode", map[string]any{"FunctionName": "fn", "Handler": "index.main_handler",
		"Code": imageCode(map[string]any{"ImageUri": "ccr.ccs.tencentyun.com/ns/app:v2"})})
	got := h.get(defaultNamespace, "fn")
	ic = imageConfigOf(t, got)
	want := map[string]any{"ImageType": "personal", "RegistryId": "", "EntryPoint": "", "Command": "", "Args": "",
		"ImagePort": float64(9000), "ContainerImageAccelerate": false}
	for k, v := range want {
		if ic[k] != v {
			t.Errorf("after update %s = %v, want %v", k, ic[k], v)
		}
	}
	if got["Handler"] != "" || got["Runtime"] != runtimeImage {
		t.Errorf("Handler/Runtime after update = %v/%v", got["Handler"], got["Runtime"])
	}
	v2, _ := ic["ImageUri"].(string)
	if !strings.HasPrefix(v2, "ccr.ccs.tencentyun.com/ns/app:v2@sha256:") {
		t.Fatalf("ImageUri = %s", v2)
	}
	h.ok("UpdateFunctionCode", map[string]any{"FunctionName": "fn", "Code": imageCode(map[string]any{"ImageUri": "ccr.ccs.tencentyun.com/ns/app:v3", "ImagePort": -1})})
	ic = imageConfigOf(t, h.get(defaultNamespace, "fn"))
	if v3, _ := ic["ImageUri"].(string); v3 == v2 || !strings.HasPrefix(v3, "ccr.ccs.tencentyun.com/ns/app:v3@sha256:") ||
		strings.TrimPrefix(v3, "ccr.ccs.tencentyun.com/ns/app:v3") == strings.TrimPrefix(v2, "ccr.ccs.tencentyun.com/ns/app:v2") {
		t.Errorf("a new tag must change the digest: %s then %s", v2, v3)
	}
	if ic["ImagePort"] != float64(-1) {
		t.Errorf("job image port = %v", ic["ImagePort"])
	}

	rejections := []struct {
		action string
		params map[string]any
		code   string
	}{
		{"UpdateFunctionCode", map[string]any{"FunctionName": "fn", "Code": map[string]any{"ZipFile": testZip(t)}}, "InvalidParameterValue.Code"},
		{"UpdateFunctionCode", map[string]any{"FunctionName": "fn", "InstallDependency": "TRUE", "Code": imageCode(nil)}, "UnsupportedOperation"},
		{"UpdateFunctionCode", map[string]any{"FunctionName": "fn", "Code": imageCode(map[string]any{"ImagePort": 70000})}, "InvalidParameterValue.Code"},
		{"UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "InstallDependency": "TRUE"}, "UnsupportedOperation"},
		{"UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Runtime": "Python3.9"}, "InvalidParameterValue.Runtime"},
		{"UpdateFunctionConfiguration", map[string]any{"FunctionName": "fn", "Runtime": runtimeImage}, ""},
	}
	for _, r := range rejections {
		h.expect(r.code, r.action, r.params)
	}
	if ic := imageConfigOf(t, h.get(defaultNamespace, "fn")); ic["ImagePort"] != float64(-1) {
		t.Errorf("a rejected update changed the image: %v", ic)
	}
}
