package validators

import (
	"strings"
	"testing"
)

// ruleCase is a value, and "" for valid or a substring the error must contain.
type ruleCase struct {
	in   string
	want string
}

func runStringRule(t *testing.T, name string, check func(string) error, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		err := check(c.in)
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s(%q) = %v, want nil", name, c.in, err)
		case c.want != "" && err == nil:
			t.Errorf("%s(%q) = nil, want error containing %q", name, c.in, c.want)
		case c.want != "" && !strings.Contains(err.Error(), c.want):
			t.Errorf("%s(%q) = %q, want it to contain %q", name, c.in, err, c.want)
		}
	}
}

func TestCheckFunctionName(t *testing.T) {
	runStringRule(t, "CheckFunctionName", CheckFunctionName, []ruleCase{
		{"ab", ""},
		{"a1", ""},
		{"my-func_01", ""},
		{"A" + strings.Repeat("b", 59), ""},
		{"a", "it is 1 characters long"},
		{"", "it is empty"},
		{"A" + strings.Repeat("b", 60), "it is 61 characters long"},
		{"1abc", `starts with '1', not a letter`},
		{"-abc", `starts with '-'`},
		{"_abc", `starts with '_'`},
		{"abc-", `ends with '-'`},
		{"abc_", `ends with '_'`},
		{"ab.c", `character 3, '.' (U+002E), is not allowed`},
		{"ab c", `character 3, ' ' (U+0020)`},
		{"函数名", "character 1, '函' (U+51FD)"},
		{"abé", "character 3, 'é'"},
		{"ab\xff", "invalid UTF-8 byte 0xFF"},
	})
	err := CheckFunctionName("1abc")
	if err == nil || !strings.Contains(err.Error(), `function name "1abc"`) ||
		!strings.Contains(err.Error(), "2-60 characters") {
		t.Errorf("message must name the value and the rule: %v", err)
	}
}

func TestCheckNamespace(t *testing.T) {
	runStringRule(t, "CheckNamespace", CheckNamespace, []ruleCase{
		{"a", ""},
		{"default", ""},
		{"1-_x", ""},
		{"-", ""},
		{strings.Repeat("n", 30), ""},
		{"", "it is empty"},
		{strings.Repeat("n", 31), "it is 31 characters long"},
		{"my ns", "character 3, ' '"},
		{"ns.prod", "character 3, '.'"},
	})
}

func TestCheckLayerName(t *testing.T) {
	runStringRule(t, "CheckLayerName", CheckLayerName, []ruleCase{
		{"a", ""},
		{"node-deps_2", ""},
		{"A" + strings.Repeat("b", 63), ""},
		{"", "it is empty"},
		{"A" + strings.Repeat("b", 64), "it is 65 characters long"},
		{"1abc", `starts with '1', not a letter`},
		{"abc-", `ends with '-'`},
		{"abc_", `ends with '_'`},
		{"ab/c", `character 3, '/' (U+002F), is not allowed`},
	})
	if err := CheckLayerName("-x"); err == nil || !strings.Contains(err.Error(), `layer name "-x"`) || !strings.Contains(err.Error(), "1-64 characters") {
		t.Errorf("message must name the value and the rule: %v", err)
	}
}

func TestCheckManagedNamespace(t *testing.T) {
	runStringRule(t, "CheckManagedNamespace", CheckManagedNamespace, []ruleCase{
		{"team-a", ""},
		{"Default", ""},
		{"default-2", ""},
		{strings.Repeat("n", 30), ""},
		{"default", "it is the default namespace"},
		{"", "it is empty"},
		{strings.Repeat("n", 31), "it is 31 characters long"},
		{"my ns", "character 3, ' '"},
	})
	for _, s := range []string{"default", "my ns"} {
		if err := CheckManagedNamespace(s); err == nil || !strings.Contains(err.Error(), `and not "default", which every account has`) {
			t.Errorf("CheckManagedNamespace(%q) must state the whole rule: %v", s, err)
		}
	}
	if err := CheckNamespace("my ns"); err == nil || strings.Contains(err.Error(), "not \"default\"") {
		t.Errorf("CheckNamespace must keep its own rule: %v", err)
	}
}

func TestCheckNamespaceDescription(t *testing.T) {
	runStringRule(t, "CheckNamespaceDescription", CheckNamespaceDescription, []ruleCase{
		{"", ""},
		{"Team A's functions: orders & billing!", ""},
		{strings.Repeat("字", 1000), ""},
		{strings.Repeat("字", 1001), "it is 1001 characters long"},
	})
}

func TestCheckHandler(t *testing.T) {
	tests := []struct {
		runtime, handler, want string
	}{
		// Default "file.function" runtimes; "" is a null runtime (Python2.7).
		{"", "index.main_handler", ""},
		{"Python3.9", "a.b", ""},
		{"Nodejs18.15", "index.handler", ""},
		{"Php8.0", "my-file.my_func-x", ""},
		{"Python3.9", "ab", `exactly one must separate`},
		{"Python3.9", "a.b.c", `it contains 2 "." characters`},
		{"Python3.9", ".b", "the file name is empty"},
		{"Python3.9", "a.", "the function name is empty"},
		{"Python3.9", "1a.b", `the file name "1a" starts with '1'`},
		{"Python3.9", "a1.b", `the file name "a1" ends with '1'`},
		{"Python3.9", "a.b_", `the function name "b_" ends with '_'`},
		{"Python3.9", "a b.c", `character 2, ' '`},
		{"", "a", "it is 1 characters long"},
		{"", "a." + strings.Repeat("b", 58), ""},
		{"", "a." + strings.Repeat("b", 59), "it is 61 characters long"},
		{"", strings.Repeat("a", 30) + "." + strings.Repeat("b", 29), ""},
		{"", strings.Repeat("a", 30) + "." + strings.Repeat("b", 30), "61 characters"},
		{"SomeFutureRuntime", "index.main", ""},
		{"SomeFutureRuntime", "pkg.Class::m", `for runtime SomeFutureRuntime the handler must be "file.function"`},
		// Java8.
		{"Java8", "example.Hello::mainHandler", ""},
		{"Java8", "Hello::main", ""},
		{"Java8", "a.b.c.D_1::m2", ""},
		{"Java8", "example.Hello", `no "::"`},
		{"Java8", "example..Hello::m", "a package or class name is empty"},
		{"Java8", "example.Hello::", "a method name is empty"},
		{"Java8", "1x.Hello::m", `"1x" starts with '1'`},
		{"Java8", "ex-ample.Hello::m", `character 3, '-'`},
		{"Java8", "a::b::c", `in the method name "b::c"`},
		{"Java8", "a.b", `for runtime Java8 the handler must be "package.Class::method"`},
		{"Java8", "p." + strings.Repeat("C", 55) + "::m", ""},
		{"Java8", "p." + strings.Repeat("C", 56) + "::m", "61 characters"},
		// Go.
		{"Golang1", "main", ""},
		{"Go1", "main", ""},
		{"Go1", "my-app", ""},
		{"Go1", "file.main", ""},
		{"Go1", "m", "it is 1 characters long"},
		{"Go1", "main1", `ends with '1'`},
		{"Go1", "a.b.c", `it contains 2 "." characters`},
		{"Go1", strings.Repeat("m", 60), ""},
		{"Go1", strings.Repeat("m", 61), "61 characters"},
		// Custom runtime.
		{"CustomRuntime", "bootstrap", ""},
		{"CustomRuntime", "x", ""},
		{"CustomRuntime", "./run.sh:main", ""},
		{"CustomRuntime", "", "it is empty"},
		{"CustomRuntime", "run me", "character 4, ' '"},
		{"CustomRuntime", "run\tme", `'\t'`},
		{"CustomRuntime", strings.Repeat("x", 60), ""},
		{"CustomRuntime", strings.Repeat("x", 61), "61 characters"},
	}
	for _, tt := range tests {
		err := CheckHandler(tt.runtime, tt.handler)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckHandler(%q, %q) = %v, want nil", tt.runtime, tt.handler, err)
		case tt.want != "" && err == nil:
			t.Errorf("CheckHandler(%q, %q) = nil, want %q", tt.runtime, tt.handler, tt.want)
		case tt.want != "" && !strings.Contains(err.Error(), tt.want):
			t.Errorf("CheckHandler(%q, %q) = %q, want it to contain %q", tt.runtime, tt.handler, err, tt.want)
		}
	}
	if err := CheckHandler("", "x"); err == nil || !strings.Contains(err.Error(), "runtime Python2.7") {
		t.Errorf("a null runtime must be reported as the default Python2.7: %v", err)
	}
}

func TestCheckDescription(t *testing.T) {
	runStringRule(t, "CheckDescription", CheckDescription, []ruleCase{
		{"", ""},
		{"My function, version 2.", ""},
		{"第一行，第二行。\nline two", ""},
		{"数字١٢٣ and ÄÖÜ", ""},
		{strings.Repeat("a", 1000), ""},
		{strings.Repeat("字", 1000), ""},
		{strings.Repeat("a", 1001), "it is 1001 characters long"},
		{strings.Repeat("字", 1001), "it is 1001 characters long"},
		{"hello!", "character 6, '!' (U+0021), is not allowed"},
		{"a-b", "character 2, '-'"},
		{"a\tb", `character 2, '\t'`},
		{"a\r\nb", `character 2, '\r'`},
		{"中文：冒号", "character 3, '：'"},
		{"ok\xc3", "character 3, invalid UTF-8 byte 0xC3"},
	})
	long := strings.Repeat("secret words ", 100) + "!"
	err := CheckDescription(long)
	if err == nil || strings.Contains(err.Error(), "secret words") {
		t.Errorf("the message must point at the character, not echo the text: %v", err)
	}
}

func TestCheckMemorySize(t *testing.T) {
	tests := []struct {
		mb   int64
		want string
	}{
		{64, ""}, {128, ""}, {256, ""}, {1024, ""}, {3072, ""},
		{0, "below the minimum"}, {-128, "below the minimum"},
		{63, "below the minimum"}, {65, "nearest allowed values are 64 and 128"},
		{127, "64 and 128"}, {129, "nearest allowed values are 128 and 256"},
		{192, "128 and 256"}, {3000, "2944 and 3072"},
		{3073, "above the maximum"}, {3200, "above the maximum"},
	}
	for _, tt := range tests {
		err := CheckMemorySize(tt.mb)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckMemorySize(%d) = %v", tt.mb, err)
		case tt.want != "" && err == nil:
			t.Errorf("CheckMemorySize(%d) = nil, want %q", tt.mb, tt.want)
		case tt.want != "" && !strings.Contains(err.Error(), tt.want):
			t.Errorf("CheckMemorySize(%d) = %q, want %q", tt.mb, err, tt.want)
		}
	}
	if err := CheckMemorySize(200); err == nil || !strings.Contains(err.Error(), "memory size 200 MB") {
		t.Errorf("message must name the value: %v", err)
	}
}

func TestCheckEnvironment(t *testing.T) {
	// "K" + 4095-byte value is exactly 4096 bytes.
	exact := map[string]string{"K": strings.Repeat("v", 4095)}
	over := map[string]string{"K": strings.Repeat("v", 4096)}
	split := map[string]string{"AB": strings.Repeat("s", 2046), "CD": strings.Repeat("s", 2046)}
	splitOver := map[string]string{"AB": strings.Repeat("s", 2046), "CD": strings.Repeat("s", 2047)}
	tests := []struct {
		name string
		env  map[string]string
		want []string
	}{
		{"nil", nil, nil},
		{"empty", map[string]string{}, nil},
		{"simple", map[string]string{"A": "", "PATH_2": "x", "b_": "y"}, nil},
		{"exactly 4096", exact, nil},
		{"two vars exactly 4096", split, nil},
		{"4097", over, []string{"4097 bytes", "1 bytes over the limit", `"K" at 4097 bytes`, "at most 4096 bytes"}},
		{"two vars 4097", splitOver, []string{"2 variables, 4097 bytes", `largest variable is "CD" at 2049 bytes`}},
		{"digit first", map[string]string{"1A": "v"}, []string{`name "1A"`, "starts with '1'"}},
		{"underscore first", map[string]string{"_A": "v"}, []string{"starts with '_'"}},
		{"dash", map[string]string{"MY-VAR": "v"}, []string{"character 3, '-'"}},
		{"empty key", map[string]string{"": "v"}, []string{`name ""`, "it is empty"}},
		{"unicode key", map[string]string{"VÄR": "v"}, []string{"character 2, 'Ä'"}},
		{"several bad", map[string]string{"1A": "v", "B-": "v", "OK": "v"}, []string{`"1A"`, `"B-"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := CheckEnvironment(tt.env)
			if len(tt.want) == 0 {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				return
			}
			if err == nil {
				t.Fatalf("want error containing %q", tt.want)
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("%q does not contain %q", err, w)
				}
			}
			if strings.Contains(err.Error(), `"OK"`) {
				t.Errorf("a valid name was reported: %v", err)
			}
		})
	}
}

func TestCheckEnvironmentNeverShowsValues(t *testing.T) {
	env := map[string]string{
		"1BAD":     "hunter2-password",
		"API_KEY":  "sk-live-0123456789abcdef" + strings.Repeat("Z", 4000),
		"DB-PASS!": "correct horse battery staple",
	}
	err := CheckEnvironment(env)
	if err == nil {
		t.Fatal("want errors")
	}
	for k, v := range env {
		if strings.Contains(err.Error(), v[:8]) {
			t.Errorf("message leaks the value of %s: %v", k, err)
		}
	}
}

func TestQuoteTruncates(t *testing.T) {
	long := strings.Repeat("é", 500)
	q := quote(long)
	if !strings.HasSuffix(q, "… (500 characters)") || strings.Count(q, "é") != maxQuotedRunes {
		t.Errorf("quote = %q", q)
	}
	if got := quote("ab"); got != `"ab"` {
		t.Errorf("quote(ab) = %s", got)
	}
}

func TestListsMatchTheAPI(t *testing.T) {
	if len(Runtimes) != 22 || Runtimes[0] != "Python2.7" || Runtimes[len(Runtimes)-1] != "CustomRuntime" {
		t.Errorf("Runtimes = %v", Runtimes)
	}
	seen := map[string]bool{}
	for _, r := range Runtimes {
		if seen[r] {
			t.Errorf("duplicate runtime %s", r)
		}
		seen[r] = true
	}
	if strings.Join(FunctionTypes, ",") != "Event,HTTP" {
		t.Errorf("FunctionTypes = %v", FunctionTypes)
	}
	if strings.Join(CodeSources, ",") != "ZipFile,Cos,Demo,TempCos,Git" {
		t.Errorf("CodeSources = %v", CodeSources)
	}
}
