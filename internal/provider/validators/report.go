package validators

import (
	"context"
	"errors"
	"iter"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"

	"github.com/scfprovider/terraform-provider-scf/internal/codezip"
)

// Violation is a configured value that breaks a rule of one attribute. Every
// diagnostic the provider reports about an attribute is worded from one, so
// the text always names the attribute and the rule: Terraform often cannot
// point at the attribute itself (see PointAt), and then the text is all the
// user has.
type Violation struct {
	// Summary is fixed per rule, so that users and tests can rely on it.
	Summary string
	// Path is the attribute, named in the detail as it is written in
	// configuration: code.zip_file, environment["KEY"], layers[0].version.
	Path path.Path
	// Problem says what is wrong with the value, for example
	// `zip file "x.zip" does not exist`.
	Problem string
	// Rule states the rule, or what to do, as a sentence.
	Rule string
}

// Detail renders the violation as `Attribute <path>: <problem>. <Rule>.`,
// the wording shared by every attribute diagnostic of the provider and close
// to the framework validators' `Attribute <path> <rule>, got: <value>`.
func (v Violation) Detail() string {
	s := "Attribute " + v.Path.String() + ": " + strings.TrimSuffix(v.Problem, ".") + "."
	if v.Rule != "" {
		s += " " + sentence(v.Rule)
	}
	return s
}

// ErrorAt returns the violation as an error diagnostic carrying path at, or
// no path when at is empty.
func (v Violation) ErrorAt(at path.Path) diag.Diagnostic {
	if len(at.Steps()) == 0 {
		return diag.NewErrorDiagnostic(v.Summary, v.Detail())
	}
	return diag.NewAttributeErrorDiagnostic(at, v.Summary, v.Detail())
}

// WarningAt is ErrorAt for a warning.
func (v Violation) WarningAt(at path.Path) diag.Diagnostic {
	if len(at.Steps()) == 0 {
		return diag.NewWarningDiagnostic(v.Summary, v.Detail())
	}
	return diag.NewAttributeWarningDiagnostic(at, v.Summary, v.Detail())
}

// Report adds the violation as an error that points where PointAt says, for
// code outside attribute validators (ValidateConfig, ModifyPlan, Configure);
// attribute validators get the same pointing from Pointed.
func (v Violation) Report(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) {
	diags.Append(v.ErrorAt(PointAt(ctx, config, v.Path)))
}

// sentence capitalises s and ends it with a period.
func sentence(s string) string {
	s = strings.TrimSuffix(s, ".")
	r, size := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[size:] + "."
}

// ZipFileRule is the rule of code.zip_file, stated in every zip diagnostic.
const ZipFileRule = `it must be the path of an existing, readable, non-empty zip archive of at most 50 MiB ` +
	`(52428800 bytes); a leading "~/" stands for the home directory`

// ZipFileViolation words a zip file error of codezip as a violation of the
// attribute at p.
func ZipFileViolation(summary string, p path.Path, err error) Violation {
	return violationOf(summary, p, err)
}

// violationOf words an error of a Check function or of codezip as a
// violation of the attribute at p.
func violationOf(summary string, p path.Path, err error) Violation {
	v := Violation{Summary: summary, Path: p, Problem: err.Error()}
	var re *ruleError
	var ze *codezip.Error
	switch {
	case errors.As(err, &re):
		v.Problem, v.Rule = re.subject+" is invalid: "+re.problem, re.rule
	case errors.As(err, &ze):
		v.Rule = ZipFileRule
	}
	return v
}

// PointAt returns the path a diagnostic about the attribute at p should
// carry. Terraform prints the configuration source of that path: for a
// top-level attribute its expression, for an element of a top-level list or
// map that element. It cannot look inside an object written in place, so for
// code.zip_file it shows only the resource's first line, and for
// dead_letter_config.name or layers[0].name it shows the function's own
// `name` (seen with Terraform 1.5.7 and 1.11.4 and OpenTofu 1.6.3). So the
// diagnostic points at the nearest path Terraform can show; but when the
// top-level attribute may hold a secret (a sensitive attribute that is set,
// like code.git_password), Terraform would print it with the source, so the
// diagnostic points at no attribute and Terraform shows the resource's first
// line. None of these CLIs prints the values of variables in a provider's
// diagnostic, but a secret written literally would be printed.
func PointAt(ctx context.Context, config tfsdk.Config, p path.Path) path.Path {
	shown := showable(p)
	if len(shown.Steps()) == 0 {
		return p
	}
	if mayHoldSecret(ctx, config, prefix(p, 1)) {
		return path.Empty()
	}
	return shown
}

// Shown reports whether Terraform can show the source of p itself, and so
// names the attribute by printing its line.
func Shown(p path.Path) bool {
	return len(p.Steps()) > 0 && showable(p).Equal(p)
}

// showable is the longest prefix of p whose source Terraform can show.
func showable(p path.Path) path.Path {
	steps := p.Steps()
	if len(steps) == 0 {
		return p
	}
	if _, ok := steps[0].(path.PathStepAttributeName); !ok {
		return path.Empty()
	}
	if len(steps) > 1 {
		switch steps[1].(type) {
		case path.PathStepElementKeyInt, path.PathStepElementKeyString:
			return prefix(p, 2)
		}
	}
	return prefix(p, 1)
}

func prefix(p path.Path, n int) path.Path {
	for len(p.Steps()) > n {
		p = p.ParentPath()
	}
	return p
}

// mayHoldSecret reports whether the configured value at p holds a sensitive
// attribute that is set, or might: without a configuration to look at (a
// request built by hand), or when part of the value is not known yet.
func mayHoldSecret(ctx context.Context, config tfsdk.Config, p path.Path) bool {
	if config.Schema == nil {
		return true
	}
	var value attr.Value
	if config.GetAttribute(ctx, p, &value).HasError() {
		return true
	}
	return holdsSecret(ctx, config, p, value)
}

func holdsSecret(ctx context.Context, config tfsdk.Config, p path.Path, v attr.Value) bool {
	if v == nil || v.IsNull() {
		return false
	}
	if a, diags := config.Schema.AttributeAtPath(ctx, p); !diags.HasError() && a.IsSensitive() {
		return true
	}
	elems, known := children(ctx, p, v)
	if !known {
		return true
	}
	for cp, cv := range elems {
		if holdsSecret(ctx, config, cp, cv) {
			return true
		}
	}
	return false
}

// children yields the attributes or elements of a collection or object
// value with their paths; known is false when they cannot be known yet.
func children(ctx context.Context, p path.Path, v attr.Value) (elems iter.Seq2[path.Path, attr.Value], known bool) {
	none := func(func(path.Path, attr.Value) bool) {}
	switch v := v.(type) {
	case basetypes.ObjectValuable:
		obj, diags := v.ToObjectValue(ctx)
		if diags.HasError() || obj.IsUnknown() {
			return none, false
		}
		return func(yield func(path.Path, attr.Value) bool) {
			for name, child := range obj.Attributes() {
				if !yield(p.AtName(name), child) {
					return
				}
			}
		}, true
	case basetypes.ListValuable:
		list, diags := v.ToListValue(ctx)
		if diags.HasError() || list.IsUnknown() {
			return none, false
		}
		return func(yield func(path.Path, attr.Value) bool) {
			for i, child := range list.Elements() {
				if !yield(p.AtListIndex(i), child) {
					return
				}
			}
		}, true
	case basetypes.MapValuable:
		m, diags := v.ToMapValue(ctx)
		if diags.HasError() || m.IsUnknown() {
			return none, false
		}
		return func(yield func(path.Path, attr.Value) bool) {
			for k, child := range m.Elements() {
				if !yield(p.AtMapKey(k), child) {
					return
				}
			}
		}, true
	case basetypes.SetValuable:
		set, diags := v.ToSetValue(ctx)
		if diags.HasError() || set.IsUnknown() {
			return none, false
		}
		return func(yield func(path.Path, attr.Value) bool) {
			for _, child := range set.Elements() {
				if !yield(p.AtSetValue(child), child) {
					return
				}
			}
		}, true
	}
	// A primitive: an unknown one that is not sensitive cannot become a secret.
	return none, true
}
