//go:build race

package main

// raceEnabled: the test binary runs under the race detector, so the server
// binary it builds for the crash test does too (and reuses its build cache).
const raceEnabled = true
