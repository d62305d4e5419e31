package strategy

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/pipelinedoc"
)

var t0 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// pipelineDoc is a document whose steps 1-3 are done, with step 3 context.
const pipelineDoc = `---
project_name: 'checkout-service'
stepsCompleted: [1, 2, 3]
---

# CI/CD Pipeline Architecture

## Pipeline Stages

### Deploy Stage

**Method:** GitOps (pull-based)
**Tool:** Argo CD
**Environment Sequence:** dev → staging → production

### Promote Stage

**Promotion Gates:** smoke tests
**Promotion Mechanism:** PR to the environment overlay

### Verify Stage

**Rollback Triggers:** error rate above 2%
`

func parseDoc(t testing.TB, text string) *pipelinedoc.Document {
	t.Helper()
	doc, err := pipelinedoc.Parse("pipeline.md", []byte(text))
	if err != nil {
		t.Fatalf("parse test document: %v", err)
	}
	return doc
}

func okEnv(t testing.TB) Env { return Env{Doc: parseDoc(t, pipelineDoc)} }

// c builds a command from a terminal-like line: "/verb args -- rationale".
// Fields are given as "Key: value" strings.
func c(line string, fields ...string) Command {
	line = strings.TrimPrefix(line, "/")
	head, rationale, _ := strings.Cut(line, " -- ")
	words := strings.Fields(head)
	cmd := Command{ID: "id-" + line, Actor: "dana", At: t0}
	if len(words) > 0 {
		cmd.Verb = strings.ToLower(words[0])
		cmd.Args = words[1:]
		cmd.Rest = strings.Join(words[1:], " ")
	}
	if len(cmd.Args) == 0 {
		cmd.Args = nil
	}
	cmd.Known = slices.Contains(knownVerbs, cmd.Verb)
	cmd.Rationale = strings.TrimSpace(rationale)
	for _, f := range fields {
		k, v, _ := strings.Cut(f, ":")
		cmd.Fields = append(cmd.Fields, Field{Key: strings.TrimSpace(k), Value: strings.TrimSpace(v)})
	}
	return cmd
}

var knownVerbs = []string{"start", "decide", "target", "skip", "status", "help", "menu", "accept", "reject", "cancel", "elicit", "take", "baseline"}

func by(cmd Command, actor string) Command { cmd.Actor = actor; return cmd }

// run applies commands one ApplyAll call each, failing on nothing: it is for
// building sessions, where every step is known to work.
func run(t testing.TB, s Session, env Env, lines ...string) Session {
	t.Helper()
	for _, l := range lines {
		s, _ = ApplyAll(s, []Command{c(l)}, env)
	}
	return s
}

func started(t testing.TB) Session { return run(t, Session{}, okEnv(t), "/start") }

// allSix decides every category; targets stay open.
var allSix = []string{
	"/decide canary -- we watch error rates per version",
	"/decide unleash",
	"/decide expand-contract",
	"/decide automated",
	"/decide required",
	"/decide single-region",
}

var allTargets = []string{
	"/target frequency elite",
	"/target lead-time high",
	"/target failure-rate less than 10%",
	"/target mttr 1",
}

func complete(t testing.TB) Session {
	t.Helper()
	s := run(t, started(t), okEnv(t), append(slices.Clone(allSix), allTargets...)...)
	if !s.Complete() || s.Phase != PhaseReview {
		t.Fatalf("complete session is %q, missing %v %v", s.Phase, s.MissingCategories(), s.MissingTargets())
	}
	return s
}

func saved(t testing.TB) Session {
	s := complete(t)
	return RecordSave(s, SaveRecord{Revision: s.Revision, Commit: "abc123", By: "dana", At: t0})
}

func replyOf(effects []Effect) []Message {
	var out []Message
	for _, e := range effects {
		if r, ok := e.(Reply); ok {
			out = append(out, r.Messages...)
		}
	}
	return out
}

func saveOf(effects []Effect) (Save, bool) {
	for _, e := range effects {
		if s, ok := e.(Save); ok {
			return s, true
		}
	}
	return Save{}, false
}

// shape writes messages compactly: "notice:decide.did-you-mean",
// "decision:pattern", "ask:flags", "review".
func shape(msgs []Message) []string {
	out := []string{}
	for _, m := range msgs {
		s := string(m.Kind)
		switch {
		case m.Key != "":
			s += ":" + m.Key
		case m.Category != "":
			s += ":" + string(m.Category)
		case m.Metric != "":
			s += ":" + string(m.Metric)
		}
		out = append(out, s)
	}
	return out
}

// arg returns a notice's argument by name.
func arg(m Message, name string) string {
	for i := 0; i+1 < len(m.Args); i += 2 {
		if m.Args[i] == name {
			s, _ := m.Args[i+1].(string)
			return s
		}
	}
	return ""
}

// decisions returns option ids by category, for compact comparisons.
func decisions(s Session) map[CategoryID]string {
	out := map[CategoryID]string{}
	for k, d := range s.Decisions {
		out[k] = d.Option
	}
	return out
}

// sameSession compares sessions as stored: nil and empty maps or slices
// are the same, since JSON does not tell them apart.
func sameSession(t testing.TB, got, want Session) bool {
	t.Helper()
	a, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	return string(a) == string(b)
}

func mustDeepEqual(t testing.TB, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %#v\nwant %#v", what, got, want)
	}
}
