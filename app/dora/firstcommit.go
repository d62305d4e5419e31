package dora

import (
	"slices"
	"time"
)

// fromFirstCommit is lead time counted from each change's first commit to
// the first successful deployment that shipped it: DORA's "commit to
// production", with Four Keys' per-commit practice where the history does
// not tell a change's commits apart (see firstCommits). Author dates are
// the author's clock, so a change dated after its deployment is left out
// rather than counted as negative; nil when there is no deployment data.
func fromFirstCommit(in Input, attempts []Deployment) *Lead {
	if in.Source == SourceNone {
		return nil
	}
	shipped := map[string]bool{}
	var leads []float64
	for _, d := range attempts {
		if d.Failed || !d.Compared {
			continue
		}
		for _, first := range firstCommits(d.Commits, shipped) {
			if !first.After(d.At) {
				leads = append(leads, float64(d.At.Sub(first)))
			}
		}
	}
	l := &Lead{Samples: len(leads), Need: MinChanges}
	if len(leads) < MinChanges {
		l.Missing = "too-few-commits"
		return l
	}
	l.Median, l.P90, l.Need = time.Duration(median(leads)), time.Duration(percentile(leads, 0.9)), 0
	return l
}

// firstCommits groups the commits one deployment shipped into changes and
// returns each change's earliest author date. A change is a commit on the
// shipped line's first-parent chain together with the commits only its
// other parents bring in: a merged pull request's branch commits belong to
// its merge commit. A squash, a rebased commit or a direct push is a
// change of its own. When the commits do not form one line (the listing
// was cut short), each commit is its own change. Commits in shipped were
// shipped before and are left out; the ones read here are added to it.
func firstCommits(commits []Commit, shipped map[string]bool) []time.Time {
	byID := map[string]Commit{}
	parent := map[string]bool{}
	for _, c := range commits {
		if !shipped[c.SHA] && c.SHA != "" {
			byID[c.SHA] = c
		}
	}
	for _, c := range byID {
		for _, p := range c.Parents {
			parent[p] = true
		}
	}
	var tips []string
	for sha := range byID {
		if !parent[sha] {
			tips = append(tips, sha)
		}
	}
	for sha := range byID {
		shipped[sha] = true
	}
	var mainline []Commit // newest first
	claimed := map[string]bool{}
	if len(tips) == 1 {
		for c, ok := byID[tips[0]]; ok && !claimed[c.SHA]; { // claimed: git has no cycles, a bad listing might
			mainline, claimed[c.SHA] = append(mainline, c), true
			if len(c.Parents) == 0 {
				break
			}
			c, ok = byID[c.Parents[0]]
		}
	}
	slices.Reverse(mainline)
	var firsts []time.Time
	add := func(t time.Time) {
		if !t.IsZero() {
			firsts = append(firsts, t)
		}
	}
	for _, m := range mainline { // oldest first: what an older one brought in is claimed already
		first := m.At
		var stack []string
		if len(m.Parents) > 1 {
			stack = slices.Clone(m.Parents[1:])
		}
		for len(stack) > 0 {
			sha := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			c, ok := byID[sha]
			if !ok || claimed[sha] {
				continue
			}
			claimed[sha] = true
			first = earliest(first, c.At)
			stack = append(stack, c.Parents...)
		}
		add(first)
	}
	for _, c := range commits { // not on one line: Four Keys' each commit
		if _, ok := byID[c.SHA]; ok && !claimed[c.SHA] {
			claimed[c.SHA] = true
			add(c.At)
		}
	}
	return firsts
}

// earliest is the earlier of two times, a zero one being unknown.
func earliest(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}
