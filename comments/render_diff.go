package comments

import (
	"strings"

	"github.com/pmezard/go-difflib/difflib"

	"github.com/pipewright/pipewright/app/strategy"
)

// diffContext is how many unchanged lines frame each change: enough to
// see which ### heading and field a change lands under.
const diffContext = 2

// proposalDiff shows what /accept would change: a line diff of the section
// from the version with the accepted enhancements to the version with the
// proposal too. It is empty when the proposal changes nothing.
func (r Render) proposalDiff(s *strategy.Session, accepted []strategy.Enhancement, p *strategy.Proposal) string {
	before := r.sectionWith(s, accepted)
	after := r.sectionWith(s, append(append([]strategy.Enhancement(nil), accepted...), p.Changes...))
	if before == after {
		return ""
	}
	diff, err := difflib.GetUnifiedDiffString(difflib.UnifiedDiff{
		A: difflib.SplitLines(before), B: difflib.SplitLines(after),
		FromFile: r.Lang.T("diff.before"), ToFile: r.Lang.T("diff.after"), Context: diffContext,
	})
	if err != nil || diff == "" {
		return ""
	}
	diff = NoPing(strings.TrimRight(diff, "\n"))
	// The section holds a ``` mermaid fence; a longer fence cannot be
	// closed by any line inside.
	fence := strings.Repeat("`", max(3, maxRun(diff, '`')+1))
	return fence + "diff\n" + diff + "\n" + fence
}

// maxRun is the longest run of c in s.
func maxRun(s string, c byte) int {
	best, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			run++
			best = max(best, run)
		} else {
			run = 0
		}
	}
	return best
}
