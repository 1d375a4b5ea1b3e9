package validators

import (
	"errors"
	"fmt"
	"unicode/utf8"
)

const (
	functionNameRule = `a function name must be 2-60 characters of letters, digits, "-" and "_", ` +
		`start with a letter and not end with "-" or "_"`
	namespaceRule = `a namespace must be 1-30 characters of letters, digits, "-" and "_"`
)

// CheckFunctionName enforces CreateFunction's FunctionName rule, equivalent to
// ^[A-Za-z][A-Za-z0-9_-]{0,58}[A-Za-z0-9]$.
func CheckFunctionName(s string) error {
	if p := functionNameProblem(s); p != "" {
		return &ruleError{subject: "function name " + quote(s), problem: p, rule: functionNameRule}
	}
	return nil
}

func functionNameProblem(s string) string {
	if p := lengthProblem(s, 2, 60); p != "" {
		return p
	}
	if p := charsetProblem(s, isNameChar); p != "" {
		return p
	}
	if !isASCIILetter(rune(s[0])) {
		return fmt.Sprintf("it starts with %q, not a letter", s[0])
	}
	if last := s[len(s)-1]; last == '-' || last == '_' {
		return fmt.Sprintf("it ends with %q", last)
	}
	return ""
}

// CheckNamespace enforces the namespace rule: 1-30 letters, digits, "-", "_".
func CheckNamespace(s string) error {
	p := lengthProblem(s, 1, 30)
	if p == "" {
		p = charsetProblem(s, isNameChar)
	}
	if p != "" {
		return &ruleError{subject: "namespace " + quote(s), problem: p, rule: namespaceRule}
	}
	return nil
}

func isNameChar(r rune) bool {
	return isASCIILetter(r) || isASCIIDigit(r) || r == '-' || r == '_'
}

// lengthProblem counts characters (runes), as the API documents lengths.
func lengthProblem(s string, minLen, maxLen int) string {
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0 && minLen > 0:
		return "it is empty"
	case n < minLen || n > maxLen:
		return fmt.Sprintf("it is %d characters long", n)
	}
	return ""
}

// charsetProblem reports the first character that ok rejects, with its
// 1-based character position.
func charsetProblem(s string, ok func(rune) bool) string {
	pos := 0
	for i, r := range s {
		pos++
		_, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || !ok(r) {
			return fmt.Sprintf("character %d, %s, is not allowed", pos, describeRune(r, size, s[i:]))
		}
	}
	return ""
}

const layerNameRule = `a layer name must be 1-64 characters of letters, digits, "-" and "_", ` +
	`start with a letter and not end with "-" or "_"`

// CheckLayerName enforces PublishLayerVersion's LayerName rule, equivalent
// to ^[A-Za-z]([A-Za-z0-9_-]{0,62}[A-Za-z0-9])?$.
func CheckLayerName(s string) error {
	p := lengthProblem(s, 1, 64)
	if p == "" {
		p = charsetProblem(s, isNameChar)
	}
	if p == "" && !isASCIILetter(rune(s[0])) {
		p = fmt.Sprintf("it starts with %q, not a letter", s[0])
	}
	if p == "" && (s[len(s)-1] == '-' || s[len(s)-1] == '_') {
		p = fmt.Sprintf("it ends with %q", s[len(s)-1])
	}
	if p != "" {
		return &ruleError{subject: "layer name " + quote(s), problem: p, rule: layerNameRule}
	}
	return nil
}

// DefaultNamespaceName is the namespace every account has: it cannot be
// created or deleted (CreateNamespace answers
// InvalidParameterValue.DefaultNamespace, DeleteNamespace
// FailedOperation.DeleteNamespace).
const DefaultNamespaceName = "default"

const managedNamespaceRule = namespaceRule + `, and not "default", which every account has and which can be ` +
	`neither created nor deleted; functions are in it when their namespace is left unset`

// CheckManagedNamespace enforces CreateNamespace's rules for a namespace a
// resource creates and deletes: the namespace rule, and not "default".
func CheckManagedNamespace(s string) error {
	if err := CheckNamespace(s); err != nil {
		var re *ruleError
		if errors.As(err, &re) {
			re.rule = managedNamespaceRule
		}
		return err
	}
	if s == DefaultNamespaceName {
		return &ruleError{subject: "namespace " + quote(s), problem: "it is the default namespace", rule: managedNamespaceRule}
	}
	return nil
}

// MaxNamespaceDescriptionRunes caps a namespace description. The API
// documents no rule for it; the provider applies the 1000 characters of a
// function description, and the fake answers
// InvalidParameterValue.Description past it.
const MaxNamespaceDescriptionRunes = 1000

const namespaceDescriptionRule = `a namespace description must be at most 1000 characters`

// CheckNamespaceDescription enforces the length of a namespace description.
func CheckNamespaceDescription(s string) error {
	if n := utf8.RuneCountInString(s); n > MaxNamespaceDescriptionRunes {
		return &ruleError{subject: "description", problem: fmt.Sprintf("it is %d characters long", n), rule: namespaceDescriptionRule}
	}
	return nil
}
