package provider

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

var _ resource.ResourceWithMoveState = (*scfReservedConcurrencyResource)(nil)

// tencentcloudReservedConcurrencyType is the official provider's resource a
// `moved` block may name as the source of scf_reserved_concurrency.
const tencentcloudReservedConcurrencyType = "tencentcloud_scf_reserved_concurrency_config"

// MoveState takes over a function's reserved concurrency from
// tencentcloud_scf_reserved_concurrency_config, which holds the same three
// values under the same names.
func (r *scfReservedConcurrencyResource) MoveState(context.Context) []resource.StateMover {
	return []resource.StateMover{{StateMover: moveReservedFromTencentcloud}}
}

func moveReservedFromTencentcloud(ctx context.Context, req resource.MoveStateRequest, resp *resource.MoveStateResponse) {
	var source tencentcloudReservedConcurrencyState
	if !decodeTencentcloudSource(req, tencentcloudReservedConcurrencyType, "scf_reserved_concurrency",
		concurrencyDiagnostics.unable("Move"), reservedMoveAdvice(""), &source, &resp.Diagnostics) {
		return
	}
	model, diags := movedReservedConcurrency(source)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	resp.Diagnostics.Append(resp.TargetState.Set(ctx, model)...)
	setIdentity(ctx, resp.TargetIdentity, model.identity(), &resp.Diagnostics)
}

// reservedMoveAdvice is what to do with a reserved concurrency the move
// refuses; importID is scf_reserved_concurrency's import ID when known.
func reservedMoveAdvice(importID string) string {
	if importID == "" {
		importID = "<namespace>/<function_name>"
	}
	return "Take the reserved concurrency over by import instead: replace the moved block with a removed block " +
		"(`removed { from = tencentcloud_scf_reserved_concurrency_config.<name>  lifecycle { destroy = false } }`), " +
		"so Terraform forgets it without removing it from the function, and import it with an import block " +
		"(`import { to = scf_reserved_concurrency.<name>  id = \"" + importID + "\" }`)."
}

// movedReservedConcurrency is the model Read makes of the quota the
// official provider recorded.
func movedReservedConcurrency(src tencentcloudReservedConcurrencyState) (scfReservedConcurrencyModel, diag.Diagnostics) {
	var diags diag.Diagnostics
	namespace, function := src.Namespace, src.FunctionName
	// The official ID is <namespace>#<function>.
	if idNamespace, idFunction, ok := strings.Cut(src.ID, "#"); ok {
		namespace, function = cmp.Or(namespace, idNamespace), cmp.Or(function, idFunction)
	}
	namespace = cmp.Or(namespace, scfapi.DefaultNamespace)
	id := functionID(namespace, function)
	var m scfReservedConcurrencyModel
	switch {
	case function == "":
		diags.AddError(concurrencyDiagnostics.unable("Move"), fmt.Sprintf("The state of %s has no function_name (id %q). %s",
			tencentcloudReservedConcurrencyType, src.ID, reservedMoveAdvice("")))
		return m, diags
	case src.ReservedConcurrencyMem == nil:
		diags.AddError(concurrencyDiagnostics.unable("Move"), fmt.Sprintf("The reserved concurrency of %s has no "+
			"reserved_concurrency_mem in state. %s", id, reservedMoveAdvice(id)))
		return m, diags
	}
	m.ID = types.StringValue(id)
	m.Namespace, m.FunctionName = types.StringValue(namespace), types.StringValue(function)
	m.ReservedConcurrencyMem = types.Int64Value(*src.ReservedConcurrencyMem)
	return m, diags
}

// tencentcloudReservedConcurrencyState is the state the official provider
// writes for tencentcloud_scf_reserved_concurrency_config at schema
// version 0.
type tencentcloudReservedConcurrencyState struct {
	ID                     string `json:"id"`
	Namespace              string `json:"namespace"`
	FunctionName           string `json:"function_name"`
	ReservedConcurrencyMem *int64 `json:"reserved_concurrency_mem"`
}
