package fastpath

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The RPCs of list resources (`terraform query`), actions and state stores
// are not part of tfprotov6.ProviderServer yet: plugin-go v0.31 keeps them
// in separate interfaces that tf6server looks for, so embedding the
// framework's server in server hides them, and Terraform answers "Not
// Implemented". server passes them on here. They are sent a handful of
// times per command, so their contexts need no releasing.
// TestServerForwardsEveryFrameworkMethod finds any the framework adds.
var (
	_ tfprotov6.ListResourceServer = (*server)(nil)
	_ tfprotov6.ActionServer       = (*server)(nil)
	_ tfprotov6.StateStoreServer   = (*server)(nil)
)

// errNotServed would mean a framework that dropped one of these families.
var errNotServed = errors.New("the framework's provider server does not serve list resources, actions or state stores")

func (s *server) lists() (tfprotov6.ListResourceServer, error) {
	if l, ok := s.ProviderServer.(tfprotov6.ListResourceServer); ok {
		return l, nil
	}
	return nil, errNotServed
}

func (s *server) actions() (tfprotov6.ActionServer, error) {
	if a, ok := s.ProviderServer.(tfprotov6.ActionServer); ok {
		return a, nil
	}
	return nil, errNotServed
}

func (s *server) stateStores() (tfprotov6.StateStoreServer, error) {
	if a, ok := s.ProviderServer.(tfprotov6.StateStoreServer); ok {
		return a, nil
	}
	return nil, errNotServed
}

func (s *server) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	l, err := s.lists()
	if err != nil {
		return nil, err
	}
	return l.ValidateListResourceConfig(ctx, req)
}

func (s *server) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	l, err := s.lists()
	if err != nil {
		return nil, err
	}
	return l.ListResource(ctx, req)
}

func (s *server) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	a, err := s.actions()
	if err != nil {
		return nil, err
	}
	return a.ValidateActionConfig(ctx, req)
}

func (s *server) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	a, err := s.actions()
	if err != nil {
		return nil, err
	}
	return a.PlanAction(ctx, req)
}

func (s *server) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	a, err := s.actions()
	if err != nil {
		return nil, err
	}
	return a.InvokeAction(ctx, req)
}

func (s *server) ValidateStateStoreConfig(ctx context.Context, req *tfprotov6.ValidateStateStoreConfigRequest) (*tfprotov6.ValidateStateStoreConfigResponse, error) {
	st, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return st.ValidateStateStoreConfig(ctx, req)
}

func (s *server) ConfigureStateStore(ctx context.Context, req *tfprotov6.ConfigureStateStoreRequest) (*tfprotov6.ConfigureStateStoreResponse, error) {
	st, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return st.ConfigureStateStore(ctx, req)
}

func (s *server) ReadStateBytes(ctx context.Context, req *tfprotov6.ReadStateBytesRequest) (*tfprotov6.ReadStateBytesStream, error) {
	st, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return st.ReadStateBytes(ctx, req)
}

func (s *server) WriteStateBytes(ctx context.Context, req *tfprotov6.WriteStateBytesStream) (*tfprotov6.WriteStateBytesResponse, error) {
	st, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return st.WriteStateBytes(ctx, req)
}

func (s *server) GetStates(ctx context.Context, req *tfprotov6.GetStatesRequest) (*tfprotov6.GetStatesResponse, error) {
	st, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return st.GetStates(ctx, req)
}

func (s *server) DeleteState(ctx context.Context, req *tfprotov6.DeleteStateRequest) (*tfprotov6.DeleteStateResponse, error) {
	st, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return st.DeleteState(ctx, req)
}

func (s *server) LockState(ctx context.Context, req *tfprotov6.LockStateRequest) (*tfprotov6.LockStateResponse, error) {
	st, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return st.LockState(ctx, req)
}

func (s *server) UnlockState(ctx context.Context, req *tfprotov6.UnlockStateRequest) (*tfprotov6.UnlockStateResponse, error) {
	st, err := s.stateStores()
	if err != nil {
		return nil, err
	}
	return st.UnlockState(ctx, req)
}
