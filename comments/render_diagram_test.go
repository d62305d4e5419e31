package comments

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// TestDiagramPutsGatesWhereStep3Does: a gate or approval is drawn on the
// edge into the environment step 3 gives it to, never on another; the
// verify stage, the rollback path, the flags and the migration phase show.
func TestDiagramPutsGatesWhereStep3Does(t *testing.T) {
	cases := []struct {
		name, seq, gates string
		bodies           []string
		want, not        []string
	}{
		{"approval into production", "dev → staging → production (approval)", "automated quality gates plus manual approval for production", setCanary,
			[]string{`env2 -->|"approval · automated quality gates plus manual approval for production"| migrate`, `env1 --> env2`, `migrate -->|"Canary Deployment"| env3`, `env3["production"]`},
			[]string{`env1 -->|`}},
		{"gates naming no environment", "dev → staging → production", "smoke tests pass", setCanary,
			[]string{`env1 -->|"smoke tests pass"| env2`, `env2 -->|"smoke tests pass"| migrate`},
			nil},
		{"no gates stated", "dev → staging → production", "", setRecreate,
			[]string{"env1 --> env2", `env2 -->|"Recreate · In-deploy migrations"| env3`},
			[]string{"env1 -->|"}},
		{"a note on the first environment", "dev (auto, on merge) → prod", "", setCanary,
			[]string{`build -->|"auto, on merge"| env1`, `env1["dev"]`, `env2["prod"]`},
			nil},
		{"the rest of the flow", "dev → production", "", setCanary,
			[]string{`env2 --> verify`, `verify{"Verify: error rate above the SLO during the canary analysis"}`, `verify -->|"healthy"| release`,
				`release["Release behind feature flags: Unleash"]`, `release --> contract`, `contract[("Contract schema")]`, `migrate[("Expand schema")]`,
				`verify -.->|"Rollback: Automated rollback"| previous`},
			nil},
	}
	for _, c := range cases {
		doc := strings.Replace(docFull, "dev → staging → production", c.seq, 1)
		doc = strings.Replace(doc, "**Promotion Gates:** smoke tests and SLO burn-rate check", "**Promotion Gates:** "+c.gates, 1)
		s := session(t, envOf(t, doc), c.bodies...)
		d := English().diagram(English().Doc, &s)
		checkMermaid(t, d)
		for _, w := range c.want {
			if !strings.Contains(d, w) {
				t.Errorf("%s: diagram lacks %q:\n%s", c.name, w, d)
			}
		}
		for _, w := range c.not {
			if strings.Contains(d, w) {
				t.Errorf("%s: diagram has %q:\n%s", c.name, w, d)
			}
		}
	}
}

var (
	mermaidNode = regexp.MustCompile(`^    [a-z0-9]+(\["[^"]*"\]|\{"[^"]*"\}|\[\("[^"]*"\)\])$`)
	mermaidEdge = regexp.MustCompile(`^    [a-z0-9]+ (-->|-->\|"[^"|]*"\||-\.->\|"[^"|]*"\|) [a-z0-9]+$`)
)

// checkMermaid is the Go-side structural check of the flowchart (the full
// Mermaid 11 parse is scripts/mermaid-check, see docs/diagram.md): one
// fence, "flowchart LR", every line a quoted node or an edge between
// declared nodes, and every edge's end declared.
func checkMermaid(t *testing.T, d string) {
	t.Helper()
	lines := strings.Split(d, "\n")
	if lines[0] != "```mermaid" || lines[1] != "flowchart LR" || lines[len(lines)-1] != "```" {
		t.Fatalf("not a mermaid flowchart block:\n%s", d)
	}
	declared := map[string]bool{}
	for _, l := range lines[2 : len(lines)-1] {
		switch {
		case mermaidNode.MatchString(l):
			declared[strings.Fields(l)[0][:strings.IndexAny(strings.Fields(l)[0], "[{")]] = true
		case mermaidEdge.MatchString(l):
			f := strings.Fields(l)
			from, to := f[0], f[len(f)-1]
			if !declared[from] || !declared[to] {
				t.Errorf("edge between undeclared nodes: %q", l)
			}
		default:
			t.Errorf("not a node or an edge: %q", l)
		}
	}
}

// TestDiagramsParseWithMermaid parses the diagrams of every section set, in
// every language and with hostile step 3 names, with Mermaid 11 itself. It
// needs node and MERMAID_DIR (a folder where `npm install mermaid@11 jsdom`
// ran, see docs/diagram.md) and skips without them, so CI stays simple.
func TestDiagramsParseWithMermaid(t *testing.T) {
	dir := os.Getenv("MERMAID_DIR")
	node, err := exec.LookPath("node")
	if dir == "" || err != nil {
		t.Skip("set MERMAID_DIR (and have node) to parse the diagrams with Mermaid")
	}
	hostile := strings.Replace(docFull, "dev → staging → production", `dev (auto) → "stage" [eu] | x → prod{1} (approval; "ops" <b>)`, 1)
	hostile = strings.Replace(hostile, "smoke tests and SLO burn-rate check", `a --> b; click x "javascript:alert(1)" %% end`, 1)
	var b strings.Builder
	for _, set := range sectionSets {
		for _, doc := range []string{set.doc, hostile} {
			s := session(t, envOf(t, doc), set.bodies...)
			for _, code := range append([]string{i18n.DefaultLang}, translations...) {
				r := English().With(strategy.Settings{Comm: code, Doc: code})
				b.WriteString(r.diagram(r.Doc, &s) + "\n\n")
			}
		}
	}
	file := filepath.Join(t.TempDir(), "diagrams.md")
	if err := os.WriteFile(file, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(node, filepath.Join("testdata", "mermaid", "check.mjs"), file)
	cmd.Env = append(os.Environ(), "MERMAID_DIR="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("mermaid could not parse a diagram: %v\n%s", err, out)
	}
}
