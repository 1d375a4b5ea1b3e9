package provider

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/mapvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/provider/validators"
	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// The function's environment variables. The API takes one Environment;
// users give it three ways, because function environments hold database
// passwords and API tokens:
//
//   - environment: plain values, shown in plans;
//   - secret_environment: sensitive, so never shown, but kept in state, and
//     drift in them is planned;
//   - secret_environment_wo with secret_environment_wo_version: write-only,
//     never in plan or state; secret_environment_wo_keys records the names
//     sent, so that reading leaves their values out of state and a name
//     removed is removed from the function.
//
// Each name is in one of the three (checked at plan), and the three
// together are the 4 KB the API allows.

// functionEnvironment is the environment of scf_function's model.
type functionEnvironment struct {
	Environment                types.Map   `tfsdk:"environment"`
	SecretEnvironment          types.Map   `tfsdk:"secret_environment"`
	SecretEnvironmentWO        types.Map   `tfsdk:"secret_environment_wo"`
	SecretEnvironmentWOVersion types.Int64 `tfsdk:"secret_environment_wo_version"`
	SecretEnvironmentWOKeys    types.List  `tfsdk:"secret_environment_wo_keys"`
}

const (
	attrEnvironment                = "environment"
	attrSecretEnvironment          = "secret_environment"
	attrSecretEnvironmentWO        = "secret_environment_wo"
	attrSecretEnvironmentWOVersion = "secret_environment_wo_version"
	attrSecretEnvironmentWOKeys    = "secret_environment_wo_keys"

	// summaryUnconfiguredSecrets: an imported function's secret variables
	// that the configuration would remove (see guardImportedSecrets).
	summaryUnconfiguredSecrets = "Unconfigured Secret Environment"

	// privateImported marks, in private state, a function imported and not
	// applied since.
	privateImported = "imported"
)

// environmentSources are the attributes that make up the Environment, in
// the order their conflicts are reported.
var environmentSources = []string{attrEnvironment, attrSecretEnvironment, attrSecretEnvironmentWO}

// secretNameParts are what makes a variable's name look secret, in upper
// case. A function imported, or read by the data source, has variables
// Terraform knows nothing of: those whose names hold one of these go to
// secret_environment, so that neither plans nor generated configuration
// print them; the rest to environment. Erring towards secret costs a
// variable shown as "(sensitive value)"; erring the other way prints a
// password.
var secretNameParts = []string{"PASS", "PWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "PRIVATE", "AUTH", "CERT",
	"SIGNATURE", "SALT", "DSN", "CONNECTION_STRING", "DATABASE_URL"}

func looksSecret(name string) bool {
	upper := strings.ToUpper(name)
	return slices.ContainsFunc(secretNameParts, func(part string) bool { return strings.Contains(upper, part) })
}

func environmentAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		attrEnvironment: schema.MapAttribute{
			Optional:    true,
			ElementType: types.StringType,
			MarkdownDescription: "Environment variables (`Environment`), shown in plan output. Names start with a letter and " +
				"contain letters, digits and `_`. With `secret_environment` and `secret_environment_wo` they make up the " +
				"function's one `Environment`: each name in one of the three, names and values together at most 4 KB. " +
				"Removing a variable removes it from the function. Changes are applied in place.",
			Validators: []validator.Map{validators.Environment()},
		},
		attrSecretEnvironment: schema.MapAttribute{
			Optional:    true,
			Sensitive:   true,
			ElementType: types.StringType,
			MarkdownDescription: "Environment variables holding secrets: like `environment`, but sensitive, so plan " +
				"and apply output never show their values (state keeps them). A value changed outside Terraform plans " +
				"an update, shown as a sensitive change. A function imported (or read by the `scf_function` data " +
				"source) has its variables whose names look secret here, the others in `environment`: a name holding " +
				backticked(secretNameParts) + ", in any case. Changes are applied in place.",
			Validators: []validator.Map{validators.Environment()},
		},
		attrSecretEnvironmentWO: schema.MapAttribute{
			Optional:    true,
			Sensitive:   true,
			WriteOnly:   true,
			ElementType: types.StringType,
			MarkdownDescription: "Environment variables holding secrets, write-only (Terraform 1.11 and later): sent to " +
				"the API and never written to plan or state; what the service reads back for them is left out of " +
				"state too, so a change made outside Terraform is not seen. They are sent when the function is " +
				"created, when `secret_environment_wo_version` or their names change, and with any other change of " +
				"the environment (the API replaces it whole). Requires `secret_environment_wo_version`.",
			Validators: []validator.Map{
				validators.Environment(),
				mapvalidator.AlsoRequires(path.MatchRoot(attrSecretEnvironmentWOVersion)),
			},
		},
		attrSecretEnvironmentWOVersion: schema.Int64Attribute{
			Optional: true,
			MarkdownDescription: "Version of `secret_environment_wo`: change it (increment it, say) to send the " +
				"write-only variables again, after rotating a secret. Requires `secret_environment_wo`. Changes are " +
				"applied in place.",
			Validators: []validator.Int64{int64validator.AlsoRequires(path.MatchRoot(attrSecretEnvironmentWO))},
		},
		attrSecretEnvironmentWOKeys: schema.ListAttribute{
			Computed:    true,
			ElementType: types.StringType,
			MarkdownDescription: "Names of the variables last sent from `secret_environment_wo`, sorted; names only, " +
				"never values. The service's values of these are left out of `environment` and `secret_environment`.",
		},
	}
}

var environmentAPIErrorHints = map[string]apiErrorHint{
	"InvalidParameterValue.Environment": {attribute: path.Root(attrEnvironment),
		advice: "Variable names (in `environment`, `secret_environment` and `secret_environment_wo`) start with a letter and contain only letters, digits and `_`."},
	"InvalidParameterValue.EnvironmentExceededLimit": {attribute: path.Root(attrEnvironment),
		advice: "Names and values of `environment`, `secret_environment` and `secret_environment_wo` together may not exceed 4 KB; move large values elsewhere."},
}

// validateEnvironment refuses a name set in more than one of the three
// maps, and the three together over the API's limit (one map alone over
// it is its own validator's to report). No message holds a value.
func validateEnvironment(e *functionEnvironment, report func(validators.Violation)) {
	sources := map[string]types.Map{attrEnvironment: e.Environment, attrSecretEnvironment: e.SecretEnvironment,
		attrSecretEnvironmentWO: e.SecretEnvironmentWO}
	seenIn := map[string]string{}
	sizes, known, alone := map[string]int{}, true, false
	for _, source := range environmentSources {
		m := sources[source]
		if m.IsUnknown() {
			known = false
			continue
		}
		own := map[string]int{}
		for _, k := range slices.Sorted(maps.Keys(m.Elements())) {
			if first, ok := seenIn[k]; ok {
				report(validators.Violation{Summary: validators.SummaryEnvironment, Path: path.Root(source).AtMapKey(k),
					Problem: fmt.Sprintf("variable %q is also set in %s", k, first),
					Rule:    "set each variable in one of environment, secret_environment and secret_environment_wo"})
				continue
			}
			seenIn[k] = source
			s, ok := m.Elements()[k].(types.String)
			if !ok || s.IsUnknown() {
				known = false
				continue
			}
			own[k], sizes[k] = len(s.ValueString()), len(s.ValueString())
		}
		alone = alone || validators.CheckEnvironmentSize(own) != nil
	}
	if !known || alone {
		return
	}
	if err := validators.CheckEnvironmentSize(sizes); err != nil {
		report(validators.Violation{Summary: validators.SummaryEnvironment, Path: path.Root(attrEnvironment),
			Problem: "environment, secret_environment and secret_environment_wo together: " + err.Error(),
			Rule:    "move large values elsewhere, such as a file the function reads"})
	}
}

// takeWriteOnly puts the configured secret_environment_wo, which the plan
// holds as null, into e for the API call, and its names into
// secret_environment_wo_keys.
func (e *functionEnvironment) takeWriteOnly(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
	diags.Append(config.GetAttribute(ctx, path.Root(attrSecretEnvironmentWO), &e.SecretEnvironmentWO)...)
	e.SecretEnvironmentWOKeys = writeOnlyKeys(e.SecretEnvironmentWO, diags)
}

// writeOnlyKeys lists the names of wo, sorted; null for none configured.
func writeOnlyKeys(wo types.Map, diags *diag.Diagnostics) types.List {
	switch {
	case wo.IsNull():
		return types.ListNull(types.StringType)
	case wo.IsUnknown():
		return types.ListUnknown(types.StringType)
	}
	names := slices.Sorted(maps.Keys(wo.Elements()))
	elems := make([]attr.Value, len(names))
	for i, n := range names {
		elems[i] = types.StringValue(n)
	}
	l, d := types.ListValue(types.StringType, elems)
	diags.Append(d...)
	return l
}

// planWriteOnlyKeys plans secret_environment_wo_keys as the names
// configured, so that adding or removing a name is a planned change.
func planWriteOnlyKeys(ctx context.Context, config tfsdk.Config, plan *tfsdk.Plan, diags *diag.Diagnostics) {
	var wo types.Map
	if diags.Append(config.GetAttribute(ctx, path.Root(attrSecretEnvironmentWO), &wo)...); diags.HasError() {
		return
	}
	keys := writeOnlyKeys(wo, diags)
	var planned types.List
	if diags.Append(plan.GetAttribute(ctx, path.Root(attrSecretEnvironmentWOKeys), &planned)...); diags.HasError() {
		return
	}
	if !planned.Equal(keys) {
		diags.Append(plan.SetAttribute(ctx, path.Root(attrSecretEnvironmentWOKeys), keys)...)
	}
}

// guardImportedSecrets refuses to plan the removal of an imported
// function's secret variables when the configuration leaves
// secret_environment unset, as Terraform's generated configuration does for
// every sensitive attribute (`secret_environment = null # sensitive`):
// applying that plan would delete them from the function. Writing
// `secret_environment = {}` removes them on purpose.
func guardImportedSecrets(ctx context.Context, req resource.ModifyPlanRequest, diags *diag.Diagnostics) {
	if req.Private == nil {
		return
	}
	if marker, d := req.Private.GetKey(ctx, privateImported); d.HasError() || len(marker) == 0 {
		return
	}
	var prior, configured, plain types.Map
	var wo types.Map
	diags.Append(req.State.GetAttribute(ctx, path.Root(attrSecretEnvironment), &prior)...)
	diags.Append(req.Config.GetAttribute(ctx, path.Root(attrSecretEnvironment), &configured)...)
	diags.Append(req.Config.GetAttribute(ctx, path.Root(attrEnvironment), &plain)...)
	diags.Append(req.Config.GetAttribute(ctx, path.Root(attrSecretEnvironmentWO), &wo)...)
	if diags.HasError() || !configured.IsNull() || len(prior.Elements()) == 0 || plain.IsUnknown() || wo.IsUnknown() {
		return
	}
	var dropped []string
	for _, k := range slices.Sorted(maps.Keys(prior.Elements())) {
		if _, inPlain := plain.Elements()[k]; inPlain {
			continue
		}
		if _, inWO := wo.Elements()[k]; !inWO {
			dropped = append(dropped, k)
		}
	}
	if len(dropped) == 0 {
		return
	}
	assignments := make([]string, len(dropped))
	for i, k := range dropped {
		assignments[i] = fmt.Sprintf("    %s = var.%s", k, strings.ToLower(k))
	}
	diags.AddError(summaryUnconfiguredSecrets, fmt.Sprintf("Attribute secret_environment: the imported function "+
		"holds the variables %s, which import read as secrets (their names look secret), and the configuration "+
		"leaves secret_environment unset, as Terraform's generated configuration does for every sensitive attribute "+
		"(`secret_environment = null # sensitive`). Applying this plan would delete them from the function. Give "+
		"them their values, from variables rather than literals:\n\n  secret_environment = {\n%s\n  }\n\nor move "+
		"them to `environment` or `secret_environment_wo`; to delete them, write `secret_environment = {}`.",
		strings.Join(dropped, ", "), strings.Join(assignments, "\n")))
}

// variables is the Environment the API gets: the three maps merged (the
// write-only one as takeWriteOnly read it).
func (e functionEnvironment) variables(diags *diag.Diagnostics) map[string]string {
	vars := stringMap(e.Environment, diags)
	maps.Copy(vars, stringMap(e.SecretEnvironment, diags))
	maps.Copy(vars, stringMap(e.SecretEnvironmentWO, diags))
	return vars
}

// secrets are the values no diagnostic may show.
func (e functionEnvironment) secrets(diags *diag.Diagnostics) []string {
	values := slices.Collect(maps.Values(stringMap(e.SecretEnvironment, diags)))
	return append(values, slices.Collect(maps.Values(stringMap(e.SecretEnvironmentWO, diags)))...)
}

func (e functionEnvironment) expandCreate(req *scfapi.CreateFunctionRequest, diags *diag.Diagnostics) {
	req.Environment = expandEnvironment(e.variables(diags), false)
}

// expandUpdate sends the whole environment when any part of it changed:
// the API replaces it whole.
func (e functionEnvironment) expandUpdate(state functionEnvironment, req *scfapi.UpdateFunctionConfigurationRequest, diags *diag.Diagnostics) bool {
	var u update
	changed := u.differs(e.Environment, state.Environment)
	changed = u.differs(e.SecretEnvironment, state.SecretEnvironment) || changed
	changed = u.differs(e.SecretEnvironmentWOKeys, state.SecretEnvironmentWOKeys) || changed
	changed = u.differs(e.SecretEnvironmentWOVersion, state.SecretEnvironmentWOVersion) || changed
	if changed {
		req.Environment = expandEnvironment(e.variables(diags), true)
	}
	return changed
}

// expandEnvironment turns the variables into the API's, sorted by name so
// that requests are deterministic. No variables yield the clearing sentinel
// when clear is true: the API ignores an empty list.
func expandEnvironment(vars map[string]string, clearIfEmpty bool) *scfapi.Environment {
	if len(vars) == 0 {
		if !clearIfEmpty {
			return nil
		}
		return &scfapi.Environment{Variables: []*scfapi.Variable{{Key: ptr(""), Value: ptr("")}}}
	}
	env := &scfapi.Environment{}
	for _, k := range sortedKeys(vars) {
		env.Variables = append(env.Variables, &scfapi.Variable{Key: ptr(k), Value: ptr(vars[k])})
	}
	return env
}

// flatten splits the service's variables into the maps by what e already
// holds: the write-only names are left out, a name Terraform knows stays
// where it was, and a name it does not know (an import, or a variable added
// outside Terraform) goes to secret_environment when it looks secret and to
// environment otherwise. Empty maps keep the shape e had (null or empty),
// so that `environment = {}` and no environment both plan cleanly. The
// write-only map is never kept.
func (e *functionEnvironment) flatten(vars []scfapi.VariableOut, diags *diag.Diagnostics) {
	writeOnly := map[string]bool{}
	for _, k := range e.SecretEnvironmentWOKeys.Elements() {
		if s, ok := k.(types.String); ok {
			writeOnly[s.ValueString()] = true
		}
	}
	plain, secret := map[string]string{}, map[string]string{}
	for _, v := range vars {
		_, wasPlain := e.Environment.Elements()[v.Key]
		_, wasSecret := e.SecretEnvironment.Elements()[v.Key]
		switch {
		case writeOnly[v.Key]:
		case wasSecret, !wasPlain && looksSecret(v.Key):
			secret[v.Key] = v.Value
		default:
			plain[v.Key] = v.Value
		}
	}
	e.Environment = flattenStringMap(plain, e.Environment, diags)
	e.SecretEnvironment = flattenStringMap(secret, e.SecretEnvironment, diags)
	e.SecretEnvironmentWO = types.MapNull(types.StringType)
}
