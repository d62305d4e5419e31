// Package dora measures a repository's DORA baseline (deployment
// frequency, lead time for changes, change failure rate, time to recover)
// from what its GitHub history records: production deployments and their
// statuses (or published releases), merged pull requests, reverts and
// incident issues. It is plain Go with no I/O: Measure takes what a source
// read and returns the four figures, each with what it was computed from,
// or why there is too little data for it. It never makes a number up.
//
// The definitions follow DORA's published ones and Four Keys' practice;
// docs/dora-baseline.md states them for the team.
package dora
