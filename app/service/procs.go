package service

import (
	"runtime"

	"github.com/pipewright/pipewright/app/store"
)

// TuneProcs gives the Go scheduler one processor (P) more than it chose
// (runtime.GOMAXPROCS, the CPUs the process may use) when the store is
// SQLite, unless GOMAXPROCS is set in the environment. It reports the
// number now in force and whether it changed it.
//
// Why: SQLite's commit is a run of pwrite(2) calls and an fsync(2) of the
// WAL, made by the group-commit writer's thread, and a thread in a system
// call keeps its P until the scheduler's monitor takes it back (20 µs or
// more later) and must find one again when the call returns. With a P per
// CPU, every commit left a CPU idle that the webhook requests filling the
// next group needed. One P more keeps them running while the writer
// syncs: pwbench on 2 CPUs, six interleaved pairs, +2 to +8 % deliveries a
// second (+6 to +12 % with the workers running) at the same p99. Not on
// PostgreSQL, whose commits wait on the network, which releases the P:
// there it measured the same or worse.
func TuneProcs(getenv func(string) string, dialect string) (procs int, changed bool) {
	current := runtime.GOMAXPROCS(0)
	if getenv("GOMAXPROCS") != "" || dialect != store.DialectSQLite {
		return current, false
	}
	runtime.GOMAXPROCS(current + 1)
	return current + 1, true
}
