package validators

import (
	"fmt"
	"strings"
	"unicode"
)

const (
	fileFunctionRule = `the handler must be "file.function" with exactly one ".", where file and function ` +
		`each start and end with a letter and contain only letters, digits, "-" and "_", 2-60 characters in total`
	goRule = `the handler must be a single name such as "main" or "file.function", where each part starts ` +
		`and ends with a letter and contains only letters, digits, "-" and "_", 2-60 characters in total`
	javaRule = `the handler must be "package.Class::method", where every package part, the class and the method ` +
		`start with a letter and contain only letters, digits and "_", 2-60 characters in total`
	customRule = `the handler must be non-empty, contain no whitespace and be at most 60 characters`
)

// CheckHandler enforces the handler format for runtime. An empty runtime means
// the attribute is null, so the API default (Python2.7) applies; runtimes the
// API does not special-case get the generic "file.function" rule.
func CheckHandler(runtime, handler string) error {
	if runtime == "" {
		runtime = DefaultRuntime
	}
	var problem, rule string
	// By family, so that a runtime the service adds (Java11, Go1.21) gets
	// its family's rule.
	switch {
	case runtime == "CustomImage":
		return nil // an image has no handler; the resource reports one that is set
	case strings.HasPrefix(runtime, "Java"):
		problem, rule = javaHandlerProblem(handler), javaRule
	case strings.HasPrefix(runtime, "Go"):
		problem, rule = goHandlerProblem(handler), goRule
	case runtime == "CustomRuntime":
		problem, rule = customHandlerProblem(handler), customRule
	default:
		problem, rule = fileFunctionProblem(handler), fileFunctionRule
	}
	if problem == "" {
		return nil
	}
	return &ruleError{
		subject: "handler " + quote(handler),
		problem: problem,
		rule:    fmt.Sprintf("for runtime %s %s", runtime, rule),
	}
}

func fileFunctionProblem(h string) string {
	if p := lengthProblem(h, 2, 60); p != "" {
		return p
	}
	if n := strings.Count(h, "."); n != 1 {
		return fmt.Sprintf(`it contains %d "." characters; exactly one must separate file and function`, n)
	}
	file, fn, _ := strings.Cut(h, ".")
	if p := partProblem("file name", file); p != "" {
		return p
	}
	return partProblem("function name", fn)
}

func goHandlerProblem(h string) string {
	if !strings.Contains(h, ".") {
		if p := lengthProblem(h, 2, 60); p != "" {
			return p
		}
		return partProblem("name", h)
	}
	return fileFunctionProblem(h)
}

// partProblem checks one side of "file.function": ^[A-Za-z]([A-Za-z0-9_-]*[A-Za-z])?$.
func partProblem(what, part string) string {
	if part == "" {
		return "the " + what + " is empty"
	}
	if p := charsetProblem(part, isNameChar); p != "" {
		return "in the " + what + " " + quote(part) + ", " + p
	}
	if !isASCIILetter(rune(part[0])) {
		return fmt.Sprintf("the %s %s starts with %q, not a letter", what, quote(part), part[0])
	}
	if last := part[len(part)-1]; !isASCIILetter(rune(last)) {
		return fmt.Sprintf("the %s %s ends with %q, not a letter", what, quote(part), last)
	}
	return ""
}

func javaHandlerProblem(h string) string {
	if p := lengthProblem(h, 2, 60); p != "" {
		return p
	}
	class, method, found := strings.Cut(h, "::")
	if !found {
		return `it has no "::" between the class and the method`
	}
	for seg := range strings.SplitSeq(class, ".") {
		if p := identProblem("package or class name", seg); p != "" {
			return p
		}
	}
	return identProblem("method name", method)
}

// identProblem checks a Java identifier as the API restricts it: [A-Za-z][A-Za-z0-9_]*.
func identProblem(what, id string) string {
	if id == "" {
		return "a " + what + " is empty"
	}
	if p := charsetProblem(id, func(r rune) bool { return isASCIILetter(r) || isASCIIDigit(r) || r == '_' }); p != "" {
		return "in the " + what + " " + quote(id) + ", " + p
	}
	if !isASCIILetter(rune(id[0])) {
		return fmt.Sprintf("the %s %s starts with %q, not a letter", what, quote(id), id[0])
	}
	return ""
}

func customHandlerProblem(h string) string {
	if p := lengthProblem(h, 1, 60); p != "" {
		return p
	}
	return charsetProblem(h, func(r rune) bool { return !unicode.IsSpace(r) })
}
