package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var _ resource.ResourceWithMoveState = (*scfFunctionAliasResource)(nil)

const tencentcloudAliasType = "tencentcloud_scf_function_alias"

// aliasMove is the move from tencentcloud_scf_function_alias.
var aliasMove = tencentcloudMove{
	source: tencentcloudAliasType, target: "scf_function_alias", summary: aliasDiagnostics.unable("Move"),
	advice: func(id string) string {
		return tencentcloudAdvice("alias", tencentcloudAliasType, "scf_function_alias", id,
			"<namespace>/<function name>/<alias name>")
	},
}

// MoveState takes over an alias from tencentcloud_scf_function_alias. Its
// routing_config block becomes the routing_config attribute, as Read
// records what the service reports: null when everything goes to
// function_version (that provider keeps a block of empty lists then).
func (r *scfFunctionAliasResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveAliasFromTencentcloud}}
}

func moveAliasFromTencentcloud(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var src tencentcloudAliasState
	if !aliasMove.decode(req, resp, &src) {
		return
	}
	m, ok := movedAlias(src, resp)
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, m)...)
	setIdentity(ctx, resp.TargetIdentity, m.identity(), &resp.Diagnostics)
}

// movedAlias is src as scf_function_alias records it; the alias's times
// are not in that provider's state and stay null until the refresh that
// follows the move reads them.
func movedAlias(src tencentcloudAliasState, resp *resource.MoveStateResponse) (scfFunctionAliasModel, bool) {
	// The ID is `<namespace>#<function name>#<alias name>`, the namespace
	// "" when none was configured.
	parts := strings.Split(src.ID, "#")
	fromID := func(i int) string {
		if len(parts) != 3 {
			return ""
		}
		return parts[i]
	}
	namespace, function, name := orElse(deref(src.Namespace), fromID(0)), orElse(src.FunctionName, fromID(1)), orElse(src.Name, fromID(2))
	if namespace == "" {
		namespace = scfapi.DefaultNamespace
	}
	if function == "" || name == "" || !aliasVersionRE.MatchString(src.FunctionVersion) {
		id := ""
		if function != "" && name != "" {
			id = functionID(namespace, function) + "/" + name
		}
		resp.Diagnostics.AddError(aliasMove.summary, fmt.Sprintf("The state of %s has no function name, alias "+
			"name and function version (a number or $LATEST) to carry over: id %q, function_version %q. %s",
			tencentcloudAliasType, src.ID, src.FunctionVersion, aliasMove.advice(id)))
		return scfFunctionAliasModel{}, false
	}
	return scfFunctionAliasModel{
		ID:   types.StringValue(functionID(namespace, function) + "/" + name),
		Name: types.StringValue(name), FunctionName: types.StringValue(function), Namespace: types.StringValue(namespace),
		FunctionVersion: types.StringValue(src.FunctionVersion), Description: types.StringValue(deref(src.Description)),
		RoutingConfig: flattenRouting(src.routing()),
		CreatedTime:   types.StringNull(), ModifiedTime: types.StringNull(),
	}, true
}

// routing is the routing_config block as the API's RoutingConfig, which
// flattenRouting reads as it reads the service's answer.
func (src tencentcloudAliasState) routing() *scfapi.RoutingConfig {
	if len(src.RoutingConfig) == 0 {
		return nil
	}
	rc, out := src.RoutingConfig[0], &scfapi.RoutingConfig{}
	for _, w := range rc.AdditionalVersionWeights {
		out.AdditionalVersionWeights = append(out.AdditionalVersionWeights, &scfapi.VersionWeight{Version: ptrTo(w.Version), Weight: ptrTo(w.Weight)})
	}
	for _, m := range rc.AdditionalVersionMatches {
		out.AddtionVersionMatchs = append(out.AddtionVersionMatchs, &scfapi.VersionMatch{
			Version: ptrTo(m.Version), Key: ptrTo(m.Key), Method: ptrTo(m.Method), Expression: ptrTo(m.Expression),
		})
	}
	return out
}

// tencentcloudAliasState is the state the official provider writes for
// tencentcloud_scf_function_alias at schema version 0, as MoveResourceState
// hands it over.
type tencentcloudAliasState struct {
	ID              string                     `json:"id"`
	Name            string                     `json:"name"`
	FunctionName    string                     `json:"function_name"`
	Namespace       *string                    `json:"namespace"`
	FunctionVersion string                     `json:"function_version"`
	Description     *string                    `json:"description"`
	RoutingConfig   []tencentcloudAliasRouting `json:"routing_config"`
}

// tencentcloudAliasRouting is that provider's routing_config block (at most
// one); its nested blocks are lists.
type tencentcloudAliasRouting struct {
	AdditionalVersionWeights []struct {
		Version string  `json:"version"`
		Weight  float64 `json:"weight"`
	} `json:"additional_version_weights"`
	AdditionalVersionMatches []struct {
		Version    string `json:"version"`
		Key        string `json:"key"`
		Method     string `json:"method"`
		Expression string `json:"expression"`
	} `json:"additional_version_matches"`
}
