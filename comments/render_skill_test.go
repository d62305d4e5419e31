package comments

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

func atLevel(level string) Render {
	r := English().With(strategy.Settings{Skill: level})
	r.Versions = map[string]string{"unleash": "v6.3.0"}
	return r
}

// TestSkillGoldens: what beginners and experts see where the levels
// differ: the category asks, the target ask and a metric's tiers.
func TestSkillGoldens(t *testing.T) {
	env := envOf(t, docFull)
	mid := session(t, env, midway...)
	targets := session(t, env, setCanary[:7]...)
	for _, level := range []string{i18n.Beginner, i18n.Expert} {
		r := atLevel(level)
		for _, cat := range strategy.Categories {
			if level == i18n.Beginner && cat.ID != strategy.CatPattern && cat.ID != strategy.CatRollback {
				continue // two show the beginner's additions; the rest only repeat them
			}
			got := r.Reply(&mid, []strategy.Message{{Kind: strategy.MsgAsk, Category: cat.ID}})
			checkProductText(t, level+" ask "+string(cat.ID), got)
			golden(t, "skill-"+level+"-ask-"+string(cat.ID), got)
		}
		got := r.Reply(&targets, []strategy.Message{{Kind: strategy.MsgAskTargets}, {Kind: strategy.MsgTiers, Metric: strategy.MetricMTTR}})
		checkProductText(t, level+" targets", got)
		golden(t, "skill-"+level+"-targets", got)
	}
}

// TestIntermediateIsToday: intermediate renders every reply golden exactly
// as a Render without a level (today's text).
func TestIntermediateIsToday(t *testing.T) {
	for _, rc := range replyCases {
		env := rc.env(t)
		s := session(t, env, rc.before...)
		out, msgs, _ := comment(t, s, env, "dana", rc.body)
		today := English()
		today.Versions = atLevel(i18n.Intermediate).Versions
		if a, b := today.Reply(&out, msgs), atLevel(i18n.Intermediate).Reply(&out, msgs); a != b {
			t.Errorf("%s: intermediate differs from the default:\n%s", rc.name, firstDiff(a, b))
		}
	}
}

// TestSectionSameAtEveryLevel: the saved section does not depend on the
// skill level, in any language.
func TestSectionSameAtEveryLevel(t *testing.T) {
	env := envOf(t, docFull)
	for _, set := range [][]string{setCanary, setRecreate, setBlueGreen} {
		s := session(t, env, set...)
		for _, lang := range i18n.Languages() {
			if !i18n.Complete(lang) {
				continue
			}
			want := English().With(strategy.Settings{Doc: lang}).Section(&s)
			for _, level := range i18n.Levels {
				if got := English().With(strategy.Settings{Doc: lang, Skill: level}).Section(&s); got != want {
					t.Errorf("%s %s: the section differs:\n%s", lang, level, firstDiff(want, got))
				}
			}
		}
	}
}

// TestBeginnerExplainsEveryOption: a beginner's ask has each option's plain
// words and example, and the four metrics' glossary, besides the full table.
func TestBeginnerExplainsEveryOption(t *testing.T) {
	r := atLevel(i18n.Beginner)
	s := session(t, envOf(t, docFull), "/start")
	for _, cat := range strategy.Categories {
		got := r.ask(&s, cat.ID)
		for _, o := range cat.Options {
			ot := r.Lang.Option(string(cat.ID), o.ID)
			for _, want := range []string{ot.Plain, ot.Example, ot.Pros[0], "`/decide " + o.ID + " -- <why>`"} {
				if !strings.Contains(got, want) {
					t.Errorf("%s: %s lacks %q", cat.ID, o.ID, want)
				}
			}
		}
		for _, m := range strategy.Metrics {
			if g := r.Lang.Metric(string(m.ID)).Glossary; !strings.Contains(got, g) {
				t.Errorf("%s: no glossary entry for %s", cat.ID, m.ID)
			}
		}
	}
}

// TestExpertCompact: an expert's ask is one four-cell row per option with
// its rollback in a few words, and the commands; no trade-off prose.
func TestExpertCompact(t *testing.T) {
	r := atLevel(i18n.Expert)
	s := session(t, envOf(t, docFull), "/start")
	for _, cat := range strategy.Categories {
		got := r.ask(&s, cat.ID)
		rows := 0
		for _, line := range strings.Split(got, "\n") {
			if strings.HasPrefix(line, "| ") && !strings.HasPrefix(line, "| #") {
				rows++
				want := 4
				if cat.ID == strategy.CatMigrations {
					want = 5 // and the downtime effect
				}
				if n := cells(line); n != want {
					t.Errorf("%s: row has %d cells: %s", cat.ID, n, line)
				}
			}
		}
		if rows != len(cat.Options) {
			t.Errorf("%s: %d rows for %d options", cat.ID, rows, len(cat.Options))
		}
		for _, o := range cat.Options {
			ot := r.Lang.Option(string(cat.ID), o.ID)
			if !strings.Contains(got, "`/decide "+o.ID+"`") || !strings.Contains(got, ot.Brief) {
				t.Errorf("%s: no command or brief rollback for %s", cat.ID, o.ID)
			}
			for _, prose := range []string{ot.Summary, ot.Pros[0], ot.Cons[0], ot.Rollback, ot.Plain} {
				if strings.Contains(got, prose) {
					t.Errorf("%s: an expert reads %q", cat.ID, prose)
				}
			}
		}
		if q := r.Lang.Category(string(cat.ID)).Question; strings.Contains(got, q) {
			t.Errorf("%s: an expert is asked the long question", cat.ID)
		}
	}
}
