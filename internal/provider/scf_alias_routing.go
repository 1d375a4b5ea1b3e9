package provider

import (
	"fmt"
	"regexp"
	"strconv"

	"github.com/hashicorp/terraform-plugin-framework-validators/float64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/scfprovider/terraform-provider-scf/internal/scfapi"
)

// An alias's routing_config: weighted routing (AdditionalVersionWeights) or
// rule-based routing (AddtionVersionMatchs, the API's spelling) to the one
// additional version the API allows. The SCF documentation names these as
// two alternative schemes ("random routing by weight" and "routing by
// rule"), so a configuration takes exactly one of them.

var (
	aliasVersionRE = regexp.MustCompile(`^([1-9][0-9]*|\$LATEST)$`)
	// The documented key form is invoke.headers.<userKey>: the named header
	// of an Invoke call's RoutingKey; the header name is an HTTP token.
	routingKeyRE = regexp.MustCompile("^invoke\\.headers\\.[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
	// The documented range form is an open (a,b) or a closed [a,b]
	// interval of integers.
	routingRangeRE = regexp.MustCompile(`^(?:\((-?[0-9]+),(-?[0-9]+)\)|\[(-?[0-9]+),(-?[0-9]+)\])$`)
)

const (
	routingMethodExact = "exact"
	routingMethodRange = "range"
)

type versionWeightModel struct {
	Version types.String  `tfsdk:"version"`
	Weight  types.Float64 `tfsdk:"weight"`
}

type versionMatchModel struct {
	Version    types.String `tfsdk:"version"`
	Key        types.String `tfsdk:"key"`
	Method     types.String `tfsdk:"method"`
	Expression types.String `tfsdk:"expression"`
}

type routingConfigModel struct {
	AdditionalVersionWeights []versionWeightModel `tfsdk:"additional_version_weights"`
	AdditionalVersionMatches []versionMatchModel  `tfsdk:"additional_version_matches"`
}

func aliasVersionValidator() validator.String {
	return stringvalidator.RegexMatches(aliasVersionRE, "must be a version number or $LATEST")
}

func aliasRoutingSchema() schema.SingleNestedAttribute {
	weights := path.MatchRelative().AtParent().AtName("additional_version_weights")
	matches := path.MatchRelative().AtParent().AtName("additional_version_matches")
	return schema.SingleNestedAttribute{
		Optional: true,
		MarkdownDescription: "Routing to one additional version (`RoutingConfig`), either by weight " +
			"(`additional_version_weights`) or by rule (`additional_version_matches`); the API documents these as two " +
			"alternative schemes, so exactly one is set. Without `routing_config`, every invocation goes to " +
			"`function_version`. Changes in place; removing it sends all traffic to `function_version`.",
		Attributes: map[string]schema.Attribute{
			"additional_version_weights": schema.ListNestedAttribute{
				Optional: true,
				MarkdownDescription: "The additional version and the fraction of the traffic it receives " +
					"(`AdditionalVersionWeights`). The API allows one additional version, which must differ from " +
					"`function_version`; `function_version` receives the rest of the traffic.",
				Validators: []validator.List{listvalidator.SizeBetween(1, 1), listvalidator.ExactlyOneOf(weights, matches)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"version": schema.StringAttribute{
						Required: true, MarkdownDescription: "Additional version, a number or `$LATEST`.",
						Validators: []validator.String{aliasVersionValidator()},
					},
					"weight": schema.Float64Attribute{
						Required: true,
						MarkdownDescription: "Fraction of the invocations routed to `version`, from 0 to 1 as the API " +
							"takes it (`0.1` is 10%). The weights sum to at most 1.",
						Validators: []validator.Float64{float64validator.Between(0, 1)},
					},
				}},
			},
			"additional_version_matches": schema.ListNestedAttribute{
				Optional: true,
				MarkdownDescription: "Rules that route the invocations they match to the additional version " +
					"(`AddtionVersionMatchs`); the other invocations go to `function_version`. A rule reads the `key` of " +
					"an invocation and compares it with `expression` by `method`. Every rule names the same additional " +
					"version, which must differ from `function_version`.",
				Validators: []validator.List{listvalidator.SizeAtLeast(1)},
				NestedObject: schema.NestedAttributeObject{Attributes: map[string]schema.Attribute{
					"version": schema.StringAttribute{
						Required: true, MarkdownDescription: "Additional version the matching invocations go to, a number or `$LATEST`.",
						Validators: []validator.String{aliasVersionValidator()},
					},
					"key": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "Where the value to match is read (`Key`): `invoke.headers.<name>`, the `<name>` " +
							"entry of the `RoutingKey` an `Invoke` call passes (`invoke.headers.User` reads " +
							"`RoutingKey: {\"User\": \"...\"}`).",
						Validators: []validator.String{stringvalidator.RegexMatches(routingKeyRE,
							"must be invoke.headers.<name>, where <name> is an HTTP header name")},
					},
					"method": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "How the value is compared (`Method`): `exact`, equal to `expression` as a " +
							"string; or `range`, an integer within the interval `expression`.",
						Validators: []validator.String{stringvalidator.OneOf(routingMethodExact, routingMethodRange)},
					},
					"expression": schema.StringAttribute{
						Required: true,
						MarkdownDescription: "What the value is compared with (`Expression`): for `exact`, the string " +
							"itself; for `range`, an open interval `(a,b)` or a closed interval `[a,b]` of integers with `a` " +
							"below `b`, the two forms the API documents.",
						Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
					},
				}},
			},
		},
	}
}

// checkRangeExpression returns why expr is not a documented range, or "".
func checkRangeExpression(expr string) string {
	m := routingRangeRE.FindStringSubmatch(expr)
	if m == nil {
		return fmt.Sprintf("%q is not an open interval (a,b) or a closed interval [a,b] of integers, such as [0,40]", expr)
	}
	lo, hi := m[1]+m[3], m[2]+m[4]
	a, errA := strconv.ParseInt(lo, 10, 64)
	b, errB := strconv.ParseInt(hi, 10, 64)
	switch {
	case errA != nil || errB != nil:
		return fmt.Sprintf("the bounds of %q must be 64-bit integers", expr)
	case a >= b:
		return fmt.Sprintf("the lower bound of %q must be below the upper bound", expr)
	}
	return ""
}

// summaryAliasConfig is the summary of every plan-time rule of
// scf_function_alias, as summaryTriggerConfig is of scf_trigger's.
const summaryAliasConfig = "Invalid SCF Function Alias"

// validate checks what the attribute validators cannot: the weights sum to
// at most 1, one additional version other than main, and each range rule's
// expression.
func (rc *routingConfigModel) validate(main types.String, diags *diag.Diagnostics) {
	root := path.Root("routing_config")
	notMain := func(p path.Path, v types.String) {
		if !v.IsUnknown() && !v.IsNull() && !main.IsUnknown() && v.Equal(main) {
			diags.AddAttributeError(p, summaryAliasConfig,
				fmt.Sprintf("The additional version %s is the alias's function_version; route to another version.", v.ValueString()))
		}
	}
	sum, known := 0.0, true
	for i, w := range rc.AdditionalVersionWeights {
		if w.Weight.IsUnknown() {
			known = false
		} else {
			sum += w.Weight.ValueFloat64()
		}
		notMain(root.AtName("additional_version_weights").AtListIndex(i).AtName("version"), w.Version)
	}
	if known && sum > 1 {
		diags.AddAttributeError(root.AtName("additional_version_weights"), summaryAliasConfig,
			fmt.Sprintf("The weights sum to %g; they are fractions of the traffic and must sum to at most 1.", sum))
	}
	var first types.String
	for i, m := range rc.AdditionalVersionMatches {
		p := root.AtName("additional_version_matches").AtListIndex(i)
		notMain(p.AtName("version"), m.Version)
		if named := !m.Version.IsUnknown() && !m.Version.IsNull(); named && first.IsNull() {
			first = m.Version
		} else if named && !m.Version.Equal(first) {
			diags.AddAttributeError(p.AtName("version"), summaryAliasConfig,
				fmt.Sprintf("The rules name versions %s and %s; an alias routes to one additional version, so every rule names the same one.",
					first.ValueString(), m.Version.ValueString()))
		}
		if m.Method.ValueString() == routingMethodRange && !m.Expression.IsUnknown() && !m.Expression.IsNull() {
			if why := checkRangeExpression(m.Expression.ValueString()); why != "" {
				diags.AddAttributeError(p.AtName("expression"), summaryAliasConfig,
					"A range rule's expression is an interval of integers: "+why+".")
			}
		}
	}
}

func (rc *routingConfigModel) request() *scfapi.RoutingConfig {
	out := &scfapi.RoutingConfig{}
	for _, w := range rc.AdditionalVersionWeights {
		out.AdditionalVersionWeights = append(out.AdditionalVersionWeights,
			&scfapi.VersionWeight{Version: ptrTo(w.Version.ValueString()), Weight: ptrTo(w.Weight.ValueFloat64())})
	}
	for _, m := range rc.AdditionalVersionMatches {
		out.AddtionVersionMatchs = append(out.AddtionVersionMatchs, &scfapi.VersionMatch{
			Version: ptrTo(m.Version.ValueString()), Key: ptrTo(m.Key.ValueString()),
			Method: ptrTo(m.Method.ValueString()), Expression: ptrTo(m.Expression.ValueString()),
		})
	}
	return out
}

// flattenRouting is nil when the alias routes everything to its main
// version, as the service answers with empty lists then.
func flattenRouting(rc *scfapi.RoutingConfig) *routingConfigModel {
	if rc == nil || len(rc.AdditionalVersionWeights)+len(rc.AddtionVersionMatchs) == 0 {
		return nil
	}
	out := &routingConfigModel{}
	for _, w := range rc.AdditionalVersionWeights {
		var weight float64
		if w.Weight != nil {
			weight = *w.Weight
		}
		out.AdditionalVersionWeights = append(out.AdditionalVersionWeights,
			versionWeightModel{Version: types.StringPointerValue(w.Version), Weight: types.Float64Value(weight)})
	}
	for _, m := range rc.AddtionVersionMatchs {
		out.AdditionalVersionMatches = append(out.AdditionalVersionMatches, versionMatchModel{
			Version: types.StringPointerValue(m.Version), Key: types.StringPointerValue(m.Key),
			Method: types.StringPointerValue(m.Method), Expression: types.StringPointerValue(m.Expression),
		})
	}
	return out
}
