package comments

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/pipelinedoc"
)

// seedStructure is the seed's Content Structure: each ### heading in order
// with the bold fields it must hold.
var seedStructure = []struct {
	heading string
	fields  []string
}{
	{"DORA Metrics Alignment", []string{"**Target Profile:**", "- Deployment Frequency: ", "- Lead Time for Changes: ", "- Change Failure Rate: ", "- Mean Time to Recovery: "}},
	{"Deployment Pattern", []string{"**Pattern:** ", "**Implementation:** ", "**Rationale:** "}},
	{"Feature Flag Strategy", []string{"**Approach:** ", "**Tool:** ", "**Integration:** "}},
	{"Database Migration Strategy", []string{"**Approach:** ", "**Coordination:** ", "**Rollback Impact:** "}},
	{"Rollback Strategy", []string{"**Type:** ", "**Triggers:** ", "**Mechanism:** ", "**Data Handling:** ", "**Testing:** "}},
	{"Zero-Downtime Approach", []string{"**Requirement Level:** ", "**Implementation:**"}},
	{"Multi-Region Strategy", []string{"**Approach:** "}},
	{"Deployment Strategy Summary", []string{"```mermaid\nflowchart LR\n"}},
}

// checkSeedStructure asserts the section has the seed's headings in order,
// each with its fields, and nothing else at heading level.
func checkSeedStructure(t *testing.T, section string) {
	t.Helper()
	if !strings.HasPrefix(section, "## Deployment Strategy\n\n### DORA Metrics Alignment\n") {
		t.Errorf("section does not open with the seed's headings:\n%.200s", section)
	}
	parts := strings.Split(section, "\n### ")
	if len(parts) != len(seedStructure)+1 {
		t.Fatalf("section has %d ### headings, want %d", len(parts)-1, len(seedStructure))
	}
	for i, want := range seedStructure {
		body := parts[i+1]
		if !strings.HasPrefix(body, want.heading+"\n") {
			t.Errorf("heading %d is %q, want %q", i+1, strings.SplitN(body, "\n", 2)[0], want.heading)
			continue
		}
		for _, f := range want.fields {
			if !strings.Contains(body, "\n"+f) {
				t.Errorf("### %s lacks %q", want.heading, f)
			}
		}
	}
	for _, line := range strings.Split(section, "\n") {
		if strings.HasPrefix(strings.TrimLeft(line, " "), "#") && !strings.HasPrefix(line, "## Deployment Strategy") &&
			!strings.HasPrefix(line, "### ") {
			t.Errorf("unexpected heading line %q", line)
		}
	}
	fences := 0
	for _, line := range strings.Split(section, "\n") {
		if t := strings.TrimLeft(line, " "); strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			fences++
		}
	}
	if fences != 2 {
		t.Errorf("section has %d fence lines, want the mermaid block's two", fences)
	}
	if !strings.HasSuffix(section, "```\n") {
		t.Errorf("section does not end with the diagram")
	}
}

var sectionSets = []struct {
	name   string
	doc    string
	bodies []string
	want   map[string]string // strings the section must hold (the team's words, what is open)
}{
	{"canary-unleash-expand-contract", docFull, setCanary, map[string]string{
		"pattern rationale":  "**Rationale:** We already watch error rate and latency per version in Argo Rollouts.",
		"tool version":       "**Tool:** Unleash (v6.3.0)",
		"answered trigger":   "**Triggers:** error rate above the SLO during the canary analysis",
		"open mechanism":     "**Mechanism:** _Not decided yet_",
		"tool and companion": "Argo CD with Argo Rollouts rolls each release through dev → staging → production with a GitOps (pull-based) workflow",
		"skip rationale":     "One region serves all our customers.",
		"tier target":        "- Deployment Frequency: On demand (multiple deploys per day) (DORA Elite)",
		"diagram gate":       `env1 -->|"smoke tests and SLO burn-rate check"| env2`,
	}},
	{"recreate-none-in-deploy", docFull, setRecreate, map[string]string{
		"pattern":             "**Pattern:** Recreate",
		"no tool":             "**Tool:** N/A",
		"answered triggers":   "**Triggers:** the on-call engineer judges the nightly run failed",
		"answered mechanism":  "**Mechanism:** redeploy the previous image tag",
		"answered data":       "**Data Handling:** restore the pre-deploy snapshot",
		"answered testing":    "**Testing:** rehearsed before each quarter",
		"rollback note":       "- Owner: platform team",
		"downtime note":       "- Draining: not needed",
		"regions subs":        "- Order: the smaller region first",
		"regions traffic":     "- Traffic: DNS latency routing with health checks",
		"migration rationale": "**Rationale:** Migrations run in the deploy job, before the new pods start.",
		"text target":         "- Lead Time for Changes: a change is live by the next window",
	}},
	{"blue-green-no-step3-context", docBare, setBlueGreen, map[string]string{
		"no rationale":    "**Rationale:** _Not stated yet_",
		"no tool":         "The deployment tool chosen in step 3 deploys each release",
		"no method":       "through a deployment workflow",
		"open triggers":   "**Triggers:** _Not decided yet_",
		"regions open":    "- Order: _Not decided yet_",
		"production only": "migrate -->|\"Blue-Green Deployment\"| env1",
		"custom flags":    "**Tool:** N/A",
	}},
}

func TestSectionGoldens(t *testing.T) {
	for _, set := range sectionSets {
		t.Run(set.name, func(t *testing.T) {
			env := envOf(t, set.doc)
			s := session(t, env, set.bodies...)
			if !s.Complete() {
				t.Fatalf("set is incomplete: %v %v", s.MissingCategories(), s.MissingTargets())
			}
			r := English()
			r.Versions = map[string]string{"unleash": "v6.3.0"}
			section := r.Section(&s)
			checkSeedStructure(t, section)
			checkProductText(t, set.name, section)
			for what, w := range set.want {
				if !strings.Contains(section, w) {
					t.Errorf("%s: section lacks %q", what, w)
				}
			}
			golden(t, "section-"+set.name, section)

			// Saved into the document: one region, and saving it again
			// changes nothing.
			saved, err := pipelinedoc.Save("pipeline.md", []byte(set.doc), section)
			if err != nil {
				t.Fatal(err)
			}
			checkSavedOnce(t, saved)
			again, err := pipelinedoc.Save("pipeline.md", saved, section)
			if err != nil || !bytes.Equal(again, saved) {
				t.Errorf("saving the same section again changed the document (err %v)", err)
			}
		})
	}
}

// TestSectionSubsOnlyWhereTheyApply: Zero-Downtime lists the four
// sub-decisions only for "required", Multi-Region only when multi-region.
func TestSectionSubsOnlyWhereTheyApply(t *testing.T) {
	env := envOf(t, docFull)
	cases := []struct {
		downtime, regions string
		shutdown, order   bool
	}{
		{"required", "single-region", true, false},
		{"maintenance-window", "active-passive", false, true},
		{"best-effort", "active-active", false, true},
	}
	for _, tc := range cases {
		s := session(t, env, append(setCanary[:len(setCanary)-3:len(setCanary)-3],
			"/decide downtime "+tc.downtime, "/decide regions "+tc.regions, setCanary[len(setCanary)-1])...)
		section := English().Section(&s)
		checkSeedStructure(t, section)
		if got := strings.Contains(section, "- Shutdown: "); got != tc.shutdown {
			t.Errorf("%s: shutdown listed %v", tc.downtime, got)
		}
		if got := strings.Contains(section, "- Order: "); got != tc.order {
			t.Errorf("%s: region order listed %v", tc.regions, got)
		}
	}
}

var beginMarkerRE = regexp.MustCompile(`(?m)^<!-- pipewright:deployment-strategy:begin sha256=[0-9a-f]{64} -->\r?$`)

// checkSavedOnce: the document holds exactly one saved region, it parses,
// and step 4 is recorded.
func checkSavedOnce(t *testing.T, doc []byte) {
	t.Helper()
	if n := len(beginMarkerRE.FindAll(doc, -1)); n != 1 {
		t.Errorf("document has %d begin markers, want 1", n)
	}
	markerLines := 0
	for _, l := range strings.Split(string(doc), "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "<!-- pipewright:deployment-strategy:") {
			markerLines++
		}
	}
	if markerLines != 2 {
		t.Errorf("document has %d marker lines, want begin and end", markerLines)
	}
	if n := bytes.Count(doc, []byte(pipelinedoc.EndMarker)); n != 1 {
		t.Errorf("document has %d end markers, want 1", n)
	}
	parsed, err := pipelinedoc.Parse("pipeline.md", doc)
	if err != nil {
		t.Fatalf("saved document does not parse: %v", err)
	}
	if !parsed.HasSavedSection || parsed.SaveBlocked != nil {
		t.Errorf("saved region not recognised: has %v blocked %v", parsed.HasSavedSection, parsed.SaveBlocked)
	}
	if got := parsed.StepsCompleted; len(got) != 4 || got[3] != 4 {
		t.Errorf("stepsCompleted %v", got)
	}
}

// TestSectionKeepsStep3Words: step 3's values reach the section escaped.
func TestSectionKeepsStep3Words(t *testing.T) {
	doc := strings.Replace(docFull, "**Tool:** Argo CD", "**Tool:** Argo CD | Flux <!-- x --> @ops", 1)
	doc = strings.Replace(doc, "dev → staging → production", `dev → "stage" [eu] → prod{1}`, 1)
	env := envOf(t, doc)
	s := session(t, env, setCanary...)
	section := English().Section(&s)
	checkSeedStructure(t, section)
	if strings.Contains(section, "<!--") {
		t.Errorf("an HTML comment from step 3 reached the section")
	}
	if !strings.Contains(section, "Argo CD | Flux &lt;!-- x --&gt; @ops with Argo Rollouts rolls each release") {
		t.Errorf("step 3 tool not kept:\n%s", section)
	}
	if !strings.Contains(section, `env2["#quot;stage#quot; (eu)"]`) || !strings.Contains(section, `env3["prod(1)"]`) {
		t.Errorf("environment names not made safe for mermaid:\n%s", section)
	}
}
