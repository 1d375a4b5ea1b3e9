package provider

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/boolplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// functionRuntimes judges a function's runtime: the runtimes of code and
// the image functions' one.
var functionRuntimes = validators.NewRuntimeCheck(append(slices.Clone(validators.Runtimes), runtimeCustomImage)...)

// codeRuntimes judges the runtimes a layer works with, and the filters
// that name one.
var codeRuntimes = validators.NewRuntimeCheck(validators.Runtimes...)

// How the function runs: its entry point, runtime and type, the memory and
// time it gets, asynchronous runs and their tracing, the web function's
// protocol, and how many requests one instance serves.

const (
	defaultRuntime     = "Python2.7"
	defaultType        = "Event"
	defaultMemorySize  = 128
	defaultTimeout     = 3
	defaultInitTimeout = 65
	// defaultImageInitTimeout is the service's init_timeout of an image
	// function; code packages get defaultInitTimeout.
	defaultImageInitTimeout = 90
	defaultWSIdleTimeout    = 15
	// defaultMaxConcurrency is what the service reports when only other
	// concurrency settings were given.
	defaultMaxConcurrency = 1
	protocolWebSocket     = "WS"
	sessionBased          = "Session-Based"
	requestBased          = "Request-Based"

	summaryUnsupportedSetting = "Unsupported Setting"
	summaryInvalidRuntime     = validators.SummaryRuntime
	summaryInvalidHandler     = "Invalid Handler"
	summaryMissingHandler     = "Missing Handler"
)

var sessionNameRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{4,39}$`)

// functionRuntime is how the function runs, in scf_function's model.
type functionRuntime struct {
	Handler                   types.String `tfsdk:"handler"`
	Runtime                   types.String `tfsdk:"runtime"`
	Type                      types.String `tfsdk:"type"`
	MemorySize                types.Int64  `tfsdk:"memory_size"`
	Timeout                   types.Int64  `tfsdk:"timeout"`
	InitTimeout               types.Int64  `tfsdk:"init_timeout"`
	InstallDependency         types.Bool   `tfsdk:"install_dependency"`
	AsyncRunEnable            types.Bool   `tfsdk:"async_run_enable"`
	TraceEnable               types.Bool   `tfsdk:"trace_enable"`
	ProtocolType              types.String `tfsdk:"protocol_type"`
	ProtocolParams            types.Object `tfsdk:"protocol_params"`
	InstanceConcurrencyConfig types.Object `tfsdk:"instance_concurrency_config"`
}

// protocolParamsModel maps `protocol_params`.
type protocolParamsModel struct {
	WSParams types.Object `tfsdk:"ws_params"`
}

// wsParamsModel maps `protocol_params.ws_params`.
type wsParamsModel struct {
	IdleTimeout types.Int64 `tfsdk:"idle_timeout"`
}

// instanceConcurrencyModel maps `instance_concurrency_config`.
type instanceConcurrencyModel struct {
	DynamicEnabled           types.Bool   `tfsdk:"dynamic_enabled"`
	MaxConcurrency           types.Int64  `tfsdk:"max_concurrency"`
	InstanceIsolationEnabled types.Bool   `tfsdk:"instance_isolation_enabled"`
	Type                     types.String `tfsdk:"type"`
	SessionConfig            types.Object `tfsdk:"session_config"`
}

// sessionConfigModel maps `instance_concurrency_config.session_config`.
type sessionConfigModel struct {
	SessionSource                        types.String `tfsdk:"session_source"`
	SessionName                          types.String `tfsdk:"session_name"`
	MaximumConcurrencySessionPerInstance types.Int64  `tfsdk:"maximum_concurrency_session_per_instance"`
	MaximumTTLInSeconds                  types.Int64  `tfsdk:"maximum_ttl_in_seconds"`
	MaximumIdleTimeInSeconds             types.Int64  `tfsdk:"maximum_idle_time_in_seconds"`
	SessionPath                          types.String `tfsdk:"session_path"`
	IdleTimeoutStrategy                  types.String `tfsdk:"idle_timeout_strategy"`
}

var (
	protocolParamsCodec = nestedCodec[protocolParamsModel](protocolParamsAttribute())
	wsParamsCodec       = nestedCodec[wsParamsModel](protocolParamsAttribute().Attributes["ws_params"])
	concurrencyCodec    = nestedCodec[instanceConcurrencyModel](instanceConcurrencyAttribute())
	sessionCodec        = nestedCodec[sessionConfigModel](instanceConcurrencyAttribute().Attributes["session_config"])
)

func runtimeAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"handler": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "Entry point (`Handler`) in the form `file.function`, for example `index.main_handler`; " +
				"each part starts and ends with a letter and the whole is 2 to 60 characters. `Java8` uses " +
				"`package.Class::method`; Go runtimes use the executable's name. When unset the service picks its " +
				"default for the runtime. An image function (`code.image_config`) has none. Changes are applied in " +
				"place with the code.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			Validators:    []validator.String{validators.Handler(path.MatchRoot("runtime"))},
		},
		// No static default and no RequiresReplace modifier: the default
		// depends on `code` and ModifyPlan plans it, and the replacement.
		"runtime": schema.StringAttribute{
			Optional: true,
			Computed: true,
			MarkdownDescription: "Runtime environment (`Runtime`), one of " + backticked(validators.Runtimes) + " or `" +
				runtimeCustomImage + "` for an image function (`code.image_config`). Defaults to `" + runtimeCustomImage +
				"` for an image and `" + defaultRuntime + "` otherwise. A runtime of the same form that is not listed " +
				"(the service adds them) plans with a warning and the service decides; a known runtime misspelt " +
				"(`python3.9`, `Nodejs 16`) is an error that names the spelling the service takes. The API cannot " +
				"change the runtime of an existing function, so changing it replaces the function.",
			Validators: []validator.String{validators.Runtime(functionRuntimes)},
		},
		"type": schema.StringAttribute{
			Optional: true,
			Computed: true,
			Default:  stringdefault.StaticString(defaultType),
			MarkdownDescription: "Function type (`Type`): `Event` for a function invoked by triggers, `HTTP` for a web " +
				"function. Defaults to `Event`. Changing it replaces the function.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:    []validator.String{stringvalidator.OneOf(validators.FunctionTypes...)},
		},
		"memory_size": schema.Int64Attribute{
			Optional: true,
			Computed: true,
			Default:  int64default.StaticInt64(defaultMemorySize),
			MarkdownDescription: fmt.Sprintf("Memory available to the function in MB (`MemorySize`): `64`, or `128` to "+
				"`3072` in steps of `128`. Defaults to `%d`. Changes are applied in place.", defaultMemorySize),
			Validators: []validator.Int64{validators.MemorySize()},
		},
		"timeout": schema.Int64Attribute{
			Optional: true,
			Computed: true,
			Default:  int64default.StaticInt64(defaultTimeout),
			MarkdownDescription: fmt.Sprintf("Maximum execution time in seconds (`Timeout`), `1` to `900`. Defaults to "+
				"`%d`. Changes are applied in place.", defaultTimeout),
			Validators: []validator.Int64{int64validator.Between(1, 900)},
		},
		"init_timeout": schema.Int64Attribute{
			Optional: true,
			Computed: true,
			// No static default: ModifyPlan plans the one of the runtime.
			MarkdownDescription: fmt.Sprintf("Maximum time in seconds for the function's initialization "+
				"(`InitTimeout`), `1` to `300`. Defaults to `%d`, or `%d` for an image function (`code.image_config`). "+
				"Changes are applied in place.", defaultInitTimeout, defaultImageInitTimeout),
			Validators: []validator.Int64{int64validator.Between(1, 300)},
		},
		"install_dependency": flagAttribute("Installs the dependencies of `package.json` online (`InstallDependency`). " +
			"Node.js runtimes only. Changes are applied in place and sent with every code update."),
		"async_run_enable": flagAttribute("Runs the function asynchronously (`AsyncRunEnable`): invocations return at once "+
			"and may run up to 24 hours. Only set at creation, so changing it replaces the function.",
			boolplanmodifier.RequiresReplace()),
		"trace_enable": flagAttribute("Records the events of asynchronous runs (`TraceEnable`). Only meaningful with "+
			"`async_run_enable = true`, which it requires. Only set at creation, so changing it replaces the function.",
			boolplanmodifier.RequiresReplace()),
		"protocol_type": schema.StringAttribute{
			Optional: true,
			MarkdownDescription: "Protocol of a web function (`ProtocolType`): `WS` serves WebSocket connections. " +
				"HTTP functions only. Changing it replaces the function, as the API sets it only at creation.",
			PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			Validators:    []validator.String{stringvalidator.OneOf(protocolWebSocket)},
		},
		"protocol_params":             protocolParamsAttribute(),
		"instance_concurrency_config": instanceConcurrencyAttribute(),
	}
}

func protocolParamsAttribute() schema.SingleNestedAttribute {
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Settings of the protocol in `protocol_type` (`ProtocolParams`). Needs " +
			"`protocol_type = \"WS\"`. Removing it returns the settings to their defaults. Changes are applied in place.",
		Attributes: map[string]schema.Attribute{
			"ws_params": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "WebSocket settings (`WSParams`).",
				Attributes: map[string]schema.Attribute{
					"idle_timeout": schema.Int64Attribute{
						Optional: true,
						MarkdownDescription: fmt.Sprintf("Seconds an idle connection stays open (`IdleTimeOut`), `1` to "+
							"`1800`. Unset means `%d`.", defaultWSIdleTimeout),
						Validators: []validator.Int64{int64validator.Between(1, 1800)},
					},
				},
			},
		},
	}
}

func instanceConcurrencyAttribute() schema.SingleNestedAttribute {
	positive := func(description string) schema.Int64Attribute {
		return schema.Int64Attribute{Optional: true, MarkdownDescription: description,
			Validators: []validator.Int64{int64validator.AtLeast(1)}}
	}
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Several requests per instance (`InstanceConcurrencyConfig`). HTTP functions only. " +
			"Removing it returns the function to one request per instance. Changes are applied in place. GPU node " +
			"settings (`MixNodeConfig`) are not supported.",
		Attributes: map[string]schema.Attribute{
			"dynamic_enabled": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Lets the service adjust the concurrency (`DynamicEnabled`). Unset means `false`: static concurrency.",
			},
			"max_concurrency": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("Maximum requests one instance serves at once (`MaxConcurrency`), `1` to "+
					"`100`. Unset means `%d`.", defaultMaxConcurrency),
				Validators: []validator.Int64{int64validator.Between(1, 100)},
			},
			"instance_isolation_enabled": schema.BoolAttribute{
				Optional:            true,
				MarkdownDescription: "Isolates instances for security (`InstanceIsolationEnabled`). Unset means `false`.",
			},
			"type": schema.StringAttribute{
				Optional:            true,
				MarkdownDescription: "How requests are spread (`Type`): `Session-Based` or `Request-Based`.",
				Validators:          []validator.String{stringvalidator.OneOf(sessionBased, requestBased)},
			},
			"session_config": schema.SingleNestedAttribute{
				Optional:            true,
				MarkdownDescription: "Sessions (`SessionConfig`); needs `type = \"Session-Based\"`.",
				Attributes: map[string]schema.Attribute{
					"session_source": schema.StringAttribute{
						Required:            true,
						MarkdownDescription: "Where the session ID is read (`SessionSource`): `HEADER`, `COOKIE` or `QUERY_STRING`.",
						Validators:          []validator.String{stringvalidator.OneOf("HEADER", "COOKIE", "QUERY_STRING")},
					},
					"session_name": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "Name of the header, cookie or query parameter (`SessionName`): 5 to 40 " +
							"characters of letters, digits, `_` and `-`, starting with a letter.",
						Validators: []validator.String{stringvalidator.RegexMatches(sessionNameRE,
							"must be 5 to 40 letters, digits, '_' or '-', starting with a letter")},
					},
					"maximum_concurrency_session_per_instance": positive("Most sessions one instance holds (`MaximumConcurrencySessionPerInstance`)."),
					"maximum_ttl_in_seconds":                   positive("Longest life of a session in seconds (`MaximumTTLInSeconds`)."),
					"maximum_idle_time_in_seconds":             positive("Longest idle time of a session in seconds (`MaximumIdleTimeInSeconds`)."),
					"session_path": schema.StringAttribute{
						Optional:            true,
						MarkdownDescription: "Path the session applies to (`SessionPath`).",
						Validators:          []validator.String{stringvalidator.LengthAtLeast(1)},
					},
					"idle_timeout_strategy": schema.StringAttribute{
						Optional: true,
						MarkdownDescription: "What happens to an idle session's instance (`IdleTimeoutStrategy`): `FATAL` " +
							"destroys it, `PAUSE` pauses it. Needs `instance_isolation_enabled = true`.",
						Validators: []validator.String{stringvalidator.OneOf("FATAL", "PAUSE")},
					},
				},
			},
		},
	}
}

var runtimeAPIErrorHints = map[string]apiErrorHint{
	"InvalidParameterValue.Handler":     {attribute: path.Root("handler"), advice: "Use `file.function` (`package.Class::method` for Java8)."},
	"InvalidParameterValue.InitTimeout": {attribute: path.Root("init_timeout"), advice: "Use 1 to 300 seconds."},
	"InvalidParameterValue.MemorySize":  {attribute: path.Root("memory_size"), advice: "Use 64, or 128 to 3072 in steps of 128."},
	"InvalidParameterValue.Runtime": {attribute: path.Root("runtime"),
		advice: "The service does not offer this runtime here: use one it lists (the provider warns at plan about one it does not know); the runtime of an existing function cannot change."},
	"InvalidParameterValue.Type":           {attribute: path.Root("type"), advice: "Use `Event` or `HTTP`."},
	"LimitExceeded.InitTimeout":            {attribute: path.Root("init_timeout"), advice: "Use at most 300 seconds."},
	"LimitExceeded.Memory":                 {attribute: path.Root("memory_size"), advice: "Use at most 3072 MB, or ask for a higher quota."},
	"LimitExceeded.Timeout":                {attribute: path.Root("timeout"), advice: "Use at most 900 seconds."},
	"MissingParameter.Runtime":             {attribute: path.Root("runtime"), advice: "Set `runtime`."},
	"InvalidParameterValue.AsyncRunEnable": {attribute: path.Root("async_run_enable"), advice: "Asynchronous runs can only be chosen when the function is created."},
	"UnsupportedOperation.AsyncRunEnable":  {attribute: path.Root("async_run_enable"), advice: "This function cannot run asynchronously; remove `async_run_enable`."},
	"InvalidParameterValue.TraceEnable":    {attribute: path.Root("trace_enable"), advice: "Event tracing needs `async_run_enable = true`."},
	"InvalidParameterValue.ProtocolType":   {attribute: path.Root("protocol_type"), advice: "Use `WS`, on an HTTP function."},
	"InvalidParameterValue.IdleTimeOut":    {attribute: path.Root("protocol_params"), advice: "Use an idle timeout of 1 to 1800 seconds."},
	"InvalidParameterValue.WebSocketsParams": {attribute: path.Root("protocol_params"),
		advice: "WebSocket settings need `protocol_type = \"WS\"` on an HTTP function."},
	"InvalidParameterValue.InstanceConcurrencyConfig": {attribute: path.Root("instance_concurrency_config"),
		advice: "Concurrency per instance is for HTTP functions; check its settings against their documented values."},
	"InvalidParameterValue.MaxConcurrency": {attribute: path.Root("instance_concurrency_config").AtName("max_concurrency"), advice: "Use 1 to 100."},
	"InvalidParameterValue.DynamicEnabled": {attribute: path.Root("instance_concurrency_config").AtName("dynamic_enabled"), advice: "Dynamic concurrency is on or off."},
	"FailedOperation.SessionName": {attribute: path.Root("instance_concurrency_config").AtName("session_config"),
		advice: "Use a session name of 5 to 40 letters, digits, `_` and `-`, starting with a letter."},
}

// expandCreate puts how the function runs into CreateFunction, which only
// takes the flags turned on.
func (r functionRuntime) expandCreate(req *scfapi.CreateFunctionRequest, diags *diag.Diagnostics) {
	req.Handler = stringPtr(r.Handler)
	req.Runtime = stringPtr(r.Runtime)
	req.Type = stringPtr(r.Type)
	req.MemorySize = int64Ptr(r.MemorySize)
	req.Timeout = int64Ptr(r.Timeout)
	req.InitTimeout = int64Ptr(r.InitTimeout)
	req.InstallDependency = trueFlag(r.InstallDependency)
	req.AsyncRunEnable = trueFlag(r.AsyncRunEnable)
	req.TraceEnable = trueFlag(r.TraceEnable)
	req.ProtocolType = stringPtr(r.ProtocolType)
	req.ProtocolParams = expandProtocolParams(r.ProtocolParams, false, diags)
	req.InstanceConcurrencyConfig = expandInstanceConcurrency(r.InstanceConcurrencyConfig, false, diags)
}

// expandUpdate adds the settings that changed to req and reports whether
// there was any. The handler changes with the code (expandCodeUpdate); the
// runtime, type, asynchronous runs and protocol only with a new function.
func (r functionRuntime) expandUpdate(state functionRuntime, req *scfapi.UpdateFunctionConfigurationRequest, diags *diag.Diagnostics) bool {
	var u update
	req.MemorySize = u.num(r.MemorySize, state.MemorySize)
	req.Timeout = u.num(r.Timeout, state.Timeout)
	req.InitTimeout = u.num(r.InitTimeout, state.InitTimeout)
	req.InstallDependency = u.flag(r.InstallDependency, state.InstallDependency)
	if u.differs(r.ProtocolParams, state.ProtocolParams) {
		req.ProtocolParams = expandProtocolParams(r.ProtocolParams, true, diags)
	}
	if u.differs(r.InstanceConcurrencyConfig, state.InstanceConcurrencyConfig) {
		req.InstanceConcurrencyConfig = expandInstanceConcurrency(r.InstanceConcurrencyConfig, true, diags)
	}
	return u.changed
}

// expandProtocolParams sends the WebSocket settings, or their default when
// clearIfNull asks to undo settings removed from the configuration.
func expandProtocolParams(obj types.Object, clearIfNull bool, diags *diag.Diagnostics) *scfapi.ProtocolParams {
	idle := uint64(defaultWSIdleTimeout)
	params, ok := protocolParamsCodec.get(obj, diags)
	if !ok && !clearIfNull {
		return nil
	}
	if ok {
		if ws, wsOK := wsParamsCodec.get(params.WSParams, diags); wsOK && !ws.IdleTimeout.IsNull() {
			idle = *uint64Ptr(ws.IdleTimeout)
		}
	}
	return &scfapi.ProtocolParams{WSParams: &scfapi.WSParams{IdleTimeOut: &idle}}
}

// expandInstanceConcurrency sends the concurrency settings; an empty
// DynamicEnabled is the API's way to remove them.
func expandInstanceConcurrency(obj types.Object, clearIfNull bool, diags *diag.Diagnostics) *scfapi.InstanceConcurrencyConfig {
	c, ok := concurrencyCodec.get(obj, diags)
	if !ok {
		if clearIfNull {
			return &scfapi.InstanceConcurrencyConfig{DynamicEnabled: ptr("")}
		}
		return nil
	}
	out := &scfapi.InstanceConcurrencyConfig{
		DynamicEnabled: apiFlag(c.DynamicEnabled), MaxConcurrency: uint64Ptr(c.MaxConcurrency),
		InstanceIsolationEnabled: apiFlag(c.InstanceIsolationEnabled), Type: stringPtr(c.Type),
	}
	if out.DynamicEnabled == nil {
		out.DynamicEnabled = ptr(apiFalse)
	}
	if s, ok := sessionCodec.get(c.SessionConfig, diags); ok {
		out.SessionConfig = &scfapi.SessionConfig{
			SessionSource: stringPtr(s.SessionSource), SessionName: stringPtr(s.SessionName),
			MaximumConcurrencySessionPerInstance: uint64Ptr(s.MaximumConcurrencySessionPerInstance),
			MaximumTTLInSeconds:                  uint64Ptr(s.MaximumTTLInSeconds),
			MaximumIdleTimeInSeconds:             uint64Ptr(s.MaximumIdleTimeInSeconds),
			SessionPath:                          stringPtr(s.SessionPath), IdleTimeoutStrategy: stringPtr(s.IdleTimeoutStrategy),
		}
	}
	return out
}

// flatten reads how the function runs. A setting the service reports at its
// default reads as null where the model had it null, so leaving it out of
// the configuration plans cleanly.
func (r *functionRuntime) flatten(fn *scfapi.Function, diags *diag.Diagnostics) {
	r.Handler = types.StringValue(fn.Handler)
	r.Runtime = types.StringValue(fn.Runtime)
	r.Type = types.StringValue(fn.Type)
	r.MemorySize = types.Int64Value(fn.MemorySize)
	r.Timeout = types.Int64Value(fn.Timeout)
	r.InitTimeout = types.Int64Value(fn.InitTimeout)
	r.InstallDependency = types.BoolValue(fn.InstallDependency == apiTrue)
	r.AsyncRunEnable = types.BoolValue(fn.AsyncRunEnable == apiTrue)
	r.TraceEnable = types.BoolValue(fn.TraceEnable == apiTrue)
	r.ProtocolType = emptyAsNull(fn.ProtocolType)
	r.ProtocolParams = flattenProtocolParams(fn.ProtocolParams, r.ProtocolParams, diags)
	r.InstanceConcurrencyConfig = flattenInstanceConcurrency(fn.InstanceConcurrencyConfig, r.InstanceConcurrencyConfig, diags)
}

func flattenProtocolParams(p *scfapi.ProtocolParamsOut, prior types.Object, diags *diag.Diagnostics) types.Object {
	if p == nil || p.WSParams == nil {
		return protocolParamsCodec.null()
	}
	was, hadPrior := protocolParamsCodec.get(prior, diags)
	idle := int64(p.WSParams.IdleTimeOut) //nolint:gosec // at most 1800
	if !hadPrior && idle == defaultWSIdleTimeout {
		return protocolParamsCodec.null()
	}
	wasWS := wsParamsCodec.nullModel(diags)
	hadWS := false
	if hadPrior {
		wasWS, hadWS = wsParamsCodec.get(was.WSParams, diags)
	}
	ws := wsParamsCodec.null()
	if hadWS || idle != defaultWSIdleTimeout {
		ws = wsParamsCodec.value(wsParamsModel{IdleTimeout: int64UnlessDefault(wasWS.IdleTimeout, idle, defaultWSIdleTimeout)}, diags)
	}
	return protocolParamsCodec.value(protocolParamsModel{WSParams: ws}, diags)
}

func flattenInstanceConcurrency(c *scfapi.InstanceConcurrencyOut, prior types.Object, diags *diag.Diagnostics) types.Object {
	if c == nil || c.DynamicEnabled == "" && c.MaxConcurrency == 0 {
		return concurrencyCodec.null()
	}
	was, hadPrior := concurrencyCodec.get(prior, diags)
	if !hadPrior {
		was = concurrencyCodec.nullModel(diags)
	}
	session := sessionCodec.null()
	if s := c.SessionConfig; s != nil && s.SessionName != "" {
		wasSession, hadSession := sessionCodec.get(was.SessionConfig, diags)
		if !hadSession {
			wasSession = sessionCodec.nullModel(diags)
		}
		session = sessionCodec.value(sessionConfigModel{
			SessionSource: types.StringValue(s.SessionSource), SessionName: types.StringValue(s.SessionName),
			MaximumConcurrencySessionPerInstance: int64UnlessDefault(wasSession.MaximumConcurrencySessionPerInstance, int64(s.MaximumConcurrencySessionPerInstance), 0), //nolint:gosec // small
			MaximumTTLInSeconds:                  int64UnlessDefault(wasSession.MaximumTTLInSeconds, int64(s.MaximumTTLInSeconds), 0),                                   //nolint:gosec // small
			MaximumIdleTimeInSeconds:             int64UnlessDefault(wasSession.MaximumIdleTimeInSeconds, int64(s.MaximumIdleTimeInSeconds), 0),                         //nolint:gosec // small
			SessionPath:                          stringUnlessEmpty(wasSession.SessionPath, s.SessionPath),
			IdleTimeoutStrategy:                  stringUnlessEmpty(wasSession.IdleTimeoutStrategy, s.IdleTimeoutStrategy),
		}, diags)
	}
	return concurrencyCodec.value(instanceConcurrencyModel{
		DynamicEnabled:           boolUnlessDefault(was.DynamicEnabled, c.DynamicEnabled == apiTrue, false),
		MaxConcurrency:           int64UnlessDefault(was.MaxConcurrency, int64(c.MaxConcurrency), defaultMaxConcurrency), //nolint:gosec // at most 100
		InstanceIsolationEnabled: boolUnlessDefault(was.InstanceIsolationEnabled, c.InstanceIsolationEnabled == apiTrue, false),
		Type:                     stringUnlessEmpty(was.Type, c.Type),
		SessionConfig:            session,
	}, diags)
}

// clearUnknowns is clearUnknowns of the resource for how the function runs.
func (r *functionRuntime) clearUnknowns() {
	r.Handler, r.Runtime = nullIfUnknown(r.Handler), nullIfUnknown(r.Runtime)
	if r.InitTimeout.IsUnknown() {
		r.InitTimeout = types.Int64Null()
	}
}

// effectiveRuntime is the configured runtime or the one ModifyPlan plans
// when it is unset; ok is false while it is not known.
func (m *scfFunctionResourceModel) effectiveRuntime(diags *diag.Diagnostics) (string, bool) {
	image := imageOf(m.Code, diags)
	switch {
	case m.Runtime.IsUnknown():
		return "", false
	case !m.Runtime.IsNull():
		return m.Runtime.ValueString(), true
	case image.IsUnknown():
		return "", false
	case known(image):
		return runtimeCustomImage, true
	}
	return defaultRuntime, true
}

// effectiveType is the configured function type or its default.
func (r functionRuntime) effectiveType() (string, bool) {
	if r.Type.IsUnknown() {
		return "", false
	}
	if r.Type.IsNull() {
		return defaultType, true
	}
	return r.Type.ValueString(), true
}

func isTrue(b types.Bool) bool { return !b.IsUnknown() && b.ValueBool() }

// validateRuntime checks the rules between how the function runs and the
// rest of its configuration. Unknown values pass; they are checked once
// known.
func validateRuntime(config *scfFunctionResourceModel, report func(validators.Violation), diags *diag.Diagnostics) {
	validateImageRuntime(config, report, diags)

	if config.Runtime.ValueString() == "Java8" && config.Handler.IsNull() {
		report(validators.Violation{
			Summary: summaryMissingHandler,
			Path:    path.Root("handler"),
			Problem: "it is not set, and Java8 functions have no default entry point",
			Rule:    "set `handler` to `package.Class::method`, for example `example.Hello::mainHandler`",
		})
	}
	if runtime, ok := config.effectiveRuntime(diags); ok && isTrue(config.InstallDependency) && !strings.HasPrefix(runtime, "Nodejs") {
		report(validators.Violation{Summary: summaryUnsupportedSetting, Path: path.Root("install_dependency"),
			Problem: fmt.Sprintf("it is true, but the runtime is %s", runtime),
			Rule:    "online dependency installation is for Node.js runtimes only; remove it or use a Nodejs runtime"})
	}
	if isTrue(config.TraceEnable) && !config.AsyncRunEnable.IsUnknown() && !config.AsyncRunEnable.ValueBool() {
		report(validators.Violation{Summary: summaryUnsupportedSetting, Path: path.Root("trace_enable"),
			Problem: "it is true, but `async_run_enable` is not",
			Rule:    "event tracing records asynchronous runs only; set `async_run_enable = true` or remove `trace_enable`"})
	}
	if known(config.ProtocolParams) && config.ProtocolType.IsNull() {
		report(validators.Violation{Summary: summaryUnsupportedSetting, Path: path.Root("protocol_params"),
			Problem: "it is set, but `protocol_type` is not",
			Rule:    "protocol settings need `protocol_type = \"WS\"`"})
	}
	fnType, ok := config.effectiveType()
	if !ok {
		return // the rules below depend on the function type
	}
	if fnType != "HTTP" && !config.ProtocolType.IsNull() && !config.ProtocolType.IsUnknown() {
		reportWebOnly(report, fnType, path.Root("protocol_type"), "a protocol such as WebSocket")
	}
	if fnType != "HTTP" && known(config.InstanceConcurrencyConfig) {
		reportWebOnly(report, fnType, path.Root("instance_concurrency_config"), "concurrency per instance")
	}
	validateSessions(config.InstanceConcurrencyConfig, report, diags)
}

// reportWebOnly refuses a setting of web functions on another type.
func reportWebOnly(report func(validators.Violation), fnType string, at path.Path, what string) {
	report(validators.Violation{Summary: summaryUnsupportedSetting, Path: at,
		Problem: fmt.Sprintf("it is set, but the function type is %s", fnType),
		Rule:    what + " is for web functions only; set `type = \"HTTP\"` or remove it"})
}

// validateImageRuntime checks that an image function and its runtime agree,
// and that an image function has no handler.
func validateImageRuntime(config *scfFunctionResourceModel, report func(validators.Violation), diags *diag.Diagnostics) {
	image := imageOf(config.Code, diags)
	if image.IsUnknown() {
		return
	}
	runtime := config.Runtime
	switch {
	case known(image) && !runtime.IsNull() && !runtime.IsUnknown() && runtime.ValueString() != runtimeCustomImage:
		report(validators.Violation{Summary: summaryInvalidRuntime, Path: path.Root("runtime"),
			Problem: fmt.Sprintf("it is %q, but `code` sets `image_config`", runtime.ValueString()),
			Rule:    "an image function has runtime \"CustomImage\"; set it, or leave `runtime` unset"})
	case !known(image) && known(config.Code) && runtime.ValueString() == runtimeCustomImage:
		report(validators.Violation{Summary: summaryInvalidRuntime, Path: path.Root("runtime"),
			Problem: "it is \"CustomImage\", but `code` sets no `image_config`",
			Rule:    "runtime \"CustomImage\" is for image functions; set `code.image_config` or choose another runtime"})
	}
	// An empty handler is none: the service holds "" for an image, and
	// OpenTofu 1.12 writes `handler = ""` into configuration it generates.
	isImage := known(image) || runtime.ValueString() == runtimeCustomImage
	if isImage && !config.Handler.IsNull() && !config.Handler.IsUnknown() && config.Handler.ValueString() != "" {
		report(validators.Violation{Summary: summaryInvalidHandler, Path: path.Root("handler"),
			Problem: "it is set for an image function",
			Rule:    "an image function has no handler: the image's command and args start it; remove `handler`"})
	}
}

// validateSessions checks the session settings against the concurrency
// type and instance isolation they depend on.
func validateSessions(concurrency types.Object, report func(validators.Violation), diags *diag.Diagnostics) {
	c, ok := concurrencyCodec.get(concurrency, diags)
	if !ok {
		return
	}
	session, ok := sessionCodec.get(c.SessionConfig, diags)
	if !ok {
		return
	}
	at := path.Root("instance_concurrency_config").AtName("session_config")
	if !c.Type.IsUnknown() && c.Type.ValueString() != sessionBased {
		report(validators.Violation{Summary: summaryUnsupportedSetting, Path: at,
			Problem: fmt.Sprintf("it is set, but `type` is %q", c.Type.ValueString()),
			Rule:    "sessions need `type = \"Session-Based\"`"})
	}
	if !session.IdleTimeoutStrategy.IsNull() && !c.InstanceIsolationEnabled.IsUnknown() && !c.InstanceIsolationEnabled.ValueBool() {
		report(validators.Violation{Summary: summaryUnsupportedSetting, Path: at.AtName("idle_timeout_strategy"),
			Problem: "it is set, but `instance_isolation_enabled` is not true",
			Rule:    "an idle timeout strategy applies to isolated instances only; set `instance_isolation_enabled = true` or remove it"})
	}
}

// planRuntime plans the runtime: the configured one, or the default for the
// kind of code (CustomImage for an image); an image function gets an empty
// handler. A changed runtime replaces the function, which this plans too
// because the default is not static. An unset init_timeout gets the
// service's default for the runtime, which is not static either. state is
// nil for a new function.
func (m *functionPlan) planRuntime(config functionRuntime, state *functionPlan, resp *resource.ModifyPlanResponse) {
	creating := state == nil
	current := types.StringNull()
	if !creating {
		current = state.Runtime
	}
	image := imageOf(m.Code, &resp.Diagnostics)
	planned := config.Runtime
	if config.Runtime.IsNull() {
		switch {
		case image.IsUnknown():
			planned = types.StringUnknown()
			if !creating {
				planned = current // the kind of code rarely changes; the plan after it shows the replacement
			}
		case known(image):
			planned = types.StringValue(runtimeCustomImage)
		case m.Code.IsNull() && !creating:
			planned = current // code left out after an import: the deployed function stays
		default:
			planned = types.StringValue(defaultRuntime)
		}
	}
	m.Runtime = planned
	if known(image) && config.Handler.IsNull() {
		m.Handler = types.StringValue("")
	}
	// The service gives an image function 90 s to start and other functions
	// 65 s. A static default of 65 would differ from every image function
	// made elsewhere, and the framework would then plan the whole function
	// as changing even where this corrects init_timeout.
	if config.InitTimeout.IsNull() && !planned.IsUnknown() {
		m.InitTimeout = types.Int64Value(defaultInitTimeout)
		if planned.ValueString() == runtimeCustomImage {
			m.InitTimeout = types.Int64Value(defaultImageInitTimeout)
		}
	}
	if !creating && !planned.Equal(current) {
		resp.RequiresReplace = append(resp.RequiresReplace, path.Root("runtime"))
	}
}
