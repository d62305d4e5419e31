package service

import (
	"runtime/debug"
	"testing"
)

// TuneGC sets GCPercent only when GOGC is not set.
func TestTuneGC(t *testing.T) {
	before := debug.SetGCPercent(100)
	t.Cleanup(func() { debug.SetGCPercent(before) })
	env := map[string]string{"GOGC": "50"}
	debug.SetGCPercent(50)
	if p, changed := TuneGC(func(k string) string { return env[k] }); changed || p != 50 {
		t.Fatalf("with GOGC=50: percent %d, changed %v; want 50, false", p, changed)
	}
	if p, changed := TuneGC(func(string) string { return "" }); !changed || p != GCPercent {
		t.Fatalf("without GOGC: percent %d, changed %v; want %d, true", p, changed, GCPercent)
	}
	if got := debug.SetGCPercent(GCPercent); got != GCPercent {
		t.Fatalf("GC percent in force %d, want %d", got, GCPercent)
	}
}
