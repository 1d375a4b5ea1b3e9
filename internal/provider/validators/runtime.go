package validators

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// The runtimes are an open list: the service adds one every few months, and
// the day it does, a fixed list would stop users from planning, importing or
// generating configuration for a function that uses it. So a runtime is
// judged in three ways:
//
//   - one of the known runtimes: valid;
//   - a known runtime or family misspelt (case, spaces, "Node.js" for
//     "Nodejs"): an error with the spelling the service takes, since the
//     service's names are case-sensitive and such a value is certainly
//     refused;
//   - any other name of the service's form (a capital letter, letters, a
//     version: Python3.12, Ruby3.2): a warning naming the known runtimes;
//     the service decides whether it exists.
//
// Anything else (empty, lower case, punctuation) is an error.

// Summaries of the runtime diagnostics.
const (
	SummaryRuntime        = "Invalid Runtime"
	SummaryUnknownRuntime = "Unknown Runtime"
)

// runtimeForm is the form of every runtime name the service has used:
// a capital letter, more letters, and an optional dotted version.
var runtimeForm = regexp.MustCompile(`^[A-Z][A-Za-z]*([0-9]+(\.[0-9]+)*)?$`)

// runtimeSpelling splits a runtime as a user may write it into its
// letters and its version, ignoring case, spaces, "-", "_" and the "." of
// "Node.js".
var runtimeSpelling = regexp.MustCompile(`^([A-Za-z]+(?:\.js)?)[ _-]*([0-9]+(?:\.[0-9]+)*)?$`)

// familyAliases maps the lower-case names users write for a family to the
// lower-case letters of the service's runtimes.
var familyAliases = map[string]string{"node": "nodejs", "node.js": "nodejs"}

// RuntimeCheck judges a runtime against known, the runtimes the provider
// knows.
type RuntimeCheck struct{ known []string }

// NewRuntimeCheck returns the check of runtimes against known.
func NewRuntimeCheck(known ...string) RuntimeCheck { return RuntimeCheck{known: known} }

// RuntimeVerdict is what Check says of a runtime it does not know.
type RuntimeVerdict struct {
	// Warning is true when the runtime is of the service's form and the
	// service must judge it; false when it is certainly wrong.
	Warning bool
	Problem string
	Rule    string
}

// Check judges runtime; nil means it is a known runtime.
func (c RuntimeCheck) Check(runtime string) *RuntimeVerdict {
	if slices.Contains(c.known, runtime) {
		return nil
	}
	subject := "runtime " + quote(runtime)
	letters, version, spelled := c.spelling(runtime)
	if spelled {
		if exact := c.matching(letters, version, true); len(exact) == 1 {
			return &RuntimeVerdict{Problem: subject + " is spelt differently by the service",
				Rule: "did you mean " + exact[0] + "? Runtime names are case-sensitive"}
		}
	}
	var family []string
	if spelled {
		family = c.matching(letters, "", false)
	}
	ofFamily := func(k string) bool { return strings.HasPrefix(runtime, lettersOf(k)) }
	versioned := func(k string) bool { return lettersOf(k) != k }
	switch {
	case runtimeForm.MatchString(runtime) && len(family) == 0,
		runtimeForm.MatchString(runtime) && slices.ContainsFunc(family, ofFamily) && (version != "" || !slices.ContainsFunc(family, versioned)):
		return &RuntimeVerdict{Warning: true, Problem: subject + " is not a runtime this provider knows",
			Rule: "the known runtimes are " + strings.Join(c.known, ", ") + "; the service decides whether " +
				quote(runtime) + " exists, and refuses the function if it does not"}
	case len(family) > 0:
		rule := "the " + lettersOf(family[0]) + " runtimes are " + strings.Join(family, ", ") +
			"; runtime names are case-sensitive and have no spaces"
		switch near := c.matching(letters, version, false); {
		case version != "" && len(near) == 1:
			rule = "did you mean " + near[0] + "? " + sentence(rule)
		case version != "":
			rule = "did you mean " + lettersOf(family[0]) + version + " (a runtime this provider does not know " +
				"yet; the service decides)? " + sentence(rule)
		}
		return &RuntimeVerdict{Problem: subject + " is not how the service spells a runtime", Rule: rule}
	}
	return &RuntimeVerdict{Problem: subject + " is invalid: a runtime is a capital letter, letters and a version, " +
		"such as Python3.9", Rule: "use one of " + strings.Join(c.known, ", ")}
}

// Violation words the verdict as a violation of the attribute at p.
func (v *RuntimeVerdict) Violation(p path.Path) Violation {
	summary := SummaryRuntime
	if v.Warning {
		summary = SummaryUnknownRuntime
	}
	return Violation{Summary: summary, Path: p, Problem: v.Problem, Rule: v.Rule}
}

// spelling returns the family letters (lower case, aliases resolved) and
// the version of runtime as users may write it.
func (RuntimeCheck) spelling(runtime string) (letters, version string, ok bool) {
	m := runtimeSpelling.FindStringSubmatch(strings.TrimSpace(runtime))
	if m == nil {
		return "", "", false
	}
	letters = strings.ToLower(m[1])
	if alias, found := familyAliases[letters]; found {
		letters = alias
	}
	return letters, m[2], true
}

// matching lists the known runtimes of the family letters whose version is
// version (exact) or starts with it (not exact); every runtime of the family
// when version is empty and not exact.
func (c RuntimeCheck) matching(letters, version string, exact bool) []string {
	var out []string
	for _, k := range c.known {
		if strings.ToLower(lettersOf(k)) != letters {
			continue
		}
		v := strings.TrimPrefix(k, lettersOf(k))
		if exact && v == version || !exact && (version == "" || v == version || strings.HasPrefix(v, version+".")) {
			out = append(out, k)
		}
	}
	return out
}

// lettersOf is the family part of a runtime: Nodejs of Nodejs16.13.
func lettersOf(runtime string) string {
	return strings.TrimRight(runtime, "0123456789.")
}

// Runtime validates a runtime with check: errors for what is certainly
// wrong, warnings for a well-formed runtime the provider does not know.
// It works on a string attribute and on the elements of a set of them.
func Runtime(check RuntimeCheck) validator.String { return runtimeValidator{check} }

type runtimeValidator struct{ check RuntimeCheck }

func (v runtimeValidator) Description(context.Context) string {
	return fmt.Sprintf("value should be one of %s; another runtime of the form Name1.2 is sent with a warning, "+
		"the service deciding whether it exists", strings.Join(v.check.known, ", "))
}

func (v runtimeValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v runtimeValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	switch verdict := v.check.Check(req.ConfigValue.ValueString()); {
	case verdict == nil:
	case verdict.Warning:
		resp.Diagnostics.Append(verdict.Violation(req.Path).WarningAt(req.Path))
	default:
		resp.Diagnostics.Append(verdict.Violation(req.Path).ErrorAt(req.Path))
	}
}
