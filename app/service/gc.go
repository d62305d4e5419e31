package service

import "runtime/debug"

// GCPercent is the garbage collector's heap-growth target the server runs
// with when GOGC is not set (Go's default is 100). The webhook route
// allocates about 40 KB a delivery (the body, its signature check, the
// compressed copy) against a live heap of a few MB, so at 100 the collector
// ran nearly continuously; at 200 the route spent ~20 % less CPU per
// delivery and acknowledged ~20 % more a second (docs/performance.md; 400
// did no better), for a heap target of three times the live heap instead
// of two. GOGC (and GOMEMLIMIT) in the environment win.
const GCPercent = 200

// TuneGC applies GCPercent unless getenv("GOGC") is set, and reports the
// percentage now in force (-1: GOGC=off) and whether it changed it.
func TuneGC(getenv func(string) string) (percent int, changed bool) {
	if getenv("GOGC") != "" {
		p := debug.SetGCPercent(100)
		debug.SetGCPercent(p)
		return p, false
	}
	debug.SetGCPercent(GCPercent)
	return GCPercent, true
}
