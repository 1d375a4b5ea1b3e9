package main

import (
	"testing"
	"time"

	"github.com/scfprovider/terraform-provider-scf/internal/fakescf"
)

func TestFloors(t *testing.T) {
	tests := []struct {
		n, parallelism int
		want           float64
		bound          string
	}{
		{100, 50, 11, "rate"},       // 100/10 + 1 s beats 2 slots of 1 s
		{100, 10, 11, "rate"},       // 11 s beats 10 rounds of 1 s
		{100, 5, 20, "parallelism"}, // 20 rounds of 1 s
		{1, 10, 1.1, "rate"},
	}
	for _, tt := range tests {
		got, bound := floors(tt.n, tt.parallelism, 10, time.Second)
		if got != tt.want || bound != tt.bound {
			t.Errorf("floors(%d, %d) = %v, %s; want %v, %s", tt.n, tt.parallelism, got, bound, tt.want, tt.bound)
		}
	}
}

func TestStatusKiB(t *testing.T) {
	status := []byte("Name:\tterraform-provider-scf\nVmPeak:\t  800000 kB\nVmHWM:\t   41234 kB\nVmRSS:\t   30000 kB\n")
	if got, ok := statusKiB(status, "VmHWM"); !ok || got != 41234 {
		t.Errorf("VmHWM = %d, %v", got, ok)
	}
	if _, ok := statusKiB(status, "VmSwap"); ok {
		t.Error("a missing field was found")
	}
}

func TestStatCPUTicks(t *testing.T) {
	stat := []byte("4242 (terraform-provider-scf) S 1 4242 4242 0 -1 4194560 1234 0 0 0 157 23 0 0 20 0 9 0 100 1000000 2000 18446744073709551615\n")
	if got, ok := statCPUTicks(stat); !ok || got != 180 {
		t.Errorf("statCPUTicks = %d, %v; want 180, true", got, ok)
	}
	odd := []byte("7 (a ) b) R 1 7 7 0 -1 0 0 0 0 0 5 6 0 0 20 0 1 0 1 1 1 1\n")
	if got, ok := statCPUTicks(odd); !ok || got != 11 {
		t.Errorf("statCPUTicks with ') ' in the name = %d, %v; want 11, true", got, ok)
	}
	if _, ok := statCPUTicks([]byte("garbage")); ok {
		t.Error("statCPUTicks accepted garbage")
	}
}

func TestDiffStats(t *testing.T) {
	before := fakescf.Stats{
		Requests:  map[string]int64{"GetFunction": 5},
		Responses: map[string]map[string]int64{"GetFunction": {"OK": 5}},
	}
	after := fakescf.Stats{
		Requests: map[string]int64{"GetFunction": 9, "CreateFunction": 3},
		Responses: map[string]map[string]int64{
			"GetFunction":    {"OK": 8, "RequestLimitExceeded": 1},
			"CreateFunction": {"OK": 2, "RequestLimitExceeded": 1},
		},
		Throttled: 2,
	}
	d := diffStats(before, after)
	if d.requests["GetFunction"] != 4 || d.requests["CreateFunction"] != 3 || d.total() != 7 {
		t.Errorf("requests = %v", d.requests)
	}
	if d.ok["CreateFunction"] != 2 || d.ok["GetFunction"] != 3 {
		t.Errorf("ok = %v", d.ok)
	}
	if d.limitExceeded != 2 || d.throttled != 2 {
		t.Errorf("limitExceeded = %d, throttled = %d", d.limitExceeded, d.throttled)
	}
}

func TestResultLine(t *testing.T) {
	r := result{name: "create_p50"}
	r.add("n", 100)
	r.add("wall_s", 11.456)
	r.add("target", "ratio<=1.10")
	r.add("note", "two words")
	r.add("ratio", 1.0414)
	want := `bench: create_p50 n=100 wall_s=11.46 target="ratio<=1.10" note="two words" ratio=1.04`
	if got := r.line(); got != want {
		t.Errorf("line = %s\nwant   %s", got, want)
	}
	if m := median([]float64{3, 1, 2}); m != 2 {
		t.Errorf("median = %v", m)
	}
	if m := median([]float64{4, 1, 2, 3}); m != 2.5 {
		t.Errorf("median = %v", m)
	}
}
