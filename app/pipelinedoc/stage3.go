package pipelinedoc

import (
	"regexp"
	"strings"
)

// Stage3 holds what step 3 (Pipeline Stages) decided, used as context by
// step 4.
type Stage3 struct {
	// From "### Deploy Stage": **Method:**, **Tool:**, **Environment Sequence:**.
	DeployMethod, DeployTool, EnvironmentSequence string
	// From "### Promote Stage": **Promotion Gates:**, **Promotion Mechanism:**.
	PromotionGates, PromotionMechanism string
	// From "### Verify Stage": **Rollback Triggers:**.
	RollbackTriggers string
	// Environments is EnvironmentSequence split into names (see
	// SplitEnvironments); empty if none.
	Environments []string
}

// parseStage3 reads the stage subsections of "## Pipeline Stages". Stage
// headings may be any level below 2; a stage ends at the next heading of
// its level or higher. Code blocks and Pipewright's region are skipped.
func parseStage3(lines []mdLine) Stage3 {
	var st Stage3
	for i, l := range lines {
		if lvl, title := heading(l); lvl != 2 || !titleIs(title, "pipeline stages") {
			continue
		}
		stages := sectionLines(lines, i, 2)
		for j, sl := range stages {
			lvl, title := heading(sl)
			if lvl <= 2 {
				continue
			}
			f := fields(sectionLines(stages, j, lvl))
			switch {
			case titleIs(title, "deploy"):
				setOnce(&st.DeployMethod, f["method"])
				setOnce(&st.DeployTool, f["tool"])
				setOnce(&st.EnvironmentSequence, f["environment sequence"])
			case titleIs(title, "promote"):
				setOnce(&st.PromotionGates, f["promotion gates"])
				setOnce(&st.PromotionMechanism, f["promotion mechanism"])
			case titleIs(title, "verify"):
				setOnce(&st.RollbackTriggers, f["rollback triggers"])
			}
		}
		break // only the first Pipeline Stages section counts
	}
	st.Environments = SplitEnvironments(st.EnvironmentSequence)
	return st
}

// setOnce keeps the first non-empty value, as a person reads top-down.
func setOnce(dst *string, v string) {
	if *dst == "" {
		*dst = v
	}
}

// fieldRE matches "**Name:** value", "**Name**: value", optionally as a
// list item ("- **Name:** value", "1. **Name:** value").
var fieldRE = regexp.MustCompile(`^\s*(?:[-*+]\s+|\d+[.)]\s+)?\*\*([^*]+?)(?::\*\*|\*\*\s*:)(.*)$`)

// listItemRE matches a list item and captures its text.
var listItemRE = regexp.MustCompile(`^\s*(?:[-*+]|\d+[.)])\s+(.*)$`)

// fields returns the bold-label fields in lines, keyed by lowercased label;
// the first occurrence wins. A label with nothing after it takes the list
// right below it ("**Promotion Gates:**" then "- tests pass"), joined by
// "; ", since that is how long answers get written.
func fields(lines []mdLine) map[string]string {
	out := map[string]string{}
	for i, l := range lines {
		if l.code || l.inRegion {
			continue
		}
		m := fieldRE.FindSubmatch(l.text)
		if m == nil {
			continue
		}
		name := strings.ToLower(strings.Join(strings.Fields(string(m[1])), " "))
		value := strings.TrimSpace(string(m[2]))
		if value == "" {
			value = strings.Join(listBelow(lines[i+1:]), "; ")
		}
		if _, seen := out[name]; !seen {
			out[name] = value
		}
	}
	return out
}

// listBelow returns the items of the list that starts at lines[0] (blank
// lines before it are skipped); it stops at anything that is not a plain
// list item, including the next field.
func listBelow(lines []mdLine) []string {
	var items []string
	for _, l := range lines {
		if l.code || l.inRegion || fieldRE.Match(l.text) {
			break
		}
		if strings.TrimSpace(string(l.text)) == "" {
			if len(items) > 0 {
				break
			}
			continue
		}
		m := listItemRE.FindSubmatch(l.text)
		if m == nil {
			break
		}
		if item := strings.TrimSpace(string(m[1])); item != "" {
			items = append(items, item)
		}
	}
	return items
}
