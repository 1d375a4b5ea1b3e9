package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/resourcevalidator"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/codezip"
)

func (r *scfFunctionResource) ConfigValidators(_ context.Context) []resource.ConfigValidator {
	return []resource.ConfigValidator{
		resourcevalidator.RequiredTogether(path.MatchRoot("cls_logset_id"), path.MatchRoot("cls_topic_id")),
	}
}

// codeSource names one way of giving code and the attributes that mean it.
type codeSource struct {
	name  string // the API's CodeSource value
	attrs []string
	set   func(codeModel) bool
}

var codeSources = []codeSource{
	{"ZipFile", []string{"zip_file"}, func(c codeModel) bool { return !c.ZipFile.IsNull() }},
	{"Cos", []string{"cos_bucket_name", "cos_object_name"}, func(c codeModel) bool { return !c.CosBucketName.IsNull() || !c.CosObjectName.IsNull() }},
	{"Demo", []string{"demo_id"}, func(c codeModel) bool { return !c.DemoID.IsNull() }},
	{"TempCos", []string{"temp_cos_object_name"}, func(c codeModel) bool { return !c.TempCosObjectName.IsNull() }},
	{"Git", []string{"git_url"}, func(c codeModel) bool { return !c.GitURL.IsNull() }},
}

// ValidateConfig checks the rules that span several attributes. Values that
// are unknown at plan time are left alone; they are checked when known.
func (r *scfFunctionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var config scfFunctionResourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	if code, ok := objectAs[codeModel](ctx, config.Code, &resp.Diagnostics); ok {
		validateCodeSource(code, config.CodeSource, resp)
	}

	if config.Runtime.ValueString() == "Java8" && config.Handler.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("handler"), "Missing Handler",
			"Java8 functions have no default entry point: set `handler` to `package.Class::method`, for example `example.Hello::mainHandler`.")
	}

	if pn, ok := objectAs[publicNetConfigModel](ctx, config.PublicNetConfig, &resp.Diagnostics); ok {
		if pn.PublicNetStatus.ValueString() == "DISABLE" && config.VpcConfig.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("public_net_config").AtName("public_net_status"), "Invalid Public Network Setting",
				"A function outside a VPC needs public network access: `public_net_status = \"DISABLE\"` requires `vpc_config`.")
		}
		if eip, ok := objectAs[eipConfigModel](ctx, pn.EipConfig, &resp.Diagnostics); ok &&
			eip.EipStatus.ValueString() == "ENABLE" && pn.PublicNetStatus.ValueString() == "DISABLE" {
			resp.Diagnostics.AddAttributeError(path.Root("public_net_config").AtName("eip_config").AtName("eip_status"), "Invalid Public Network Setting",
				"A fixed public IP needs public network access: `eip_status = \"ENABLE\"` requires `public_net_status = \"ENABLE\"`.")
		}
	}
}

func validateCodeSource(code codeModel, declared types.String, resp *resource.ValidateConfigResponse) {
	var given []codeSource
	for _, s := range codeSources {
		if s.set(code) {
			given = append(given, s)
		}
	}
	attrList := func(sources []codeSource) string {
		var names []string
		for _, s := range sources {
			names = append(names, "`"+strings.Join(s.attrs, "`/`")+"`")
		}
		return strings.Join(names, ", ")
	}
	// Terraform prints the source of the attribute a diagnostic points at:
	// for `code` the whole object literal, which may hold the Git password.
	// Then the diagnostic points at the resource, shown by its header only.
	addCodeError := func(summary, detail string) {
		if code.GitPassword.IsNull() {
			resp.Diagnostics.AddAttributeError(path.Root("code"), summary, detail)
			return
		}
		resp.Diagnostics.AddError(summary, detail)
	}
	switch {
	case len(given) == 0:
		addCodeError("Missing Function Code", "`code` needs exactly one source: "+attrList(codeSources)+".")
		return
	case len(given) > 1:
		summary := "Conflicting Code Sources"
		detail := fmt.Sprintf("`code` needs exactly one source, but %s are set.", attrList(given))
		if given[0].name == "ZipFile" && given[1].name == "Cos" {
			detail = "`code` cannot take both a zip file and a COS object (the API rejects Cos and ZipFile together). Keep one."
		}
		addCodeError(summary, detail)
		return
	}
	source := given[0]
	if declared.IsUnknown() {
		return
	}
	if declared.IsNull() {
		if source.name == "Git" {
			resp.Diagnostics.AddAttributeError(path.Root("code_source"), "Missing Code Source",
				"Code from Git needs `code_source = \"Git\"`, as the API requires CodeSource for Git.")
		}
		return
	}
	if declared.ValueString() != source.name {
		resp.Diagnostics.AddAttributeError(path.Root("code_source"), "Conflicting Code Source",
			fmt.Sprintf("`code_source` is %q but `code` gives %s, which is source %q. Make them agree or leave `code_source` unset.",
				declared.ValueString(), attrList(given), source.name))
	}
}

// ModifyPlan requires code for new functions and plans the code digest: for
// a zip file it hashes the local file, so new content at the same path, or
// code changed outside Terraform, shows as a planned update of code_sha256.
func (r *scfFunctionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	var plan, state scfFunctionResourceModel
	resp.Diagnostics.Append(req.Plan.Get(ctx, &plan)...)
	creating := req.State.Raw.IsNull()
	if !creating {
		resp.Diagnostics.Append(req.State.Get(ctx, &state)...)
	}
	if resp.Diagnostics.HasError() {
		return
	}
	if creating && plan.Code.IsNull() {
		resp.Diagnostics.AddAttributeError(path.Root("code"), "Missing Function Code",
			"`code` is required to create a function. It may only be left out for a function that was imported, to keep its deployed code.")
		return
	}

	if !creating && plan.Code.IsNull() && !plan.Handler.IsUnknown() && !plan.Handler.Equal(state.Handler) {
		resp.Diagnostics.AddAttributeError(path.Root("handler"), "Missing Function Code",
			"The handler changes together with the code (UpdateFunctionCode), so `code` must be set to change `handler` "+
				"of an imported function.")
		return
	}

	keepDigest := func() {
		plan.CodeSHA256, plan.CodeSize = state.CodeSHA256, state.CodeSize
	}
	unknownDigest := func() {
		plan.CodeSHA256, plan.CodeSize = types.StringUnknown(), types.Int64Unknown()
	}
	code, hasCode := objectAs[codeModel](ctx, plan.Code, &resp.Diagnostics)
	switch {
	case plan.Code.IsUnknown():
		unknownDigest()
	case !hasCode:
		keepDigest() // code left out after an import: the deployed code stays
	case code.ZipFile.IsUnknown():
		unknownDigest()
	case !code.ZipFile.IsNull():
		info, err := codezip.Inspect(code.ZipFile.ValueString())
		if err != nil {
			resp.Diagnostics.AddAttributeError(path.Root("code").AtName("zip_file"), "Invalid Zip File", err.Error())
			return
		}
		if !creating && state.CodeSHA256.ValueString() == info.SHA256 {
			keepDigest()
		} else {
			plan.CodeSHA256, plan.CodeSize = types.StringValue(info.SHA256), types.Int64Value(info.Size)
		}
	case creating || !plan.Code.Equal(state.Code) || (!plan.Handler.IsUnknown() && !plan.Handler.Equal(state.Handler)):
		unknownDigest() // the service computes the digest of COS, demo and Git code
	default:
		keepDigest()
	}
	resp.Diagnostics.Append(resp.Plan.Set(ctx, plan)...)
	if resp.Diagnostics.HasError() || creating {
		return
	}

	// A digest change alone is still an update, and an update moves these.
	if !resp.Plan.Raw.Equal(req.State.Raw) {
		for _, name := range []string{"status", "status_desc", "modified_time"} {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(name), types.StringUnknown())...)
		}
	}
}
