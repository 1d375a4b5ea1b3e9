package scfcron

import (
	"strings"
	"testing"
)

func TestCheck(t *testing.T) {
	for _, ok := range []string{"0 */5 * * * * *", "0 0 2 1 * * *", "0 30 9 * * MON-FRI *", "0 0 0 1 JAN,jul * 2030", "59 59 23 31 12 6 2099", "0 0-30/10 * * * * *"} {
		if err := Check(ok); err != nil {
			t.Errorf("Check(%q) = %v, want nil", ok, err)
		}
	}
	for expr, want := range map[string]string{
		"*/5 * * * *":       "5 fields",
		"0 60 * * * * *":    "field 2 (minute)",
		"0 0 24 * * * *":    "field 3 (hour)",
		"0 0 0 0 * * *":     "field 4 (day-of-month)",
		"0 0 0 1 13 * *":    "field 5 (month)",
		"0 0 0 1 * 7 *":     "field 6 (day-of-week)",
		"0 0 0 1 * * 1969":  "field 7 (year)",
		"0 */0 * * * * *":   "step",
		"0 30-10 * * * * *": "start is after its end",
		"0 x * * * * *":     "not a number",
	} {
		err := Check(expr)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Check(%q) = %v, want an error containing %q", expr, err, want)
		}
	}
}
