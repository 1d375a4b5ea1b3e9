package fastpath

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewServer returns a factory of protocol version 6 servers: each is an
// instance of the framework's server behind a wrapper that validates valid
// configurations and plans new and unchanged instances of the given
// resources itself (see Checker and Planner), and releases the context of
// every request sent once per resource instance (see server). Call the
// factory once per server instance, as tf6server.Serve does.
//
// configureDeferred reports whether the provider's Configure deferred
// (set resp.Deferred) in the call that has just returned; the framework
// keeps that to itself (see server.ConfigureProvider). A provider that
// cannot tell passes nil: then any configuration that allows deferrals
// leaves every plan to the framework, and Terraform allows them in every
// apply.
//
// The resources are unconfigured instances, used only for their Metadata,
// Schema, IdentitySchema, ConfigValidators, ValidateConfig and ModifyPlan,
// concurrently. ModifyPlan and ValidateConfig must not use the API client:
// the fast paths call them on an instance that is never configured, so it
// has none (nor do its ConfigValidators). A resource whose schema the fast
// paths do not reproduce is left to the framework entirely (NewPlanner and
// NewChecker say why).
func NewServer(framework func() tfprotov6.ProviderServer, providerTypeName string, configureDeferred func() bool,
	resources ...resource.Resource) func() tfprotov6.ProviderServer {
	ctx := context.Background()
	planners := map[string]*Planner{}
	checkers := map[string]*Checker{}
	for _, r := range resources {
		// A refusal only means the framework answers for that resource, as
		// it would without this package; the provider's tests call
		// NewPlanner and NewChecker to see that their resources are taken.
		if p, err := NewPlanner(ctx, providerTypeName, r); err == nil {
			planners[p.typeName] = p
		}
		if c, err := NewChecker(ctx, providerTypeName, r); err == nil {
			checkers[c.typeName] = c
		}
	}
	return func() tfprotov6.ProviderServer {
		return &server{ProviderServer: framework(), planners: planners, checkers: checkers, configureDeferred: configureDeferred}
	}
}

// server answers what the fast paths can and hands the rest to the
// framework's server, which it embeds. It also keeps the framework from
// holding on to the context of every request: terraform-plugin-framework
// (v1.19, proto6server's registerContext) derives a cancelable context from
// each request's context and keeps its cancel function until the provider
// is stopped, so every request's whole context chain (the SDK's loggers,
// the gRPC stream) stays reachable: about 13 KB per request, 26 MB for a
// plan of 1,000 resource instances, and garbage collection work that grows
// with it. The requests sent once per resource instance get a
// releasableContext instead, cut loose once the request has been answered;
// the others (a handful per command) pass through.
type server struct {
	tfprotov6.ProviderServer
	// planners and checkers, by resource type name; a type without one is
	// planned or validated by the framework.
	planners map[string]*Planner
	checkers map[string]*Checker
	// mayDefer is set while the provider's configuration may have deferred:
	// the framework then plans everything (see ConfigureProvider).
	mayDefer          atomic.Bool
	configureDeferred func() bool // nil: the provider cannot tell
}

// ConfigureProvider notes whether the provider's Configure deferred. When
// it does (automatic deferral), the framework defers every later plan, with
// the proposed state as the planned one and without running ModifyPlan;
// the planner would plan instead. The framework keeps that deferral to
// itself: tfprotov6.ConfigureProviderResponse has no field for it
// (plugin-go v0.31), so the provider says (configureDeferred). Without
// Terraform allowing deferrals the framework refuses to defer, so nothing
// is asked then; while the call runs, and for a provider that cannot tell,
// allowing them is taken as deferring. Terraform allows them in every
// apply, where a provider that did not defer keeps the fast paths.
func (s *server) ConfigureProvider(ctx context.Context, req *tfprotov6.ConfigureProviderRequest) (*tfprotov6.ConfigureProviderResponse, error) {
	allowed := req != nil && req.ClientCapabilities != nil && req.ClientCapabilities.DeferralAllowed
	// Before the framework configures: a plan racing this request sees it.
	s.mayDefer.Store(allowed)
	resp, err := s.ProviderServer.ConfigureProvider(ctx, req)
	if allowed && s.configureDeferred != nil {
		s.mayDefer.Store(s.configureDeferred())
	}
	return resp, err
}

func (s *server) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	if c := s.checkers[req.TypeName]; c != nil && c.Valid(ctx, req) {
		return &tfprotov6.ValidateResourceConfigResponse{}, nil
	}
	return released(ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s *server) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return released(ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s *server) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return released(ctx, req, s.ProviderServer.ReadResource)
}

func (s *server) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	if p := s.planners[req.TypeName]; p != nil && !s.mayDefer.Load() {
		if resp := p.Plan(ctx, req); resp != nil {
			return resp, nil
		}
	}
	return released(ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s *server) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return released(ctx, req, s.ProviderServer.ApplyResourceChange)
}

func (s *server) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
	return released(ctx, req, s.ProviderServer.ImportResourceState)
}

// released serves one request with a releasableContext and releases it when
// the request has been answered.
func released[Req, Resp any](ctx context.Context, req Req, serve func(context.Context, Req) (Resp, error)) (Resp, error) {
	rc := newReleasableContext(ctx)
	defer rc.release() //nolint:contextcheck // release only cuts rc loose from ctx
	// rc stands for ctx (values, deadline, cancellation) until released.
	return serve(rc, req) //nolint:contextcheck // rc is ctx until released

}

// releasableContext is its parent until release, and afterwards a context
// with no values and no deadline that reports the parent's end, so whatever
// still holds it no longer holds the parent. Done stays the parent's channel:
// a watcher started late (as context.WithCancel may start one) still sees the
// request end.
type releasableContext struct {
	done   <-chan struct{}
	parent atomic.Pointer[context.Context] // nil once released
}

func newReleasableContext(parent context.Context) *releasableContext {
	c := &releasableContext{done: parent.Done()}
	c.parent.Store(&parent)
	return c
}

// get returns the parent, or nil after release. Contexts are read far more
// often than released, hence an atomic pointer rather than a lock.
func (c *releasableContext) get() context.Context {
	if p := c.parent.Load(); p != nil {
		return *p
	}
	return nil
}

func (c *releasableContext) release() { c.parent.Store(nil) }

func (c *releasableContext) Deadline() (time.Time, bool) {
	if p := c.get(); p != nil {
		return p.Deadline()
	}
	return time.Time{}, false
}

func (c *releasableContext) Done() <-chan struct{} { return c.done }

func (c *releasableContext) Err() error {
	if p := c.get(); p != nil {
		return p.Err()
	}
	select {
	case <-c.done:
		return context.Canceled
	default:
		return nil
	}
}

func (c *releasableContext) Value(key any) any {
	if p := c.get(); p != nil {
		return p.Value(key)
	}
	return nil
}
