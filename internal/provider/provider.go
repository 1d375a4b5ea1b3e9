// Package provider implements the Terraform provider for Tencent Cloud
// Serverless Cloud Function (SCF) on terraform-plugin-framework.
package provider

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/action"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/list"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// Environment variables the provider reads, the same names the official
// tencentcloud provider uses so existing shells keep working.
const (
	envRegion        = "TENCENTCLOUD_REGION"
	envSecretID      = "TENCENTCLOUD_SECRET_ID"
	envSecretKey     = "TENCENTCLOUD_SECRET_KEY"
	envSecurityToken = "TENCENTCLOUD_SECURITY_TOKEN"
	envEndpoint      = "SCF_ENDPOINT"
)

var (
	_ provider.Provider                  = (*scfProvider)(nil)
	_ provider.ProviderWithListResources = (*scfProvider)(nil)
)

// scfProvider is the provider implementation.
type scfProvider struct {
	version string

	// tuneClient lets tests shorten waiter intervals and retry delays; nil in
	// production.
	tuneClient func(*scfapi.Config)

	// deferred is whether the last Configure deferred, which the fast paths
	// need to know and the framework does not tell them (see server.go).
	deferred atomic.Bool
}

// scfProviderModel maps the provider block.
type scfProviderModel struct {
	Region        types.String `tfsdk:"region"`
	SecretID      types.String `tfsdk:"secret_id"`
	SecretKey     types.String `tfsdk:"secret_key"`
	SecurityToken types.String `tfsdk:"security_token"`
	Endpoint      types.String `tfsdk:"endpoint"`
	RateLimits    types.Map    `tfsdk:"rate_limits"`
	MaxRetries    types.Int64  `tfsdk:"max_retries"`
}

// providerTypeName prefixes the provider's resource type names.
const providerTypeName = "scf"

// New returns a constructor for the provider, as providerserver.Serve expects.
func New(version string) func() provider.Provider {
	return func() provider.Provider {
		return &scfProvider{version: version}
	}
}

func (p *scfProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = providerTypeName
	resp.Version = p.version
}

func (p *scfProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Manages Tencent Cloud Serverless Cloud Function (SCF) resources through " +
			"TencentCloud API 3.0 (SCF version `2018-04-16`). Every API call of a provider instance goes " +
			"through one shared client that throttles each action to its documented rate and retries " +
			"throttled or failed calls with exponential backoff; a change whose outcome is unknown is checked " +
			"against the service before it is sent again.",
		Attributes: map[string]schema.Attribute{
			"region": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Region of the functions, such as `ap-guangzhou`. Finance regions (`ap-shanghai-fsi`, " +
					"`ap-shenzhen-fsi`) are sent to their own regional endpoint automatically. May also be set " +
					"with the `" + envRegion + "` environment variable.",
			},
			"secret_id": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "SecretId of the API key. May also be set with `" + envSecretID + "`; when neither " +
					"is set, the shared credentials file of the Tencent Cloud SDK (`~/.tencentcloud/credentials`, " +
					"or the file named by `TENCENTCLOUD_CREDENTIALS_FILE`) is used.",
			},
			"secret_key": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "SecretKey of the API key. May also be set with `" + envSecretKey + "`, or come " +
					"from the shared credentials file together with `secret_id`.",
			},
			"security_token": schema.StringAttribute{
				Optional:  true,
				Sensitive: true,
				MarkdownDescription: "Session token of temporary (STS) credentials. May also be set with `" +
					envSecurityToken + "`. Leave unset for permanent API keys.",
			},
			"endpoint": schema.StringAttribute{
				Optional: true,
				MarkdownDescription: "Full URL (scheme, host and optional port) that receives every API call, SCF and " +
					"Tag alike, such as `http://127.0.0.1:9000` for the bundled `scf-fake` server. May also be set " +
					"with `" + envEndpoint + "`. When unset, calls go to `scf.tencentcloudapi.com` and " +
					"`tag.tencentcloudapi.com` (or the region's host in Finance regions).",
				Validators: []validator.String{endpointURLValidator{}},
			},
			"rate_limits": schema.MapAttribute{
				Optional:    true,
				ElementType: types.Float64Type,
				MarkdownDescription: "Requests per second allowed for each API action, keyed by action name " +
					"(for example `{ CreateFunction = 5 }`). Actions not listed keep their defaults: " +
					defaultRateLimitsMarkdown() + ". Calls wait for their turn instead of failing, so bulk " +
					"applies stay under the API's limits at any `-parallelism`.",
				Validators: []validator.Map{
					mapvalidator.KeysAre(rateLimitActionValidator{}),
					mapvalidator.ValueFloat64sAre(float64validator.AtLeast(0.01)),
				},
			},
			"max_retries": schema.Int64Attribute{
				Optional: true,
				MarkdownDescription: fmt.Sprintf("How many times a call that was throttled or failed with an internal "+
					"or network error is retried with exponential backoff and jitter. A create, update or delete whose "+
					"outcome is unknown (lost response or internal error) is first checked against the service, so it "+
					"is never applied twice. Defaults to `%d`; `0` disables retries. Retries never outlast the "+
					"operation's timeout.", scfapi.DefaultMaxRetries),
				Validators: []validator.Int64{int64validator.Between(0, 100)},
			},
		},
	}
}

// providerDiagnostics is the vocabulary of the provider's own
// configuration: "Unable to Create SCF API Client". Its errors are about the
// provider block as a whole, so it has no hints of its own; the credential
// check's codes borrow the shared advice.
var providerDiagnostics = vocabulary{noun: "SCF API Client", hints: map[string]apiErrorHint{}}

// The summaries of Configure's rules, and of credentials the API refused.
const (
	summaryUnknownSetting = "Unknown SCF Provider Setting"
	summaryMissingRegion  = "Missing SCF Region"
	summaryAuth           = "Invalid SCF API Credentials"
)

func (p *scfProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	defer func() { p.deferred.Store(resp.Deferred != nil) }()
	var config scfProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	report := func(v validators.Violation) { v.Report(ctx, req.Config, &resp.Diagnostics) }
	const unknownProblem = "it depends on a value that is not known until apply, and the provider needs it to build its API client"
	for _, a := range []struct {
		value types.String
		name  string
		env   string
	}{
		{config.Region, "region", envRegion},
		{config.SecretID, "secret_id", envSecretID},
		{config.SecretKey, "secret_key", envSecretKey},
		{config.SecurityToken, "security_token", envSecurityToken},
		{config.Endpoint, "endpoint", envEndpoint},
	} {
		if a.value.IsUnknown() {
			report(validators.Violation{Summary: summaryUnknownSetting, Path: path.Root(a.name), Problem: unknownProblem,
				Rule: fmt.Sprintf("set `%s` to a literal or a variable, or set the %s environment variable instead", a.name, a.env)})
		}
	}
	for _, a := range []struct {
		unknown bool
		name    string
	}{{config.RateLimits.IsUnknown(), "rate_limits"}, {config.MaxRetries.IsUnknown(), "max_retries"}} {
		if a.unknown {
			report(validators.Violation{Summary: summaryUnknownSetting, Path: path.Root(a.name), Problem: unknownProblem,
				Rule: fmt.Sprintf("set `%s` to a literal or a variable", a.name)})
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}

	region := stringOrEnv(config.Region, envRegion)
	if region == "" {
		report(validators.Violation{Summary: summaryMissingRegion, Path: path.Root("region"),
			Problem: "it is not set, and neither is the " + envRegion + " environment variable",
			Rule:    "the provider needs a region such as `ap-guangzhou`: set `region` in the provider block or " + envRegion})
	}
	credential := resolveCredential(config, report)
	if resp.Diagnostics.HasError() {
		return
	}

	cfg := scfapi.Config{
		Region:     region,
		Credential: credential,
		Endpoint:   stringOrEnv(config.Endpoint, envEndpoint),
	}
	if !config.RateLimits.IsNull() {
		limits := map[string]float64{}
		resp.Diagnostics.Append(config.RateLimits.ElementsAs(ctx, &limits, false)...)
		cfg.RateLimits = limits
	}
	if !config.MaxRetries.IsNull() {
		cfg.MaxRetries = int(config.MaxRetries.ValueInt64())
		if cfg.MaxRetries == 0 {
			cfg.MaxRetries = -1 // the client reads 0 as "default"; the user asked for none
		}
	}
	if resp.Diagnostics.HasError() {
		return
	}
	cfg.Logger = apiCallLogger(credential)
	if p.tuneClient != nil {
		p.tuneClient(&cfg)
	}

	client, err := scfapi.New(cfg)
	if err != nil {
		resp.Diagnostics.AddError(providerDiagnostics.unable("Create"),
			"The provider settings were rejected: "+err.Error())
		return
	}
	if err := checkCredential(ctx, client); err != nil {
		detail, _ := providerDiagnostics.describe("checking the provider's credentials", err)
		resp.Diagnostics.AddError(summaryAuth, detail)
		return
	}
	resp.ResourceData = client
	resp.DataSourceData = client
	resp.ListResourceData = client
	resp.EphemeralResourceData = client
	resp.ActionData = client
}

// credentialCheckTimeout bounds the call that checks the credential when the
// provider is configured.
const credentialCheckTimeout = 15 * time.Second

// checkCredential makes one cheap read so that a credential the API rejects
// (a wrong key, an expired token, a skewed clock) ends the command with one
// diagnostic, before every resource sends its own doomed request. Only such
// a rejection is returned: any other failure (network, throttling, a key
// not allowed to list namespaces) is left for the real calls to report.
func checkCredential(ctx context.Context, client *scfapi.Client) error {
	ctx, cancel := context.WithTimeout(ctx, credentialCheckTimeout)
	defer cancel()
	limit := int64(1)
	_, err := client.ListNamespaces(ctx, &scfapi.ListNamespacesRequest{Limit: &limit})
	if credentialRejected(err) {
		return err
	}
	if err != nil {
		tflog.Debug(ctx, "the credential check could not complete; continuing", map[string]any{"error_code": scfapi.ErrorCode(err)})
	}
	return nil
}

// credentialRejected reports whether err says the credential itself is bad,
// as opposed to lacking permission for one action.
func credentialRejected(err error) bool {
	return scfapi.IsAuthFailure(err) && scfapi.ErrorCode(err) != "AuthFailure.UnauthorizedOperation"
}

func (p *scfProvider) Resources(_ context.Context) []func() resource.Resource {
	return []func() resource.Resource{
		NewSCFFunctionResource,
		NewSCFFunctionAliasResource,
		NewSCFFunctionVersionResource,
		NewSCFLayerVersionResource,
		NewSCFNamespaceResource,
		NewSCFReservedConcurrencyResource,
		NewSCFProvisionedConcurrencyResource,
		NewSCFTriggerResource,
	}
}

func (p *scfProvider) DataSources(_ context.Context) []func() datasource.DataSource {
	return []func() datasource.DataSource{
		NewSCFFunctionDataSource,
		NewSCFFunctionsDataSource,
		NewSCFLayerVersionsDataSource,
		NewSCFNamespacesDataSource,
	}
}

// ListResources are the list resources of `terraform query` (Terraform 1.14+).
func (p *scfProvider) ListResources(_ context.Context) []func() list.ListResource {
	return []func() list.ListResource{
		NewSCFFunctionListResource,
		NewSCFNamespaceListResource,
		NewSCFLayerVersionListResource,
		NewSCFFunctionVersionListResource,
		NewSCFFunctionAliasListResource,
		NewSCFTriggerListResource,
		NewSCFReservedConcurrencyListResource,
		NewSCFProvisionedConcurrencyListResource,
	}
}

// EphemeralResources lists the ephemeral resources (Terraform 1.10+).
func (p *scfProvider) EphemeralResources(_ context.Context) []func() ephemeral.EphemeralResource {
	return []func() ephemeral.EphemeralResource{
		NewSCFFunctionInvocationEphemeral,
	}
}

// Actions lists the actions (Terraform 1.14+).
func (p *scfProvider) Actions(_ context.Context) []func() action.Action {
	return []func() action.Action{
		NewSCFFunctionInvokeAction,
	}
}

func stringOrEnv(v types.String, env string) string {
	if !v.IsNull() && v.ValueString() != "" {
		return v.ValueString()
	}
	return os.Getenv(env)
}

// The summaries of resolveCredential's rules.
const (
	summaryMissingCredentials = "Missing SCF API Credentials"
	summaryMissingSecretID    = "Missing SCF API Secret ID"
	summaryMissingSecretKey   = "Missing SCF API Secret Key"
)

// resolveCredential picks the API key from the provider block, then the
// environment, then the SDK's shared credentials file, and reports what is
// missing with every way to set it.
func resolveCredential(config scfProviderModel, report func(validators.Violation)) common.CredentialIface {
	id := stringOrEnv(config.SecretID, envSecretID)
	key := stringOrEnv(config.SecretKey, envSecretKey)
	token := stringOrEnv(config.SecurityToken, envSecurityToken)

	switch {
	case id != "" && key != "":
		if token != "" {
			return common.NewTokenCredential(id, key, token)
		}
		return common.NewCredential(id, key)
	case id == "" && key == "":
		if cred, err := common.DefaultProfileProvider().GetCredential(); err == nil {
			return cred
		}
		report(validators.Violation{Summary: summaryMissingCredentials, Path: path.Root("secret_id"),
			Problem: "no API key was found: `secret_id` and `secret_key` are not set, nor are " + envSecretID + " and " +
				envSecretKey + ", nor the shared credentials file",
			Rule: "set `secret_id` and `secret_key` in the provider block, or the " + envSecretID + " and " + envSecretKey +
				" environment variables, or write them to the shared credentials file ~/.tencentcloud/credentials " +
				"(section [default], keys secret_id and secret_key)"})
	case id == "":
		report(validators.Violation{Summary: summaryMissingSecretID, Path: path.Root("secret_id"),
			Problem: "it is not set, but a secret key is",
			Rule:    "set `secret_id` in the provider block or the " + envSecretID + " environment variable"})
	default:
		report(validators.Violation{Summary: summaryMissingSecretKey, Path: path.Root("secret_key"),
			Problem: "it is not set, but a SecretId is",
			Rule:    "set `secret_key` in the provider block or the " + envSecretKey + " environment variable"})
	}
	return nil
}

// apiCallLogger bridges the client's per-call hook to tflog. The hook never
// receives request bodies, but the secrets are masked anyway in case an
// error code or message ever echoes one.
func apiCallLogger(credential common.CredentialIface) scfapi.CallLogger {
	_, key, token := credential.GetCredential()
	secrets := []string{key}
	if token != "" {
		secrets = append(secrets, token)
	}
	return func(ctx context.Context, call scfapi.CallInfo) {
		ctx = tflog.MaskLogStrings(ctx, secrets...)
		fields := map[string]any{
			"action":      call.Action,
			"attempt":     call.Attempt,
			"duration_ms": call.Duration.Milliseconds(),
			"request_id":  call.RequestID,
		}
		if call.FunctionName != "" {
			fields["function"] = call.Namespace + "/" + call.FunctionName
		}
		if call.Wait > 0 {
			fields["throttle_wait_ms"] = call.Wait.Milliseconds()
		}
		msg := "SCF API call succeeded"
		if call.ErrorCode != "" {
			fields["error_code"] = call.ErrorCode
			msg = "SCF API call failed"
			if call.Retry {
				msg = "SCF API call failed, retrying"
			}
		}
		tflog.Debug(ctx, msg, fields)
	}
}

func defaultRateLimitsMarkdown() string {
	limits := scfapi.DefaultRateLimits()
	actions := make([]string, 0, len(limits))
	for a := range limits {
		actions = append(actions, a)
	}
	sort.Strings(actions)
	parts := make([]string, 0, len(actions))
	for _, a := range actions {
		parts = append(parts, fmt.Sprintf("`%s` %g/s", a, limits[a]))
	}
	return strings.Join(parts, ", ")
}

// summaryEndpoint is the summary of endpointURLValidator's rule.
const summaryEndpoint = "Invalid SCF Endpoint"

// endpointURLValidator checks that `endpoint` is a URL with a scheme and a
// host, the form the client needs to reach a non-default server.
type endpointURLValidator struct{}

func (endpointURLValidator) Description(_ context.Context) string {
	return "must be an http or https URL with a host, such as http://127.0.0.1:9000"
}

func (v endpointURLValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v endpointURLValidator) ValidateString(ctx context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	raw := req.ConfigValue.ValueString()
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		resp.Diagnostics.Append(validators.Violation{Summary: summaryEndpoint, Path: req.Path,
			Problem: fmt.Sprintf("%q is not an http or https URL with a host", raw),
			Rule:    "it " + v.Description(ctx)}.ErrorAt(req.Path))
	}
}

// summaryRateLimitAction is the summary of rateLimitActionValidator's rule.
const summaryRateLimitAction = "Invalid Rate Limit Action"

// rateLimitActionValidator rejects rate_limits keys that name no action the
// provider calls, so a typo does not silently leave the default in place.
type rateLimitActionValidator struct{}

func (rateLimitActionValidator) Description(_ context.Context) string {
	return "must name an API action the provider calls"
}

func (v rateLimitActionValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v rateLimitActionValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	action := req.ConfigValue.ValueString()
	limits := scfapi.DefaultRateLimits()
	if _, ok := limits[action]; ok {
		return
	}
	known := make([]string, 0, len(limits))
	for a := range limits {
		known = append(known, a)
	}
	sort.Strings(known)
	resp.Diagnostics.Append(validators.Violation{Summary: summaryRateLimitAction, Path: req.Path,
		Problem: fmt.Sprintf("%q is not an API action of this provider", action),
		Rule:    "use one of: " + strings.Join(known, ", ")}.ErrorAt(req.Path))
}

// configuredClient is the client the provider configured, nil before that.
func configuredClient(data any, diags *diag.Diagnostics) *scfapi.Client {
	if data == nil {
		return nil
	}
	client, ok := data.(*scfapi.Client)
	if !ok {
		diags.AddError(summaryConfigure,
			fmt.Sprintf("Expected *scfapi.Client, got: %T. Please report this issue to the provider developers.", data))
	}
	return client
}
