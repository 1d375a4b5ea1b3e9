package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

// fakeProc is one scf-fake subprocess with fresh, in-memory state.
type fakeProc struct {
	cmd      *exec.Cmd
	endpoint string
	logPath  string
	done     chan struct{}
}

const listenPrefix = "scf-fake listening on "

// startFake starts bin/scf-fake on a free loopback port with the given
// create delay, its default rate limits and any further flags, and waits
// for its address.
func startFake(ctx context.Context, bin, dir string, delay time.Duration, flags ...string) (*fakeProc, error) {
	logPath := filepath.Join(dir, "scf-fake.log")
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer func() { _ = logFile.Close() }() // the child holds its own descriptor

	cmd := exec.CommandContext(ctx, bin, append([]string{"-listen", "127.0.0.1:0", "-create-delay", delay.String()}, flags...)...)
	cmd.Cancel = func() error { return cmd.Process.Signal(syscall.SIGTERM) }
	cmd.WaitDelay = 10 * time.Second
	cmd.Stderr = logFile
	// A process group of its own keeps a terminal's Ctrl-C away from the
	// fake; the bench stops it itself.
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting scf-fake: %w", err)
	}
	f := &fakeProc{cmd: cmd, logPath: logPath, done: make(chan struct{})}
	lines := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		if sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
		_, _ = io.Copy(io.Discard, stdout)
	}()
	go func() {
		_ = cmd.Wait()
		close(f.done)
	}()
	select {
	case line, ok := <-lines:
		if !ok || !strings.HasPrefix(line, listenPrefix) {
			f.stop()
			return nil, fmt.Errorf("scf-fake did not report its address (first line %q); see %s", line, logPath)
		}
		f.endpoint = strings.TrimPrefix(line, listenPrefix)
	case <-time.After(10 * time.Second):
		f.stop()
		return nil, fmt.Errorf("scf-fake did not report its address within 10 s; see %s", logPath)
	case <-ctx.Done():
		f.stop()
		return nil, ctx.Err()
	}
	return f, nil
}

// stop ends the fake with SIGTERM, then SIGKILL after 10 s. It is safe to
// call more than once.
func (f *fakeProc) stop() {
	if f == nil {
		return
	}
	select {
	case <-f.done:
		return
	default:
	}
	_ = f.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-f.done:
	case <-time.After(10 * time.Second):
		_ = f.cmd.Process.Kill()
		<-f.done
	}
}

// stats reads the fake's request and response counters.
func (f *fakeProc) stats(ctx context.Context) (fakescf.Stats, error) {
	var s fakescf.Stats
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, f.endpoint+"/_fake/stats", nil)
	if err != nil {
		return s, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return s, fmt.Errorf("reading scf-fake stats: %w", err)
	}
	defer func() { _ = resp.Body.Close() }()
	if resp.StatusCode != http.StatusOK {
		return s, fmt.Errorf("reading scf-fake stats: HTTP %s", resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&s); err != nil {
		return s, fmt.Errorf("decoding scf-fake stats: %w", err)
	}
	return s, nil
}

// statsDelta is what the server counted between two Stats snapshots.
type statsDelta struct {
	requests map[string]int64
	ok       map[string]int64
	// limitExceeded counts RequestLimitExceeded answers of every action,
	// whether from the rate limiter or an injected fault.
	limitExceeded int64
	// throttled counts the rate limiter's own refusals.
	throttled int64
}

func diffStats(before, after fakescf.Stats) statsDelta {
	d := statsDelta{requests: map[string]int64{}, ok: map[string]int64{}, throttled: after.Throttled - before.Throttled}
	for action, n := range after.Requests {
		if v := n - before.Requests[action]; v != 0 {
			d.requests[action] = v
		}
	}
	for action, codes := range after.Responses {
		prev := before.Responses[action]
		d.limitExceeded += codes["RequestLimitExceeded"] - prev["RequestLimitExceeded"]
		if v := codes["OK"] - prev["OK"]; v != 0 {
			d.ok[action] = v
		}
	}
	return d
}

// total sums the requests of every action.
func (d statsDelta) total() int64 {
	var n int64
	for _, v := range d.requests {
		n += v
	}
	return n
}

// statsWatcher polls the fake's counters while a command runs, to split its
// wall time into phases: until the first CreateFunction (Terraform start-up
// and plan), the creates, and after the last API request (the last poll's
// answer, state writing and exit). Times are as seen every watchInterval.
type statsWatcher struct {
	fake  *fakeProc
	start time.Time
	stop  chan struct{}
	done  chan struct{}

	firstCreate, lastCreate, lastRequest time.Duration
}

const watchInterval = 20 * time.Millisecond

func watchStats(ctx context.Context, f *fakeProc, start time.Time) *statsWatcher {
	w := &statsWatcher{fake: f, start: start, stop: make(chan struct{}), done: make(chan struct{}),
		firstCreate: -1, lastCreate: -1, lastRequest: -1}
	go w.loop(ctx)
	return w
}

func (w *statsWatcher) loop(ctx context.Context) {
	defer close(w.done)
	t := time.NewTicker(watchInterval)
	defer t.Stop()
	var creates, total int64
	for {
		select {
		case <-w.stop:
			return
		case <-t.C:
		}
		s, err := w.fake.stats(ctx)
		if err != nil {
			continue
		}
		now := time.Since(w.start)
		// The stats request itself is not counted: it names no action.
		d := diffStats(fakescfZero, s)
		if c := d.requests["CreateFunction"]; c > creates {
			if creates == 0 {
				w.firstCreate = now
			}
			creates, w.lastCreate = c, now
		}
		if n := d.total(); n > total {
			total, w.lastRequest = n, now
		}
	}
}

// finish stops polling; the phases are then readable.
func (w *statsWatcher) finish() {
	close(w.stop)
	<-w.done
}

var fakescfZero = fakescf.Stats{}
