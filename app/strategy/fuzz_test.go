package strategy

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

var fuzzVerbs = []string{"decide", "decide", "decide", "target", "skip", "menu", "start", "cancel", "status", "accept", "elicit", "nope",
	"reject", "menu A", "menu P", "elicit", "accept", "take"}

// FuzzApplyAll applies commands built from fuzzed words to a started (or,
// with the top bit of the first verb byte, a complete) session, one call at
// a time, and checks the engine's invariants after each.
func FuzzApplyAll(f *testing.F) {
	f.Add([]byte{0, 3, 4, 5}, "canary|frequency elite|regions|C", "because", "Triggers", "5xx")
	f.Add([]byte{0x80, 5}, "c", "", "", "")
	f.Add([]byte{0, 0}, "rollback hybird|deployment pattern blue green", "why -- not", "Rollback Criteria", "x|y")
	f.Add([]byte{1, 2, 7, 6}, "none|2|", "", "Owner", "@team")
	f.Add([]byte{3, 3, 3}, "mean time to recovery 1|lead time for changes|frequncy", "", "", "")
	f.Add([]byte{0x85, 0, 5}, "C|pattern recreate|continue", "# heading\n---", "Order", "eu\r\nus")
	env := okEnv(f)
	base := started(f)
	full := complete(f)
	f.Fuzz(func(t *testing.T, verbs []byte, args, rationale, key, value string) {
		if len(verbs) > 8 {
			verbs = verbs[:8]
		}
		s := base
		if len(verbs) > 0 && verbs[0]&0x80 != 0 {
			s = full
		}
		argList := strings.Split(args, "|")
		for i, b := range verbs {
			// "menu A" is the verb menu with A before the fuzzed words.
			verb, choice, _ := strings.Cut(fuzzVerbs[int(b&0x7f)%len(fuzzVerbs)], " ")
			cmd := Command{
				ID: "fuzz", Verb: verb, Known: true,
				Rest: strings.TrimSpace(choice + " " + argList[i%len(argList)]), Rationale: rationale, Actor: "fuzz", At: t0,
			}
			cmd.Known = cmd.Verb != "nope"
			cmd.Args = strings.Fields(cmd.Rest)
			if key != "" && b&1 == 0 {
				cmd.Fields = []Field{{Key: key, Value: value}}
			}
			s = checkApply(t, s, cmd, env)
		}
	})
}

func checkApply(t *testing.T, in Session, cmd Command, env Env) Session {
	t.Helper()
	before, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	out, effects := ApplyAll(in, []Command{cmd}, env)
	if after, _ := json.Marshal(in); string(after) != string(before) {
		t.Fatalf("%+v changed the input session", cmd)
	}
	if out.Revision < in.Revision {
		t.Fatalf("%+v took the revision back from %d to %d", cmd, in.Revision, out.Revision)
	}
	for id, d := range out.Decisions {
		cat, ok := CategoryByID(id)
		if !ok || d == nil {
			t.Fatalf("%+v recorded unknown category %q", cmd, id)
		}
		if _, ok := cat.Option(d.Option); !ok {
			t.Fatalf("%+v recorded unknown option %q of %s", cmd, d.Option, id)
		}
		for sub := range d.Subs {
			if !slices.ContainsFunc(cat.Subs, func(s Sub) bool { return s.ID == sub }) || !cat.SubsApply(d.Option) {
				t.Fatalf("%+v recorded sub-decision %q for %s %s", cmd, sub, id, d.Option)
			}
		}
	}
	for id, tg := range out.Targets {
		if !slices.ContainsFunc(Metrics, func(m Metric) bool { return m.ID == id }) || tg == nil {
			t.Fatalf("%+v recorded unknown metric %q", cmd, id)
		}
		if tg.Tier != "" && !slices.Contains(Tiers, tg.Tier) || tg.Tier == "" && tg.Text == "" {
			t.Fatalf("%+v recorded target %+v", cmd, tg)
		}
	}
	replies := 0
	var msgs []Message
	for _, e := range effects {
		switch e := e.(type) {
		case Reply:
			replies++
			msgs = e.Messages
		case Save:
			if cmd.Verb != "menu" || !out.Complete() || e.Revision != out.Revision {
				t.Fatalf("%+v saved revision %d of a session at %d (complete %v)", cmd, e.Revision, out.Revision, out.Complete())
			}
		}
	}
	if replies != 1 {
		t.Fatalf("%+v gave %d replies", cmd, replies)
	}
	recorded := slices.ContainsFunc(msgs, func(m Message) bool { return m.Kind == MsgDecision || m.Kind == MsgTarget })
	// An accepted proposal changes the section, so it bumps the revision.
	changes := cmd.Verb == "start" || cmd.Verb == "cancel" || recorded || !in.Started() && out.Started() || cmd.Verb == "accept"
	for i := 1; i < len(msgs); i++ {
		if a, b := msgs[i-1], msgs[i]; a.Key == "" && a.Kind == b.Kind && a.Category == b.Category && a.Metric == b.Metric {
			t.Fatalf("%+v shows %s twice in a row: %q", cmd, a.Kind, shape(msgs))
		}
	}
	if !changes {
		if !reflect.DeepEqual(out.Decisions, in.Decisions) || !reflect.DeepEqual(out.Targets, in.Targets) || out.Revision != in.Revision {
			t.Fatalf("%+v failed (reply %q) but changed the decisions", cmd, shape(msgs))
		}
	}
	if recorded && out.Revision != in.Revision+1 {
		t.Fatalf("%+v recorded with revision %d after %d", cmd, out.Revision, in.Revision)
	}
	checkProposals(t, cmd, in, out, effects)
	var back Session
	data, _ := json.Marshal(out)
	if err := json.Unmarshal(data, &back); err != nil || !sameSession(t, back, out) {
		t.Fatalf("session does not round-trip through JSON: %v", err)
	}
	return out
}

// checkProposals: A and P never change a decision's option, enhancements
// name real categories and sub-decisions, nothing is saved while a
// proposal waits, and only /accept adds to what was accepted.
func checkProposals(t *testing.T, cmd Command, in, out Session, effects []Effect) {
	t.Helper()
	if cmd.Verb == "elicit" || cmd.Verb == "menu" || cmd.Verb == "accept" || cmd.Verb == "reject" {
		for id, d := range out.Decisions {
			if in.Decisions[id] == nil || in.Decisions[id].Option != d.Option {
				t.Fatalf("%+v changed the decision of %s", cmd, id)
			}
		}
	}
	if _, saved := saveOf(effects); saved && in.Pending != nil {
		t.Fatalf("%+v saved while a proposal waited", cmd)
	}
	if cmd.Verb != "accept" && len(out.Enhancements) > len(in.Enhancements) {
		t.Fatalf("%+v added enhancements without /accept", cmd)
	}
	all := slices.Clone(out.Enhancements)
	if out.Pending != nil {
		all = append(all, out.Pending.Changes...)
		if len(out.Pending.Changes) == 0 {
			t.Fatalf("%+v left an empty proposal pending", cmd)
		}
	}
	for _, e := range all {
		cat, ok := CategoryByID(e.Category)
		if !ok || e.Sub != "" && !slices.ContainsFunc(cat.Subs, func(s Sub) bool { return s.ID == e.Sub }) {
			t.Fatalf("%+v made enhancement %+v", cmd, e)
		}
		if (e.Key == "") == (e.Answer == "") {
			t.Fatalf("%+v made enhancement %+v with both or neither of key and answer", cmd, e)
		}
	}
}
