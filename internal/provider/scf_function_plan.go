package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/codezip"
	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
)

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
	{"", []string{"image_config"}, func(c codeModel) bool { return !c.ImageConfig.IsNull() }},
}

// ValidateConfig checks the rules that span several attributes. Values that
// are unknown at plan time are left alone; they are checked when known.
//
// It decodes the top-level attributes once and converts only those it
// needs: converting the whole configuration into the model, or reading each
// with GetAttribute, costs more than all of these checks, and Terraform
// validates every resource of every plan.
func (r *scfFunctionResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	config := rootsOf(req.Config.Raw)
	code := config.object(ctx, "code", codeAttrTypes)
	publicNet := config.object(ctx, "public_net_config", publicNetAttrTypes)
	vpc := config.object(ctx, "vpc_config", vpcConfigAttrTypes)
	codeSource, runtime, handler := config.str(ctx, "code_source"), config.str(ctx, "runtime"), config.str(ctx, "handler")
	logset, topic := config.str(ctx, "cls_logset_id"), config.str(ctx, "cls_topic_id")
	f := featureConfig{
		functionType: config.str(ctx, "type"), asyncRun: config.boolean(ctx, "async_run_enable"),
		trace: config.boolean(ctx, "trace_enable"), installDependency: config.boolean(ctx, "install_dependency"),
		dnsCache: config.boolean(ctx, "dns_cache"), protocolType: config.str(ctx, "protocol_type"),
		protocolParams: config.object(ctx, "protocol_params", protocolParamsAttrTypes),
		concurrency:    config.object(ctx, "instance_concurrency_config", instanceConcurrencyAttrTypes),
	}

	report := func(v validators.Violation) { v.Report(ctx, req.Config, &resp.Diagnostics) }
	if known(code) {
		validateCodeSource(codeFromObject(code), codeSource, report)
	}
	f.code, f.runtime, f.handler = code, runtime, handler
	validateFeatures(f, report)
	validateTogether(report, logset, topic, "cls_logset_id", "cls_topic_id")

	if runtime.ValueString() == "Java8" && handler.IsNull() {
		report(validators.Violation{
			Summary: "Missing Handler",
			Path:    path.Root("handler"),
			Problem: "it is not set, and Java8 functions have no default entry point",
			Rule:    "set `handler` to `package.Class::method`, for example `example.Hello::mainHandler`",
		})
	}

	if known(publicNet) {
		status := stringAttr(publicNet, "public_net_status").ValueString()
		if status == disable && vpc.IsNull() {
			report(validators.Violation{
				Summary: "Invalid Public Network Setting",
				Path:    path.Root("public_net_config").AtName("public_net_status"),
				Problem: "it is \"DISABLE\", but `vpc_config` is not set",
				Rule: "a function outside a VPC needs public network access: `public_net_status = \"DISABLE\"` " +
					"requires `vpc_config`; set `vpc_config` or enable public access",
			})
		}
		if eip := objectAttr(publicNet, "eip_config"); known(eip) &&
			stringAttr(eip, "eip_status").ValueString() == enable && status == disable {
			report(validators.Violation{
				Summary: "Invalid Public Network Setting",
				Path:    path.Root("public_net_config").AtName("eip_config").AtName("eip_status"),
				Problem: "it is \"ENABLE\", but public_net_config.public_net_status is \"DISABLE\"",
				Rule: "a fixed public IP needs public network access: `eip_status = \"ENABLE\"` requires " +
					"`public_net_status = \"ENABLE\"`; enable public access or remove `eip_config`",
			})
		}
	}
}

// validateTogether requires two attributes to be both set or both unset.
// Unknown values may still become either, so they pass.
func validateTogether(report func(validators.Violation), a, b types.String, nameA, nameB string) {
	if a.IsUnknown() || b.IsUnknown() || a.IsNull() == b.IsNull() {
		return
	}
	configured, missing := nameA, nameB
	if a.IsNull() {
		configured, missing = nameB, nameA
	}
	report(validators.Violation{
		Summary: "Invalid Attribute Combination",
		Path:    path.Root(configured),
		Problem: fmt.Sprintf("it is set, but `%s` is not", missing),
		Rule:    fmt.Sprintf("these attributes must be configured together: [%s,%s]", nameA, nameB),
	})
}

// validateCodeSource checks that `code` gives exactly one source and that
// `code_source` agrees with it. Whether a diagnostic about `code` may point
// at it, which prints the object with a Git password, is report's concern.
func validateCodeSource(code codeModel, declared types.String, report func(validators.Violation)) {
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
	codeRule := "`code` needs exactly one source: " + attrList(codeSources)
	switch {
	case len(given) == 0:
		report(validators.Violation{Summary: "Missing Function Code", Path: path.Root("code"),
			Problem: "it sets no source", Rule: codeRule})
		return
	case len(given) > 1:
		v := validators.Violation{Summary: "Conflicting Code Sources", Path: path.Root("code"),
			Problem: fmt.Sprintf("it sets %d sources: %s", len(given), attrList(given)),
			Rule:    codeRule + "; keep one"}
		if given[0].name == "ZipFile" && given[1].name == "Cos" {
			v.Problem = "it sets both a zip file and a COS object (the API rejects Cos and ZipFile together)"
		}
		report(v)
		return
	}
	source := given[0]
	if declared.IsUnknown() {
		return
	}
	if declared.IsNull() {
		if source.name == "Git" {
			report(validators.Violation{Summary: "Missing Code Source", Path: path.Root("code_source"),
				Problem: "it is not set, but `code` sets `git_url`",
				Rule:    "code from Git needs `code_source = \"Git\"`, as the API requires CodeSource for Git"})
		}
		return
	}
	if source.name == "" {
		report(validators.Violation{Summary: "Conflicting Code Source", Path: path.Root("code_source"),
			Problem: fmt.Sprintf("it is %q, but `code` sets `image_config`", declared.ValueString()),
			Rule:    "an image function has no CodeSource; leave `code_source` unset"})
		return
	}
	if declared.ValueString() != source.name {
		report(validators.Violation{Summary: "Conflicting Code Source", Path: path.Root("code_source"),
			Problem: fmt.Sprintf("it is %q, but `code` sets %s, which is source %q",
				declared.ValueString(), attrList(given), source.name),
			Rule: "make them agree, or leave `code_source` unset"})
	}
}

// ModifyPlan requires code for new functions and plans the code digest: for
// a zip file it hashes the local file, so new content at the same path, or
// code changed outside Terraform, shows as a planned update of code_sha256.
//
// Like ValidateConfig it reads and writes single attributes instead of the
// whole model, which Terraform would otherwise convert twice per resource
// and plan.
func (r *scfFunctionResource) ModifyPlan(ctx context.Context, req resource.ModifyPlanRequest, resp *resource.ModifyPlanResponse) {
	if req.Plan.Raw.IsNull() {
		return
	}
	planned, prior := rootsOf(req.Plan.Raw), rootsOf(req.State.Raw)
	planCode := planned.object(ctx, "code", codeAttrTypes)
	creating := req.State.Raw.IsNull()
	stateCode, stateDigest, stateSize := types.ObjectNull(codeAttrTypes), types.StringNull(), types.Int64Null()
	if !creating {
		stateCode, stateDigest, stateSize = prior.object(ctx, "code", codeAttrTypes), prior.str(ctx, "code_sha256"), prior.int64(ctx, "code_size")
	}
	handlerChanges := func() bool {
		h := planned.str(ctx, "handler")
		return !h.IsUnknown() && !h.Equal(prior.str(ctx, "handler"))
	}
	report := func(v validators.Violation) { v.Report(ctx, req.Config, &resp.Diagnostics) }
	if creating && planCode.IsNull() {
		report(validators.Violation{Summary: "Missing Function Code", Path: path.Root("code"),
			Problem: "it is not set, and the function does not exist yet",
			Rule:    "`code` is required to create a function; it may only be left out for a function that was imported, to keep its deployed code"})
		return
	}

	if !creating && planCode.IsNull() && handlerChanges() {
		report(validators.Violation{Summary: "Missing Function Code", Path: path.Root("handler"),
			Problem: "it changes, but `code` is not set",
			Rule: "the handler changes together with the code (UpdateFunctionCode), so `code` must be set to change " +
				"`handler` of an imported function"})
		return
	}

	// Planned top-level values, set in one pass at the end: each
	// SetAttribute would rebuild the whole plan.
	sets := map[string]attr.Value{}
	planRuntime(ctx, rootsOf(req.Config.Raw), prior, planCode, creating, sets, resp)
	if !creating {
		if code, changed := planImageURI(planCode, stateCode); changed {
			planCode, sets["code"] = code, code
		}
	}

	// The digest the plan shows: the state's (unchanged code), unknown (the
	// service computes it), or the local zip file's.
	digest, size := types.StringUnknown(), types.Int64Unknown()
	keepDigest := func() { digest, size = stateDigest, stateSize }
	zipFile := stringAttr(planCode, "zip_file")
	switch {
	case planCode.IsUnknown():
	case planCode.IsNull():
		keepDigest() // code left out after an import: the deployed code stays
	case zipFile.IsUnknown():
	case !zipFile.IsNull():
		info, err := codezip.Inspect(zipFile.ValueString())
		if err != nil {
			report(validators.ZipFileViolation(validators.SummaryZipFile, path.Root("code").AtName("zip_file"), err))
			return
		}
		if !creating && stateDigest.ValueString() == info.SHA256 {
			keepDigest()
		} else {
			digest, size = types.StringValue(info.SHA256), types.Int64Value(info.Size)
		}
	case creating || !planCode.Equal(stateCode) || handlerChanges():
		// the service computes the digest of COS, demo and Git code
	default:
		keepDigest()
	}
	sets["code_sha256"], sets["code_size"] = digest, size
	if err := setRoots(ctx, &resp.Plan.Raw, sets); err != nil {
		resp.Diagnostics.AddError("Error modifying plan", "Could not set planned values; please report this provider bug: "+err.Error())
	}
	if resp.Diagnostics.HasError() || creating {
		return
	}
	if onlyMarkedUnknown(resp.Plan.Raw, req.State.Raw, req.Config.Raw) {
		resp.Plan.Raw = req.State.Raw.Copy()
	}

	// A digest change alone is still an update, and an update moves these.
	if !resp.Plan.Raw.Equal(req.State.Raw) {
		for _, name := range []string{"status", "status_desc", "modified_time"} {
			resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root(name), types.StringUnknown())...)
		}
		resp.Diagnostics.Append(resp.Plan.SetAttribute(ctx, path.Root("status_reasons"), types.ListUnknown(types.ObjectType{AttrTypes: statusReasonAttrTypes}))...)
		keepReported(ctx, req, resp, !digest.Equal(stateDigest))
	}
}

// codeFromObject reads `code` into its model.
func codeFromObject(obj types.Object) codeModel {
	s := func(name string) types.String { return stringAttr(obj, name) }
	return codeModel{
		ZipFile: s("zip_file"), CosBucketName: s("cos_bucket_name"), CosObjectName: s("cos_object_name"),
		CosBucketRegion: s("cos_bucket_region"), DemoID: s("demo_id"), TempCosObjectName: s("temp_cos_object_name"),
		GitURL: s("git_url"), GitUserName: s("git_user_name"), GitPassword: s("git_password"),
		GitBranch: s("git_branch"), GitDirectory: s("git_directory"), GitCommitID: s("git_commit_id"),
		ImageConfig: objectAttr(obj, "image_config"),
	}
}
