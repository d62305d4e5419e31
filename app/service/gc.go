package service

import "runtime/debug"

// GCPercent is the garbage collector's heap-growth target the server runs
// with when GOGC is not set (Go's default is 100). When the webhook route
// allocated about 40 KB a delivery against a live heap of a few MB, 200
// acknowledged ~20 % more a second than 100 (docs/performance.md; 400 did
// no better). Since the route reads bodies into pooled buffers it allocates
// about 8 KB a delivery, and 100 and 200 measured the same; 200 stays, for
// a heap target of three times the live heap instead of two. GOGC (and
// GOMEMLIMIT) in the environment win.
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
