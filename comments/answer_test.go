package comments

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

func TestParseAnswer(t *testing.T) {
	for _, tc := range []struct {
		body, word, why string
		ok              bool
	}{
		{body: "y", word: "y", ok: true},
		{body: "  Yes  \n", word: "y", ok: true},
		{body: "oui", word: "y", ok: true},
		{body: "No.", word: "n", ok: true},
		{body: "não", word: "n", ok: true},
		{body: "いいえ", word: "n", ok: true},
		{body: "C", word: "c", ok: true},
		{body: "[A]", word: "a", ok: true},
		{body: "p!", word: "p", ok: true},
		{body: "y -- the runbook is in the repo", word: "y", why: "the runbook is in the repo", ok: true},
		{body: "C — we are done", word: "c", why: "we are done", ok: true},
		{body: "> Accept these enhancements to the deployment strategy? (y/n)\n\ny", word: "y", ok: true},
		{body: "<!-- a note -->\nC\n", word: "c", ok: true},
		// Discussion, never an answer.
		{body: "I think C is right"},
		{body: "C\nand then we see"},
		{body: "y\nn"},
		{body: "yes please"},
		{body: "    y"},
		{body: "```\ny\n```"},
		{body: "/accept"},
		{body: "b"},
		{body: ""},
		{body: "> y"},
	} {
		a, ok := ParseAnswer(tc.body)
		if ok != tc.ok || a.Word != tc.word || a.Rationale != tc.why {
			t.Errorf("ParseAnswer(%q) = %+v, %v; want %q %q %v", tc.body, a, ok, tc.word, tc.why, tc.ok)
		}
	}
}

// states a session can be in when a bare word arrives.
func answerStates(t *testing.T) map[string]strategy.Session {
	env := envOf(t, docFull)
	return map[string]strategy.Session{
		"idle":             {},
		"after a decision": session(t, env, midway...),
		"after C":          session(t, env, append(slices.Clone(midway), "/menu C")...),
		"proposal waits":   session(t, env, append(slices.Clone(setCanary[:4]), "/menu A", "/elicit 1")...),
		"review":           session(t, env, setCanary...),
		"saved":            session(t, env, completeSet("/menu C")...),
	}
}

func TestAnswerActsOnlyOnItsQuestion(t *testing.T) {
	states := answerStates(t)
	for _, tc := range []struct {
		body, state string
		want        string // the command it stands for; "" none
	}{
		{"y", "proposal waits", "/accept"},
		{"n -- not now", "proposal waits", "/reject"},
		{"C", "proposal waits", ""}, // the open question is y/n
		{"y", "after a decision", ""},
		{"y", "idle", ""},
		{"y", "review", ""},
		{"n", "saved", ""},
		{"C", "after a decision", "/menu C"},
		{"a", "after a decision", "/menu A"},
		{"P", "review", "/menu P"},
		{"C", "review", "/menu C"},
		{"C", "after C", ""},
		{"C", "idle", ""},
		{"C", "saved", ""},
		{"so C then?", "review", ""},
		{"C\nLet's save.", "review", ""},
		{"y\nsounds good", "proposal waits", ""},
	} {
		s := states[tc.state]
		cmds := Commands(tc.body, &s)
		got := ""
		if len(cmds) == 1 {
			got = "/" + string(cmds[0].Verb)
			if cmds[0].Rest != "" {
				got += " " + cmds[0].Rest
			}
			if !cmds[0].Known {
				t.Errorf("%q: an unknown command", tc.body)
			}
		} else if len(cmds) > 1 {
			t.Fatalf("%q: %d commands", tc.body, len(cmds))
		}
		if got != tc.want {
			t.Errorf("%q %s: stands for %q, want %q", tc.body, tc.state, got, tc.want)
		}
		if got != "" {
			spec, _ := Lookup(cmds[0].Verb)
			if !spec.NeedsWrite {
				t.Errorf("%q: the command it stands for needs no write access", tc.body)
			}
		}
	}
}

// TestAnswerGoldens records, in every shipped language, what each of its
// yes and no words and each menu letter does where it is the open question,
// and that the same word is left alone where it is not.
func TestAnswerGoldens(t *testing.T) {
	env := envOf(t, docFull)
	states := answerStates(t)
	for _, code := range append([]string{i18n.DefaultLang}, translations...) {
		t.Run(code, func(t *testing.T) {
			requireLanguage(t, code)
			set := strategy.Settings{Comm: code, Doc: code}
			r := English().With(set)
			yes, no := i18n.AnswerWords(code)
			var b strings.Builder
			try := func(state, body string) {
				s := states[state]
				s.Settings = set
				fmt.Fprintf(&b, "## %q, %s\n\n", body, state)
				cmds := Commands(body, &s)
				if len(cmds) == 0 {
					b.WriteString("(no command: nothing happens, no reply)\n\n")
					return
				}
				var run []strategy.Command
				for i, c := range cmds {
					run = append(run, c.Engine(fmt.Sprintf("a-%d", i), "dana", t0))
				}
				next, effects := strategy.ApplyAll(s, run, env)
				for _, e := range effects {
					if reply, ok := e.(strategy.Reply); ok {
						b.WriteString(r.Reply(&next, reply.Messages) + "\n")
					}
				}
			}
			for _, w := range yes {
				try("proposal waits", w)
			}
			for _, w := range no {
				try("proposal waits", w+" -- "+"not for this service")
			}
			try("after a decision", "C")
			try("after a decision", "A")
			try("review", "P")
			// The same words where they are not the open question.
			try("after a decision", yes[0])
			try("idle", no[0])
			try("after C", "C")
			try("review", "C "+yes[0])
			golden(t, "answers-"+code, b.String())
		})
	}
}
