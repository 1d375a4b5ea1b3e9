package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var _ resource.ResourceWithMoveState = (*scfNamespaceResource)(nil)

// namespaceMove is the move from tencentcloud_scf_namespace, whose state
// (ID: the name) holds everything scf_namespace does.
var namespaceMove = tencentcloudMove{
	source: "tencentcloud_scf_namespace", target: "scf_namespace", summary: namespaceDiagnostics.unable("Move"),
	advice: func(id string) string {
		return tencentcloudAdvice("namespace", "tencentcloud_scf_namespace", "scf_namespace", id, "<namespace name>")
	},
}

// MoveState takes over a namespace from tencentcloud_scf_namespace, as
// Read would record it.
func (r *scfNamespaceResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveNamespaceFromTencentcloud}}
}

func moveNamespaceFromTencentcloud(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var src tencentcloudNamespaceState
	if !namespaceMove.decode(req, resp, &src) {
		return
	}
	m, ok := movedNamespace(src, resp)
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, m)...)
	setIdentity(ctx, resp.TargetIdentity, scfNamespaceIdentityModel{Name: m.Name}, &resp.Diagnostics)
}

// movedNamespace is src as scf_namespace's Read records it: description
// "" when there is none, the service's times in RFC 3339.
func movedNamespace(src tencentcloudNamespaceState, resp *resource.MoveStateResponse) (scfNamespaceResourceModel, bool) {
	name := src.Namespace
	if name == "" {
		name = src.ID
	}
	if name == scfapi.DefaultNamespace {
		// Every account has it: there is nothing to take over, and nothing to import.
		resp.Diagnostics.AddError(namespaceMove.summary, "The state of tencentcloud_scf_namespace holds the `default` "+
			"namespace, which scf_namespace cannot manage: it always exists, and can be neither created nor deleted. "+
			"Replace the moved block with a removed block (`removed { from = tencentcloud_scf_namespace.<name>  "+
			"lifecycle { destroy = false } }`), so Terraform forgets it without deleting it, and leave functions' "+
			"`namespace` unset to use it.")
		return scfNamespaceResourceModel{}, false
	}
	if err := validators.CheckManagedNamespace(name); err != nil {
		resp.Diagnostics.AddError(namespaceMove.summary, fmt.Sprintf("The state of tencentcloud_scf_namespace names "+
			"namespace %q (id %q), which scf_namespace cannot manage: %s. %s", name, src.ID, err, namespaceMove.advice("")))
		return scfNamespaceResourceModel{}, false
	}
	m := scfNamespaceResourceModel{
		ID: types.StringValue(name), Name: types.StringValue(name),
		Description: types.StringValue(deref(src.Description)), Type: nullable(src.Type),
		CreatedTime: types.StringNull(), ModifiedTime: types.StringNull(),
	}
	if t := deref(src.CreateTime); t != "" {
		m.CreatedTime = types.StringValue(serviceTimeRFC3339(t))
	}
	if t := deref(src.ModifyTime); t != "" {
		m.ModifiedTime = types.StringValue(serviceTimeRFC3339(t))
	}
	return m, true
}

// tencentcloudNamespaceState is the state the official provider writes for
// tencentcloud_scf_namespace at schema version 0 (ID: the name), as
// MoveResourceState hands it over.
type tencentcloudNamespaceState struct {
	ID          string  `json:"id"`
	Namespace   string  `json:"namespace"`
	Description *string `json:"description"`
	Type        *string `json:"type"`
	CreateTime  *string `json:"create_time"`
	ModifyTime  *string `json:"modify_time"`
}
