//go:build !race

package main

// raceEnabled: see crash_race_test.go.
const raceEnabled = false
