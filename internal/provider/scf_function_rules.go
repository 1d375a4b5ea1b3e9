package provider

import (
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
)

// featureConfig holds the configured values the rules of the newer settings
// read. Unknown values pass every rule; they are checked once known.
type featureConfig struct {
	code, protocolParams, concurrency            types.Object
	runtime, handler, functionType, protocolType types.String
	asyncRun, trace, installDependency, dnsCache types.Bool
}

// effectiveRuntime is the configured runtime or the one ModifyPlan plans
// when it is unset; ok is false while it is not known.
func (f featureConfig) effectiveRuntime() (string, bool) {
	switch {
	case f.runtime.IsUnknown():
		return "", false
	case !f.runtime.IsNull():
		return f.runtime.ValueString(), true
	case f.code.IsUnknown() || objectAttr(f.code, "image_config").IsUnknown():
		return "", false
	case known(objectAttr(f.code, "image_config")):
		return runtimeCustomImage, true
	}
	return defaultRuntime, true
}

// effectiveType is the configured function type or its default.
func (f featureConfig) effectiveType() (string, bool) {
	if f.functionType.IsUnknown() {
		return "", false
	}
	if f.functionType.IsNull() {
		return defaultType, true
	}
	return f.functionType.ValueString(), true
}

func isTrue(b types.Bool) bool { return !b.IsUnknown() && b.ValueBool() }

func validateFeatures(f featureConfig, report func(validators.Violation)) {
	validateImage(f, report)

	if runtime, ok := f.effectiveRuntime(); ok && isTrue(f.installDependency) && !strings.HasPrefix(runtime, "Nodejs") {
		report(validators.Violation{Summary: "Unsupported Setting", Path: path.Root("install_dependency"),
			Problem: fmt.Sprintf("it is true, but the runtime is %s", runtime),
			Rule:    "online dependency installation is for Node.js runtimes only; remove it or use a Nodejs runtime"})
	}
	if isTrue(f.trace) && !f.asyncRun.IsUnknown() && !f.asyncRun.ValueBool() {
		report(validators.Violation{Summary: "Unsupported Setting", Path: path.Root("trace_enable"),
			Problem: "it is true, but `async_run_enable` is not",
			Rule:    "event tracing records asynchronous runs only; set `async_run_enable = true` or remove `trace_enable`"})
	}
	if !f.protocolParams.IsNull() && !f.protocolParams.IsUnknown() && f.protocolType.IsNull() {
		report(validators.Violation{Summary: "Unsupported Setting", Path: path.Root("protocol_params"),
			Problem: "it is set, but `protocol_type` is not",
			Rule:    "protocol settings need `protocol_type = \"WS\"`"})
	}

	fnType, ok := f.effectiveType()
	if !ok {
		return
	}
	webOnly := func(at path.Path, what string) {
		report(validators.Violation{Summary: "Unsupported Setting", Path: at,
			Problem: fmt.Sprintf("it is set, but the function type is %s", fnType),
			Rule:    what + " is for web functions only; set `type = \"HTTP\"` or remove it"})
	}
	if fnType != "HTTP" && !f.protocolType.IsNull() && !f.protocolType.IsUnknown() {
		webOnly(path.Root("protocol_type"), "a protocol such as WebSocket")
	}
	if fnType != "HTTP" && known(f.concurrency) {
		webOnly(path.Root("instance_concurrency_config"), "concurrency per instance")
	}
	if fnType == "HTTP" && isTrue(f.dnsCache) {
		report(validators.Violation{Summary: "Unsupported Setting", Path: path.Root("dns_cache"),
			Problem: "it is true, but the function type is HTTP",
			Rule:    "the DNS cache is for Event functions only; remove it or set `type = \"Event\"`"})
	}
	validateSessions(f.concurrency, report)
}

// validateImage checks that an image function and its runtime agree, and
// that an image function has no handler.
func validateImage(f featureConfig, report func(validators.Violation)) {
	image := objectAttr(f.code, "image_config")
	if image.IsUnknown() || f.code.IsUnknown() {
		return
	}
	runtime := f.runtime
	switch {
	case known(image) && !runtime.IsNull() && !runtime.IsUnknown() && runtime.ValueString() != runtimeCustomImage:
		report(validators.Violation{Summary: "Invalid Runtime", Path: path.Root("runtime"),
			Problem: fmt.Sprintf("it is %q, but `code` sets `image_config`", runtime.ValueString()),
			Rule:    "an image function has runtime \"CustomImage\"; set it, or leave `runtime` unset"})
	case !known(image) && known(f.code) && runtime.ValueString() == runtimeCustomImage:
		report(validators.Violation{Summary: "Invalid Runtime", Path: path.Root("runtime"),
			Problem: "it is \"CustomImage\", but `code` sets no `image_config`",
			Rule:    "runtime \"CustomImage\" is for image functions; set `code.image_config` or choose another runtime"})
	}
	isImage := known(image) || runtime.ValueString() == runtimeCustomImage
	if isImage && !f.handler.IsNull() && !f.handler.IsUnknown() {
		report(validators.Violation{Summary: "Invalid Handler", Path: path.Root("handler"),
			Problem: "it is set for an image function",
			Rule:    "an image function has no handler: the image's command and args start it; remove `handler`"})
	}
	if !known(image) {
		return
	}
	if stringAttr(image, "image_type").ValueString() == imageEnterprise && stringAttr(image, "registry_id").IsNull() {
		report(validators.Violation{Summary: "Missing Registry", Path: path.Root("code").AtName("image_config").AtName("registry_id"),
			Problem: "it is not set, but `image_type` is \"enterprise\"",
			Rule:    "an image of a TCR enterprise instance needs the instance's ID in `registry_id`"})
	}
}

// validateSessions checks the session settings against the concurrency
// type and instance isolation they depend on.
func validateSessions(concurrency types.Object, report func(validators.Violation)) {
	if !known(concurrency) {
		return
	}
	session := objectAttr(concurrency, "session_config")
	if !known(session) {
		return
	}
	at := path.Root("instance_concurrency_config").AtName("session_config")
	if t := stringAttr(concurrency, "type"); !t.IsUnknown() && t.ValueString() != sessionBased {
		report(validators.Violation{Summary: "Unsupported Setting", Path: at,
			Problem: fmt.Sprintf("it is set, but `type` is %q", t.ValueString()),
			Rule:    "sessions need `type = \"Session-Based\"`"})
	}
	isolation, _ := concurrency.Attributes()["instance_isolation_enabled"].(types.Bool)
	if strategy := stringAttr(session, "idle_timeout_strategy"); !strategy.IsNull() && !isolation.IsUnknown() && !isolation.ValueBool() {
		report(validators.Violation{Summary: "Unsupported Setting", Path: at.AtName("idle_timeout_strategy"),
			Problem: "it is set, but `instance_isolation_enabled` is not true",
			Rule:    "an idle timeout strategy applies to isolated instances only; set `instance_isolation_enabled = true` or remove it"})
	}
}
