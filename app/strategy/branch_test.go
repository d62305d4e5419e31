package strategy

import (
	"testing"

	"github.com/pipewright/pipewright/app/pipelinedoc"
)

// TestBranchOf: the **Strategy:** field wins; step 2's prose counts only
// when it names a strategy known here, so no kind is guessed from prose.
func TestBranchOf(t *testing.T) {
	cases := []struct {
		earlier    pipelinedoc.Context
		text, kind string
	}{
		{pipelinedoc.Context{BranchStrategy: "GitFlow"}, "GitFlow", BranchGitFlow},
		{pipelinedoc.Context{BranchStrategy: "our own", Architecture: "trunk-based"}, "our own", BranchOther},
		{pipelinedoc.Context{Architecture: "Trunk-based development; GitHub Actions"}, "Trunk-based development; GitHub Actions", BranchTrunk},
		{pipelinedoc.Context{Architecture: "GitHub Actions builds every commit"}, "", BranchNone},
		{pipelinedoc.Context{}, "", BranchNone},
	}
	for _, c := range cases {
		text, kind := BranchOf(&Session{Earlier: c.earlier})
		if text != c.text || kind != c.kind {
			t.Errorf("BranchOf(%+v) = %q, %q; want %q, %q", c.earlier, text, kind, c.text, c.kind)
		}
	}
}
