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

// userHZ is the unit of the CPU times in /proc/PID/stat: USER_HZ, which
// Linux fixes at 100 for user space on every architecture Go supports.
const userHZ = 100

// rssSampler watches /proc for processes running one executable and keeps
// the highest VmHWM (the kernel's own peak-RSS high-water mark) it saw, and
// the CPU time (user+system) each process had used when last seen. As both
// only grow, the last sample before a process exits is within one interval
// of the truth; only a process that lives shorter than an interval can be
// missed entirely.
type rssSampler struct {
	exe  string
	stop chan struct{}
	done chan struct{}

	mu       sync.Mutex
	peakKiB  int64
	pids     map[int]bool
	cpuTicks map[int]int64 // pid -> utime+stime at the last sample
}

// startRSS begins sampling processes whose executable is exe.
func startRSS(exe string) *rssSampler {
	s := &rssSampler{exe: exe, stop: make(chan struct{}), done: make(chan struct{}), pids: map[int]bool{}, cpuTicks: map[int]int64{}}
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

// finish stops sampling and returns the peak in KiB, how many distinct
// provider processes were seen and the CPU time they used together.
func (s *rssSampler) finish() (peakKiB int64, processes int, cpu time.Duration) {
	close(s.stop)
	<-s.done
	s.mu.Lock()
	defer s.mu.Unlock()
	var ticks int64
	for _, t := range s.cpuTicks {
		ticks += t
	}
	return s.peakKiB, len(s.pids), time.Duration(ticks) * time.Second / userHZ
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
		stat, err := os.ReadFile(filepath.Join(dir, "stat"))
		ticks, cpuOK := statCPUTicks(stat)
		s.mu.Lock()
		s.pids[pid] = true
		s.peakKiB = max(s.peakKiB, kib)
		if err == nil && cpuOK {
			s.cpuTicks[pid] = max(s.cpuTicks[pid], ticks)
		}
		s.mu.Unlock()
	}
}

// statCPUTicks reads utime+stime (fields 14 and 15) of /proc/PID/stat. The
// fields are counted after the command name, which is in parentheses and
// may itself hold spaces.
func statCPUTicks(stat []byte) (int64, bool) {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, false
	}
	fields := strings.Fields(string(stat[i+1:])) // fields[0] is field 3, the state
	if len(fields) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseInt(fields[11], 10, 64)
	stime, err2 := strconv.ParseInt(fields[12], 10, 64)
	return utime + stime, err1 == nil && err2 == nil
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
