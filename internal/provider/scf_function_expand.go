package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// expandCreate builds the CreateFunction request from the plan. The digest
// is the SHA-256 of an uploaded zip, or "" when the code comes from elsewhere.
func (r *scfFunctionResource) expandCreate(ctx context.Context, plan scfFunctionResourceModel, diags *diag.Diagnostics) (*scfapi.CreateFunctionRequest, string) {
	code, digest := expandCode(ctx, plan, diags)
	req := &scfapi.CreateFunctionRequest{
		FunctionName:     stringPtr(plan.Name),
		Namespace:        stringPtr(plan.Namespace),
		Code:             code,
		CodeSource:       stringPtr(plan.CodeSource),
		Handler:          stringPtr(plan.Handler),
		Description:      stringPtr(plan.Description),
		MemorySize:       int64Ptr(plan.MemorySize),
		Timeout:          int64Ptr(plan.Timeout),
		InitTimeout:      int64Ptr(plan.InitTimeout),
		Runtime:          stringPtr(plan.Runtime),
		Type:             stringPtr(plan.Type),
		Environment:      expandEnvironment(ctx, plan.Environment, false, diags),
		VpcConfig:        expandVpcConfig(ctx, plan.VpcConfig, false, diags),
		ClsLogsetId:      stringPtr(plan.ClsLogsetID),
		ClsTopicId:       stringPtr(plan.ClsTopicID),
		Layers:           expandLayers(ctx, plan.Layers, false, diags),
		DeadLetterConfig: expandDeadLetterConfig(ctx, plan.DeadLetterConfig, false, diags),
		PublicNetConfig:  expandPublicNetConfig(ctx, plan.PublicNetConfig, false, diags),
		CfsConfig:        expandCfsConfig(ctx, plan.CfsConfig, false, diags),
		Tags:             expandTags(ctx, plan.Tags, diags),
	}
	if role := plan.Role.ValueString(); role != "" {
		req.Role = &role
	}
	expandFeaturesCreate(ctx, plan, req, diags)
	if req.Code != nil && req.Code.ImageConfig != nil {
		req.Handler = nil // an image has no handler
	}
	return req, digest
}

// expandCode turns `code` into the API's Code, reading a zip file when one
// is configured. It returns nil when `code` is not set (after an import).
func expandCode(ctx context.Context, plan scfFunctionResourceModel, diags *diag.Diagnostics) (*scfapi.Code, string) {
	m, ok := objectAs[codeModel](ctx, plan.Code, diags)
	if !ok {
		return nil, ""
	}
	code := &scfapi.Code{
		CosBucketName:     stringPtr(m.CosBucketName),
		CosObjectName:     stringPtr(m.CosObjectName),
		CosBucketRegion:   stringPtr(m.CosBucketRegion),
		DemoId:            stringPtr(m.DemoID),
		TempCosObjectName: stringPtr(m.TempCosObjectName),
		GitUrl:            stringPtr(m.GitURL),
		GitUserName:       stringPtr(m.GitUserName),
		GitPassword:       stringPtr(m.GitPassword),
		GitBranch:         stringPtr(m.GitBranch),
		GitDirectory:      stringPtr(m.GitDirectory),
		GitCommitId:       stringPtr(m.GitCommitID),
		ImageConfig:       expandImageConfig(ctx, m.ImageConfig, diags),
	}
	if m.ZipFile.IsNull() || m.ZipFile.IsUnknown() {
		return code, ""
	}
	encoded, digest := readZip(ctx, m.ZipFile, plan.CodeSHA256, diags)
	code.ZipFile = &encoded
	return code, digest
}

// expandCodeUpdate returns the UpdateFunctionCode call the plan needs, or nil
// when neither the code nor the handler changes. A zip whose digest equals
// the deployed code's is not uploaded again, even under a new path.
func (r *scfFunctionResource) expandCodeUpdate(ctx context.Context, plan, state scfFunctionResourceModel, diags *diag.Diagnostics) *codeUpload {
	handlerChanged := !plan.Handler.IsUnknown() && !plan.Handler.IsNull() && !plan.Handler.Equal(state.Handler)
	hasCode := !plan.Code.IsNull() && !plan.Code.IsUnknown()
	codeChanged := hasCode && (plan.CodeSHA256.IsUnknown() || !plan.CodeSHA256.Equal(state.CodeSHA256))
	if !handlerChanged && !codeChanged {
		return nil
	}
	req := &scfapi.UpdateFunctionCodeRequest{
		FunctionName:      stringPtr(state.Name),
		Namespace:         stringPtr(state.Namespace),
		Handler:           stringPtr(plan.Handler),
		CodeSource:        stringPtr(plan.CodeSource),
		InstallDependency: apiFlag(plan.InstallDependency),
	}
	if plan.Runtime.ValueString() == runtimeCustomImage {
		req.Handler = nil // an image has no handler
	}
	// The service expects the code with a handler change, so the configured
	// code goes along when there is any.
	code, digest := expandCode(ctx, plan, diags)
	req.Code = code
	return &codeUpload{request: req, digest: digest}
}

// expandConfigUpdate returns one UpdateFunctionConfiguration request with
// every setting that changed, or nil when none did. Settings removed from the
// configuration are sent as the API's clearing values.
func expandConfigUpdate(ctx context.Context, plan, state scfFunctionResourceModel, diags *diag.Diagnostics) *scfapi.UpdateFunctionConfigurationRequest {
	req := &scfapi.UpdateFunctionConfigurationRequest{
		FunctionName: stringPtr(state.Name),
		Namespace:    stringPtr(state.Namespace),
	}
	changed := false
	changedString := func(p, s types.String) *string {
		if p.IsUnknown() || p.Equal(s) {
			return nil
		}
		changed = true
		v := p.ValueString()
		return &v
	}
	changedInt := func(p, s types.Int64) *int64 {
		if p.IsUnknown() || p.Equal(s) {
			return nil
		}
		changed = true
		return int64Ptr(p)
	}
	req.Description = changedString(plan.Description, state.Description)
	req.MemorySize = changedInt(plan.MemorySize, state.MemorySize)
	req.Timeout = changedInt(plan.Timeout, state.Timeout)
	req.InitTimeout = changedInt(plan.InitTimeout, state.InitTimeout)
	req.Role = changedString(plan.Role, state.Role)
	if !plan.ClsLogsetID.Equal(state.ClsLogsetID) || !plan.ClsTopicID.Equal(state.ClsTopicID) {
		if !plan.ClsLogsetID.IsUnknown() && !plan.ClsTopicID.IsUnknown() {
			changed = true
			req.ClsLogsetId = ptr(plan.ClsLogsetID.ValueString())
			req.ClsTopicId = ptr(plan.ClsTopicID.ValueString())
		}
	}
	if !plan.Environment.Equal(state.Environment) {
		changed = true
		req.Environment = expandEnvironment(ctx, plan.Environment, true, diags)
	}
	if !plan.Layers.Equal(state.Layers) {
		changed = true
		req.Layers = expandLayers(ctx, plan.Layers, true, diags)
	}
	if !plan.VpcConfig.Equal(state.VpcConfig) {
		changed = true
		req.VpcConfig = expandVpcConfig(ctx, plan.VpcConfig, true, diags)
	}
	if !plan.DeadLetterConfig.Equal(state.DeadLetterConfig) {
		changed = true
		req.DeadLetterConfig = expandDeadLetterConfig(ctx, plan.DeadLetterConfig, true, diags)
	}
	if !plan.PublicNetConfig.Equal(state.PublicNetConfig) {
		changed = true
		req.PublicNetConfig = expandPublicNetConfig(ctx, plan.PublicNetConfig, true, diags)
	}
	if !plan.CfsConfig.Equal(state.CfsConfig) {
		changed = true
		req.CfsConfig = expandCfsConfig(ctx, plan.CfsConfig, true, diags)
	}
	if expandFeaturesUpdate(ctx, plan, state, req, diags) {
		changed = true
	}
	if !changed {
		return nil
	}
	return req
}

// diffTags lists the tags to add or change and the keys to remove.
func diffTags(ctx context.Context, planned, prior types.Map, diags *diag.Diagnostics) (map[string]string, []string) {
	want, have := stringMap(ctx, planned, diags), stringMap(ctx, prior, diags)
	replace := map[string]string{}
	for k, v := range want {
		if old, ok := have[k]; !ok || old != v {
			replace[k] = v
		}
	}
	var remove []string
	for k := range have {
		if _, ok := want[k]; !ok {
			remove = append(remove, k)
		}
	}
	return replace, remove
}
