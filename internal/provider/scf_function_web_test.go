package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// Web functions: WebSocket, concurrency per instance, fixed intranet IPs,
// online dependency installation and system logs.

// webFunction is the settings of the test's web function; an empty string
// leaves that block out of the configuration.
type webFunction struct {
	code                            string // `code = …` line; empty after an import
	installDependency, ignoreSysLog bool
	idleTimeout                     int // protocol_params.ws_params.idle_timeout; 0 leaves protocol_params out
	concurrency                     string
	intranet                        string // ip_fixed
}

// sessionConcurrency is an instance_concurrency_config with every setting.
func sessionConcurrency(maxConcurrency int) string {
	return fmt.Sprintf(`{
    max_concurrency            = %d
    dynamic_enabled            = true
    instance_isolation_enabled = true
    type                       = "Session-Based"
    session_config = {
      session_source                           = "HEADER"
      session_name                             = "X-Session-Id"
      maximum_concurrency_session_per_instance = 5
      maximum_ttl_in_seconds                   = 3600
      maximum_idle_time_in_seconds             = 600
      session_path                             = "/ws"
      idle_timeout_strategy                    = "PAUSE"
    }
  }`, maxConcurrency)
}

func (w webFunction) render() string {
	var optional []string
	if w.idleTimeout != 0 {
		optional = append(optional, fmt.Sprintf("protocol_params = { ws_params = { idle_timeout = %d } }", w.idleTimeout))
	}
	if w.concurrency != "" {
		optional = append(optional, "instance_concurrency_config = "+w.concurrency)
	}
	if w.intranet != "" {
		optional = append(optional, fmt.Sprintf("intranet_config = { ip_fixed = %q }", w.intranet))
	}
	return fmt.Sprintf(`
resource "scf_function" "test" {
  name               = "web-fn"
  type               = "HTTP"
  runtime            = "Nodejs18.15"
  %s
  install_dependency = %t
  ignore_sys_log     = %t
  protocol_type      = "WS"
  %s
}
`, w.code, w.installDependency, w.ignoreSysLog, strings.Join(optional, "\n  "))
}

// nodeZip writes the code of a Node.js web function.
func nodeZip(t *testing.T) string {
	t.Helper()
	zipPath := writeZip(t, t.TempDir(), "web.zip", map[string]string{
		"index.js":     "exports.main_handler = async () => 'ok'\n",
		"package.json": `{"name": "web-fn", "dependencies": {"ws": "8.18.0"}}` + "\n",
	})
	return fmt.Sprintf("code = { zip_file = %q }", zipPath)
}

// fullWeb is a web function with every setting of this file.
func fullWeb(code string) webFunction {
	return webFunction{code: code, installDependency: true, ignoreSysLog: true, idleTimeout: 600,
		concurrency: sessionConcurrency(10), intranet: "ENABLE"}
}

var ipAddress = regexp.MustCompile(`^\d+\.\d+\.\d+\.\d+$`)

// someIPs checks a list of at least one IP address.
var someIPs = knownvalue.ListPartial(map[int]knownvalue.Check{0: knownvalue.StringRegexp(ipAddress)})

// expectService checks what GetFunction reports about the test's function.
func (e *testEnv) expectService(name string, check func(*scfapi.Function) error) func(*terraform.State) error {
	return func(*terraform.State) error {
		fn, err := e.client.GetFunction(context.Background(), scfapi.DefaultNamespace, name)
		if err != nil {
			return err
		}
		return check(fn)
	}
}

// fakeIgnoresSysLog reads whether the fake holds IgnoreSysLog for a
// function: GetFunction does not report it, so the test reads the fake's
// persisted state (Options.StatePath).
func fakeIgnoresSysLog(statePath, namespace, name string) (bool, error) {
	data, err := os.ReadFile(statePath)
	if err != nil {
		return false, err
	}
	var st struct {
		Functions map[string]struct {
			Namespace, Name string
			Config          struct {
				IgnoreSysLog bool `json:"ignore_sys_log"`
			} `json:"config"`
		} `json:"functions"`
	}
	if err := json.Unmarshal(data, &st); err != nil {
		return false, err
	}
	for _, f := range st.Functions {
		if f.Namespace == namespace && f.Name == name {
			return f.Config.IgnoreSysLog, nil
		}
	}
	return false, fmt.Errorf("the fake's state holds no function %s/%s", namespace, name)
}

func expectSysLogIgnored(statePath string, want bool) func(*terraform.State) error {
	return func(*terraform.State) error {
		got, err := fakeIgnoresSysLog(statePath, scfapi.DefaultNamespace, "web-fn")
		if err != nil {
			return err
		}
		if got != want {
			return fmt.Errorf("the fake holds IgnoreSysLog %t, want %t", got, want)
		}
		return nil
	}
}

// TestAccSCFFunctionWeb_lifecycle creates a WebSocket function with every
// web setting, changes each of them in place, then removes the optional
// blocks: the service returns to its defaults and nothing is left to plan.
func TestAccSCFFunctionWeb_lifecycle(t *testing.T) {
	statePath := filepath.Join(t.TempDir(), "fake.json")
	env := newTestEnv(t, fakescf.Options{StatePath: statePath})
	code := nodeZip(t)

	created := fullWeb(code)
	changed := webFunction{code: code, idleTimeout: 900, concurrency: sessionConcurrency(20), intranet: "DISABLE"}
	// intranet_config goes back to ENABLE here so that the next step
	// removes it from a function holding an IP.
	trimmed := webFunction{code: code, intranet: "ENABLE"}
	bare := webFunction{code: code}

	sameFunction := statecheck.CompareValue(compare.ValuesSame())
	step := func(w webFunction, action plancheck.ResourceActionType, check func(*terraform.State) error, checks ...statecheck.StateCheck) resource.TestStep {
		return resource.TestStep{
			Config:            env.config(w.render()),
			ConfigPlanChecks:  withPreApply(action),
			ConfigStateChecks: append(checks, sameFunction.AddStateValue(testResource, attrPath("function_id"))),
			Check:             check,
		}
	}
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			step(created, plancheck.ResourceActionCreate,
				resource.ComposeTestCheckFunc(expectSysLogIgnored(statePath, true), env.expectService("web-fn", func(fn *scfapi.Function) error {
					if fn.InstallDependency != apiTrue || fn.ProtocolType != protocolWebSocket || fn.ProtocolParams == nil ||
						fn.ProtocolParams.WSParams == nil || fn.ProtocolParams.WSParams.IdleTimeOut != 600 {
						return fmt.Errorf("the service holds InstallDependency %q, ProtocolType %q, ProtocolParams %+v",
							fn.InstallDependency, fn.ProtocolType, fn.ProtocolParams)
					}
					return nil
				})),
				statecheck.ExpectKnownValue(testResource, attrPath("protocol_params"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"ws_params": knownvalue.ObjectExact(map[string]knownvalue.Check{"idle_timeout": knownvalue.Int64Exact(600)}),
				})),
				statecheck.ExpectKnownValue(testResource, attrPath("instance_concurrency_config"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"max_concurrency": knownvalue.Int64Exact(10), "dynamic_enabled": knownvalue.Bool(true),
					"instance_isolation_enabled": knownvalue.Bool(true), "type": knownvalue.StringExact(sessionBased),
					"session_config": knownvalue.ObjectExact(map[string]knownvalue.Check{
						"session_source": knownvalue.StringExact("HEADER"), "session_name": knownvalue.StringExact("X-Session-Id"),
						"maximum_concurrency_session_per_instance": knownvalue.Int64Exact(5),
						"maximum_ttl_in_seconds":                   knownvalue.Int64Exact(3600),
						"maximum_idle_time_in_seconds":             knownvalue.Int64Exact(600),
						"session_path":                             knownvalue.StringExact("/ws"),
						"idle_timeout_strategy":                    knownvalue.StringExact("PAUSE"),
					}),
				})),
				statecheck.ExpectKnownValue(testResource, attrPath("intranet_config").AtMapKey("ip_addresses"), someIPs),
				statecheck.ExpectKnownValue(testResource, attrPath("install_dependency"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(testResource, attrPath("ignore_sys_log"), knownvalue.Bool(true)),
				statecheck.ExpectKnownValue(testResource, attrPath("access_info").AtMapKey("host"), knownvalue.StringRegexp(regexp.MustCompile(`^\S+$`))),
			),
			step(changed, plancheck.ResourceActionUpdate,
				resource.ComposeTestCheckFunc(expectSysLogIgnored(statePath, false), env.expectService("web-fn", func(fn *scfapi.Function) error {
					if fn.InstallDependency != apiFalse || fn.IntranetConfig == nil || fn.IntranetConfig.IpFixed != disable ||
						len(fn.IntranetConfig.IpAddress) != 0 {
						return fmt.Errorf("the service holds InstallDependency %q, IntranetConfig %+v", fn.InstallDependency, fn.IntranetConfig)
					}
					return nil
				})),
				statecheck.ExpectKnownValue(testResource, attrPath("protocol_params").AtMapKey("ws_params").AtMapKey("idle_timeout"), knownvalue.Int64Exact(900)),
				statecheck.ExpectKnownValue(testResource, attrPath("instance_concurrency_config").AtMapKey("max_concurrency"), knownvalue.Int64Exact(20)),
				statecheck.ExpectKnownValue(testResource, attrPath("intranet_config"), knownvalue.ObjectExact(map[string]knownvalue.Check{
					"ip_fixed": knownvalue.StringExact("DISABLE"), "ip_addresses": knownvalue.ListExact(nil),
				})),
				statecheck.ExpectKnownValue(testResource, attrPath("install_dependency"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(testResource, attrPath("ignore_sys_log"), knownvalue.Bool(false)),
			),
			step(trimmed, plancheck.ResourceActionUpdate,
				env.expectService("web-fn", func(fn *scfapi.Function) error {
					if fn.ProtocolParams == nil || fn.ProtocolParams.WSParams == nil || fn.ProtocolParams.WSParams.IdleTimeOut != defaultWSIdleTimeout {
						return fmt.Errorf("the service holds ProtocolParams %+v, want the default idle timeout %d", fn.ProtocolParams, defaultWSIdleTimeout)
					}
					if fn.InstanceConcurrencyConfig != nil {
						return fmt.Errorf("the service still holds InstanceConcurrencyConfig %+v", fn.InstanceConcurrencyConfig)
					}
					return nil
				}),
				statecheck.ExpectKnownValue(testResource, attrPath("protocol_params"), knownvalue.Null()),
				statecheck.ExpectKnownValue(testResource, attrPath("instance_concurrency_config"), knownvalue.Null()),
				statecheck.ExpectKnownValue(testResource, attrPath("intranet_config").AtMapKey("ip_addresses"), someIPs),
			),
			step(bare, plancheck.ResourceActionUpdate,
				env.expectService("web-fn", func(fn *scfapi.Function) error {
					if fn.IntranetConfig == nil || fn.IntranetConfig.IpFixed != disable || len(fn.IntranetConfig.IpAddress) != 0 {
						return fmt.Errorf("the service holds IntranetConfig %+v, want the IP released", fn.IntranetConfig)
					}
					return nil
				}),
				statecheck.ExpectKnownValue(testResource, attrPath("intranet_config"), knownvalue.Null()),
			),
		},
	})
}

// TestAccSCFFunctionWeb_protocolTypeReplaces: the API sets ProtocolType only
// at creation, so removing it replaces the function.
func TestAccSCFFunctionWeb_protocolTypeReplaces(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	code := nodeZip(t)
	config := func(protocol string) string {
		return env.config(fmt.Sprintf(`
resource "scf_function" "test" {
  name    = "ws-fn"
  type    = "HTTP"
  runtime = "Nodejs18.15"
  %s
  %s
}
`, code, protocol))
	}
	differentFunction := statecheck.CompareValue(compare.ValuesDiffer())
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{
				Config:           config(`protocol_type = "WS"`),
				ConfigPlanChecks: withPreApply(plancheck.ResourceActionCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testResource, attrPath("protocol_type"), knownvalue.StringExact(protocolWebSocket)),
					// The service's default idle timeout reads as unset.
					statecheck.ExpectKnownValue(testResource, attrPath("protocol_params"), knownvalue.Null()),
					differentFunction.AddStateValue(testResource, attrPath("function_id")),
				},
			},
			{
				Config:           config(""),
				ConfigPlanChecks: withPreApply(plancheck.ResourceActionDestroyBeforeCreate),
				ConfigStateChecks: []statecheck.StateCheck{
					statecheck.ExpectKnownValue(testResource, attrPath("protocol_type"), knownvalue.Null()),
					differentFunction.AddStateValue(testResource, attrPath("function_id")),
				},
			},
		},
	})
}

// TestAccSCFFunctionWeb_importRoundTrip imports a web function with every
// setting: each reads back as applied, and after an import the same
// settings plan no change.
func TestAccSCFFunctionWeb_importRoundTrip(t *testing.T) {
	env := newTestEnv(t, fakescf.Options{})
	full := fullWeb(nodeZip(t))
	// After an import only what the service reports is known: neither the
	// zip file nor ignore_sys_log (which the import assumes false).
	imported := full
	imported.code, imported.ignoreSysLog = "", false
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: env.factories(),
		CheckDestroy:             env.checkDestroyed(scfapi.DefaultNamespace),
		Steps: []resource.TestStep{
			{Config: env.config(full.render()), ConfigPlanChecks: expectEmptyPlanAfterApply},
			{
				Config:            env.config(full.render()),
				ResourceName:      testResource,
				ImportState:       true,
				ImportStateVerify: true,
				// What cannot be read back: the local zip file (the service
				// holds the package, not its path), the timeouts (configuration
				// only) and ignore_sys_log (GetFunction does not report it).
				ImportStateVerifyIgnore: []string{"code", "timeouts", "ignore_sys_log"},
			},
			// An import block fails the step unless the import plans no change.
			{Config: env.config(imported.render()), ResourceName: testResource, ImportState: true, ImportStateKind: resource.ImportBlockWithID},
			// With ignore_sys_log configured, the import plans to set it,
			// as it cannot know the function already ignores system logs.
			{
				Config:             env.config(func() string { w := imported; w.ignoreSysLog = true; return w.render() }()),
				ResourceName:       testResource,
				ImportState:        true,
				ImportStateKind:    resource.ImportBlockWithID,
				ExpectNonEmptyPlan: true,
				ImportPlanChecks: resource.ImportPlanChecks{PreApply: []plancheck.PlanCheck{
					plancheck.ExpectResourceAction(testResource, plancheck.ResourceActionUpdate),
					plancheck.ExpectKnownValue(testResource, attrPath("ignore_sys_log"), knownvalue.Bool(true)),
				}},
			},
		},
	})
}
