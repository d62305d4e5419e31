package comments

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pipewright/pipewright/app/strategy"
)

// diagram is the seed's "visual summary of complete deployment flow from
// commit to production", as a Mermaid flowchart (Mermaid 11 syntax; see
// docs/diagram.md for the manual check). It claims only what the team or
// step 3 stated: an environment's note in step 3's sequence ("production
// (approval)") labels the edge into that environment, step 3's promotion
// gates label the promotions between environments, the pattern labels the
// deploy to the last environment, and the migration phase, the verify
// stage, the release behind flags and the rollback path sit where they act.
func (r Render) diagram(c catalog, s *strategy.Session) string {
	t := c.T
	d := &flow{}
	d.node("commit", "[", t("section.diagram.commit"))
	d.node("build", "[", t("section.diagram.build"))
	d.edge("commit", "build", "")
	envs := s.Stage3.Environments
	if len(envs) == 0 {
		envs = []string{t("section.diagram.production")}
	}
	gates := strings.TrimSpace(s.Stage3.PromotionGates)
	migration := s.Decisions[strategy.CatMigrations].Option
	pattern := r.optionName(c, strategy.CatPattern, s.Decisions[strategy.CatPattern].Option)
	gated := gatedEnvs(gates, envs)
	prev := "build"
	for i, env := range envs {
		name, note := splitEnvNote(env)
		id := fmt.Sprintf("env%d", i+1)
		var labels []string
		if note != "" {
			labels = append(labels, note)
		}
		if gates != "" && gated(i) {
			labels = append(labels, t("section.diagram.gate", "gates", gates))
		}
		last := i == len(envs)-1
		if last && (migration == "pre-deploy" || migration == "expand-contract") {
			before := r.optionName(c, strategy.CatMigrations, migration)
			if migration == "expand-contract" {
				before = t("section.diagram.expand")
			}
			d.node("migrate", "[(", before)
			d.edge(prev, "migrate", strings.Join(labels, " · "))
			prev, labels = "migrate", nil
		}
		if last {
			deploy := pattern
			if migration == "in-deploy" {
				deploy += " · " + r.optionName(c, strategy.CatMigrations, migration)
			}
			labels = append(labels, deploy)
		}
		d.node(id, "[", name)
		d.edge(prev, id, strings.Join(labels, " · "))
		prev = id
	}
	verify := t("section.diagram.verify")
	if triggers := r.triggers(s); triggers != "" {
		verify = t("section.diagram.verify-triggers", "triggers", triggers)
	}
	d.node("verify", "{", verify)
	d.edge(prev, "verify", "")
	after := "verify"
	healthy := t("section.diagram.healthy")
	if flags := s.Decisions[strategy.CatFlags].Option; flags != "none" {
		d.node("release", "[", t("section.diagram.flags", "tool", r.optionName(c, strategy.CatFlags, flags)))
		d.edge(after, "release", healthy)
		after, healthy = "release", ""
	}
	switch migration {
	case "post-deploy":
		d.node("migrateafter", "[(", r.optionName(c, strategy.CatMigrations, migration))
		d.edge(after, "migrateafter", healthy)
	case "expand-contract":
		d.node("contract", "[(", t("section.diagram.contract"))
		d.edge(after, "contract", healthy)
	}
	rb := r.optionName(c, strategy.CatRollback, s.Decisions[strategy.CatRollback].Option)
	d.node("previous", "[", t("section.diagram.previous"))
	d.dotted("verify", "previous", t("section.diagram.rollback", "type", rb))
	return "```mermaid\nflowchart LR\n" + d.String() + "```"
}

// gatedEnvs says which environments step 3's promotion gates lead into:
// those the gates' words name ("manual approval for production"), else
// every promotion between environments (or the one deploy when there is a
// single environment). A gate is never drawn where step 3 did not put it.
func gatedEnvs(gates string, envs []string) func(i int) bool {
	lower := strings.ToLower(gates)
	named := map[int]bool{}
	for i, env := range envs {
		name, _ := splitEnvNote(env)
		if n := strings.ToLower(strings.TrimSpace(name)); n != "" && wordIn(lower, n) {
			named[i] = true
		}
	}
	return func(i int) bool {
		if len(named) > 0 {
			return named[i]
		}
		return i > 0 || len(envs) == 1
	}
}

// wordIn reports w in s as a whole word: "prod" is not in "production".
func wordIn(s, w string) bool {
	for from := 0; ; {
		i := strings.Index(s[from:], w)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(w)
		if (start == 0 || !isWordByte(s[start-1])) && (end == len(s) || !isWordByte(s[end])) {
			return true
		}
		from = start + 1
	}
}

func isWordByte(c byte) bool {
	return c == '_' || c == '-' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 0x80
}

// triggers are the rollback triggers the team decided, else step 3's.
func (r Render) triggers(s *strategy.Session) string {
	if t := strings.TrimSpace(s.SubText(strategy.CatRollback, "triggers")); t != "" {
		return t
	}
	return strings.TrimSpace(s.Stage3.RollbackTriggers)
}

// envNoteRE finds a note in parentheses after an environment's name.
var envNoteRE = regexp.MustCompile(`^(.+?)\s*\(([^()]*)\)\s*$`)

// splitEnvNote splits "production (approval)" into its name and the note
// step 3 wrote for the way into it.
func splitEnvNote(env string) (name, note string) {
	if m := envNoteRE.FindStringSubmatch(env); m != nil && strings.TrimSpace(m[2]) != "" {
		return strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
	}
	return env, ""
}

// flow writes a flowchart's nodes and edges, every label quoted and made
// safe by MermaidLabel.
type flow struct{ b strings.Builder }

// node declares id with a shape: "[" box, "{" decision, "[(" database.
func (f *flow) node(id, shape, label string) {
	closing := map[string]string{"[": "]", "{": "}", "[(": ")]"}[shape]
	fmt.Fprintf(&f.b, "    %s%s\"%s\"%s\n", id, shape, MermaidLabel(label), closing)
}

func (f *flow) edge(from, to, label string) {
	if label = MermaidLabel(label); label == "" {
		fmt.Fprintf(&f.b, "    %s --> %s\n", from, to)
		return
	}
	fmt.Fprintf(&f.b, "    %s -->|\"%s\"| %s\n", from, label, to)
}

func (f *flow) dotted(from, to, label string) {
	fmt.Fprintf(&f.b, "    %s -.->|\"%s\"| %s\n", from, MermaidLabel(label), to)
}

func (f *flow) String() string { return f.b.String() }
