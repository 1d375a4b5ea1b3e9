// Package fastpathtest holds what the tests of the fast paths share, in
// internal/fastpath and in the provider: comparisons of protocol responses
// by content, and a generator of configurations and prior states for fuzz
// targets.
package fastpathtest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// PlanDifferences describes every way got differs from want, nil when they
// are the same: the planned state, the planned private state (by content),
// RequiresReplace (as sets of paths), the planned identity, the deferral
// and the diagnostics. stateType and identityType decode the states and
// identities; identityType is nil for a resource without identity.
func PlanDifferences(stateType, identityType tftypes.Type, want, got *tfprotov6.PlanResourceChangeResponse) []string {
	if want == nil || got == nil {
		if want == got {
			return nil
		}
		return []string{fmt.Sprintf("response: want %v, got %v", want, got)}
	}
	var diffs []string
	if d := dynamicValueDifference("planned state", stateType, want.PlannedState, got.PlannedState); d != "" {
		diffs = append(diffs, d)
	}
	if d := privateDifference(want.PlannedPrivate, got.PlannedPrivate); d != "" {
		diffs = append(diffs, d)
	}
	if w, g := pathSet(want.RequiresReplace), pathSet(got.RequiresReplace); !reflect.DeepEqual(w, g) {
		diffs = append(diffs, fmt.Sprintf("RequiresReplace: want %v, got %v", w, g))
	}
	var wantIdentity, gotIdentity *tfprotov6.DynamicValue
	if want.PlannedIdentity != nil {
		wantIdentity = want.PlannedIdentity.IdentityData
	}
	if got.PlannedIdentity != nil {
		gotIdentity = got.PlannedIdentity.IdentityData
	}
	if (want.PlannedIdentity == nil) != (got.PlannedIdentity == nil) {
		diffs = append(diffs, fmt.Sprintf("planned identity: want %v, got %v", want.PlannedIdentity, got.PlannedIdentity))
	} else if d := dynamicValueDifference("planned identity", identityType, wantIdentity, gotIdentity); d != "" {
		diffs = append(diffs, d)
	}
	if !reflect.DeepEqual(want.Deferred, got.Deferred) {
		diffs = append(diffs, fmt.Sprintf("deferred: want %v, got %v", want.Deferred, got.Deferred))
	}
	return append(diffs, DiagnosticsDifferences(want.Diagnostics, got.Diagnostics)...)
}

// DiagnosticsDifferences compares two lists of diagnostics as multisets:
// the framework reports them in the order it iterates over the schema's
// map of attributes, which changes from one run to the next.
func DiagnosticsDifferences(want, got []*tfprotov6.Diagnostic) []string {
	w, g := diagnosticSet(want), diagnosticSet(got)
	if reflect.DeepEqual(w, g) {
		return nil
	}
	return []string{fmt.Sprintf("diagnostics: want %q, got %q", w, g)}
}

// DescribeDiagnostics renders diagnostics for a failure message.
func DescribeDiagnostics(diags []*tfprotov6.Diagnostic) []string { return diagnosticSet(diags) }

func diagnosticSet(diags []*tfprotov6.Diagnostic) []string {
	out := []string{}
	for _, d := range diags {
		attribute := ""
		if d.Attribute != nil {
			attribute = d.Attribute.String()
		}
		out = append(out, fmt.Sprintf("%v %s: %s: %s", d.Severity, attribute, d.Summary, d.Detail))
	}
	sort.Strings(out)
	return out
}

func pathSet(paths []*tftypes.AttributePath) []string {
	set := map[string]bool{}
	for _, p := range paths {
		set[p.String()] = true
	}
	out := make([]string, 0, len(set))
	for p := range set {
		out = append(out, p)
	}
	sort.Strings(out)
	return out
}

// dynamicValueDifference decodes both values with typ and compares them.
func dynamicValueDifference(what string, typ tftypes.Type, want, got *tfprotov6.DynamicValue) string {
	if want == nil || got == nil {
		if want == got {
			return ""
		}
		return fmt.Sprintf("%s: want %v, got %v", what, want, got)
	}
	if typ == nil {
		return fmt.Sprintf("%s: no type to decode it with", what)
	}
	w, err := want.Unmarshal(typ)
	if err != nil {
		return fmt.Sprintf("%s: the expected value does not decode: %v", what, err)
	}
	g, err := got.Unmarshal(typ)
	if err != nil {
		return fmt.Sprintf("%s: the value does not decode: %v", what, err)
	}
	if w.Equal(g) {
		return ""
	}
	diff, err := w.Diff(g)
	return fmt.Sprintf("%s: want %v, got %v (differences %v %v)", what, w, g, diff, err)
}

// privateDifference compares private states by what they hold: both are
// JSON objects, or nothing.
func privateDifference(want, got []byte) string {
	if bytes.Equal(want, got) {
		return ""
	}
	var w, g any
	if len(want) > 0 && len(got) > 0 && json.Unmarshal(want, &w) == nil && json.Unmarshal(got, &g) == nil && reflect.DeepEqual(w, g) {
		return ""
	}
	return fmt.Sprintf("planned private state: want %q, got %q", want, got)
}
