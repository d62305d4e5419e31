package comments

import (
	"fmt"
	"strings"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// CommandsReference renders docs/commands.md from the command registry and
// the decision catalogue, so the reference never drifts from the code.
func CommandsReference(c *i18n.Catalog) string {
	var b strings.Builder
	b.WriteString("# Pipewright commands\n\n<!-- Generated from comments.Registry and app/strategy; run `go test ./comments -run TestCommandsReference -update-docs` after changing them. -->\n\n")
	b.WriteString("Commands start a line of an issue or pull-request comment (or a line of `pipewright local`). They are case-insensitive; several may follow each other in one comment and run in order, at most 25 commands per comment (the reply names those past that, which did not run). A command that changes nothing (`/help`, `/status`) repeated in one comment is answered once, and one comment gets one reply. Someone without write access gets at most 10 answers per thread in an hour; after that Pipewright stays silent for them there. Lines inside fenced code blocks, quotes and HTML comments are ignored; that includes a line right under a quoted (`>`) line with no blank line between, which GitHub shows inside the quote.\n\n")
	b.WriteString("Reasoning goes after ` -- ` on the command line or on plain lines below it. `Key: value` lines below a command answer its sub-decisions: the keys listed below work in every language, and so does a sub-decision's label in any of Pipewright's languages (replies suggest the one in the team's language, such as `触发条件：` for Chinese); a full-width colon needs no space after it.\n\n")
	b.WriteString("| Command | What it does | Who may use it |\n|---|---|---|\n")
	for _, s := range Registry() {
		who := "anyone"
		if s.NeedsWrite {
			who = "write, maintain or admin"
		}
		desc := s.Description
		if v, ok := c.Messages[s.DescriptionKey]; ok {
			desc = v
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", strings.ReplaceAll(s.Usage, "|", `\|`), desc, who)
	}
	b.WriteString("\n## Examples\n\n")
	for _, s := range Registry() {
		for _, e := range s.Examples {
			fmt.Fprintf(&b, "- `%s`\n", e)
		}
	}
	b.WriteString(answersReference())
	b.WriteString("\n## Categories and options\n\nA category or option may be named by its id, any alias below, or its number. Near misses are answered with \"did you mean\" and change nothing.\n")
	for _, cat := range strategy.Categories {
		ct := c.Category(string(cat.ID))
		fmt.Fprintf(&b, "\n### %d. %s (`%s`)\n\nCategory aliases: %s\n\n| # | Option | Id | Aliases |\n|---|---|---|---|\n", cat.Number, ct.Name, cat.ID, codeList(cat.Aliases))
		for i, o := range cat.Options {
			fmt.Fprintf(&b, "| %d | %s | `%s` | %s |\n", i+1, c.Option(string(cat.ID), o.ID).Name, o.ID, codeList(o.Aliases))
		}
		if len(cat.Subs) > 0 {
			b.WriteString("\nSub-decisions (`Key: value` under the command")
			if len(cat.SubsFor) > 0 {
				b.WriteString("; only for " + codeList(cat.SubsFor))
			}
			b.WriteString("):\n\n")
			for _, sub := range cat.Subs {
				fmt.Fprintf(&b, "- **%s**: %s. Keys: %s\n", ct.Subs[sub.ID].Label, strings.TrimSuffix(ct.Subs[sub.ID].Question, "?"), codeList(sub.Keys))
			}
		}
		if cat.SkipOption != "" {
			fmt.Fprintf(&b, "\n`/skip` records `%s`.\n", cat.SkipOption)
		}
	}
	b.WriteString("\n## Advanced elicitation methods\n\n`/menu A` offers the five that fit the decisions best; `/elicit` takes a number of the list shown or any name below.\n\n| Method | Id | Aliases |\n|---|---|---|\n")
	for _, m := range strategy.Methods {
		fmt.Fprintf(&b, "| %s | `%s` | %s |\n", c.Method(m.ID).Name, m.ID, codeList(m.Aliases))
	}
	b.WriteString("\n## DORA targets\n\n`/target <metric> <tier or your words>`. Only a bare tier picks a tier: its name (`elite`, `high`, `medium`, `low`, " +
		"or the tier's name in a shipped language, e.g. `Hoch`) or its number 1-4 as the choices show it. Anything else is kept exactly as the team wrote it: " +
		"`/target failure-rate 3%` is saved as \"3%\", not as tier 3. When the words hold one value (a percent, a duration such as `under 5 minutes`, `1h` or `2 days`, " +
		"a rate such as `twice a week`, `10 deploys per day` or `on demand`), the DORA band it falls in is shown beside them " +
		"(\"3% — within DORA Elite (0–5%)\"), and such a target counts in the consistency analysis as that tier does. " +
		"Bands follow the Accelerate State of DevOps reports 2023/2024 (see app/strategy/dora_bands.go); " +
		"`under`, `less than` and `within` make a value strictly less than its number, so `1h` is DORA High recovery and `under 1h` Elite. " +
		"Words with two values (`5% over 30 days`, `1-2 days`) or none are shown as written, without a band.\n\n| Metric | Id | Aliases |\n|---|---|---|\n")
	for _, m := range strategy.Metrics {
		fmt.Fprintf(&b, "| %s | `%s` | %s |\n", c.Metric(string(m.ID)).Name, m.ID, codeList(m.Aliases))
	}
	return b.String()
}

func codeList(items []string) string {
	if len(items) == 0 {
		return "none"
	}
	out := make([]string, len(items))
	for i, s := range items {
		out[i] = "`" + s + "`"
	}
	return strings.Join(out, ", ")
}
