package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// The action RPCs are not yet part of tfprotov6.ProviderServer (plugin-go
// v0.31 keeps them in a separate interface that tf6server looks for), so
// embedding the framework's server does not pass them on: contextReleasingServer
// forwards them itself. Actions run a handful of times per command, so their
// contexts need no releasing.

var errNoActionServer = errors.New("the provider's framework server does not serve actions")

func (s contextReleasingServer) actionServer() (tfprotov6.ActionServer, error) {
	a, ok := s.ProviderServer.(tfprotov6.ActionServer)
	if !ok {
		return nil, errNoActionServer
	}
	return a, nil
}

func (s contextReleasingServer) ValidateActionConfig(ctx context.Context, req *tfprotov6.ValidateActionConfigRequest) (*tfprotov6.ValidateActionConfigResponse, error) {
	a, err := s.actionServer()
	if err != nil {
		return nil, err
	}
	return a.ValidateActionConfig(ctx, req)
}

func (s contextReleasingServer) PlanAction(ctx context.Context, req *tfprotov6.PlanActionRequest) (*tfprotov6.PlanActionResponse, error) {
	a, err := s.actionServer()
	if err != nil {
		return nil, err
	}
	return a.PlanAction(ctx, req)
}

func (s contextReleasingServer) InvokeAction(ctx context.Context, req *tfprotov6.InvokeActionRequest) (*tfprotov6.InvokeActionServerStream, error) {
	a, err := s.actionServer()
	if err != nil {
		return nil, err
	}
	return a.InvokeAction(ctx, req)
}
