// Package scfcron checks the cron expressions of SCF timer triggers: the
// service's seven-field form "second minute hour day-of-month month
// day-of-week year" (e.g. "0 */5 * * * * *"), each field "*", a value, a
// range "a-b", a step "x/n" or a comma list of those; months and weekdays
// also by their three-letter English names. It has no dependencies so that
// the fake server and the provider can share it without depending on each
// other.
package scfcron

import (
	"fmt"
	"strconv"
	"strings"
)

type field struct {
	name     string
	min, max int
	names    []string // names[i] stands for min+i
}

var fields = [7]field{
	{name: "second", min: 0, max: 59},
	{name: "minute", min: 0, max: 59},
	{name: "hour", min: 0, max: 23},
	{name: "day-of-month", min: 1, max: 31},
	{name: "month", min: 1, max: 12, names: []string{"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"}},
	{name: "day-of-week", min: 0, max: 6, names: []string{"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"}},
	{name: "year", min: 1970, max: 2099},
}

// Rule states the form in one sentence, for error messages.
const Rule = "A timer trigger's cron expression has seven space-separated fields: second (0-59), minute (0-59), hour (0-23), day of month (1-31), month (1-12 or JAN-DEC), day of week (0-6 or SUN-SAT) and year (1970-2099); each field is *, a value, a range a-b, a step */n or a-b/n, or a comma-separated list of these"

// Check returns nil for a valid expression, or an error naming the first
// field at fault.
func Check(expr string) error {
	parts := strings.Fields(expr)
	if len(parts) != len(fields) {
		return fmt.Errorf("it has %d fields, not 7", len(parts))
	}
	for i, p := range parts {
		if err := fields[i].check(p); err != nil {
			return fmt.Errorf("field %d (%s) %q %w", i+1, fields[i].name, p, err)
		}
	}
	return nil
}

func (f field) check(s string) error {
	for _, item := range strings.Split(s, ",") {
		if err := f.checkItem(item); err != nil {
			return err
		}
	}
	return nil
}

func (f field) checkItem(item string) error {
	base, step, hasStep := strings.Cut(item, "/")
	if hasStep {
		n, err := strconv.Atoi(step)
		if err != nil || n < 1 || n > f.max-f.min+1 {
			return fmt.Errorf("has step %q; a step must be a whole number from 1 to %d", step, f.max-f.min+1)
		}
	}
	if base == "*" {
		return nil
	}
	lo, hi, isRange := strings.Cut(base, "-")
	a, err := f.value(lo)
	if err != nil {
		return err
	}
	if !isRange {
		return nil
	}
	b, err := f.value(hi)
	if err != nil {
		return err
	}
	if a > b {
		return fmt.Errorf("has the range %s whose start is after its end", base)
	}
	return nil
}

func (f field) value(s string) (int, error) {
	for i, n := range f.names {
		if strings.EqualFold(s, n) {
			return f.min + i, nil
		}
	}
	v, err := strconv.Atoi(s)
	if err != nil {
		return 0, fmt.Errorf("has %q, which is not a number%s", s, f.nameHint())
	}
	if v < f.min || v > f.max {
		return 0, fmt.Errorf("has %d, outside %d-%d", v, f.min, f.max)
	}
	return v, nil
}

func (f field) nameHint() string {
	if len(f.names) == 0 {
		return ""
	}
	return " or a name " + f.names[0] + "-" + f.names[len(f.names)-1]
}
