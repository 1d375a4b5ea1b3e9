//go:build linux

package fakescf

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// Whatever the function starts is killed with it: at the timeout, and when
// the handler returns and leaves a process behind.
func TestExecKillsWhatTheFunctionStarted(t *testing.T) {
	requireInterpreter(t, "python3")
	if _, err := os.Stat("/bin/sleep"); err != nil {
		t.Skip("no /bin/sleep")
	}
	h := execHarness(t)
	dir := t.TempDir()
	code := `import os, subprocess, time
def spawn(event, context):
    child = subprocess.Popen(["/bin/sleep", "60"])
    with open(os.environ["PID_FILE"], "w") as f:
        f.write(str(child.pid))
    if event["wait"]:
        time.sleep(60)
    return "left a child behind"
`
	for _, wait := range []bool{true, false} {
		pidFile := filepath.Join(dir, strconv.FormatBool(wait))
		name := "spawn-" + strconv.FormatBool(wait)
		h.deploy(name, "Python3.9", "index.spawn", 1, map[string]string{"PID_FILE": pidFile}, zipEntry{name: "index.py", body: code})
		h.invoke(map[string]any{"FunctionName": name, "ClientContext": `{"wait":` + strconv.FormatBool(wait) + `}`})
		raw, err := os.ReadFile(pidFile)
		if err != nil {
			t.Fatalf("wait=%v: the function did not record its child: %v", wait, err)
		}
		pid, err := strconv.Atoi(strings.TrimSpace(string(raw)))
		if err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(3 * time.Second)
		for alive(pid) {
			if time.Now().After(deadline) {
				_ = syscall.Kill(pid, syscall.SIGKILL)
				t.Fatalf("wait=%v: the function's child %d outlived the invocation", wait, pid)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}
}

// alive reports whether pid runs (a zombie waiting to be reaped does not).
func alive(pid int) bool {
	stat, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	fields := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	return len(fields) > 0 && fields[0] != "Z"
}
