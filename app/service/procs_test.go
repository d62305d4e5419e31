package service

import (
	"runtime"
	"testing"

	"github.com/pipewright/pipewright/app/store"
)

// TuneProcs adds one P on SQLite only, and never when GOMAXPROCS is set.
func TestTuneProcs(t *testing.T) {
	before := runtime.GOMAXPROCS(0)
	t.Cleanup(func() { runtime.GOMAXPROCS(before) })
	unset := func(string) string { return "" }
	tests := []struct {
		name    string
		getenv  func(string) string
		dialect string
		want    int
	}{
		{"SQLite: one more", unset, store.DialectSQLite, before + 1},
		{"PostgreSQL: unchanged", unset, store.DialectPostgres, before},
		{"GOMAXPROCS set: unchanged", func(k string) string {
			if k == "GOMAXPROCS" {
				return "1"
			}
			return ""
		}, store.DialectSQLite, before},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			runtime.GOMAXPROCS(before)
			procs, changed := TuneProcs(tt.getenv, tt.dialect)
			if procs != tt.want || changed != (tt.want != before) {
				t.Fatalf("TuneProcs = %d, %v; want %d, %v", procs, changed, tt.want, tt.want != before)
			}
			if got := runtime.GOMAXPROCS(0); got != tt.want {
				t.Fatalf("GOMAXPROCS in force %d, want %d", got, tt.want)
			}
		})
	}
}
