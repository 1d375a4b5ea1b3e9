package validators

import (
	"errors"
	"fmt"
	"maps"
	"slices"
)

// MaxEnvironmentBytes is the API's limit on the sum of len(key)+len(value)
// over all environment variables.
const MaxEnvironmentBytes = 4096

const (
	envKeyRule  = `an environment variable name must start with a letter and contain only letters, digits and "_"`
	envSizeRule = `the environment variables' names and values together must be at most 4096 bytes`
)

// CheckEnvironment enforces the Environment rules. Values may be secrets, so
// no message ever contains one: only names and byte counts.
func CheckEnvironment(env map[string]string) error {
	errs := envKeyErrors(slices.Sorted(maps.Keys(env)))
	sizes := make(map[string]int, len(env))
	for k, v := range env {
		sizes[k] = len(v)
	}
	if err := envSizeError(sizes); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// envKeyErrors returns one error per invalid name, in the order given.
func envKeyErrors(keys []string) []error {
	var errs []error
	for _, k := range keys {
		if p := envKeyProblem(k); p != "" {
			errs = append(errs, &ruleError{subject: "environment variable name " + quote(k), problem: p, rule: envKeyRule})
		}
	}
	return errs
}

func envKeyProblem(k string) string {
	if k == "" {
		return "it is empty"
	}
	if p := charsetProblem(k, func(r rune) bool { return isASCIILetter(r) || isASCIIDigit(r) || r == '_' }); p != "" {
		return p
	}
	if !isASCIILetter(rune(k[0])) {
		return fmt.Sprintf("it starts with %q, not a letter", k[0])
	}
	return ""
}

// CheckEnvironmentSize checks the API's limit on an environment given the
// length of each variable's value by name, so it cannot leak a secret.
func CheckEnvironmentSize(valueLens map[string]int) error { return envSizeError(valueLens) }

// envSizeError takes value lengths, not values, so it cannot leak a secret.
func envSizeError(valueLens map[string]int) error {
	total, largest, largestSize := 0, "", -1
	for _, k := range slices.Sorted(maps.Keys(valueLens)) {
		size := len(k) + valueLens[k]
		total += size
		if size > largestSize {
			largest, largestSize = k, size
		}
	}
	if total <= MaxEnvironmentBytes {
		return nil
	}
	return &ruleError{
		subject: fmt.Sprintf("environment (%d variables, %d bytes)", len(valueLens), total),
		problem: fmt.Sprintf("it is %d bytes over the limit; the largest variable is %s at %d bytes",
			total-MaxEnvironmentBytes, quote(largest), largestSize),
		rule: envSizeRule,
	}
}
