package pipelinedoc

import "strings"

// Context holds what steps 1 and 2 decided that step 4 builds on: the seed
// says "infrastructure context from step 1" and "pipeline architecture
// decisions from step 2" are available. Each is the team's words as
// written, or "" when the document does not say it in a way read here.
type Context struct {
	// Step 2, "## Pipeline Architecture": "### CI/CD Platform" →
	// **Platform:**, "### Branch Strategy" → **Strategy:**. A subsection
	// without the field gives its first paragraph; the section may also
	// hold **CI/CD Platform:** or **Branch Strategy:** itself.
	Platform, BranchStrategy string
	// Architecture is step 2's section in prose (its first paragraph),
	// kept only when neither field above was found in it.
	Architecture string
	// Step 1: an **Infrastructure:** field, else the first paragraph of a
	// heading titled "Infrastructure…" (any level), else the first
	// paragraph of "## Pipeline Context" or "## Project Context".
	Infrastructure string
}

// parseContext reads steps 1 and 2's context. Code blocks and Pipewright's
// region are skipped; the first value found wins, as a person reads.
func parseContext(lines []mdLine) Context {
	var c Context
	for i, l := range lines {
		lvl, title := heading(l)
		if lvl == 2 && titleIs(title, "pipeline architecture") {
			section := sectionLines(lines, i, 2)
			readArchitecture(&c, section)
			if c.Platform == "" && c.BranchStrategy == "" {
				setOnce(&c.Architecture, paragraph(section))
			}
		}
	}
	for i, l := range lines {
		if lvl, title := heading(l); lvl > 0 && titleIs(title, "infrastructure") {
			setOnce(&c.Infrastructure, firstOf(fields(sectionLines(lines, i, lvl)), "infrastructure", "platform", "hosting", "runtime"))
			setOnce(&c.Infrastructure, paragraph(sectionLines(lines, i, lvl)))
		}
	}
	if f := fields(outsideStages(lines)); f["infrastructure"] != "" {
		c.Infrastructure = f["infrastructure"]
	}
	for i, l := range lines { // step 1's context in prose, as many write it
		lvl, title := heading(l)
		if lvl == 2 && (titleIs(title, "pipeline context") || titleIs(title, "project context")) {
			setOnce(&c.Infrastructure, paragraph(sectionLines(lines, i, 2)))
		}
	}
	return c
}

// readArchitecture reads the fields of step 2's section and its
// subsections.
func readArchitecture(c *Context, section []mdLine) {
	top := fields(section)
	for j, l := range section {
		lvl, title := heading(l)
		if lvl <= 2 {
			continue
		}
		sub := sectionLines(section, j, lvl)
		f := fields(sub)
		switch {
		case titleIs(title, "ci/cd platform"), titleIs(title, "cicd platform"), titleIs(title, "ci platform"), titleIs(title, "platform"):
			setOnce(&c.Platform, firstOf(f, "platform", "ci/cd platform", "tool"))
			setOnce(&c.Platform, paragraph(sub))
		case titleIs(title, "branch strategy"), titleIs(title, "branching strategy"), titleIs(title, "branching"):
			setOnce(&c.BranchStrategy, firstOf(f, "strategy", "branch strategy", "branching strategy", "model"))
			setOnce(&c.BranchStrategy, paragraph(sub))
		}
	}
	setOnce(&c.Platform, firstOf(top, "ci/cd platform", "cicd platform", "ci platform"))
	setOnce(&c.BranchStrategy, firstOf(top, "branch strategy", "branching strategy"))
}

func firstOf(f map[string]string, names ...string) string {
	for _, n := range names {
		if v := strings.TrimSpace(f[n]); v != "" {
			return v
		}
	}
	return ""
}

// paragraph is the first paragraph of a section, lines joined by a space,
// when it comes before any subheading; "" if the section opens with a field,
// a list or a heading (those are read as fields or not at all).
func paragraph(section []mdLine) string {
	var words []string
	for _, l := range section {
		t := strings.TrimSpace(string(l.text))
		switch {
		case l.code || l.inRegion:
			return strings.Join(words, " ")
		case t == "":
			if len(words) > 0 {
				return strings.Join(words, " ")
			}
			continue
		}
		if lvl, _ := heading(l); lvl > 0 || fieldRE.Match(l.text) || listItemRE.Match(l.text) || strings.HasPrefix(t, "|") || strings.HasPrefix(t, "<") {
			return strings.Join(words, " ")
		}
		words = append(words, t)
	}
	return strings.Join(words, " ")
}

// outsideStages is the document less step 3's "## Pipeline Stages", whose
// fields are step 3's own.
func outsideStages(lines []mdLine) []mdLine {
	var out []mdLine
	skip := false
	for _, l := range lines {
		if lvl, title := heading(l); lvl > 0 && lvl <= 2 {
			skip = lvl == 2 && titleIs(title, "pipeline stages")
		}
		if !skip {
			out = append(out, l)
		}
	}
	return out
}
