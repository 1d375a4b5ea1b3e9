package provider

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// Running the CLI in a process group of its own, signalling it as a terminal
// would, and reaping what a killed CLI leaves behind.

// runningCLI is a CLI command running in a process group of its own, so
// that the test can signal it and everything it started, as a terminal
// signals its foreground job.
type runningCLI struct {
	t    *testing.T
	cmd  *exec.Cmd
	pgid int
	out  lockedBuffer
	done chan struct{}
	res  runResult
}

type runResult struct {
	exitCode int // -1 when killed by a signal
	exitedAt time.Time
	output   string // stdout and stderr
}

// lockedBuffer collects output written while the test reads it.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func startCLI(t *testing.T, cli *terraformCLI, args ...string) *runningCLI {
	t.Helper()
	cmd := exec.Command(cli.terraform, args...) //nolint:noctx // ended by the test's own signals, see below
	cmd.Dir = cli.dir
	cmd.Env = cli.env
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	rc := &runningCLI{t: t, cmd: cmd, done: make(chan struct{})}
	cmd.Stdout, cmd.Stderr = &rc.out, &rc.out
	cmd.WaitDelay = 10 * time.Second
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", cli.terraform, err)
	}
	rc.pgid = cmd.Process.Pid
	go func() {
		err := cmd.Wait()
		rc.res.exitedAt = time.Now()
		rc.res.exitCode = cmd.ProcessState.ExitCode()
		if err != nil && cmd.ProcessState == nil {
			rc.res.exitCode = -2
		}
		close(rc.done)
	}()
	// Whatever happens to the test, nothing of this command may outlive it.
	t.Cleanup(func() {
		_ = syscall.Kill(-rc.pgid, syscall.SIGKILL) // ESRCH once the group is gone
		<-rc.done
		for _, pid := range groupMembers(rc.pgid) {
			killAndReap(t, pid)
		}
	})
	return rc
}

// waitUntil polls cond until it holds; it fails the test when the command
// ends first or stopBound passes.
func (rc *runningCLI) waitUntil(what string, cond func() bool) {
	rc.t.Helper()
	waitFor(rc.t, what, cond, func() string {
		select {
		case <-rc.done:
			return fmt.Sprintf("terraform %s ended (exit %d) first:\n%s",
				strings.Join(rc.cmd.Args[1:], " "), rc.res.exitCode, rc.out.String())
		default:
			return ""
		}
	})
}

func (rc *runningCLI) signalGroup(sig syscall.Signal) {
	rc.t.Helper()
	if err := syscall.Kill(-rc.pgid, sig); err != nil {
		rc.t.Fatalf("sending %s to process group %d: %v", sig, rc.pgid, err)
	}
}

// kill sends SIGKILL to the CLI alone: its provider process lives on as
// an orphan, as after an out-of-memory kill.
func (rc *runningCLI) kill() {
	rc.t.Helper()
	if err := rc.cmd.Process.Kill(); err != nil {
		rc.t.Fatalf("killing the CLI: %v", err)
	}
}

// wait returns once the command has ended, failing the test after bound.
func (rc *runningCLI) wait(bound time.Duration) runResult {
	rc.t.Helper()
	select {
	case <-rc.done:
	case <-time.After(bound):
		rc.t.Fatalf("terraform %s still runs %s after it was signalled:\n%s", strings.Join(rc.cmd.Args[1:], " "), bound, rc.out.String())
	}
	res := rc.res
	res.output = rc.out.String()
	return res
}

// providerProcesses lists the provider processes the CLI started.
func (rc *runningCLI) providerProcesses() []int {
	rc.t.Helper()
	binary := filepath.Join(providerBinaryDir(rc.t), "terraform-provider-scf")
	var pids []int
	for _, pid := range groupMembers(rc.pgid) {
		st, ok := readProcStat(pid)
		if !ok || st.ppid != rc.cmd.Process.Pid {
			continue
		}
		if exe, err := os.Readlink(fmt.Sprintf("/proc/%d/exe", pid)); err == nil && exe == binary {
			pids = append(pids, pid)
		}
	}
	return pids
}

// requireGroupGone checks that no process of the command's group is left,
// not even one waiting to be reaped.
func (rc *runningCLI) requireGroupGone() {
	rc.t.Helper()
	waitFor(rc.t, fmt.Sprintf("every process of group %d to end", rc.pgid), func() bool { return len(groupMembers(rc.pgid)) == 0 },
		func() string { return "" })
}

// waitFor polls cond every 10 ms for up to stopBound. fatal, when it
// returns text, ends the wait early with that text as the failure.
func waitFor(t *testing.T, what string, cond func() bool, fatal func() string) {
	t.Helper()
	deadline := time.Now().Add(stopBound)
	for !cond() {
		if fatal != nil {
			if msg := fatal(); msg != "" {
				t.Fatalf("waiting for %s: %s", what, msg)
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting %s for %s", stopBound, what)
		}
		time.Sleep(10 * time.Millisecond) // polling an observable condition
	}
}

// procStat is what these tests read of /proc/<pid>/stat.
type procStat struct {
	state      string
	ppid, pgrp int
}

func readProcStat(pid int) (procStat, bool) {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return procStat{}, false
	}
	// The command name is in parentheses and may contain anything.
	rest := string(data[bytes.LastIndexByte(data, ')')+1:])
	f := strings.Fields(rest)
	if len(f) < 3 {
		return procStat{}, false
	}
	ppid, err1 := strconv.Atoi(f[1])
	pgrp, err2 := strconv.Atoi(f[2])
	if err1 != nil || err2 != nil {
		return procStat{}, false
	}
	return procStat{state: f[0], ppid: ppid, pgrp: pgrp}, true
}

// groupMembers lists the processes of a process group, zombies included.
func groupMembers(pgid int) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		if st, ok := readProcStat(pid); ok && st.pgrp == pgid {
			pids = append(pids, pid)
		}
	}
	return pids
}

// becomeSubreaper makes this test process the parent of every orphan of
// the processes it starts (PR_SET_CHILD_SUBREAPER), so that a provider
// whose CLI was killed can be reaped here instead of being left to init,
// which in a container may never reap it.
func becomeSubreaper(t *testing.T) {
	t.Helper()
	const prSetChildSubreaper = 36
	if _, _, errno := syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 1, 0); errno != 0 {
		t.Fatalf("prctl(PR_SET_CHILD_SUBREAPER): %v", errno)
	}
	// Registered first, so it runs after the cleanups that reap.
	t.Cleanup(func() { _, _, _ = syscall.RawSyscall(syscall.SYS_PRCTL, prSetChildSubreaper, 0, 0) })
}

// killAndReap kills a process that has become this process's child and
// waits for it, failing the test when it cannot be reaped within stopBound.
func killAndReap(t *testing.T, pid int) {
	t.Helper()
	if err := syscall.Kill(pid, syscall.SIGKILL); err != nil && !errors.Is(err, syscall.ESRCH) {
		t.Errorf("killing process %d: %v", pid, err)
	}
	deadline := time.Now().Add(stopBound)
	for {
		var ws syscall.WaitStatus
		got, err := syscall.Wait4(pid, &ws, syscall.WNOHANG, nil)
		switch {
		case got == pid:
			return
		case errors.Is(err, syscall.ECHILD):
			t.Errorf("process %d is not a child of the test, so it cannot be reaped here", pid)
			return
		case err != nil && !errors.Is(err, syscall.EINTR):
			t.Errorf("waiting for process %d: %v", pid, err)
			return
		case time.Now().After(deadline):
			t.Errorf("process %d did not end within %s of SIGKILL", pid, stopBound)
			return
		}
		time.Sleep(10 * time.Millisecond) // polling for the exit of a killed process
	}
}
