package comments

import (
	"slices"
	"strings"
	"testing"
)

// TestSectionChangesOnlyOnAccept: running a method or party mode leaves the
// section byte-identical, /reject too; /accept changes it by exactly the
// lines the proposal's diff added, and keeps the seed's structure.
func TestSectionChangesOnlyOnAccept(t *testing.T) {
	r := English()
	for _, set := range apcSets {
		env := envOf(t, set.doc)
		base := session(t, env, set.bodies...)
		before := r.Section(&base)
		for _, body := range []string{"/menu P", "/elicit pre-mortem -- our words", "/elicit 3\nTriggers: 5xx above stable"} {
			proposed, msgs, _ := comment(t, base, env, "dana", body)
			if got := r.Section(&proposed); got != before {
				t.Errorf("%s %q: the section changed before /accept", set.name, body)
			}
			rejected, _, _ := comment(t, proposed, env, "dana", "/reject")
			if got := r.Section(&rejected); got != before {
				t.Errorf("%s %q: /reject changed the section", set.name, body)
			}
			accepted, _, _ := comment(t, proposed, env, "dana", "/accept")
			after := r.Section(&accepted)
			if after == before {
				t.Errorf("%s %q: /accept did not change the section", set.name, body)
			}
			checkSeedStructure(t, after)
			checkProductText(t, set.name, after)
			reply := r.Reply(&proposed, msgs)
			for _, line := range addedLines(reply) {
				if !strings.Contains(after, line) {
					t.Errorf("%s %q: the diff adds %q, the accepted section lacks it", set.name, body, line)
				}
			}
		}
	}
}

// addedLines are the "+" lines of the reply's diff block.
func addedLines(reply string) []string {
	var out []string
	in := false
	for _, l := range strings.Split(reply, "\n") {
		switch {
		case strings.HasSuffix(l, "diff") && strings.HasPrefix(l, "```"):
			in = true
		case in && strings.HasPrefix(l, "```"):
			in = false
		case in && strings.HasPrefix(l, "+") && !strings.HasPrefix(l, "+++"):
			out = append(out, NoPing(strings.TrimPrefix(l, "+")))
		}
	}
	return out
}

// TestMethodsBuildOnAccepted: a method's diff starts from the section with
// everything accepted so far, and the section keeps each accepted step.
func TestMethodsBuildOnAccepted(t *testing.T) {
	r := English()
	env := envOf(t, docFull)
	s := session(t, env, append(slices.Clone(setCanary), "/elicit pre-mortem", "/accept", "/elicit chaos -- we kill pods in staging already")...)
	out, msgs, _ := comment(t, s, env, "dana", "/elicit on-call")
	reply := r.Reply(&out, msgs)
	if from := r.sectionWith(&out, msgs[len(msgs)-1].Accepted); !strings.Contains(from, "- _Pre-mortem:_ ") {
		t.Errorf("the on-call diff does not start from the section with the accepted pre-mortem note:\n%s", from)
	}
	if strings.Contains(reply, "we kill pods in staging already") {
		t.Errorf("the replaced chaos proposal leaked into the on-call diff")
	}
	final := session(t, env, append(slices.Clone(setCanary), "/elicit pre-mortem", "/accept", "/elicit on-call\nMechanism: git revert of the overlay commit", "/accept", "/menu P", "/accept")...)
	section := r.Section(&final)
	checkSeedStructure(t, section)
	for _, want := range []string{"- _Pre-mortem:_ ", "_Refined (On-call lens), in the team's words:_ git revert of the overlay commit", "_Party Mode, FinOps:_ "} {
		if !strings.Contains(section, want) {
			t.Errorf("the section lacks %q", want)
		}
	}
	golden(t, "section-enhanced-canary", section)
}

// TestDiffFenceHoldsAgainstBackticks: team words with backtick runs cannot
// close the diff block.
func TestDiffFenceHoldsAgainstBackticks(t *testing.T) {
	env := envOf(t, docFull)
	s := session(t, env, setCanary...)
	out, msgs, _ := comment(t, s, env, "dana", "/elicit pre-mortem -- see ````` and ``` here")
	got := English().Reply(&out, msgs)
	if !strings.Contains(got, "``````diff\n") {
		t.Errorf("the fence is not longer than the team's backticks:\n%s", got)
	}
	if strings.Count(got, "``````") != 2 {
		t.Errorf("the diff block is not closed once")
	}
}
