package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"

	"github.com/scfprovider/terraform-provider-scf/internal/fastpath"
)

// NewProtocol6Server returns the provider's protocol version 6 server, for
// tf6server.Serve: the framework's server behind fastpath's wrapper, which
// validates valid configurations and plans new and unchanged functions
// itself.
func NewProtocol6Server(version string) func() tfprotov6.ProviderServer {
	return newProtocol6Server(New(version)())
}

// newProtocol6Server serves p as NewProtocol6Server does; tests give it a
// provider with faster client settings.
func newProtocol6Server(p provider.Provider) func() tfprotov6.ProviderServer {
	// ModifyPlan and ValidateConfig must not use the API client: the fast
	// paths call them on this instance, which is never configured, so it has
	// none.
	var configureDeferred func() bool
	if sp, ok := p.(*scfProvider); ok {
		configureDeferred = sp.deferred.Load
	}
	return fastpath.NewServer(providerserver.NewProtocol6(p), providerTypeName, configureDeferred, NewSCFFunctionResource())
}
