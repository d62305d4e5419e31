package comments

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// docEarlier is docFull with steps 1 and 2 in BMAD's wording.
var docEarlier = strings.Replace(docFull, "## Pipeline Stages", `## Project Context

### Infrastructure

Kubernetes (EKS) in one AWS region

## Pipeline Architecture

### CI/CD Platform

**Platform:** GitHub Actions

### Branch Strategy

**Strategy:** GitFlow with release branches

## Pipeline Stages`, 1)

// TestContextShowsStepsOneAndTwo: the seed makes step 1's infrastructure
// and step 2's platform and branch strategy available; the context block
// shows them, and says so when the document does not state them.
func TestContextShowsStepsOneAndTwo(t *testing.T) {
	got, _ := renderReply(t, docEarlier, nil, "/start")
	golden(t, "reply-start-earlier-steps", got)
	for _, want := range []string{"- Infrastructure (step 1): Kubernetes (EKS) in one AWS region", "- CI/CD platform (step 2): GitHub Actions", "- Branch strategy (step 2): GitFlow with release branches"} {
		if !strings.Contains(got, want) {
			t.Errorf("context lacks %q:\n%s", want, got)
		}
	}
	bare, _ := renderReply(t, docFull, nil, "/start")
	if !strings.Contains(bare, "- Branch strategy (step 2): _not found in the document_") {
		t.Errorf("an absent branch strategy is not said to be absent:\n%s", bare)
	}
}

// TestFlagsDiscussTheChosenBranchStrategy: the flag category discusses the
// branch strategy step 2 actually chose, in every language and skill level.
func TestFlagsDiscussTheChosenBranchStrategy(t *testing.T) {
	cases := []struct{ branch, kind string }{
		{"Trunk-based development", strategy.BranchTrunk},
		{"GitFlow with release branches", strategy.BranchGitFlow},
		{"GitHub Flow", strategy.BranchGitHubFlow},
		{"release branches cut per quarter", strategy.BranchReleaseBranches},
		{"whatever the lead says", strategy.BranchOther},
		{"", strategy.BranchNone},
	}
	for _, c := range cases {
		if got := strategy.BranchKind(c.branch); got != c.kind {
			t.Errorf("BranchKind(%q) = %q, want %q", c.branch, got, c.kind)
		}
		doc := strings.Replace(docEarlier, "GitFlow with release branches", c.branch, 1)
		env := envOf(t, doc)
		s := session(t, env, "/start")
		for _, code := range append([]string{i18n.DefaultLang}, translations...) {
			for _, skill := range []string{"", i18n.Expert} {
				r := English().With(strategy.Settings{Comm: code, Skill: skill})
				got := r.Reply(&s, []strategy.Message{{Kind: strategy.MsgAsk, Category: strategy.CatFlags}})
				want := r.Lang.T("flags.branch."+c.kind, "strategy", c.branch)
				if !strings.Contains(got, want) {
					t.Errorf("%s/%s, branch %q: the flags ask lacks %q", code, skill, c.branch, want)
				}
				other := r.Reply(&s, []strategy.Message{{Kind: strategy.MsgAsk, Category: strategy.CatPattern}})
				if strings.Contains(other, want) {
					t.Errorf("%s: the branch note shows outside the flag category", code)
				}
			}
		}
	}
}

// TestMigrationOptionsShowDowntime: each migration option states its
// downtime effect beside its rollback effect, in full and compact asks.
func TestMigrationOptionsShowDowntime(t *testing.T) {
	env := envOf(t, docFull)
	s := session(t, env, "/start")
	for _, code := range append([]string{i18n.DefaultLang}, translations...) {
		for _, skill := range []string{"", i18n.Expert} {
			r := English().With(strategy.Settings{Comm: code, Skill: skill})
			got := r.Reply(&s, []strategy.Message{{Kind: strategy.MsgAsk, Category: strategy.CatMigrations}})
			cat, _ := strategy.CategoryByID(strategy.CatMigrations)
			for _, o := range cat.Options {
				if d := r.Lang.Option("migrations", o.ID).Downtime; d == "" || !strings.Contains(got, d) {
					t.Errorf("%s/%s: %s's downtime effect %q is not shown", code, skill, o.ID, d)
				}
			}
			if !strings.Contains(got, r.Lang.T("ask.col-downtime")) {
				t.Errorf("%s/%s: no downtime column", code, skill)
			}
		}
	}
}
