package provider

import (
	"context"
	"encoding/base64"
	"fmt"
	"os"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// The settings beyond the 2020 document that are not about images or web
// functions, and what every function reports about them.

// TestAccSCFFunctionFeatures_defaultsNeverDiff creates an Event and an HTTP
// function without any of the newer settings: the state holds their
// defaults (false, null, empty), and nothing is left to plan.
func TestAccSCFFunctionFeatures_defaultsNeverDiff(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 1\n"})
	config := env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name = "plain-event"
  code = { zip_file = %[1]q }
}

resource "scf_function" "web" {
  name = "plain-web"
  type = "HTTP"
  code = { zip_file = %[1]q }
}
`, zipPath))
	unset := func(resourceName string) []statecheck.StateCheck {
		var checks []statecheck.StateCheck
		for _, name := range []string{"async_run_enable", "trace_enable", "install_dependency", "dns_cache", "ignore_sys_log"} {
			checks = append(checks, statecheck.ExpectKnownValue(resourceName, attrPath(name), knownvalue.Bool(false)))
		}
		for _, name := range []string{"protocol_type", "protocol_params", "instance_concurrency_config", "intranet_config"} {
			checks = append(checks, statecheck.ExpectKnownValue(resourceName, attrPath(name), knownvalue.Null()))
		}
		for _, name := range []string{"eip_addresses", "cfs_mounts", "status_reasons"} {
			checks = append(checks, statecheck.ExpectKnownValue(resourceName, attrPath(name), knownvalue.ListExact(nil)))
		}
		return append(checks,
			statecheck.ExpectKnownValue(resourceName, attrPath("resolved_image_uri"), knownvalue.StringExact("")),
			statecheck.ExpectKnownValue(resourceName, attrPath("init_timeout"), knownvalue.Int64Exact(defaultInitTimeout)))
	}
	checks := append(unset(testResource), unset("scf_function.web")...)
	checks = append(checks,
		// An Event function has no address; a web function has one.
		statecheck.ExpectKnownValue(testResource, attrPath("access_info"), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"host": knownvalue.StringExact(""), "vip": knownvalue.StringExact(""),
		})),
		statecheck.ExpectKnownValue("scf_function.web", attrPath("access_info"), knownvalue.ObjectExact(map[string]knownvalue.Check{
			"host": knownvalue.StringRegexp(regexp.MustCompile(`^\S+$`)), "vip": knownvalue.StringRegexp(ipAddress),
		})),
	)
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{Config: config, ConfigPlanChecks: expectEmptyPlanAfterApply, ConfigStateChecks: checks},
			{Config: config, PlanOnly: true},
		},
	})
}

// TestAccSCFFunctionFeatures_asyncRunReplaces: asynchronous runs and event
// tracing are set only at creation, so changing either replaces the function.
func TestAccSCFFunctionFeatures_asyncRunReplaces(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 2\n"})
	config := func(asyncRun, trace bool) string {
		return env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name             = "async-fn"
  code             = { zip_file = %q }
  async_run_enable = %t
  trace_enable     = %t
}
`, zipPath, asyncRun, trace))
	}
	differentFunction := statecheck.CompareValue(compare.ValuesDiffer())
	step := func(asyncRun, trace bool, action plancheck.ResourceActionType) resource.TestStep {
		return resource.TestStep{
			Config:           config(asyncRun, trace),
			ConfigPlanChecks: withPreApply(action),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testResource, attrPath("async_run_enable"), knownvalue.Bool(asyncRun)),
				statecheck.ExpectKnownValue(testResource, attrPath("trace_enable"), knownvalue.Bool(trace)),
				differentFunction.AddStateValue(testResource, attrPath("function_id")),
			},
			Check: env.expectService("async-fn", func(fn *scfapi.Function) error {
				if (fn.AsyncRunEnable == apiTrue) != asyncRun || (fn.TraceEnable == apiTrue) != trace {
					return fmt.Errorf("the service holds AsyncRunEnable %q and TraceEnable %q", fn.AsyncRunEnable, fn.TraceEnable)
				}
				return nil
			}),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			step(true, true, plancheck.ResourceActionCreate),
			step(true, false, plancheck.ResourceActionDestroyBeforeCreate),
			step(false, false, plancheck.ResourceActionDestroyBeforeCreate),
		},
	})
}

// TestAccSCFFunctionFeatures_dnsCache sets, changes and removes the DNS
// cache of an Event function, each in place.
func TestAccSCFFunctionFeatures_dnsCache(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	zipPath := writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.py": "x = 3\n"})
	config := func(setting string) string {
		return env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name = "dns-fn"
  code = { zip_file = %q }
  %s
}
`, zipPath, setting))
	}
	sameFunction := statecheck.CompareValue(compare.ValuesSame())
	step := func(setting string, action plancheck.ResourceActionType, want bool) resource.TestStep {
		return resource.TestStep{
			Config:           config(setting),
			ConfigPlanChecks: withPreApply(action),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(testResource, attrPath("dns_cache"), knownvalue.Bool(want)),
				sameFunction.AddStateValue(testResource, attrPath("function_id")),
			},
			Check: env.expectService("dns-fn", func(fn *scfapi.Function) error {
				if (fn.DnsCache == apiTrue) != want {
					return fmt.Errorf("the service holds DnsCache %q, want %t", fn.DnsCache, want)
				}
				return nil
			}),
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			step("dns_cache = true", plancheck.ResourceActionCreate, true),
			step("dns_cache = false", plancheck.ResourceActionUpdate, false),
			step("dns_cache = true", plancheck.ResourceActionUpdate, true),
			step("", plancheck.ResourceActionUpdate, false),
		},
	})
}

// TestSCFFunctionFeatures_fakeRejectsWhatValidationRejects sends the fake,
// without the provider, combinations the provider refuses at plan time: the
// service's own rules back the provider's, so the acceptance tests would
// catch a rule the provider stopped checking.
func TestSCFFunctionFeatures_fakeRejectsWhatValidationRejects(t *testing.T) {
	t.Parallel()
	env := newTestEnv(t, fakescf.Options{})
	content, err := os.ReadFile(writeZip(t, t.TempDir(), "code.zip", map[string]string{"index.js": "exports.main_handler = () => 1\n"}))
	if err != nil {
		t.Fatal(err)
	}
	zipFile := base64.StdEncoding.EncodeToString(content)
	cases := []struct {
		name      string
		customize func(*scfapi.CreateFunctionRequest)
		code      string
	}{
		{"tracing without async runs", func(r *scfapi.CreateFunctionRequest) { r.TraceEnable = ptr(apiTrue) },
			"InvalidParameterValue.TraceEnable"},
		{"dns cache on a web function", func(r *scfapi.CreateFunctionRequest) { r.Type, r.DnsCache = ptr("HTTP"), ptr(apiTrue) },
			"UnsupportedOperation"},
		{"dependencies with Python", func(r *scfapi.CreateFunctionRequest) {
			r.Runtime, r.InstallDependency = ptr("Python3.9"), ptr(apiTrue)
		}, "UnsupportedOperation"},
		{"WebSocket on an Event function", func(r *scfapi.CreateFunctionRequest) { r.ProtocolType = ptr(protocolWebSocket) },
			"InvalidParameterValue.ProtocolType"},
		{"concurrency on an Event function", func(r *scfapi.CreateFunctionRequest) {
			r.InstanceConcurrencyConfig = &scfapi.InstanceConcurrencyConfig{DynamicEnabled: ptr(apiFalse), MaxConcurrency: ptr(uint64(2))}
		}, "InvalidParameterValue.InstanceConcurrencyConfig"},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			name := fmt.Sprintf("refused-%d", i)
			req := &scfapi.CreateFunctionRequest{
				FunctionName: &name, Runtime: ptr("Nodejs18.15"), Handler: ptr("index.main_handler"),
				Code: &scfapi.Code{ZipFile: &zipFile},
			}
			tc.customize(req)
			err := env.client.CreateFunction(context.Background(), req)
			if got := scfapi.ErrorCode(err); got != tc.code {
				t.Errorf("CreateFunction answered %v (code %q), want code %s", err, got, tc.code)
			}
			if _, getErr := env.client.GetFunction(context.Background(), scfapi.DefaultNamespace, name); !scfapi.IsNotFound(getErr) {
				t.Errorf("the refused function exists: %v", getErr)
			}
		})
	}
}

// TestOnlyMarkedUnknown: a plan that differs from the state only where the
// framework marked computed values unknown is no change; a value the
// configuration itself leaves unknown, or any known difference, is one.
func TestOnlyMarkedUnknown(t *testing.T) {
	t.Parallel()
	inner := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"ip_fixed": tftypes.String, "ip_addresses": tftypes.List{ElementType: tftypes.String}}}
	typ := tftypes.Object{AttributeTypes: map[string]tftypes.Type{"status": tftypes.String, "description": tftypes.String, "intranet": inner}}
	str := func(v any) tftypes.Value { return tftypes.NewValue(tftypes.String, v) }
	intranet := func(fixed string, ips any) tftypes.Value {
		if list, ok := ips.([]string); ok {
			elems := make([]tftypes.Value, 0, len(list))
			for _, ip := range list {
				elems = append(elems, str(ip))
			}
			ips = elems
		}
		addresses := tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, ips)
		return tftypes.NewValue(inner, map[string]tftypes.Value{"ip_fixed": str(fixed), "ip_addresses": addresses})
	}
	object := func(status, description any, in tftypes.Value) tftypes.Value {
		return tftypes.NewValue(typ, map[string]tftypes.Value{"status": str(status), "description": str(description), "intranet": in})
	}
	nullIPs := tftypes.NewValue(inner, map[string]tftypes.Value{"ip_fixed": str("ENABLE"), "ip_addresses": tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, nil)})
	state := object("Active", "d", intranet("ENABLE", []string{"10.0.0.1"}))
	config := object(nil, "d", nullIPs)
	cases := []struct {
		name   string
		plan   tftypes.Value
		config tftypes.Value
		want   bool
	}{
		{"the state itself", state, config, true},
		{"computed values marked unknown", object(tftypes.UnknownValue, "d", intranet("ENABLE", tftypes.UnknownValue)), config, true},
		{"a known change", object(tftypes.UnknownValue, "e", intranet("ENABLE", tftypes.UnknownValue)), object(nil, "e", nullIPs), false},
		{"a value unknown in the configuration", object(tftypes.UnknownValue, tftypes.UnknownValue, intranet("ENABLE", tftypes.UnknownValue)),
			object(nil, tftypes.UnknownValue, nullIPs), false},
		{"a changed nested setting", object(tftypes.UnknownValue, "d", intranet("DISABLE", tftypes.UnknownValue)), config, false},
	}
	for _, tc := range cases {
		if got := onlyMarkedUnknown(tc.plan, state, tc.config); got != tc.want {
			t.Errorf("%s: onlyMarkedUnknown = %t, want %t", tc.name, got, tc.want)
		}
	}
}
