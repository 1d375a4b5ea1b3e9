// Package scfapi is a typed, throttled client for the Tencent Cloud SCF API
// (and the one Tag API action that SCF functions need).
//
// It sends requests through the official SDK core, which signs them, but
// keeps the SDK's own retries off: rate limiting, retries and the handling of
// lost responses to non-idempotent calls live here, where the rules of each
// action are known.
package scfapi

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"reflect"
	"strings"
	"sync"
	"time"

	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common"
	"github.com/tencentcloud/tencentcloud-sdk-go/tencentcloud/common/profile"
	"golang.org/x/time/rate"
)

// Services, versions, the default namespace and the function statuses.
const (
	ServiceSCF = "scf"
	VersionSCF = "2018-04-16"
	ServiceTag = "tag"
	VersionTag = "2018-08-13"

	DefaultNamespace = "default"

	StatusCreating      = "Creating"
	StatusCreateFailed  = "CreateFailed"
	StatusActive        = "Active"
	StatusUpdating      = "Updating"
	StatusUpdateFailed  = "UpdateFailed"
	StatusPublishing    = "Publishing"
	StatusPublishFailed = "PublishFailed"
	StatusDeleting      = "Deleting"
	StatusDeleteFailed  = "DeleteFailed"
)

// Action names, as sent in X-TC-Action and used as keys of Config.RateLimits.
const (
	ActionCreateFunction                     = "CreateFunction"
	ActionGetFunction                        = "GetFunction"
	ActionGetFunctionAddress                 = "GetFunctionAddress"
	ActionUpdateFunctionCode                 = "UpdateFunctionCode"
	ActionUpdateFunctionConfiguration        = "UpdateFunctionConfiguration"
	ActionDeleteFunction                     = "DeleteFunction"
	ActionListFunctions                      = "ListFunctions"
	ActionCreateNamespace                    = "CreateNamespace"
	ActionListNamespaces                     = "ListNamespaces"
	ActionUpdateNamespace                    = "UpdateNamespace"
	ActionDeleteNamespace                    = "DeleteNamespace"
	ActionModifyResourceTags                 = "ModifyResourceTags"
	ActionPublishLayerVersion                = "PublishLayerVersion"
	ActionGetLayerVersion                    = "GetLayerVersion"
	ActionListLayerVersions                  = "ListLayerVersions"
	ActionListLayers                         = "ListLayers"
	ActionDeleteLayerVersion                 = "DeleteLayerVersion"
	ActionPublishVersion                     = "PublishVersion"
	ActionListVersionByFunction              = "ListVersionByFunction"
	ActionCreateAlias                        = "CreateAlias"
	ActionUpdateAlias                        = "UpdateAlias"
	ActionGetAlias                           = "GetAlias"
	ActionListAliases                        = "ListAliases"
	ActionDeleteAlias                        = "DeleteAlias"
	ActionPutReservedConcurrencyConfig       = "PutReservedConcurrencyConfig"
	ActionGetReservedConcurrencyConfig       = "GetReservedConcurrencyConfig"
	ActionDeleteReservedConcurrencyConfig    = "DeleteReservedConcurrencyConfig"
	ActionPutProvisionedConcurrencyConfig    = "PutProvisionedConcurrencyConfig"
	ActionGetProvisionedConcurrencyConfig    = "GetProvisionedConcurrencyConfig"
	ActionDeleteProvisionedConcurrencyConfig = "DeleteProvisionedConcurrencyConfig"
	ActionCreateTrigger                      = "CreateTrigger"
	ActionUpdateTrigger                      = "UpdateTrigger"
	ActionUpdateTriggerStatus                = "UpdateTriggerStatus"
	ActionDeleteTrigger                      = "DeleteTrigger"
	ActionListTriggers                       = "ListTriggers"
)

// Defaults applied by New to zero Config fields.
const (
	DefaultMaxRetries     = 10
	DefaultRetryBaseDelay = 250 * time.Millisecond
	DefaultRetryMaxDelay  = 8 * time.Second
	DefaultRequestTimeout = 60 * time.Second

	// defaultActionRate applies to actions without a published limit.
	defaultActionRate = 20.0
)

// DefaultRateLimits returns the published per-second limit of every action
// this package calls. CreateFunction's own API page says 10/s, lower than the
// 100/s of the other function actions, so the lower figure wins.
func DefaultRateLimits() map[string]float64 {
	return map[string]float64{
		ActionCreateFunction:                     10,
		ActionGetFunction:                        100,
		ActionGetFunctionAddress:                 100,
		ActionUpdateFunctionCode:                 100,
		ActionUpdateFunctionConfiguration:        100,
		ActionDeleteFunction:                     100,
		ActionListFunctions:                      100,
		ActionCreateNamespace:                    20,
		ActionListNamespaces:                     20,
		ActionUpdateNamespace:                    20,
		ActionDeleteNamespace:                    20,
		ActionModifyResourceTags:                 20,
		ActionPublishLayerVersion:                20,
		ActionGetLayerVersion:                    20,
		ActionListLayerVersions:                  20,
		ActionListLayers:                         20,
		ActionDeleteLayerVersion:                 20,
		ActionPublishVersion:                     20,
		ActionListVersionByFunction:              20,
		ActionCreateAlias:                        20,
		ActionUpdateAlias:                        20,
		ActionGetAlias:                           20,
		ActionListAliases:                        20,
		ActionDeleteAlias:                        20,
		ActionPutReservedConcurrencyConfig:       20,
		ActionGetReservedConcurrencyConfig:       20,
		ActionDeleteReservedConcurrencyConfig:    20,
		ActionPutProvisionedConcurrencyConfig:    20,
		ActionGetProvisionedConcurrencyConfig:    20,
		ActionDeleteProvisionedConcurrencyConfig: 20,
		ActionCreateTrigger:                      20,
		ActionUpdateTrigger:                      20,
		ActionUpdateTriggerStatus:                20,
		ActionDeleteTrigger:                      20,
		ActionListTriggers:                       20,
		ActionInvoke:                             invokeRate,
	}
}

// Config configures New. Region and Credential are required.
type Config struct {
	// Region is the API region, e.g. ap-guangzhou.
	Region string
	// Credential signs every request.
	Credential common.CredentialIface
	// Endpoint optionally overrides the host of SCF and Tag calls with a full
	// URL such as "http://127.0.0.1:9000".
	Endpoint string
	// RateLimits maps an action to requests per second; merged over
	// DefaultRateLimits. A value <= 0 is rejected.
	RateLimits map[string]float64
	// MaxRetries bounds the retries of one call: 0 means DefaultMaxRetries,
	// a negative value means no retries.
	MaxRetries int
	// RetryBaseDelay and RetryMaxDelay shape the full-jitter exponential
	// backoff between retries.
	RetryBaseDelay, RetryMaxDelay time.Duration
	// RequestTimeout bounds one HTTP attempt.
	RequestTimeout time.Duration
	// Wait tunes the polling of WaitForActive and WaitForDeleted.
	Wait WaitOptions
	// Transport replaces the HTTP transport (tests).
	Transport http.RoundTripper
	// Logger, when set, is called once per HTTP attempt.
	Logger CallLogger
	// AdoptionClockSkew is how far a function's AddTime may lie before the
	// start of a CreateFunction call whose response was lost and still count
	// as created by that call.
	AdoptionClockSkew time.Duration
	// ListPageSize is the page size of ListAllFunctions: 0 means 100, the
	// API's maximum; tests lower it to page through a few functions.
	ListPageSize int
}

// WaitOptions tunes the polling interval of the waiters.
type WaitOptions struct {
	// InitialDelay comes before the first poll; default 400ms.
	InitialDelay time.Duration
	// MaxInterval caps the interval between polls; default 5s.
	MaxInterval time.Duration
	// Multiplier grows the interval after each poll; default 1.5. Values
	// below 1 use the default.
	Multiplier float64
}

// CallInfo describes one HTTP attempt. It never carries request bodies,
// credentials or response data.
type CallInfo struct {
	Action, Namespace, FunctionName string
	// Attempt is 1-based.
	Attempt  int
	Duration time.Duration
	// ErrorCode is "" on success.
	ErrorCode string
	RequestID string
	// Retry is true when this attempt failed and the call will send again.
	Retry bool
	// Wait is the time spent waiting for the rate limiter before the attempt.
	Wait time.Duration
}

// CallLogger receives one CallInfo per HTTP attempt.
type CallLogger func(ctx context.Context, info CallInfo)

// Client calls the SCF and Tag APIs. It is safe for concurrent use; create
// one per provider instance so that all calls share the rate limiters.
type Client struct {
	region         string
	scf, tag       *common.Client
	limitersMu     sync.Mutex
	limiters       map[string]*rate.Limiter
	maxRetries     int
	baseDelay      time.Duration
	maxDelay       time.Duration
	requestTimeout time.Duration
	wait           WaitOptions
	logger         CallLogger
	adoptionSkew   time.Duration
	listPageSize   int64
	// jitter picks the actual delay within a backoff window (tests fix it).
	jitter func(window time.Duration) time.Duration
}

// New validates cfg and builds a Client.
func New(cfg Config) (*Client, error) {
	region := strings.TrimSpace(cfg.Region)
	if region == "" {
		return nil, errors.New("scfapi: a region is required")
	}
	if cred := reflect.ValueOf(cfg.Credential); !cred.IsValid() || (cred.Kind() == reflect.Pointer && cred.IsNil()) {
		return nil, errors.New("scfapi: a credential is required")
	}
	limiters, err := newLimiters(cfg.RateLimits)
	if err != nil {
		return nil, err
	}
	c := &Client{
		region:         region,
		limiters:       limiters,
		maxRetries:     cfg.MaxRetries,
		baseDelay:      orDefault(cfg.RetryBaseDelay, DefaultRetryBaseDelay),
		maxDelay:       orDefault(cfg.RetryMaxDelay, DefaultRetryMaxDelay),
		requestTimeout: orDefault(cfg.RequestTimeout, DefaultRequestTimeout),
		wait:           cfg.Wait.withDefaults(),
		logger:         cfg.Logger,
		adoptionSkew:   max(cfg.AdoptionClockSkew, 0),
		listPageSize:   int64(min(cfg.ListPageSize, maxListPageSize)),
		jitter:         fullJitter,
	}
	switch {
	case cfg.MaxRetries == 0:
		c.maxRetries = DefaultMaxRetries
	case cfg.MaxRetries < 0:
		c.maxRetries = 0
	}
	c.maxDelay = max(c.maxDelay, c.baseDelay)

	transport := cfg.Transport
	if transport == nil {
		transport = defaultTransport()
	}
	// One transport for both SDK clients, so SCF and Tag calls share
	// connections; the wrapper records the HTTP status of each attempt.
	shared := &traceTransport{base: transport}
	if c.scf, err = newSDKClient(ServiceSCF, region, cfg.Endpoint, cfg.Credential, shared); err != nil {
		return nil, err
	}
	if c.tag, err = newSDKClient(ServiceTag, region, cfg.Endpoint, cfg.Credential, shared); err != nil {
		return nil, err
	}
	return c, nil
}

// Region returns the region the client calls.
func (c *Client) Region() string { return c.region }

func newLimiters(overrides map[string]float64) (map[string]*rate.Limiter, error) {
	limits := DefaultRateLimits()
	for action, rps := range overrides {
		if !(rps > 0) || math.IsInf(rps, 1) {
			return nil, fmt.Errorf("scfapi: rate limit of %q must be a positive number of requests per second, got %v", action, rps)
		}
		limits[action] = rps
	}
	limiters := make(map[string]*rate.Limiter, len(limits))
	for action, rps := range limits {
		// Burst 1 spaces calls evenly, so no one-second window of the
		// server ever sees more than the limit.
		limiters[action] = rate.NewLimiter(rate.Limit(rps), 1)
	}
	return limiters, nil
}

func (c *Client) limiter(action string) *rate.Limiter {
	c.limitersMu.Lock()
	defer c.limitersMu.Unlock()
	l, ok := c.limiters[action]
	if !ok {
		// Every action of this package has a limit; this only guards
		// actions added later without one.
		l = rate.NewLimiter(defaultActionRate, 1)
		c.limiters[action] = l
	}
	return l
}

func newSDKClient(service, region, endpoint string, cred common.CredentialIface, transport http.RoundTripper) (*common.Client, error) {
	scheme, host, err := ResolveEndpoint(service, region, endpoint)
	if err != nil {
		return nil, err
	}
	cpf := profile.NewClientProfile()
	cpf.Language = "en-US"
	cpf.HttpProfile.Scheme = strings.ToUpper(scheme)
	cpf.HttpProfile.Endpoint = host
	cpf.HttpProfile.ReqMethod = http.MethodPost
	// Zero leaves http.Client.Timeout unset: each attempt gets its own
	// context deadline instead (see Client.attempt), which also works below
	// one second.
	cpf.HttpProfile.ReqTimeout = 0
	// The SDK's retries stay off (their zero values); retries are ours.
	cpf.NetworkFailureMaxRetries = 0
	cpf.RateLimitExceededMaxRetries = 0
	return common.NewCommonClient(cred, region, cpf).WithHttpTransport(transport), nil
}

func defaultTransport() http.RoundTripper {
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		clone := t.Clone()
		clone.IdleConnTimeout = 30 * time.Second
		return clone
	}
	return http.DefaultTransport
}

func (o WaitOptions) withDefaults() WaitOptions {
	o.InitialDelay = orDefault(o.InitialDelay, 400*time.Millisecond)
	o.MaxInterval = orDefault(o.MaxInterval, 5*time.Second)
	if o.Multiplier < 1 {
		o.Multiplier = 1.5
	}
	return o
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}
