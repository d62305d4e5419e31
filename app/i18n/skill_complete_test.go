package i18n_test

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/strategy"
)

// TestSkillTextsComplete: for user_skill_level, every option has its plain
// words and one-line example (beginner) and its rollback in a few words
// (expert), and every DORA metric a one-sentence glossary entry. Their
// hygiene (no durations, no recommendation, no pipes) is checked with the
// rest of the catalogue in TestCatalogTextHygiene.
func TestSkillTextsComplete(t *testing.T) {
	c := loadEN(t)
	for _, cat := range strategy.Categories {
		for _, o := range cat.Options {
			key := string(cat.ID) + "." + o.ID
			ot := c.Option(string(cat.ID), o.ID)
			for field, v := range map[string]string{"plain": ot.Plain, "example": ot.Example, "brief": ot.Brief} {
				if strings.TrimSpace(v) == "" {
					t.Errorf("%s has no %s", key, field)
				}
			}
			if n := len(sentenceEndRe.FindAllString(ot.Example, -1)); n != 1 {
				t.Errorf("%s example is %d sentences, want one line of one: %q", key, n, ot.Example)
			}
			if n := len(strings.Fields(ot.Brief)); n > 10 {
				t.Errorf("%s brief has %d words, want a few: %q", key, n, ot.Brief)
			}
			if ot.Plain == ot.Summary || ot.Brief == ot.Rollback {
				t.Errorf("%s: the skill texts must say it differently from the table", key)
			}
		}
	}
	for _, m := range strategy.Metrics {
		g := c.Metric(string(m.ID)).Glossary
		if n := len(sentenceEndRe.FindAllString(g, -1)); n != 1 || !strings.HasSuffix(g, ".") {
			t.Errorf("metric %s glossary must be one sentence: %q", m.ID, g)
		}
	}
}
