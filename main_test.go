package main

import (
	"maps"
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
