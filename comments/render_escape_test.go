package comments

import (
	"sort"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/pipelinedoc"
	"github.com/pipewright/pipewright/app/strategy"
)

// allHostile joins every hostile text into one, line by line.
func allHostile() string {
	names := make([]string, 0, len(hostile))
	for n := range hostile {
		names = append(names, n)
	}
	sort.Strings(names)
	var parts []string
	for _, n := range names {
		parts = append(parts, hostile[n])
	}
	return strings.Join(parts, "\n")
}

// hostileSession decides everything with hostile rationale, sub-decision
// answers, notes and targets, as commands the parser could never produce
// but a future shell might.
func hostileSession(t *testing.T, doc string) (strategy.Session, []strategy.Message) {
	t.Helper()
	env := envOf(t, doc)
	text := allHostile()
	mk := func(verb string, args ...string) strategy.Command {
		return strategy.Command{ID: verb, Verb: verb, Known: true, Args: args, Rest: strings.Join(args, " "),
			Rationale: text, Actor: "dana", At: t0,
			Fields: []strategy.Field{{Key: "Triggers", Value: text}, {Key: "Order", Value: text}, {Key: "Shutdown", Value: text}, {Key: "Owner | @org/team", Value: text}}}
	}
	cmds := []strategy.Command{
		mk("start"),
		mk("decide", "canary"), mk("decide", "unleash"), mk("decide", "expand-contract"),
		mk("decide", "hybrid"), mk("decide", "required"), mk("decide", "active-active"),
	}
	for _, m := range strategy.Metrics {
		c := mk("target", string(m.ID))
		c.Args = append(c.Args, strings.Fields(text)...)
		c.Rest = string(m.ID) + " " + text
		cmds = append(cmds, c)
	}
	cmds = append(cmds, mk("menu"))
	s, effects := strategy.ApplyAll(strategy.Session{}, cmds, env)
	if !s.Complete() {
		t.Fatalf("hostile session incomplete: %v %v", s.MissingCategories(), s.MissingTargets())
	}
	var msgs []strategy.Message
	for _, e := range effects {
		if r, ok := e.(strategy.Reply); ok {
			msgs = r.Messages
		}
	}
	return s, msgs
}

// hostileDoc has hostile words in its step 3 values too.
var hostileDoc = strings.NewReplacer(
	"**Tool:** Argo CD", "**Tool:** Argo CD | Flux <!-- tool --> @ops \u202eevil\u202c <sub>small</sub>",
	"**Promotion Gates:** smoke tests and SLO burn-rate check", "**Promotion Gates:** smoke tests --> @qa `x` | y",
	"**Rollback Triggers:** error rate above the SLO during rollout", "**Rollback Triggers:** "+forgedBegin,
).Replace(docFull)

// allowedHeading is every heading line the product itself writes.
func allowedHeading(line string) bool {
	if line == "## Deployment Strategy" || strings.HasPrefix(line, "### Category ") || line == "### DORA target profile" {
		return true
	}
	for _, h := range seedStructure {
		if line == "### "+h.heading {
			return true
		}
	}
	return false
}

func TestHostileTextInReplies(t *testing.T) {
	s, msgs := hostileSession(t, hostileDoc)
	r := English()
	body := r.Reply(&s, msgs)
	for _, cat := range strategy.Categories {
		body += "\n" + r.Reply(&s, []strategy.Message{{Kind: strategy.MsgDecision, Category: cat.ID}})
	}
	for _, m := range strategy.Metrics {
		body += "\n" + r.Reply(&s, []strategy.Message{{Kind: strategy.MsgTarget, Metric: m.ID}})
	}
	body += "\n" + r.Reply(&s, []strategy.Message{{Kind: strategy.MsgStatus}})
	if m := pingRE.FindString(body); m != "" {
		t.Errorf("a reply mentions someone: %q", m)
	}
	if strings.Contains(body, "<!--") {
		t.Errorf("a reply holds an HTML comment (or a forged save-outcome placeholder)")
	}
	inFence := false
	for _, line := range strings.Split(body, "\n") {
		trimmed := strings.TrimLeft(line, " ")
		if strings.HasPrefix(trimmed, "```") {
			if line != "```mermaid" && line != "```" {
				t.Errorf("fence from team text: %q", line)
			}
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		if strings.HasPrefix(trimmed, "#") && !allowedHeading(line) {
			t.Errorf("heading from team text: %q", line)
		}
		if strings.HasPrefix(trimmed, "<") && !strings.HasPrefix(line, "<details") && !strings.HasPrefix(line, "</details>") && !strings.HasPrefix(line, "<sub>") {
			t.Errorf("HTML block from team text: %q", line)
		}
	}
	if inFence {
		t.Error("a fence is left open")
	}
	// Still the team's words: a sample survives verbatim.
	for _, w := range []string{"first line", "a | b || c", "Heading from the team", "cc:@\u2060dana", "hidden below"} {
		if !strings.Contains(body, w) {
			t.Errorf("reply lost %q", w)
		}
	}
}

func TestHostileTextInSection(t *testing.T) {
	s, _ := hostileSession(t, hostileDoc)
	section := English().Section(&s)
	checkSeedStructure(t, section)
	prose, _, _ := strings.Cut(section, "```mermaid") // arrows are mermaid's
	if strings.Contains(section, "<!--") || strings.Contains(prose, "-->") {
		t.Errorf("the section holds an HTML comment delimiter")
	}
	if i := strings.IndexFunc(section, isBidiControl); i >= 0 {
		t.Errorf("the section holds a bidirectional control %U", []rune(section[i:])[0])
	}
	// The one code span of the hostile words holding a tag shows it as code.
	for _, m := range rawTagRE.FindAllString(strings.NewReplacer("<br>", " ", "`<b>`", "").Replace(prose), -1) {
		t.Errorf("the section holds raw HTML from team text: %q", m)
	}
	for _, w := range []string{"<U+202E>leveL<U+202C>", "&lt;details>&lt;summary>more", "`<b>`"} {
		if !strings.Contains(section, w) {
			t.Errorf("the section lost the neutralised words %q", w)
		}
	}
	for _, line := range strings.Split(section, "\n") {
		if strings.ContainsRune(line, '\r') {
			t.Errorf("a CR survived: %q", line)
		}
		trimmed := strings.TrimLeft(line, " ")
		if (strings.HasPrefix(trimmed, "=") || strings.HasPrefix(trimmed, "-")) && strings.Trim(trimmed, "=- \t") == "" {
			t.Errorf("setext underline or rule from team text: %q", line)
		}
		if strings.HasPrefix(trimmed, "<") {
			t.Errorf("HTML block from team text: %q", line)
		}
	}
	doc, err := pipelinedoc.Save("pipeline.md", []byte(hostileDoc), section)
	if err != nil {
		t.Fatal(err)
	}
	checkSavedOnce(t, doc)
	// The saved region is what was rendered, so the next save replaces it.
	again, err := pipelinedoc.Save("pipeline.md", doc, section)
	if err != nil || string(again) != string(doc) {
		t.Errorf("resaving the hostile section changed the document (err %v)", err)
	}
}
