package main

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"
)

// rssInterval is how often the sampler looks at /proc.
const rssInterval = 20 * time.Millisecond

// rssSampler watches /proc for processes running one executable and keeps
// the highest VmHWM (the kernel's own peak-RSS high-water mark) it saw. As
// VmHWM only grows, the last sample before a process exits is within one
// interval of its true peak; only a process that lives shorter than an
// interval can be missed entirely.
type rssSampler struct {
	exe  string
	stop chan struct{}
	done chan struct{}

	mu      sync.Mutex
	peakKiB int64
	pids    map[int]bool
}

// startRSS begins sampling processes whose executable is exe.
func startRSS(exe string) *rssSampler {
	s := &rssSampler{exe: exe, stop: make(chan struct{}), done: make(chan struct{}), pids: map[int]bool{}}
	go s.loop()
	return s
}

func (s *rssSampler) loop() {
	defer close(s.done)
	t := time.NewTicker(rssInterval)
	defer t.Stop()
	for {
		s.sample()
		select {
		case <-s.stop:
			return
		case <-t.C:
		}
	}
}

// finish stops sampling and returns the peak in KiB and how many distinct
// provider processes were seen.
func (s *rssSampler) finish() (peakKiB int64, processes int) {
	close(s.stop)
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.peakKiB, len(s.pids)
}

func (s *rssSampler) sample() {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return
	}
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		dir := filepath.Join("/proc", e.Name())
		exe, err := os.Readlink(filepath.Join(dir, "exe"))
		if err != nil || strings.TrimSuffix(exe, " (deleted)") != s.exe {
			continue
		}
		status, err := os.ReadFile(filepath.Join(dir, "status"))
		if err != nil {
			continue
		}
		kib, ok := statusKiB(status, "VmHWM")
		if !ok {
			continue
		}
		s.mu.Lock()
		s.pids[pid] = true
		s.peakKiB = max(s.peakKiB, kib)
		s.mu.Unlock()
	}
}

// statusKiB reads a "Name:   123 kB" field of /proc/PID/status.
func statusKiB(status []byte, name string) (int64, bool) {
	sc := bufio.NewScanner(bytes.NewReader(status))
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok || key != name {
			continue
		}
		fields := strings.Fields(value)
		if len(fields) != 2 || fields[1] != "kB" {
			return 0, false
		}
		n, err := strconv.ParseInt(fields[0], 10, 64)
		return n, err == nil
	}
	return 0, false
}

func kibToMiB(kib int64) float64 { return float64(kib) / 1024 }
