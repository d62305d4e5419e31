package comments

import (
	"slices"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/strategy"
)

func TestToolsShown(t *testing.T) {
	doc := strings.Replace(docFull, "**Tool:** Argo CD", "**Tool:** Argo CD (v3.1.0)", 1)
	env := envOf(t, doc)
	s := session(t, env, "/start", "/decide canary", "/decide custom -- built on OpenFeature with flagd", "/decide expand-contract -- Flyway scripts")
	tests := []struct {
		name   string
		msgs   []strategy.Message
		saving bool
		want   []string
	}{
		{"pattern decision: step 3's tool and the companion", []strategy.Message{{Kind: strategy.MsgDecision, Category: strategy.CatPattern}}, false, []string{"argo-cd", "argo-rollouts"}},
		{"migrations decision: the tool named", []strategy.Message{{Kind: strategy.MsgDecision, Category: strategy.CatMigrations}}, false, []string{"flyway"}},
		{"flags decision: the tools named", []strategy.Message{{Kind: strategy.MsgDecision, Category: strategy.CatFlags}}, false, []string{"flagd", "openfeature"}},
		{"flags question: every flag option's tool", []strategy.Message{{Kind: strategy.MsgAsk, Category: strategy.CatFlags}}, false, []string{"flagsmith", "launchdarkly", "unleash"}},
		{"a steady-state decision shows none", []strategy.Message{{Kind: strategy.MsgDecision, Category: strategy.CatRollback}, {Kind: strategy.MsgAsk, Category: strategy.CatDowntime}}, false, nil},
		{"saving: every tool named", nil, true, []string{"argo-cd", "argo-rollouts", "flagd", "flyway", "openfeature"}},
	}
	for _, tt := range tests {
		if got := ToolsShown(&s, tt.msgs, tt.saving); !slices.Equal(got, tt.want) {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestVersionsAreComparedAndUnverifiedSaidOnce: step 3's own version is
// compared with the latest release and a newer one pointed out; tools that
// could not be verified are named in one line, not on each.
func TestVersionsAreComparedAndUnverifiedSaidOnce(t *testing.T) {
	for _, tt := range []struct{ stated, want, not string }{
		{"v3.1.0", "Argo CD v3.2.1 (step 3 names v3.1.0: a newer release is out)", ""},
		{"v3.2.1", "Argo CD v3.2.1", "a newer release"},
		{"", "Argo CD v3.2.1", "a newer release"},
	} {
		doc := strings.Replace(docFull, "**Tool:** Argo CD", "**Tool:** Argo CD "+tt.stated, 1)
		s := session(t, envOf(t, doc), "/start", "/decide canary")
		r := English()
		r.Versions = map[string]string{"argo-cd": "v3.2.1", "argo-rollouts": "v1.8.3"}
		reply := r.decision(&s, strategy.CatPattern, "")
		if !strings.Contains(reply, "Latest releases verified on GitHub: "+tt.want+"; Argo Rollouts v1.8.3.") {
			t.Errorf("step 3 says %q; reply lacks %q:\n%s", tt.stated, tt.want, reply)
		}
		if tt.not != "" && strings.Contains(reply, tt.not) {
			t.Errorf("step 3 says %q; reply says %q", tt.stated, tt.not)
		}
	}

	s := session(t, envOf(t, docFull), "/start", "/decide canary")
	r := English()
	r.Unverified = []string{"launchdarkly", "unleash", "flagsmith", "argo-cd", "argo-rollouts"}
	ask := r.Reply(&s, []strategy.Message{{Kind: strategy.MsgDecision, Category: strategy.CatPattern}, {Kind: strategy.MsgAsk, Category: strategy.CatFlags}})
	if n := strings.Count(ask, "Not verified on GitHub"); n != 1 {
		t.Errorf("the reply says %d times that versions are not verified, want once:\n%s", n, ask)
	}
	if strings.Contains(ask, "version not verified") {
		t.Errorf("a line of the table says it is not verified:\n%s", ask)
	}
	r.Unverified, r.Versions = nil, map[string]string{"unleash": "v6.3.0"}
	if ask := r.ask(&s, strategy.CatFlags); !strings.Contains(ask, "**Unleash** (latest v6.3.0)") || strings.Contains(ask, "Not verified") {
		t.Errorf("verified version not shown on its line, or an unverified note without a failed look-up:\n%s", ask)
	}
}
