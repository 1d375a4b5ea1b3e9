package provider

import (
	"context"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewProtocol6Server returns the provider's protocol version 6 server, for
// tf6server.Serve: the framework's server behind contextReleasingServer,
// which validates valid configurations and plans new and unchanged functions
// itself (see configChecker and fastPlanner).
func NewProtocol6Server(version string) func() tfprotov6.ProviderServer {
	return newProtocol6Server(New(version)())
}

// newProtocol6Server serves p as NewProtocol6Server does; tests give it a
// provider with faster client settings.
func newProtocol6Server(p provider.Provider) func() tfprotov6.ProviderServer {
	framework := providerserver.NewProtocol6(p)
	// This instance is never configured, so it has no API client: the fast
	// paths may only use ValidateConfig and ModifyPlan, which work on the
	// configuration and plan alone.
	fn := NewSCFFunctionResource()
	var planner *fastPlanner
	var checker *configChecker
	if r, ok := fn.(resource.ResourceWithModifyPlan); ok {
		planner = newFastPlanner(context.Background(), providerTypeName, r)
	}
	if r, ok := fn.(resource.ResourceWithValidateConfig); ok {
		checker = newConfigChecker(context.Background(), providerTypeName, r)
	}
	return func() tfprotov6.ProviderServer {
		return contextReleasingServer{ProviderServer: framework(), planner: planner, checker: checker}
	}
}

// contextReleasingServer keeps the framework from holding on to the context
// of every request. terraform-plugin-framework (v1.19, proto6server's
// registerContext) derives a cancelable context from each request's context
// and keeps its cancel function until the provider is stopped, so every
// request's whole context chain (the SDK's loggers, the gRPC stream) stays
// reachable: about 13 KB per request, 26 MB for a plan of 1,000 functions,
// and garbage collection work that grows with it. The requests sent once per
// resource instance get a releasableContext instead, cut loose once the
// request has been answered; the others (a handful per command) pass through.
type contextReleasingServer struct {
	tfprotov6.ProviderServer
	planner *fastPlanner   // nil: the framework plans every change
	checker *configChecker // nil: the framework validates every configuration
}

func (s contextReleasingServer) ValidateResourceConfig(ctx context.Context, req *tfprotov6.ValidateResourceConfigRequest) (*tfprotov6.ValidateResourceConfigResponse, error) {
	if s.checker != nil && req.TypeName == s.checker.typeName && s.checker.valid(ctx, req) {
		return &tfprotov6.ValidateResourceConfigResponse{}, nil
	}
	return released(ctx, req, s.ProviderServer.ValidateResourceConfig)
}

func (s contextReleasingServer) UpgradeResourceState(ctx context.Context, req *tfprotov6.UpgradeResourceStateRequest) (*tfprotov6.UpgradeResourceStateResponse, error) {
	return released(ctx, req, s.ProviderServer.UpgradeResourceState)
}

func (s contextReleasingServer) ReadResource(ctx context.Context, req *tfprotov6.ReadResourceRequest) (*tfprotov6.ReadResourceResponse, error) {
	return released(ctx, req, s.ProviderServer.ReadResource)
}

func (s contextReleasingServer) PlanResourceChange(ctx context.Context, req *tfprotov6.PlanResourceChangeRequest) (*tfprotov6.PlanResourceChangeResponse, error) {
	if s.planner != nil && req.TypeName == s.planner.typeName {
		if resp := s.planner.plan(ctx, req); resp != nil {
			return resp, nil
		}
	}
	return released(ctx, req, s.ProviderServer.PlanResourceChange)
}

func (s contextReleasingServer) ApplyResourceChange(ctx context.Context, req *tfprotov6.ApplyResourceChangeRequest) (*tfprotov6.ApplyResourceChangeResponse, error) {
	return released(ctx, req, s.ProviderServer.ApplyResourceChange)
}

func (s contextReleasingServer) ImportResourceState(ctx context.Context, req *tfprotov6.ImportResourceStateRequest) (*tfprotov6.ImportResourceStateResponse, error) {
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
