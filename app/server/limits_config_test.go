package server

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// The limits come from PIPEWRIGHT_* variables over the YAML file, with
// defaults for the rest; nonsense is refused at start.
func TestLoadLimits(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pipewright.yml")
	if err := os.WriteFile(file, []byte("max_connections: 64\nread_timeout: 7s\nmetrics_addr: 127.0.0.1:9090\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := LoadConfig(envOf(map[string]string{
		"PIPEWRIGHT_CONFIG":                    file,
		"PIPEWRIGHT_WEBHOOK_MAX_BODY_BYTES":    "1048576",
		"PIPEWRIGHT_WEBHOOK_BODY_BUDGET_BYTES": "8388608",
		"PIPEWRIGHT_MAX_HEADER_BYTES":          "8192",
		"PIPEWRIGHT_READ_HEADER_TIMEOUT":       "2s",
		"PIPEWRIGHT_WRITE_TIMEOUT":             "30s",
		"PIPEWRIGHT_IDLE_TIMEOUT":              "1m",
	}))
	if err != nil {
		t.Fatal(err)
	}
	want := Limits{MaxBody: 1 << 20, BodyBudget: 8 << 20, MaxConnections: 64, MaxHeaderBytes: 8192,
		ReadHeaderTimeout: 2 * time.Second, ReadTimeout: 7 * time.Second, WriteTimeout: 30 * time.Second, IdleTimeout: time.Minute}
	if c.Limits != want || c.MetricsAddr != "127.0.0.1:9090" {
		t.Errorf("limits %+v, metrics %q; want %+v", c.Limits, c.MetricsAddr, want)
	}
	if d, _ := LoadConfig(envOf(nil)); d.Limits != DefaultLimits() || d.MetricsAddr != "" {
		t.Errorf("defaults: %+v, metrics %q", d.Limits, d.MetricsAddr)
	}
	for _, bad := range []map[string]string{
		{"PIPEWRIGHT_WEBHOOK_MAX_BODY_BYTES": "2MiB"},
		{"PIPEWRIGHT_WEBHOOK_BODY_BUDGET_BYTES": "0"},
		{"PIPEWRIGHT_MAX_CONNECTIONS": "-1"},
		{"PIPEWRIGHT_MAX_HEADER_BYTES": "lots"},
		{"PIPEWRIGHT_READ_TIMEOUT": "10"},
		{"PIPEWRIGHT_IDLE_TIMEOUT": "-5s"},
	} {
		if _, err := LoadConfig(envOf(bad)); err == nil {
			t.Errorf("LoadConfig(%v) accepted it", bad)
		}
	}
}
