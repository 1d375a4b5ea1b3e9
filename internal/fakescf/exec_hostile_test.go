package fakescf

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestUnpackRefusesHostileZips(t *testing.T) {
	cases := map[string][]zipEntry{
		"zip slip":          {{name: "../escaped.txt", body: "x"}},
		"deep zip slip":     {{name: "a/../../escaped.txt", body: "x"}},
		"absolute path":     {{name: "/tmp/escaped.txt", body: "x"}},
		"backslash slip":    {{name: "..\\escaped.txt", body: "x"}},
		"symbolic link":     {{name: "link", body: "/etc/passwd", mode: uint32(fs.ModeSymlink | 0o777)}},
		"named pipe":        {{name: "fifo", mode: uint32(fs.ModeNamedPipe | 0o644)}},
		"nul in name":       {{name: "a\x00b", body: "x"}},
		"dot dot directory": {{name: "../", body: ""}},
	}
	for name, entries := range cases {
		t.Run(name, func(t *testing.T) {
			parent := t.TempDir()
			dest := filepath.Join(parent, "code")
			if err := os.Mkdir(dest, 0o700); err != nil {
				t.Fatal(err)
			}
			err := unpackZip(zipBytes(t, entries...), dest, &unpackBudget{bytesLeft: 1 << 20, entriesLeft: 100})
			if !errors.Is(err, errUnpack) {
				t.Fatalf("unpackZip = %v, want a refusal", err)
			}
			left, _ := os.ReadDir(parent)
			if len(left) != 1 {
				t.Fatalf("something was written beside the destination: %v", left)
			}
			if _, err := os.Lstat(filepath.Join(dest, "link")); err == nil {
				t.Fatal("a symbolic link was created")
			}
		})
	}
}

func TestUnpackBounds(t *testing.T) {
	huge := zipBytes(t, zipEntry{name: "zeros", body: strings.Repeat("\x00", 4<<20)}) // compresses to a few KB
	if err := unpackZip(huge, t.TempDir(), &unpackBudget{bytesLeft: 1 << 20, entriesLeft: 10}); !errors.Is(err, errUnpack) || !strings.Contains(err.Error(), "more bytes") {
		t.Fatalf("a package over the size bound: %v", err)
	}
	var many []zipEntry
	for i := range 50 {
		many = append(many, zipEntry{name: filepath.Join("d", strings.Repeat("f", i+1)), body: "x"})
	}
	if err := unpackZip(zipBytes(t, many...), t.TempDir(), &unpackBudget{bytesLeft: 1 << 20, entriesLeft: 20}); !errors.Is(err, errUnpack) || !strings.Contains(err.Error(), "more entries") {
		t.Fatalf("a package over the entry bound: %v", err)
	}
	// The bound is shared: two packages that each fit may not fit together.
	b := &unpackBudget{bytesLeft: 3000, entriesLeft: 10}
	one := zipBytes(t, zipEntry{name: "a", body: strings.Repeat("y", 2000)})
	if err := unpackZip(one, t.TempDir(), b); err != nil {
		t.Fatal(err)
	}
	if err := unpackZip(one, t.TempDir(), b); !errors.Is(err, errUnpack) {
		t.Fatalf("the second package passed a shared budget: %v", err)
	}
}

// A hostile package or handler must come back as a function error naming
// the refusal, never run anything.
func TestExecRefusesHostilePackagesAndHandlers(t *testing.T) {
	requireInterpreter(t, "python3")
	h := execHarness(t)
	canary := filepath.Join(t.TempDir(), "pwned")
	payload := "import os\nopen(" + pyQuote(canary) + ", 'w').write('x')\ndef main(e, c):\n    return 1\n"
	h.deploy("slip", "Python3.9", "index.main", 3, nil, zipEntry{name: "index.py", body: "def main(e, c):\n    return 1\n"}, zipEntry{name: "../../evil.py", body: payload})
	e := errMsgOf(t, h.invoke(map[string]any{"FunctionName": "slip"}))
	if e["errorType"] != "PackageRefused" || !strings.Contains(fmt.Sprint(e["errorMessage"]), "not a relative path") {
		t.Fatalf("ErrMsg = %v", e)
	}
	// CreateFunction refuses these handlers; a state file edited by hand
	// could still hold them, so the runner checks again.
	for _, handler := range []string{
		"os.system('touch " + canary + "')",
		"../index.main",
		"index.main;touch " + canary,
		"index.main$(touch " + canary + ")",
		"index.__import__('os').system",
		"index.main index.main",
		"/tmp/index.main",
	} {
		h.srv.mu.Lock()
		h.srv.st.Functions[fnKey(defaultNamespace, "slip")].Config.Handler = handler
		h.srv.st.Functions[fnKey(defaultNamespace, "slip")].Code.Zip = zipBytes(t, zipEntry{name: "index.py", body: payload})
		h.srv.mu.Unlock()
		e := errMsgOf(t, h.invoke(map[string]any{"FunctionName": "slip"}))
		if e["errorType"] != "PackageRefused" || !strings.Contains(fmt.Sprint(e["errorMessage"]), "plain identifier") {
			t.Fatalf("handler %q: ErrMsg = %v", handler, e)
		}
	}
	if _, err := os.Stat(canary); err == nil {
		t.Fatal("a hostile package or handler ran code")
	}
}

func TestExecGoRunsTheExecutable(t *testing.T) {
	h := execHarness(t)
	// A stand-in for a Go binary: an executable the fake starts directly
	// (no shell is involved; the kernel reads the #! line).
	requireInterpreter(t, "python3")
	script := "#!/usr/bin/env python3\nimport json, os, sys\nevent = json.load(sys.stdin)\nprint('go log')\nos.write(3, json.dumps({'got': event['n'] + 1}).encode())\n"
	h.deploy("gofn", "Go1", "main", 3, nil, zipEntry{name: "main", body: script, mode: 0o755})
	r := h.invoke(map[string]any{"FunctionName": "gofn", "ClientContext": `{"n":41}`, "LogType": "Tail"}).Result
	if *r.InvokeResult != 0 || *r.RetMsg != `{"got": 42}` || !strings.Contains(*r.Log, "go log") {
		t.Fatalf("result %q %q %q", *r.RetMsg, *r.ErrMsg, *r.Log)
	}
	// CreateFunction refuses such a handler; a state file edited by hand
	// could still hold one.
	h.srv.mu.Lock()
	h.srv.st.Functions[fnKey(defaultNamespace, "gofn")].Config.Handler = "../main"
	h.srv.mu.Unlock()
	if e := errMsgOf(t, h.invoke(map[string]any{"FunctionName": "gofn"})); e["errorType"] != "PackageRefused" {
		t.Fatalf("ErrMsg = %v", e)
	}
}

func pyQuote(s string) string { return "'" + strings.ReplaceAll(s, "'", "\\'") + "'" }
