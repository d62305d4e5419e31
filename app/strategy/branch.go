package strategy

import "strings"

// Branch strategies the flag category discusses (catalogue keys
// flags.branch.<kind>): the seed asks to "discuss how feature flags
// interact with the deployment pattern and branch strategy".
const (
	BranchNone            = "none" // step 2 states none
	BranchTrunk           = "trunk-based"
	BranchGitFlow         = "gitflow"
	BranchGitHubFlow      = "github-flow"
	BranchReleaseBranches = "release-branches"
	BranchOther           = "other" // stated, in words not recognised here
)

// branchWords recognise a branch strategy in step 2's words, checked in
// order: "GitFlow with release branches" is GitFlow.
var branchWords = []struct {
	kind  string
	words []string
}{
	{BranchGitFlow, []string{"gitflow", "git flow", "git-flow"}},
	{BranchTrunk, []string{"trunk"}},
	{BranchReleaseBranches, []string{"release branch", "release-branch"}},
	{BranchGitHubFlow, []string{"github flow", "github-flow", "feature branch", "feature-branch"}},
}

// BranchKind classifies the branch strategy step 2 states.
func BranchKind(text string) string {
	t := strings.ToLower(strings.TrimSpace(text))
	if t == "" {
		return BranchNone
	}
	for _, b := range branchWords {
		for _, w := range b.words {
			if strings.Contains(t, w) {
				return b.kind
			}
		}
	}
	return BranchOther
}

// BranchOf is the branch strategy step 2 states, with its kind: the
// **Strategy:** field, else step 2's prose when it names a known strategy.
func BranchOf(s *Session) (text, kind string) {
	if k := BranchKind(s.Earlier.BranchStrategy); k != BranchNone {
		return s.Earlier.BranchStrategy, k
	}
	if k := BranchKind(s.Earlier.Architecture); k != BranchNone && k != BranchOther {
		return s.Earlier.Architecture, k
	}
	return "", BranchNone
}
