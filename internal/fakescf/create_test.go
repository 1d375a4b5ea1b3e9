package fakescf

import (
	"encoding/base64"
	"fmt"
	"strings"
	"testing"
)

type createCase struct {
	name    string
	mutate  func(p map[string]any)
	code    string
	msgHas  string // optional substring of the message
	msgNot  string // optional substring the message must not contain
	setupFn func(h *harness)
}

func set(k string, v any) func(p map[string]any) {
	return func(p map[string]any) { p[k] = v }
}

func del(k string) func(p map[string]any) {
	return func(p map[string]any) { delete(p, k) }
}

func code(v map[string]any) func(p map[string]any) { return set("Code", v) }

func vpc() map[string]any {
	return map[string]any{"VpcId": "vpc-demo0001", "SubnetId": "subnet-demo0001"}
}

func cfsEntry() map[string]any {
	return map[string]any{"UserId": "10000", "UserGroupId": "10000", "CfsId": "cfs-demo01", "MountInsId": "cfs-demo01",
		"LocalMountDir": "/mnt/data", "RemoteMountDir": "/"}
}

func both(fs ...func(p map[string]any)) func(p map[string]any) {
	return func(p map[string]any) {
		for _, f := range fs {
			f(p)
		}
	}
}

func createCases() []createCase {
	gitCode := func(extra map[string]any) map[string]any {
		c := map[string]any{"GitUrl": "https://git.example.com/team/functions.git"}
		for k, v := range extra {
			c[k] = v
		}
		return c
	}
	manyTags := make([]map[string]any, 51)
	for i := range manyTags {
		manyTags[i] = map[string]any{"Key": fmt.Sprintf("k%d", i), "Value": "v"}
	}
	manyLayers := make([]map[string]any, 6)
	for i := range manyLayers {
		manyLayers[i] = map[string]any{"LayerName": "common-libs", "LayerVersion": 1}
	}
	return []createCase{
		// 1 FunctionName
		{name: "name missing", mutate: del("FunctionName"), code: "InvalidParameterValue.FunctionName"},
		{name: "name starts with digit", mutate: set("FunctionName", "1fn"), code: "InvalidParameterValue.FunctionName"},
		{name: "name ends with dash", mutate: set("FunctionName", "fn-"), code: "InvalidParameterValue.FunctionName"},
		{name: "name one char", mutate: set("FunctionName", "f"), code: "InvalidParameterValue.FunctionName"},
		{name: "name 61 chars", mutate: set("FunctionName", "f"+strings.Repeat("x", 60)), code: "InvalidParameterValue.FunctionName"},
		// 2 Namespace
		{name: "namespace malformed", mutate: set("Namespace", "bad ns"), code: "InvalidParameterValue.Namespace"},
		{name: "namespace missing", mutate: set("Namespace", "nowhere"), code: "ResourceNotFound.Namespace"},
		{name: "namespace unavailable", mutate: set("Namespace", "frozen"), code: "ResourceUnavailable.Namespace"},
		// 3 Runtime
		{name: "runtime empty", mutate: set("Runtime", ""), code: "MissingParameter.Runtime"},
		{name: "runtime unknown", mutate: set("Runtime", "Ruby2.7"), code: "InvalidParameterValue.Runtime"},
		{name: "runtime before memory", mutate: both(set("Runtime", "Ruby2.7"), set("MemorySize", 100)), code: "InvalidParameterValue.Runtime"},
		// 4 Type
		{name: "type unknown", mutate: set("Type", "Timer"), code: "InvalidParameterValue.Type"},
		// 5 Code
		{name: "code absent", mutate: del("Code"), code: "MissingParameter.Code"},
		{name: "code empty", mutate: code(map[string]any{}), code: "MissingParameter.Code"},
		{name: "cos and zip", mutate: code(map[string]any{"ZipFile": "UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==", "CosBucketName": "scf-code", "CosObjectName": "/demo/code.zip"}),
			code: "InvalidParameterValue.Code", msgHas: "You cannot specify Cos and ZipFile at the same time"},
		{name: "demo and tempcos", mutate: code(map[string]any{"DemoId": "demo-hello-python", "TempCosObjectName": "/1250000000/a.zip"}), code: "InvalidParameterValue.Code"},
		{name: "codesource unknown", mutate: set("CodeSource", "Ftp"), code: "InvalidParameterValue.CodeSource"},
		{name: "codesource disagrees", mutate: set("CodeSource", "Cos"), code: "InvalidParameterValue.CodeSource"},
		{name: "git without codesource", mutate: code(gitCode(nil)), code: "InvalidParameterValue.CodeSource"},
		{name: "zip not base64", mutate: code(map[string]any{"ZipFile": "***"}), code: "InvalidParameterValue.ZipFile"},
		{name: "zip not a zip", mutate: code(map[string]any{"ZipFile": base64.StdEncoding.EncodeToString([]byte("plain text"))}),
			code: "InvalidParameterValue.ZipFile", msgHas: "A non-standard zip file was detected. Please recompress and try again."},
		{name: "bucket malformed", mutate: code(map[string]any{"CosBucketName": "Scf_Code", "CosObjectName": "/demo/code.zip"}), code: "InvalidParameterValue.CosBucketName"},
		{name: "bucket with appid", mutate: code(map[string]any{"CosBucketName": "scf-code-1250000000", "CosObjectName": "/demo/code.zip"}), code: "InvalidParameterValue.CosBucketName"},
		{name: "bucket missing", mutate: code(map[string]any{"CosObjectName": "/demo/code.zip"}), code: "InvalidParameterValue.CosBucketName"},
		{name: "object without slash", mutate: code(map[string]any{"CosBucketName": "scf-code", "CosObjectName": "demo/code.zip"}), code: "InvalidParameterValue.CosObjectName"},
		{name: "object not zip", mutate: code(map[string]any{"CosBucketName": "scf-code", "CosObjectName": "/demo/code.tar"}), code: "InvalidParameterValue.CosObjectName"},
		{name: "cos region unknown", mutate: code(map[string]any{"CosBucketName": "scf-code", "CosObjectName": "/demo/code.zip", "CosBucketRegion": "mars-1"}), code: "InvalidParameterValue.Cos"},
		{name: "cos object missing", mutate: code(map[string]any{"CosBucketName": "scf-code", "CosObjectName": "/demo/none.zip"}), code: "InvalidParameterValue.Cos", msgHas: "not found"},
		{name: "cos object denied", mutate: code(map[string]any{"CosBucketName": "scf-private", "CosObjectName": "/secret/code.zip"}), code: "UnauthorizedOperation.Role"},
		{name: "demo missing", mutate: code(map[string]any{"DemoId": "demo-nothing"}), code: "ResourceNotFound.Demo"},
		{name: "tempcos malformed", mutate: code(map[string]any{"TempCosObjectName": "/abc/code.zip"}), code: "InvalidParameterValue.TempCosObjectName"},
		{name: "tempcos other appid", mutate: code(map[string]any{"TempCosObjectName": "/1300000000/code.zip"}), code: "UnauthorizedOperation.TempCosAppid"},
		{name: "git url not http", mutate: both(set("CodeSource", "Git"), code(map[string]any{"GitUrl": "ftp://git.example.com/x.git"})), code: "InvalidParameterValue.Code"},
		{name: "git two passwords", mutate: both(set("CodeSource", "Git"), code(gitCode(map[string]any{"GitUserName": "u", "GitPassword": "hunter2", "GitPasswordSecret": "sec"}))),
			code: "InvalidParameterValue.CodeSecret", msgNot: "hunter2"},
		{name: "git user without password", mutate: both(set("CodeSource", "Git"), code(gitCode(map[string]any{"GitUserName": "u"}))), code: "InvalidParameterValue.CodeSecret"},
		{name: "git password without user", mutate: both(set("CodeSource", "Git"), code(gitCode(map[string]any{"GitPassword": "hunter2"}))), code: "InvalidParameterValue.CodeSecret", msgNot: "hunter2"},
		{name: "git unknown repository", mutate: both(set("CodeSource", "Git"), code(map[string]any{"GitUrl": "https://u:pw@git.example.com/other.git"})), code: "InvalidParameterValue.Code", msgNot: "pw"},
		// 6 Handler
		{name: "java needs handler", mutate: set("Runtime", "Java8"), code: "InvalidParameterValue.Handler"},
		{name: "java handler shape", mutate: both(set("Runtime", "Java8"), set("Handler", "example.Hello.handle")), code: "InvalidParameterValue.Handler"},
		{name: "python handler without dot", mutate: set("Handler", "index"), code: "InvalidParameterValue.Handler"},
		{name: "python handler two dots", mutate: set("Handler", "index.main.go"), code: "InvalidParameterValue.Handler"},
		{name: "python handler part ends with digit", mutate: set("Handler", "index1.main"), code: "InvalidParameterValue.Handler"},
		{name: "go handler digit start", mutate: both(set("Runtime", "Go1"), set("Handler", "1main")), code: "InvalidParameterValue.Handler"},
		{name: "custom handler whitespace", mutate: both(set("Runtime", "CustomRuntime"), set("Handler", "run me")), code: "InvalidParameterValue.Handler"},
		// 7 Description
		{name: "description bad char", mutate: set("Description", "semi;colon"), code: "InvalidParameterValue.Description", msgHas: "position 5", msgNot: "semi"},
		{name: "description too long", mutate: set("Description", strings.Repeat("a", 1001)), code: "InvalidParameterValue.Description"},
		// 8 MemorySize
		{name: "memory not multiple", mutate: set("MemorySize", 100), code: "InvalidParameterValue.MemorySize", msgHas: "got 100"},
		{name: "memory below 64", mutate: set("MemorySize", 32), code: "InvalidParameterValue.MemorySize"},
		{name: "memory above max", mutate: set("MemorySize", 3200), code: "LimitExceeded.Memory"},
		// 9, 10 timeouts
		{name: "timeout zero", mutate: set("Timeout", 0), code: "InvalidParameterValue", msgHas: "Timeout"},
		{name: "timeout too long", mutate: set("Timeout", 901), code: "LimitExceeded.Timeout"},
		{name: "init timeout zero", mutate: set("InitTimeout", 0), code: "InvalidParameterValue", msgHas: "InitTimeout"},
		{name: "init timeout too long", mutate: set("InitTimeout", 301), code: "LimitExceeded.InitTimeout"},
		// 11 Environment
		{name: "env key bad", mutate: set("Environment", map[string]any{"Variables": []map[string]any{{"Key": "1KEY", "Value": "s3cret"}}}),
			code: "InvalidParameterValue.Environment", msgNot: "s3cret"},
		{name: "env key empty", mutate: set("Environment", map[string]any{"Variables": []map[string]any{{"Key": "", "Value": ""}}}), code: "InvalidParameterValue.Environment"},
		{name: "env key duplicate", mutate: set("Environment", map[string]any{"Variables": []map[string]any{{"Key": "A", "Value": "s3cret"}, {"Key": "A", "Value": "x"}}}),
			code: "InvalidParameterValue.Environment", msgNot: "s3cret"},
		{name: "env too large", mutate: set("Environment", map[string]any{"Variables": []map[string]any{{"Key": "BIG", "Value": strings.Repeat("s", 4094)}}}),
			code: "InvalidParameterValue.EnvironmentExceededLimit", msgNot: "sss"},
		// 12 VPC
		{name: "vpc without subnet", mutate: set("VpcConfig", map[string]any{"VpcId": "vpc-demo0001"}), code: "InvalidParameterValue", msgHas: "VpcConfig"},
		{name: "subnet not in vpc", mutate: set("VpcConfig", map[string]any{"VpcId": "vpc-demo0002", "SubnetId": "subnet-demo0001"}), code: "ResourceNotFound.Vpc"},
		// 13 Role
		{name: "role missing", mutate: set("Role", "NoSuchRole"), code: "ResourceNotFound.Role"},
		// 14 CLS
		{name: "cls half", mutate: set("ClsLogsetId", "cls-logset-demo"), code: "InvalidParameterValue.Cls"},
		{name: "cls unknown pair", mutate: both(set("ClsLogsetId", "cls-logset-demo"), set("ClsTopicId", "cls-topic-auto")), code: "InvalidParameterValue.Cls"},
		// 15 Layers
		{name: "layers too many", mutate: set("Layers", manyLayers), code: "InvalidParameterValue.Layers"},
		{name: "layer name empty", mutate: set("Layers", []map[string]any{{"LayerName": "", "LayerVersion": 1}}), code: "InvalidParameterValue.Layers"},
		{name: "layer version zero", mutate: set("Layers", []map[string]any{{"LayerName": "common-libs", "LayerVersion": 0}}), code: "InvalidParameterValue.Layers"},
		{name: "layer unknown", mutate: set("Layers", []map[string]any{{"LayerName": "common-libs", "LayerVersion": 9}}), code: "ResourceNotFound.Layer"},
		// 16 DeadLetterConfig
		{name: "dlq type", mutate: set("DeadLetterConfig", map[string]any{"Type": "SQS", "Name": "dlq-demo"}), code: "InvalidParameterValue", msgHas: "DeadLetterConfig"},
		{name: "dlq no name", mutate: set("DeadLetterConfig", map[string]any{"Type": "CMQ-QUEUE"}), code: "InvalidParameterValue", msgHas: "DeadLetterConfig"},
		{name: "dlq filter on queue", mutate: set("DeadLetterConfig", map[string]any{"Type": "CMQ-QUEUE", "Name": "dlq-demo", "FilterType": "x"}), code: "InvalidParameterValue", msgHas: "DeadLetterConfig"},
		{name: "dlq unknown", mutate: set("DeadLetterConfig", map[string]any{"Type": "CMQ-QUEUE", "Name": "nope"}), code: "ResourceNotFound.Cmq"},
		// 17 PublicNetConfig
		{name: "public net status", mutate: set("PublicNetConfig", map[string]any{"PublicNetStatus": "ON"}), code: "InvalidParameterValue.PublicNetConfig"},
		{name: "public net off without vpc", mutate: set("PublicNetConfig", map[string]any{"PublicNetStatus": "DISABLE"}), code: "InvalidParameterValue.PublicNetConfig"},
		{name: "eip status", mutate: set("PublicNetConfig", map[string]any{"PublicNetStatus": "ENABLE", "EipConfig": map[string]any{"EipStatus": "ON"}}), code: "InvalidParameterValue.EipConfig"},
		{name: "eip without public net", mutate: both(set("VpcConfig", vpc()), set("PublicNetConfig", map[string]any{"PublicNetStatus": "DISABLE", "EipConfig": map[string]any{"EipStatus": "ENABLE"}})),
			code: "InvalidParameterValue.EipConfig"},
		// 18 CfsConfig
		{name: "cfs without vpc", mutate: set("CfsConfig", map[string]any{"CfsInsList": []map[string]any{cfsEntry()}}), code: "InvalidParameterValue.VpcNotSetWhenOpenCfs"},
		{name: "cfs field empty", mutate: func(p map[string]any) {
			e := cfsEntry()
			e["RemoteMountDir"] = ""
			p["VpcConfig"] = vpc()
			p["CfsConfig"] = map[string]any{"CfsInsList": []map[string]any{e}}
		}, code: "InvalidParameterValue", msgHas: "RemoteMountDir"},
		// 19 Tags
		{name: "tag reserved prefix", mutate: set("Tags", []map[string]any{{"Key": "qcloud:x", "Value": "v"}}), code: "InvalidParameterValue", msgHas: "Tags"},
		{name: "too many tags", mutate: set("Tags", manyTags), code: "InvalidParameterValue", msgHas: "Tags"},
		// 20 flags
		{name: "install dependency on python", mutate: set("InstallDependency", "TRUE"), code: "UnsupportedOperation"},
		{name: "dns cache on http", mutate: both(set("Type", "HTTP"), set("DnsCache", "TRUE")), code: "UnsupportedOperation"},
		{name: "dns cache not boolean", mutate: set("DnsCache", "yes"), code: "InvalidParameterValue", msgHas: "DnsCache"},
		{name: "protocol type on event", mutate: set("ProtocolType", "WS"), code: "InvalidParameterValue.ProtocolType"},
		{name: "protocol type unknown", mutate: both(set("Type", "HTTP"), set("ProtocolType", "HTTP2")), code: "InvalidParameterValue.ProtocolType"},
		{name: "protocol params without WS", mutate: both(set("Type", "HTTP"), set("ProtocolParams", map[string]any{"WSParams": map[string]any{"IdleTimeOut": 30}})),
			code: "InvalidParameterValue.WebSocketsParams"},
		{name: "idle timeout too long", mutate: both(set("Type", "HTTP"), set("ProtocolType", "WS"), set("ProtocolParams", map[string]any{"WSParams": map[string]any{"IdleTimeOut": 1801}})),
			code: "InvalidParameterValue.IdleTimeOut"},
		{name: "flag not boolean", mutate: set("AsyncRunEnable", "yes"), code: "InvalidParameterValue.AsyncRunEnable", msgHas: "AsyncRunEnable"},
		{name: "trace without async run", mutate: set("TraceEnable", "TRUE"), code: "InvalidParameterValue.TraceEnable", msgHas: "AsyncRunEnable"},
		{name: "trace with async run off", mutate: both(set("TraceEnable", "TRUE"), set("AsyncRunEnable", "FALSE")), code: "InvalidParameterValue.TraceEnable", msgHas: "AsyncRunEnable"},
		{name: "trace not boolean", mutate: both(set("TraceEnable", "on"), set("AsyncRunEnable", "TRUE")), code: "InvalidParameterValue.TraceEnable", msgHas: "TraceEnable"},
		{name: "ignore sys log is update-only", mutate: set("IgnoreSysLog", true), code: "UnknownParameter", msgHas: "IgnoreSysLog"},
		{name: "publish is update-only", mutate: set("Publish", "FALSE"), code: "UnknownParameter", msgHas: "Publish"},
		{name: "concurrency on event function", mutate: set("InstanceConcurrencyConfig", map[string]any{"MaxConcurrency": 2}), code: "InvalidParameterValue.InstanceConcurrencyConfig", msgHas: "HTTP"},
		// payload shape
		{name: "wrong type", mutate: set("MemorySize", "128"), code: "InvalidParameter.Payload", msgHas: "MemorySize"},
		{name: "unknown field", mutate: set("Colour", "blue"), code: "UnknownParameter", msgHas: "Colour"},
		{name: "unknown nested field", mutate: code(map[string]any{"ZipFile": "x", "Extra": 1}), code: "UnknownParameter", msgHas: "Extra"},
		// 21 duplicates
		{name: "duplicate", mutate: func(map[string]any) {}, code: "ResourceInUse.Function",
			setupFn: func(h *harness) { h.ok("CreateFunction", createParams(h.t, "fn")) }},
	}
}

func TestCreateFunctionValidationCodes(t *testing.T) {
	for _, tc := range createCases() {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			if tc.setupFn != nil {
				tc.setupFn(h)
			}
			p := createParams(t, "fn")
			tc.mutate(p)
			r := h.expect(tc.code, "CreateFunction", p)
			if tc.msgHas != "" && !strings.Contains(r.Message, tc.msgHas) {
				t.Errorf("message %q does not contain %q", r.Message, tc.msgHas)
			}
			if tc.msgNot != "" && strings.Contains(r.Message, tc.msgNot) {
				t.Errorf("message %q leaks %q", r.Message, tc.msgNot)
			}
			if tc.setupFn == nil && len(h.srv.FunctionNames(defaultNamespace)) != 0 {
				t.Errorf("a rejected create left a function behind")
			}
		})
	}
}

func TestCreateFunctionAcceptsEverySource(t *testing.T) {
	h := newHarness(t, Options{})
	cases := map[string]map[string]any{
		"zip":     {"Code": map[string]any{"ZipFile": testZip(t)}},
		"cos":     {"Code": map[string]any{"CosBucketName": "scf-code", "CosObjectName": "/demo/code.zip", "CosBucketRegion": "ap-guangzhou"}, "CodeSource": "Cos"},
		"demo":    {"Code": map[string]any{"DemoId": "demo-hello-python"}, "CodeSource": "Demo"},
		"tempcos": {"Code": map[string]any{"TempCosObjectName": "/1250000000/upload/code.zip"}, "CodeSource": "TempCos"},
		"git": {"Code": map[string]any{"GitUrl": "https://git.example.com/team/functions.git", "GitUserName": "bot", "GitPassword": "pw", "GitBranch": "main"},
			"CodeSource": "Git"},
		"image": {"Runtime": "CustomImage", "Code": map[string]any{"ImageConfig": map[string]any{"ImageType": "personal", "ImageUri": "ccr.ccs.tencentyun.com/ns/app:v1"}}},
		"java":  {"Runtime": "Java8", "Handler": "example.Hello::handle", "Code": map[string]any{"CosBucketName": "scf-code", "CosObjectName": "/demo/app.jar"}},
		"go":    {"Runtime": "Go1", "Handler": "main"},
		"node":  {"Runtime": "Nodejs18.15", "InstallDependency": "TRUE", "Description": "中文描述，带标点。\nLine two, ok."},
		"trace": {"AsyncRunEnable": "TRUE", "TraceEnable": "TRUE"},
		"async": {"AsyncRunEnable": "TRUE", "TraceEnable": "FALSE"},
		"full": {"Type": "HTTP", "MemorySize": 64, "Timeout": 900, "InitTimeout": 300, "VpcConfig": vpc(), "Role": "SCF_QcsRole",
			"ClsLogsetId": "cls-logset-demo", "ClsTopicId": "cls-topic-demo",
			"Layers":           []map[string]any{{"LayerName": "common-libs", "LayerVersion": 2}},
			"DeadLetterConfig": map[string]any{"Type": "CMQ-TOPIC", "Name": "dlq-topic-demo", "FilterType": "x"},
			"PublicNetConfig":  map[string]any{"PublicNetStatus": "ENABLE", "EipConfig": map[string]any{"EipStatus": "ENABLE"}},
			"CfsConfig":        map[string]any{"CfsInsList": []map[string]any{cfsEntry()}},
			"Tags":             []map[string]any{{"Key": "team", "Value": "a"}},
			"ProtocolType":     "WS", "ProtocolParams": map[string]any{"WSParams": map[string]any{"IdleTimeOut": 30}},
			"InstanceConcurrencyConfig": map[string]any{"MaxConcurrency": 10},
			"IntranetConfig":            map[string]any{"IpFixed": "ENABLE"}},
	}
	for name, extra := range cases {
		p := createParams(t, "fn-"+name)
		for k, v := range extra {
			p[k] = v
		}
		if r := h.call("CreateFunction", p); r.Code != "" {
			t.Errorf("%s: %s: %s", name, r.Code, r.Message)
		}
	}
	img := h.get(defaultNamespace, "fn-image")
	if img["Runtime"] != runtimeImage || img["Handler"] != "" {
		t.Errorf("image function runtime/handler = %v/%v", img["Runtime"], img["Handler"])
	}
	ic, _ := img["ImageConfig"].(map[string]any)
	if uri, _ := ic["ImageUri"].(string); !strings.HasPrefix(uri, "ccr.ccs.tencentyun.com/ns/app:v1@sha256:") {
		t.Errorf("ImageUri = %q, want repo:tag@sha256:digest", uri)
	}
	for name, want := range map[string]string{"fn-trace": "TRUE", "fn-async": "FALSE", "fn-zip": "FALSE"} {
		if g := h.get(defaultNamespace, name); g["TraceEnable"] != want || (name != "fn-zip") != (g["AsyncRunEnable"] == "TRUE") {
			t.Errorf("%s: TraceEnable/AsyncRunEnable = %v/%v", name, g["TraceEnable"], g["AsyncRunEnable"])
		}
	}
	if g := h.get(defaultNamespace, "fn-go"); g["Handler"] != "main" {
		t.Errorf("go handler = %v", g["Handler"])
	}
	full := h.get(defaultNamespace, "fn-full")
	if full["ClsTopicId"] != "cls-topic-demo" || full["MemorySize"] != float64(64) {
		t.Errorf("full function = %v / %v", full["ClsTopicId"], full["MemorySize"])
	}
}

func TestCreateFunctionLimits(t *testing.T) {
	fx := DefaultFixtures()
	fx.FunctionLimit = 2
	fx.EipLimit = 1
	h := newHarness(t, Options{Fixtures: fx})
	eip := map[string]any{"PublicNetStatus": "ENABLE", "EipConfig": map[string]any{"EipStatus": "ENABLE"}}
	p := createParams(t, "one")
	p["PublicNetConfig"] = eip
	h.ok("CreateFunction", p)
	p = createParams(t, "two")
	p["PublicNetConfig"] = eip
	h.expect("LimitExceeded.Eip", "CreateFunction", p)
	h.ok("CreateFunction", createParams(t, "two"))
	h.expect("LimitExceeded.Function", "CreateFunction", createParams(t, "three"))
}

func TestZipLimits(t *testing.T) {
	zip := testZip(t)
	if _, aerr := checkZip(zip, 10); aerr == nil || aerr.Code != "InvalidParameterValue.ZipFile" {
		t.Fatalf("oversized zip: %v", aerr)
	}
	rec, aerr := checkZip(zip, maxZipUpdate)
	if aerr != nil || rec.Size == 0 || len(rec.Sha256) != 64 {
		t.Fatalf("valid zip: %+v %v", rec, aerr)
	}
}
