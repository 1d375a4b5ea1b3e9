package fakescf

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// Keys of GetFunction (scf-api.md §1.2) and the JSON kind each must have.
var getFunctionKeys = map[string]string{
	"ModTime": "string", "AddTime": "string", "CodeInfo": "string", "Description": "string", "Handler": "string",
	"Triggers": "array", "CodeSize": "number", "Timeout": "number", "FunctionVersion": "string", "MemorySize": "number",
	"Runtime": "string", "FunctionName": "string", "FunctionId": "string", "Namespace": "string", "VpcConfig": "object",
	"UseGpu": "string", "Environment": "object", "CodeResult": "string", "CodeError": "string", "ErrNo": "number",
	"Role": "string", "ClsLogsetId": "string", "ClsTopicId": "string", "InstallDependency": "string", "L5Enable": "string",
	"DnsCache": "string", "AsyncRunEnable": "string", "TraceEnable": "string", "OnsEnable": "string", "Status": "string",
	"StatusDesc": "string", "StatusReasons": "array", "AvailableStatus": "string", "Tags": "array", "EipConfig": "object",
	"AccessInfo": "object", "Type": "string", "Layers": "array", "DeadLetterConfig": "object", "PublicNetConfig": "object",
	"CfsConfig": "object", "ProtocolType": "string", "IntranetConfig": "object", "Qualifier": "string", "InitTimeout": "number",
	"RequestId": "string",
	// Documented as nullable and null in the documented example.
	"ImageConfig": "object-or-null", "ProtocolParams": "object-or-null", "InstanceConcurrencyConfig": "object-or-null",
}

var nestedKeys = map[string]map[string]string{
	"VpcConfig":        {"VpcId": "string", "SubnetId": "string"},
	"Environment":      {"Variables": "array"},
	"EipConfig":        {"EipFixed": "string", "Eips": "array"},
	"AccessInfo":       {"Host": "string", "Vip": "string"},
	"DeadLetterConfig": {"Type": "string", "Name": "string", "FilterType": "string"},
	"PublicNetConfig":  {"PublicNetStatus": "string", "EipConfig": "object"},
	"CfsConfig":        {"CfsInsList": "array"},
	"IntranetConfig":   {"IpFixed": "string"},
}

func kindOf(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case string:
		return "string"
	case float64:
		return "number"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	case bool:
		return "bool"
	}
	return "?"
}

func checkKeys(t *testing.T, where string, m map[string]any, want map[string]string) {
	t.Helper()
	for k, kind := range want {
		v, ok := m[k]
		if !ok {
			t.Errorf("%s: key %s missing", where, k)
			continue
		}
		got := kindOf(v)
		if kind == "object-or-null" {
			if got != "object" && got != "null" {
				t.Errorf("%s.%s is %s", where, k, got)
			}
			continue
		}
		if got != kind {
			t.Errorf("%s.%s is %s, want non-null %s", where, k, got, kind)
		}
	}
}

func TestGetFunctionShape(t *testing.T) {
	h := newHarness(t, Options{})
	h.createActive("plain", nil)
	h.createActive("rich", map[string]any{
		"VpcConfig": vpc(), "Layers": []map[string]any{{"LayerName": "common-libs", "LayerVersion": 1}},
		"PublicNetConfig": map[string]any{"PublicNetStatus": "ENABLE", "EipConfig": map[string]any{"EipStatus": "ENABLE"}},
		"CfsConfig":       map[string]any{"CfsInsList": []map[string]any{cfsEntry()}},
		"Tags":            []map[string]any{{"Key": "team", "Value": "a"}},
		"Environment":     map[string]any{"Variables": []map[string]any{{"Key": "A", "Value": "1"}}},
	})
	timeRE := regexp.MustCompile(`^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$`)
	for _, name := range []string{"plain", "rich"} {
		fn := h.get(defaultNamespace, name)
		checkKeys(t, name, fn, getFunctionKeys)
		for obj, keys := range nestedKeys {
			m, _ := fn[obj].(map[string]any)
			checkKeys(t, name+"."+obj, m, keys)
		}
		pn, _ := fn["PublicNetConfig"].(map[string]any)
		eip, _ := pn["EipConfig"].(map[string]any)
		checkKeys(t, name+".PublicNetConfig.EipConfig", eip, map[string]string{"EipStatus": "string", "EipAddress": "array"})
		for _, k := range []string{"AddTime", "ModTime"} {
			if s, _ := fn[k].(string); !timeRE.MatchString(s) {
				t.Errorf("%s.%s = %q", name, k, s)
			}
		}
		// The fake clock starts at 06:30 UTC, shown as 14:30 China Standard Time.
		if fn["AddTime"] != "2025-03-14 14:30:00" {
			t.Errorf("%s.AddTime = %v", name, fn["AddTime"])
		}
	}
	plain := h.get(defaultNamespace, "plain")
	want := map[string]any{"CodeResult": "success", "FunctionVersion": "$LATEST", "Qualifier": "$LATEST", "AvailableStatus": "Available",
		"UseGpu": "FALSE", "InstallDependency": "FALSE", "L5Enable": "FALSE", "StatusDesc": "", "CodeInfo": "", "ErrNo": float64(0),
		"Type": "Event", "MemorySize": float64(128), "Timeout": float64(3), "InitTimeout": float64(65), "Handler": "index.main_handler"}
	for k, v := range want {
		if plain[k] != v {
			t.Errorf("plain.%s = %v, want %v", k, plain[k], v)
		}
	}
	if pn := obj(t, plain["PublicNetConfig"]); pn["PublicNetStatus"] != "ENABLE" || obj(t, pn["EipConfig"])["EipStatus"] != "DISABLE" {
		t.Errorf("default PublicNetConfig = %v", pn)
	}
	rich := h.get(defaultNamespace, "rich")
	layers := arr(t, rich["Layers"])
	if len(layers) != 1 {
		t.Fatalf("Layers = %v", layers)
	}
	checkKeys(t, "rich.Layers[0]", obj(t, layers[0]), map[string]string{"CompatibleRuntimes": "array", "AddTime": "string",
		"Description": "string", "LayerName": "string", "LayerVersion": "number", "Status": "string", "Stamp": "string"})
	if e := obj(t, rich["EipConfig"]); e["EipFixed"] != "TRUE" || len(arr(t, e["Eips"])) != 1 {
		t.Errorf("EipConfig = %v", e)
	}
}

// TestGetFunctionDerivedAddresses checks the output-only values the service
// fills in: fixed EIPs, CFS mount details, the fixed intranet IP, the access
// address of web functions, and the failure reasons of a failed create.
func TestGetFunctionDerivedAddresses(t *testing.T) {
	hostRE := regexp.MustCompile(`^lam-[a-z0-9]{8}-1250000000\.ap-guangzhou\.scf\.tencentcs\.com$`)
	vipRE := regexp.MustCompile(`^198\.51\.100\.\d{1,3}$`)
	cases := []struct {
		name  string
		extra map[string]any
		check func(t *testing.T, fn map[string]any)
	}{
		{name: "event function has no access address", check: func(t *testing.T, fn map[string]any) {
			if a := obj(t, fn["AccessInfo"]); a["Host"] != "" || a["Vip"] != "" {
				t.Errorf("AccessInfo = %v", a)
			}
		}},
		{name: "web function has an access address", extra: map[string]any{"Type": typeHTTP}, check: func(t *testing.T, fn map[string]any) {
			a := obj(t, fn["AccessInfo"])
			host, _ := a["Host"].(string)
			vip, _ := a["Vip"].(string)
			id, _ := fn["FunctionId"].(string)
			if !hostRE.MatchString(host) || !strings.HasPrefix(host, id+"-") || !vipRE.MatchString(vip) {
				t.Errorf("AccessInfo = %v", a)
			}
		}},
		{name: "fixed EIP", extra: map[string]any{"PublicNetConfig": map[string]any{"PublicNetStatus": "ENABLE", "EipConfig": map[string]any{"EipStatus": "ENABLE"}}},
			check: func(t *testing.T, fn map[string]any) {
				eip := obj(t, fn["EipConfig"])
				pn := obj(t, obj(t, fn["PublicNetConfig"])["EipConfig"])
				eips, addrs := arr(t, eip["Eips"]), arr(t, pn["EipAddress"])
				if len(eips) != 1 || len(addrs) != 1 {
					t.Fatalf("Eips = %v, EipAddress = %v", eips, addrs)
				}
				if ip, _ := eips[0].(string); eip["EipFixed"] != "TRUE" || pn["EipStatus"] != "ENABLE" || eips[0] != addrs[0] || !strings.HasPrefix(ip, "203.0.113.") {
					t.Errorf("EipConfig = %v, PublicNetConfig.EipConfig = %v", eip, pn)
				}
			}},
		{name: "no EIP", check: func(t *testing.T, fn map[string]any) {
			eip := obj(t, fn["EipConfig"])
			pn := obj(t, obj(t, fn["PublicNetConfig"])["EipConfig"])
			if eip["EipFixed"] != "FALSE" || len(arr(t, eip["Eips"])) != 0 || pn["EipStatus"] != "DISABLE" || len(arr(t, pn["EipAddress"])) != 0 {
				t.Errorf("EipConfig = %v, PublicNetConfig.EipConfig = %v", eip, pn)
			}
		}},
		{name: "CFS mount details", extra: map[string]any{"VpcConfig": vpc(), "CfsConfig": map[string]any{"CfsInsList": []map[string]any{cfsEntry()}}},
			check: func(t *testing.T, fn map[string]any) {
				list := arr(t, obj(t, fn["CfsConfig"])["CfsInsList"])
				if len(list) != 1 {
					t.Fatalf("CfsInsList = %v", list)
				}
				c := obj(t, list[0])
				if ip, _ := c["IpAddress"].(string); !strings.HasPrefix(ip, "10.0.1.") || c["MountVpcId"] != "vpc-demo0001" || c["MountSubnetId"] != "subnet-demo0001" {
					t.Errorf("CfsInsList[0] = %v", c)
				}
			}},
		{name: "fixed intranet IP", extra: map[string]any{"IntranetConfig": map[string]any{"IpFixed": "ENABLE"}}, check: func(t *testing.T, fn map[string]any) {
			ic := obj(t, fn["IntranetConfig"])
			ips := arr(t, ic["IpAddress"])
			if len(ips) != 1 {
				t.Fatalf("IntranetConfig = %v", ic)
			}
			if ip, _ := ips[0].(string); ic["IpFixed"] != "ENABLE" || !strings.HasPrefix(ip, "10.0.0.") {
				t.Errorf("IntranetConfig = %v", ic)
			}
		}},
		{name: "intranet IP not fixed", extra: map[string]any{"IntranetConfig": map[string]any{"IpFixed": "DISABLE"}}, check: func(t *testing.T, fn map[string]any) {
			ic := obj(t, fn["IntranetConfig"])
			if _, has := ic["IpAddress"]; ic["IpFixed"] != "DISABLE" || has {
				t.Errorf("IntranetConfig = %v", ic)
			}
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, Options{})
			h.createActive("fn", tc.extra)
			first := h.get(defaultNamespace, "fn")
			tc.check(t, first)
			// Stable across reads.
			for _, k := range []string{"AccessInfo", "EipConfig", "PublicNetConfig", "CfsConfig", "IntranetConfig"} {
				if second := h.get(defaultNamespace, "fn"); !reflect.DeepEqual(first[k], second[k]) {
					t.Errorf("%s changed between reads: %v then %v", k, first[k], second[k])
				}
			}
		})
	}
	t.Run("failed create has reasons", func(t *testing.T) {
		h := newHarness(t, Options{})
		reason := StatusReason{ErrorCode: "FailedOperation.CreateFunction", ErrorMessage: "image pull failed"}
		h.srv.FailNext("CreateFunction", "fn", reason)
		h.ok("CreateFunction", createParams(t, "fn"))
		fn := h.get(defaultNamespace, "fn")
		reasons := arr(t, fn["StatusReasons"])
		if fn["Status"] != statusCreateFailed || len(reasons) != 1 || obj(t, reasons[0])["ErrorCode"] != reason.ErrorCode ||
			obj(t, reasons[0])["ErrorMessage"] != reason.ErrorMessage || fn["StatusDesc"] != reason.ErrorMessage {
			t.Errorf("Status %v, StatusReasons %v, StatusDesc %v", fn["Status"], fn["StatusReasons"], fn["StatusDesc"])
		}
	})
}
