package comments

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/strategy"
)

// apcSets are the decision sets the A, P and analysis goldens run on.
var apcSets = []struct {
	name   string
	doc    string
	bodies []string
}{
	{"canary", docFull, setCanary},
	{"recreate", docFull, setRecreate},
	{"blue-green", docBare, setBlueGreen},
	{"conflicts", docFull, []string{
		"/start",
		"/decide ab-testing -- we want to learn which checkout converts",
		"/decide flags none",
		"/decide post-deploy",
		"/decide rollback hybrid\nData: the backfill is irreversible\nMechanism: kubectl rollout undo",
		"/decide required",
		"/decide active-active",
		"/target frequency elite\n/target lead-time elite\n/target failure-rate high\n/target mttr elite",
	}},
}

// goldenMethods are the methods with goldens on every set; every other
// method is rendered and checked too, without a golden.
var goldenMethods = []string{"pre-mortem", "failure-modes", "reversibility", "comparative-matrix", "on-call", "round-table"}

// renderReply applies one comment to a session built from bodies and
// renders the reply.
func renderReply(t *testing.T, doc string, bodies []string, body string) (string, strategy.Session) {
	t.Helper()
	env := envOf(t, doc)
	s := session(t, env, bodies...)
	out, msgs, _ := comment(t, s, env, "dana", body)
	r := English()
	r.Versions = map[string]string{"unleash": "v6.3.0"}
	return r.Reply(&out, msgs), out
}

func TestElicitationGoldens(t *testing.T) {
	for _, set := range apcSets {
		t.Run(set.name, func(t *testing.T) {
			got, _ := renderReply(t, set.doc, set.bodies, "/menu A")
			checkProductText(t, "menu A", got)
			golden(t, "apc-menu-a-"+set.name, got)
			for _, m := range strategy.Methods {
				got, out := renderReply(t, set.doc, set.bodies, "/elicit "+m.ID)
				checkProductText(t, m.ID, got)
				checkElicitation(t, m.ID, got, out)
				if slices.Contains(goldenMethods, m.ID) {
					golden(t, "apc-elicit-"+m.ID+"-"+set.name, got)
				}
			}
		})
	}
	more, _ := renderReply(t, docFull, setCanary, "/menu A\n/menu A more")
	golden(t, "apc-menu-a-more", more)
	all, _ := renderReply(t, docFull, setCanary, "/menu A all")
	golden(t, "apc-menu-a-all", all)
	answers, _ := renderReply(t, docFull, setCanary, "/elicit pre-mortem\nWe would see it in checkout errors first.\nTesting: never rehearsed with a migration\nOwner: platform team")
	golden(t, "apc-elicit-answers", answers)
}

var diffFenceRE = regexp.MustCompile("(?m)^(`{3,})diff\n")

// checkElicitation: the seed's question, a diff block that no line inside
// can close, and nothing of the method's text left unfilled.
func checkElicitation(t *testing.T, id, got string, s strategy.Session) {
	t.Helper()
	if !strings.Contains(got, "**Accept these enhancements to the deployment strategy? (y/n)**") {
		t.Errorf("%s: the seed's question is missing", id)
	}
	m := diffFenceRE.FindStringSubmatchIndex(got)
	if m == nil {
		t.Fatalf("%s: no diff block", id)
	}
	fence := got[m[2]:m[3]]
	body := got[m[1]:]
	end := strings.Index(body, "\n"+fence+"\n")
	if end < 0 {
		t.Fatalf("%s: diff block not closed", id)
	}
	for _, l := range strings.Split(body[:end], "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " "), fence) {
			t.Errorf("%s: line %q would close the diff", id, l)
		}
	}
	if s.Pending == nil {
		t.Errorf("%s: nothing pending", id)
	}
}

func TestPartyGoldens(t *testing.T) {
	for _, set := range apcSets {
		t.Run(set.name, func(t *testing.T) {
			got, out := renderReply(t, set.doc, set.bodies, "/menu P")
			checkProductText(t, "party", got)
			if !strings.Contains(got, "**Accept these changes to the deployment strategy? (y/n)**") || out.Pending == nil {
				t.Errorf("no proposal to accept")
			}
			voices := strings.Count(got, "_“")
			if voices < 4 || voices > 6 {
				t.Errorf("%d voices", voices)
			}
			golden(t, "apc-party-"+set.name, got)
		})
	}
}

// TestAnalysisInReview: the review before C shows the consistency analysis,
// whether or not a rule fires.
func TestAnalysisInReview(t *testing.T) {
	for _, set := range apcSets {
		t.Run(set.name, func(t *testing.T) {
			env := envOf(t, set.doc)
			s := session(t, env, set.bodies...)
			got := English().analysis(&s, strategy.Analyze(&s))
			checkProductText(t, "analysis", got)
			golden(t, "apc-analysis-"+set.name, got)
			review, _ := renderReply(t, set.doc, set.bodies, "/menu")
			if !strings.Contains(review, got) || strings.Index(review, got) > strings.Index(review, "**What would you like to do?**") {
				t.Errorf("the review does not show the analysis before the menu")
			}
		})
	}
}
