package fakescf

// The trigger types beyond timer, cos and ckafka, per the "Trigger
// Configuration Description" (product doc 583/34880) and the CMQ
// Subscribe API for the filter limits:
//   - cmq: the name is the CMQ topic (a letter, then letters, digits, - and
//     _, at most 64); TriggerDesc is optional, or
//     {"filterType":1|2,"filterKey":[...]}: 1 filters by message tags (at
//     most 5, 16 characters each), 2 by binding keys (at most 5, 64
//     characters each). Neither UpdateTrigger nor UpdateTriggerStatus takes
//     it. Read back as sent, "" when none.
//   - apigw: {"api":{"authRequired","requestConfig":{"method"},
//     "isIntegratedResponse","IsBase64Encoded"},"service":{"serviceId"},
//     "release":{"environmentName"}}; the flags are "TRUE"/"FALSE"
//     (default FALSE), method one of ANY GET HEAD POST PUT DELETE (ANY),
//     environment release, test or prepub (release). Without a serviceId
//     the service creates an API Gateway service; the fake makes up its ID.
//     Read back with every default filled in. The name rule is not
//     documented; the fake applies the timer rule.

import (
	"crypto/rand"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"unicode/utf8"
)

const (
	triggerCmq   = "cmq"
	triggerApigw = "apigw"
)

var (
	cmqTopicRE       = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,63}$`)
	apigwServiceIDRE = regexp.MustCompile(`^service-[a-z0-9]{8}$`)
	apigwMethods     = []string{"ANY", "GET", "HEAD", "POST", "PUT", "DELETE"}
	apigwEnvs        = []string{"release", "test", "prepub"}
)

type cmqDesc struct {
	FilterType *int     `json:"filterType"`
	FilterKey  []string `json:"filterKey"`
}

func normalizeCmqDesc(desc string) (string, *apiError) {
	bad := func(format string, args ...any) (string, *apiError) {
		return "", errf("InvalidParameterValue.TriggerDesc", format, args...)
	}
	if desc == "" {
		return "", nil
	}
	var d cmqDesc
	if err := strictJSON(desc, &d); err != nil {
		return bad("TriggerDesc of a CMQ trigger must be {\"filterType\":1|2,\"filterKey\":[...]}")
	}
	if d.FilterType == nil || (*d.FilterType != 1 && *d.FilterType != 2) {
		return bad("filterType must be 1 (tags) or 2 (binding keys)")
	}
	maxLen := 16
	if *d.FilterType == 2 {
		maxLen = 64
	}
	if len(d.FilterKey) < 1 || len(d.FilterKey) > 5 {
		return bad("filterKey must hold 1 to 5 keys; got %d", len(d.FilterKey))
	}
	for _, k := range d.FilterKey {
		if k == "" || utf8.RuneCountInString(k) > maxLen {
			return bad("filterKey %q must be 1 to %d characters", truncate(k, 80), maxLen)
		}
	}
	b, _ := json.Marshal(d)
	return string(b), nil
}

type apigwDesc struct {
	API struct {
		AuthRequired  string `json:"authRequired"`
		RequestConfig struct {
			Method string `json:"method"`
		} `json:"requestConfig"`
		IsIntegratedResponse string `json:"isIntegratedResponse"`
		IsBase64Encoded      string `json:"IsBase64Encoded"`
	} `json:"api"`
	Service struct {
		ServiceID string `json:"serviceId"`
	} `json:"service"`
	Release struct {
		EnvironmentName string `json:"environmentName"`
	} `json:"release"`
}

func normalizeApigwDesc(desc string) (string, *apiError) {
	bad := func(format string, args ...any) (string, *apiError) {
		return "", errf("InvalidParameterValue.TriggerDesc", format, args...)
	}
	var d apigwDesc
	if err := strictJSON(desc, &d); err != nil {
		return bad("TriggerDesc of an API Gateway trigger must be {\"api\":{...},\"service\":{\"serviceId\":...},\"release\":{\"environmentName\":...}}")
	}
	for name, flag := range map[string]*string{
		"authRequired": &d.API.AuthRequired, "isIntegratedResponse": &d.API.IsIntegratedResponse, "IsBase64Encoded": &d.API.IsBase64Encoded,
	} {
		*flag = orDefault(*flag, "FALSE")
		if *flag != "TRUE" && *flag != "FALSE" {
			return bad("%s must be TRUE or FALSE; got %q", name, truncate(*flag, 16))
		}
	}
	d.API.RequestConfig.Method = orDefault(d.API.RequestConfig.Method, "ANY")
	if !slices.Contains(apigwMethods, d.API.RequestConfig.Method) {
		return bad("requestConfig.method must be one of %v; got %q", apigwMethods, truncate(d.API.RequestConfig.Method, 16))
	}
	d.Release.EnvironmentName = orDefault(d.Release.EnvironmentName, "release")
	if !slices.Contains(apigwEnvs, d.Release.EnvironmentName) {
		return bad("release.environmentName must be release, test or prepub; got %q", truncate(d.Release.EnvironmentName, 16))
	}
	if d.Service.ServiceID == "" {
		d.Service.ServiceID = newServiceID()
	} else if !apigwServiceIDRE.MatchString(d.Service.ServiceID) {
		return "", errf("InvalidParameterValue.TriggerDesc", "service.serviceId %q is not an API Gateway service ID", truncate(d.Service.ServiceID, 32))
	}
	b, _ := json.Marshal(d)
	return string(b), nil
}

// newServiceID stands in for the API Gateway service CreateTrigger makes
// when TriggerDesc names none.
func newServiceID() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 8)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return fmt.Sprintf("service-%s", b)
}

// http, a function URL (product doc 583/100227): {"AuthType":"CAM"|"NONE",
// "NetConfig":{"EnableIntranet":bool,"EnableExtranet":bool},"CorsConfig":
// {"Enable":bool,"Origins":[...],"Headers":[...],"Methods":[...],
// "ExposeHeaders":[...],"MaxAge":n,"Credentials":bool}}; AuthType and
// NetConfig with both flags are required, CorsConfig optional (Origins
// required when enabled). UpdateTrigger takes it, UpdateTriggerStatus does
// not. An alias or version has at most one URL; the code the service
// answers a second one with is not documented, the fake says
// ResourceInUse.Trigger. The name rule is not documented; the fake applies
// the timer rule. Read back as sent.
const triggerHTTP = "http"

type httpDesc struct {
	AuthType  string `json:"AuthType"`
	NetConfig *struct {
		EnableIntranet *bool `json:"EnableIntranet"`
		EnableExtranet *bool `json:"EnableExtranet"`
	} `json:"NetConfig"`
	CorsConfig *struct {
		Enable        *bool    `json:"Enable"`
		Origins       []string `json:"Origins,omitempty"`
		Headers       []string `json:"Headers,omitempty"`
		Methods       []string `json:"Methods,omitempty"`
		ExposeHeaders []string `json:"ExposeHeaders,omitempty"`
		MaxAge        *int64   `json:"MaxAge,omitempty"`
		Credentials   *bool    `json:"Credentials,omitempty"`
	} `json:"CorsConfig,omitempty"`
}

func normalizeHTTPDesc(desc string) (string, *apiError) {
	bad := func(format string, args ...any) (string, *apiError) {
		return "", errf("InvalidParameterValue.TriggerDesc", format, args...)
	}
	var d httpDesc
	if err := strictJSON(desc, &d); err != nil {
		return bad("TriggerDesc of a function URL must be {\"AuthType\":...,\"NetConfig\":{...},\"CorsConfig\":{...}}")
	}
	if d.AuthType != "CAM" && d.AuthType != "NONE" {
		return bad("AuthType must be CAM or NONE; got %q", truncate(d.AuthType, 16))
	}
	if d.NetConfig == nil || d.NetConfig.EnableIntranet == nil || d.NetConfig.EnableExtranet == nil {
		return bad("NetConfig with EnableIntranet and EnableExtranet is required")
	}
	if c := d.CorsConfig; c != nil {
		if c.Enable == nil {
			return bad("CorsConfig.Enable is required")
		}
		if *c.Enable && len(c.Origins) == 0 {
			return bad("CorsConfig.Origins is required when CORS is enabled")
		}
		if c.MaxAge != nil && *c.MaxAge < 0 {
			return bad("CorsConfig.MaxAge must not be negative; got %d", *c.MaxAge)
		}
	}
	b, _ := json.Marshal(d)
	return string(b), nil
}
