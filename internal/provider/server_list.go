package provider

import (
	"context"
	"errors"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// contextReleasingServer embeds the framework's server as a
// tfprotov6.ProviderServer, which hides the list resource RPCs of
// `terraform query` (plugin-go v0.31 keeps them in a separate interface that
// tf6server looks for); these pass them on. They are sent once per list
// block, so their contexts need no releasing.
var _ tfprotov6.ListResourceServer = contextReleasingServer{}

// errNoListResources would mean a framework that dropped list support.
var errNoListResources = errors.New("the framework's provider server does not serve list resources")

func (s contextReleasingServer) ValidateListResourceConfig(ctx context.Context, req *tfprotov6.ValidateListResourceConfigRequest) (*tfprotov6.ValidateListResourceConfigResponse, error) {
	lists, ok := s.ProviderServer.(tfprotov6.ListResourceServer)
	if !ok {
		return nil, errNoListResources
	}
	return lists.ValidateListResourceConfig(ctx, req)
}

func (s contextReleasingServer) ListResource(ctx context.Context, req *tfprotov6.ListResourceRequest) (*tfprotov6.ListResourceServerStream, error) {
	lists, ok := s.ProviderServer.(tfprotov6.ListResourceServer)
	if !ok {
		return nil, errNoListResources
	}
	return lists.ListResource(ctx, req)
}
