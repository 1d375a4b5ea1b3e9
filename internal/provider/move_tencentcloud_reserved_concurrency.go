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
	if !reservedMove.decode(req, resp, &source) {
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

// reservedMove is the move from tencentcloud_scf_reserved_concurrency_config.
var reservedMove = tencentcloudMove{
	source: tencentcloudReservedConcurrencyType, target: "scf_reserved_concurrency",
	summary: concurrencyDiagnostics.unable("Move"),
	advice: func(id string) string {
		return tencentcloudAdvice("reserved concurrency", tencentcloudReservedConcurrencyType,
			"scf_reserved_concurrency", id, "<namespace>/<function_name>")
	},
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
		diags.AddError(reservedMove.summary, fmt.Sprintf("The state of %s has no function_name (id %q). %s",
			tencentcloudReservedConcurrencyType, src.ID, reservedMove.advice("")))
		return m, diags
	case src.ReservedConcurrencyMem == nil:
		diags.AddError(reservedMove.summary, fmt.Sprintf("The reserved concurrency of %s has no "+
			"reserved_concurrency_mem in state. %s", id, reservedMove.advice(id)))
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
