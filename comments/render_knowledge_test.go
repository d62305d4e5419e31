package comments

import (
	"strings"
	"testing"
)

// TestPatternReplyAndImplementationNameTheCompanion: a pattern step 3's
// tool cannot carry out alone is said in the pattern's reply and named in
// the saved Implementation; a tool that can, a companion step 3 already
// names, or a tool the table does not know, get no claim.
func TestPatternReplyAndImplementationNameTheCompanion(t *testing.T) {
	tests := []struct {
		tool, pattern string
		note          string // in the pattern's reply; "" for none
		impl          string // how the Implementation starts
	}{
		{"Argo CD", "canary", "Argo CD, step 3's deployment tool, does not carry out Canary Deployment by itself: it needs Argo Rollouts", "Argo CD with Argo Rollouts rolls each release"},
		{"Flux", "blue-green", "it needs Flagger for it", "Flux with Flagger deploys each release"},
		{"Helm", "canary", "it needs Argo Rollouts or Flagger for it", "Helm with Argo Rollouts or Flagger rolls each release"},
		{"Argo CD + Argo Rollouts", "canary", "", "Argo CD + Argo Rollouts rolls each release"},
		{"Argo CD", "rolling", "", "Argo CD applies each release"},
		{"Octopus Deploy", "canary", "", "Octopus Deploy rolls each release"},
	}
	for _, tt := range tests {
		t.Run(tt.tool+"/"+tt.pattern, func(t *testing.T) {
			doc := strings.Replace(docFull, "**Tool:** Argo CD", "**Tool:** "+tt.tool, 1)
			env := envOf(t, doc)
			s := session(t, env, "/start", "/decide "+tt.pattern)
			r := English()
			reply := r.decision(&s, "pattern", "")
			if tt.note == "" && strings.Contains(reply, "ℹ️") {
				t.Errorf("reply claims something about %s:\n%s", tt.tool, reply)
			}
			if tt.note != "" && !strings.Contains(reply, tt.note) {
				t.Errorf("reply lacks %q:\n%s", tt.note, reply)
			}
			full := session(t, env, append([]string{"/start", "/decide " + tt.pattern}, setCanary[2:]...)...)
			if section := r.Section(&full); !strings.Contains(section, "**Implementation:** "+tt.impl) {
				t.Errorf("Implementation does not start %q:\n%s", tt.impl, section)
			}
		})
	}
}
