package validators

import (
	"fmt"
	"unicode/utf8"
)

// maxQuotedRunes keeps a pasted megabyte of text from flooding a diagnostic.
const maxQuotedRunes = 80

// quote renders a user value for a message, shortened when very long.
func quote(s string) string {
	n := utf8.RuneCountInString(s)
	if n <= maxQuotedRunes {
		return fmt.Sprintf("%q", s)
	}
	i := 0
	for range maxQuotedRunes {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
	}
	return fmt.Sprintf("%q… (%d characters)", s[:i], n)
}

// describeRune names a character so that invisible ones (tab, CR, NBSP) and
// broken UTF-8 are still recognisable in a message.
func describeRune(r rune, size int, s string) string {
	if r == utf8.RuneError && size <= 1 && len(s) > 0 {
		return fmt.Sprintf("invalid UTF-8 byte 0x%02X", s[0])
	}
	return fmt.Sprintf("%q (U+%04X)", r, r)
}

func isASCIILetter(r rune) bool { return r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' }
func isASCIIDigit(r rune) bool  { return r >= '0' && r <= '9' }

// ruleError carries a rule violation: the text names the value and what is
// wrong with it, then restates the whole rule.
type ruleError struct {
	subject string // e.g. `function name "1abc"`
	problem string // e.g. "does not start with a letter"
	rule    string // the full rule, without a trailing period
}

func (e *ruleError) Error() string {
	return fmt.Sprintf("%s is invalid: %s; %s", e.subject, e.problem, e.rule)
}
