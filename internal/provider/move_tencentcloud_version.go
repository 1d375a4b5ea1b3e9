package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var _ resource.ResourceWithMoveState = (*scfFunctionVersionResource)(nil)

const tencentcloudVersionType = "tencentcloud_scf_function_version"

// versionMove is the move from tencentcloud_scf_function_version.
var versionMove = tencentcloudMove{
	source: tencentcloudVersionType, target: "scf_function_version", summary: versionDiagnostics.unable("Move"),
	advice: func(id string) string {
		return tencentcloudAdvice("function version", tencentcloudVersionType, "scf_function_version", id,
			"<namespace>/<function name>/<version>")
	},
}

// MoveState takes over a published version from
// tencentcloud_scf_function_version. That provider knows no
// function_revision nor skip_destroy: the first stays unset, the second
// false, as after an import.
func (r *scfFunctionVersionResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveVersionFromTencentcloud}}
}

func moveVersionFromTencentcloud(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var src tencentcloudVersionState
	if !versionMove.decode(req, resp, &src) {
		return
	}
	m, ok := movedVersion(src, resp)
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, m)...)
	setIdentity(ctx, resp.TargetIdentity, m.identity(), &resp.Diagnostics)
}

// movedVersion is src as scf_function_version records it. The code digest,
// status and publication time are not in that provider's state: they stay
// null until the refresh that follows the move reads them.
func movedVersion(src tencentcloudVersionState, resp *resource.MoveStateResponse) (scfFunctionVersionModel, bool) {
	// The ID is `<function name>#<namespace>#<version>`, the namespace ""
	// when none was configured.
	parts := strings.Split(src.ID, "#")
	fromID := func(i int) string {
		if len(parts) != 3 {
			return ""
		}
		return parts[i]
	}
	name, namespace, version := orElse(src.FunctionName, fromID(0)), orElse(deref(src.Namespace), fromID(1)), orElse(deref(src.FunctionVersion), fromID(2))
	if namespace == "" {
		namespace = scfapi.DefaultNamespace
	}
	if name == "" || !isVersionNumber(version) {
		resp.Diagnostics.AddError(versionMove.summary, fmt.Sprintf("The state of %s has no function name and "+
			"version number (id %q, function_version %q). %s", tencentcloudVersionType, src.ID, version, versionMove.advice("")))
		return scfFunctionVersionModel{}, false
	}
	fn := functionID(namespace, name)
	return scfFunctionVersionModel{
		ID: types.StringValue(fn + "/" + version), FunctionName: types.StringValue(name), Namespace: types.StringValue(namespace),
		Version: types.StringValue(version), Description: types.StringValue(deref(src.Description)),
		FunctionRevision: types.StringNull(), SkipDestroy: types.BoolValue(false),
		CodeSha256: types.StringNull(), Status: types.StringNull(), CreatedTime: types.StringNull(),
	}, true
}

// orElse is s, or fallback when s is empty.
func orElse(s, fallback string) string {
	if s == "" {
		return fallback
	}
	return s
}

// tencentcloudVersionState is the state the official provider writes for
// tencentcloud_scf_function_version at schema version 0, as
// MoveResourceState hands it over.
type tencentcloudVersionState struct {
	ID              string  `json:"id"`
	FunctionName    string  `json:"function_name"`
	Namespace       *string `json:"namespace"`
	Description     *string `json:"description"`
	FunctionVersion *string `json:"function_version"`
}
