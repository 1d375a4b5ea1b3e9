package validators

import (
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
)

// The documented regular expressions; the hand-written checks must agree with
// them exactly, which is what these fuzz targets establish.
var (
	nameRE      = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_-]{0,58}[A-Za-z0-9]$`)
	partRE      = `[A-Za-z](?:[A-Za-z0-9_-]*[A-Za-z])?`
	singleRE    = regexp.MustCompile(`^` + partRE + `$`)
	fileFuncRE  = regexp.MustCompile(`^` + partRE + `\.` + partRE + `$`)
	javaRE      = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*(?:\.[A-Za-z][A-Za-z0-9_]*)*::[A-Za-z][A-Za-z0-9_]*$`)
	envKeyRE    = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9_]*$`)
	namespaceRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,30}$`)
)

func FuzzCheckFunctionName(f *testing.F) {
	for _, s := range []string{"", "a", "ab", "a-", "a_", "1a", "fn-01", "函数", "ab\xff", strings.Repeat("a", 60), strings.Repeat("a", 61)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := CheckFunctionName(s)
		if want := nameRE.MatchString(s); (err == nil) != want {
			t.Fatalf("CheckFunctionName(%q) = %v, regex match = %v", s, err, want)
		}
		if err == nil && (len(s) < 2 || len(s) > 60) {
			t.Fatalf("accepted %q of length %d", s, len(s))
		}
		if err != nil && !strings.Contains(err.Error(), quote(s)) {
			t.Fatalf("error %q does not name the value", err)
		}
		// Namespaces share the character set; check them on the same inputs.
		if nsErr := CheckNamespace(s); (nsErr == nil) != namespaceRE.MatchString(s) {
			t.Fatalf("CheckNamespace(%q) = %v disagrees with the regex", s, nsErr)
		}
		// A managed namespace is any valid namespace but "default".
		if mErr := CheckManagedNamespace(s); (mErr == nil) != (namespaceRE.MatchString(s) && s != "default") {
			t.Fatalf("CheckManagedNamespace(%q) = %v", s, mErr)
		}
	})
}

// handlerAccepted is an independent statement of the handler rules.
func handlerAccepted(runtime, h string) bool {
	if runtime == "" {
		runtime = DefaultRuntime
	}
	n := utf8.RuneCountInString(h)
	// By family: a Java or Go runtime the provider does not know yet takes
	// its family's rule.
	switch {
	case strings.HasPrefix(runtime, "Java"):
		return n >= 2 && n <= 60 && javaRE.MatchString(h)
	case strings.HasPrefix(runtime, "Go"):
		return n >= 2 && n <= 60 && (singleRE.MatchString(h) || fileFuncRE.MatchString(h))
	case runtime == "CustomRuntime":
		return n >= 1 && n <= 60 && utf8.ValidString(h) && strings.IndexFunc(h, unicode.IsSpace) < 0
	default:
		return n >= 2 && n <= 60 && fileFuncRE.MatchString(h)
	}
}

func FuzzCheckHandler(f *testing.F) {
	seeds := []string{"index.main", "a.b", "main", "ab", "pkg.Class::method", "Class::m", "a::b::c", "bootstrap",
		"run me", "a.b.c", "a-.b", ".x", "x.", "", "\xff", strings.Repeat("a", 30) + "." + strings.Repeat("b", 29)}
	for i, rt := range append([]string{"", "Unknown9"}, Runtimes...) {
		f.Add(rt, seeds[i%len(seeds)])
		f.Add(rt, seeds[(i+7)%len(seeds)])
	}
	f.Fuzz(func(t *testing.T, runtime, handler string) {
		err := CheckHandler(runtime, handler)
		if want := handlerAccepted(runtime, handler); (err == nil) != want {
			t.Fatalf("CheckHandler(%q, %q) = %v, independent rule says accepted=%v", runtime, handler, err, want)
		}
		if err != nil && !strings.Contains(err.Error(), quote(handler)) {
			t.Fatalf("error %q does not name the handler", err)
		}
	})
}

func descriptionAllowed(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" ,.\n，。", r)
}

func FuzzCheckDescription(f *testing.F) {
	for _, s := range []string{"", "hello, world.", "第一，第二。", "a\tb", "a\r\n", "!", "\xc3", strings.Repeat("字", 1000), strings.Repeat("a", 1001)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := CheckDescription(s)
		valid := utf8.ValidString(s) && utf8.RuneCountInString(s) <= MaxDescriptionRunes
		for _, r := range s {
			if !descriptionAllowed(r) {
				valid = false
			}
		}
		if (err == nil) != valid {
			t.Fatalf("CheckDescription(%q) = %v, independent rule says valid=%v", s, err, valid)
		}
		if err == nil {
			return
		}
		// The message points at a character; it must not echo long text.
		if utf8.RuneCountInString(s) > 20 && strings.Contains(err.Error(), s) {
			t.Fatalf("error echoes the whole description: %q", err)
		}
	})
}

func FuzzCheckMemorySize(f *testing.F) {
	for _, n := range []int64{-1, 0, 63, 64, 65, 127, 128, 129, 256, 3071, 3072, 3073, 3200, 1 << 62, -1 << 63} {
		f.Add(n)
	}
	allowed := map[int64]bool{64: true}
	for mb := int64(128); mb <= 3072; mb += 128 {
		allowed[mb] = true
	}
	f.Fuzz(func(t *testing.T, n int64) {
		err := CheckMemorySize(n)
		if (err == nil) != allowed[n] {
			t.Fatalf("CheckMemorySize(%d) = %v, allowed=%v", n, err, allowed[n])
		}
	})
}

// parseEnv turns fuzz input into an environment: one "KEY=value" per line,
// with pad extra bytes appended to the first value to reach the size limit.
func parseEnv(data string, pad uint16) map[string]string {
	env := map[string]string{}
	first := true
	for line := range strings.SplitSeq(data, "\n") {
		if line == "" && len(env) > 0 {
			continue
		}
		k, v, _ := strings.Cut(line, "=")
		if first {
			v += strings.Repeat("p", int(pad)%5000)
			first = false
		}
		env[k] = v
	}
	return env
}

func FuzzCheckEnvironment(f *testing.F) {
	f.Add("A=1\nB=2", uint16(0))
	f.Add("K=", uint16(4095))
	f.Add("K=", uint16(4096))
	f.Add("AB=secretvalue1\nCD=x", uint16(4070))
	f.Add("1BAD=hunter2hunter2\nOK=v", uint16(0))
	f.Add("MY-KEY=password123", uint16(0))
	f.Add("=empty-name-value", uint16(0))
	f.Add("ÄKEY=value\n_X=y", uint16(10))
	f.Fuzz(func(t *testing.T, data string, pad uint16) {
		env := parseEnv(data, pad)
		err := CheckEnvironment(env)

		total, keysOK := 0, true
		for k, v := range env {
			total += len(k) + len(v)
			keysOK = keysOK && envKeyRE.MatchString(k)
		}
		if want := keysOK && total <= MaxEnvironmentBytes; (err == nil) != want {
			t.Fatalf("CheckEnvironment(%d vars, %d bytes) = %v, want accepted=%v", len(env), total, err, want)
		}
		if err == nil {
			return
		}

		// The message may depend on names and value lengths only: swapping
		// every value for same-length filler must not change it.
		filler := make(map[string]string, len(env))
		for k, v := range env {
			filler[k] = strings.Repeat("\x00", len(v))
		}
		fillerErr := CheckEnvironment(filler)
		if fillerErr == nil || fillerErr.Error() != err.Error() {
			t.Fatalf("message depends on values:\n%v\nvs\n%v", err, fillerErr)
		}
		// And literally: no value of 8+ bytes appears, unless the same text
		// is there without any values (it is part of a name or the rule).
		for k, v := range env {
			if len(v) >= 8 && strings.Contains(err.Error(), v) && !strings.Contains(fillerErr.Error(), v) {
				t.Fatalf("message leaks the value of %q: %v", k, err)
			}
		}
	})
}
