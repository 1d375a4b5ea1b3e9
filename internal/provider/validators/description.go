package validators

import (
	"fmt"
	"unicode"
	"unicode/utf8"
)

// MaxDescriptionRunes is the API's limit on a function description.
const MaxDescriptionRunes = 1000

const descriptionRule = `a description must be at most 1000 characters of letters (including Chinese), digits, ` +
	`spaces, ",", ".", newlines, "，" and "。"`

// CheckDescription enforces the Description rule. The message points at the
// first offending character instead of echoing the text, which may be long.
func CheckDescription(s string) error {
	n := 0
	for i, r := range s {
		n++
		_, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size <= 1 || !isDescriptionRune(r) {
			return &ruleError{
				subject: "description",
				problem: fmt.Sprintf("character %d, %s, is not allowed", n, describeRune(r, size, s[i:])),
				rule:    descriptionRule,
			}
		}
	}
	if n > MaxDescriptionRunes {
		return &ruleError{
			subject: "description",
			problem: fmt.Sprintf("it is %d characters long", n),
			rule:    descriptionRule,
		}
	}
	return nil
}

func isDescriptionRune(r rune) bool {
	switch r {
	case ' ', ',', '.', '\n', '，', '。':
		return true
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
