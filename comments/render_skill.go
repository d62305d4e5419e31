package comments

import (
	"fmt"
	"strings"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// What user_skill_level changes in a reply. Beginners get, on top of the
// full tables, each option in plain words with a one-line example and a
// short glossary of the DORA metrics; experts get the compact table and the
// commands, nothing more. Intermediate is the full tables alone.

func (r Render) beginner() bool { return r.Skill == i18n.Beginner }
func (r Render) expert() bool   { return r.Skill == i18n.Expert }

// plainWords explains each option of a category for a beginner.
func (r Render) plainWords(cat *strategy.Category) string {
	t := r.Lang.T
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n\n", t("skill.plain-heading"))
	for _, o := range cat.Options {
		ot := r.Lang.Option(string(cat.ID), o.ID)
		fmt.Fprintf(&b, "- **%s** (`%s`): %s _%s_\n", ot.Name, o.ID, ot.Plain, t("skill.example", "example", ot.Example))
	}
	return strings.TrimRight(b.String(), "\n")
}

// glossary says in plain words what the four DORA metrics measure.
func (r Render) glossary() string {
	var b strings.Builder
	fmt.Fprintf(&b, "**%s**\n\n", r.Lang.T("skill.glossary-heading"))
	for _, m := range strategy.Metrics {
		mt := r.Lang.Metric(string(m.ID))
		fmt.Fprintf(&b, "- **%s**: %s\n", mt.Name, mt.Glossary)
	}
	return strings.TrimRight(b.String(), "\n")
}

// askCompact is an expert's ask: option, DORA effects and rollback in a few
// words, then the commands.
func (r Render) askCompact(cat *strategy.Category) string {
	t := r.Lang.T
	id := cat.ID
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n\n", t("ask.heading", "number", cat.Number, "total", len(strategy.Categories), "name", r.categoryName(id)))
	downtime := r.statesDowntime(id)
	head := []string{t("ask.col-number"), t("ask.col-option"), t("skill.col-dora"), t("skill.col-rollback")}
	if downtime {
		head = append(head, t("ask.col-downtime"))
	}
	fmt.Fprintf(&b, "| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat("---|", len(head)))
	var cmds []string
	for i, o := range cat.Options {
		ot := r.Lang.Option(string(id), o.ID)
		name := "**" + ot.Name + "**"
		if v := r.version(o.Tool, "ask"); o.Tool != "" && v != "" {
			name += " (" + v + ")"
		}
		var arrows []string
		for _, im := range ot.DORA {
			arrows = append(arrows, pair(r.Lang, r.Lang.Metric(im.Metric).Short, r.effect(im.Effect)))
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s |", i+1, name, strings.Join(arrows, ", "), ot.Brief)
		if downtime {
			b.WriteString(" " + ot.Downtime + " |")
		}
		b.WriteString("\n")
		cmds = append(cmds, fmt.Sprintf("`/decide %s`", o.ID))
	}
	fmt.Fprintf(&b, "\n%s\n", strings.Join(cmds, " · "))
	if cat.SkipOption != "" {
		fmt.Fprintf(&b, "\n%s\n", t("ask.skip", "option", r.optionName(r.Lang, id, cat.SkipOption)))
	}
	if len(cat.Subs) > 0 {
		var keys, opts []string
		for _, sub := range cat.Subs {
			keys = append(keys, "`"+r.subKey(id, sub.ID)+": …`")
		}
		for _, o := range cat.SubsFor {
			opts = append(opts, "`"+o+"`")
		}
		line := t("skill.subs", "keys", strings.Join(keys, " "))
		if len(opts) > 0 {
			line = t("skill.subs-for", "options", strings.Join(opts, ", "), "keys", strings.Join(keys, " "))
		}
		b.WriteString("\n" + line + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// targetsCompact is an expert's target ask: the tiers and the commands.
func (r Render) targetsCompact(s *strategy.Session) string {
	var b strings.Builder
	fmt.Fprintf(&b, "### %s\n\n", r.Lang.T("targets.heading"))
	b.WriteString(r.tierTable(s))
	if line := r.baselineSummary(s); line != "" {
		b.WriteString("\n" + line + "\n")
	}
	var cmds []string
	for _, m := range s.MissingTargets() {
		cmds = append(cmds, fmt.Sprintf("`/target %s %s`", m, strings.Join(strategy.Tiers, "|")))
	}
	fmt.Fprintf(&b, "\n%s", strings.Join(cmds, " · "))
	return b.String()
}

// subKey is the key a reply suggests for a sub-decision: its label in the
// team's language, the one the saved section shows. The engine accepts
// every shipped language's label (and the English keys) whatever the
// session's language.
func (r Render) subKey(cat strategy.CategoryID, sub string) string {
	return r.Lang.Category(string(cat)).Subs[sub].Label
}
