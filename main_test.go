package main

import (
	"maps"
	"math"
	"runtime/debug"
	"testing"
)

func TestQuietUnwantedLogs(t *testing.T) {
	quiet := map[string]string{
		"TF_LOG_SDK": "OFF", "TF_LOG_SDK_PROTO": "OFF", "TF_LOG_SDK_FRAMEWORK": "OFF", "TF_LOG_PROVIDER_SCF": "OFF",
	}
	tests := []struct {
		name    string
		environ []string
		want    map[string]string
	}{
		{"nothing asked", []string{"PATH=/bin", "TF_CLI_CONFIG_FILE=x.tfrc", "TF_LOG="}, quiet},
		{"TF_LOG", []string{"TF_LOG=DEBUG"}, map[string]string{}},
		{"provider logs", []string{"TF_LOG_PROVIDER=TRACE"}, map[string]string{}},
		{"a log file", []string{"TF_LOG_PATH=/tmp/tf.log"}, map[string]string{}},
		{"one SDK subsystem", []string{"TF_LOG_SDK_FRAMEWORK=TRACE"}, map[string]string{}},
		{"acceptance test log", []string{"TF_ACC_LOG_PATH=/tmp/acc.log"}, map[string]string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := map[string]string{}
			quietUnwantedLogs(tt.environ, func(k, v string) error {
				got[k] = v
				return nil
			})
			if !maps.Equal(got, tt.want) {
				t.Errorf("set %v, want %v", got, tt.want)
			}
		})
	}
}

// TestTuneGC: the provider's collector settings apply only when the user set
// neither GOGC nor GOMEMLIMIT.
func TestTuneGC(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(math.MaxInt64))
	for _, set := range []string{"GOGC", "GOMEMLIMIT"} {
		tuneGC(func(k string) string {
			if k == set {
				return "50"
			}
			return ""
		})
		if got := debug.SetGCPercent(100); got != 100 {
			t.Errorf("with %s set, GC percent = %d, want 100 (untouched)", set, got)
		}
	}
	tuneGC(func(string) string { return "" })
	if got := debug.SetGCPercent(100); got != gcPercent {
		t.Errorf("GC percent = %d, want %d", got, gcPercent)
	}
	if got := debug.SetMemoryLimit(-1); got != memoryLimit {
		t.Errorf("memory limit = %d, want %d", got, memoryLimit)
	}
}
