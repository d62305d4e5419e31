package knowledge

import "slices"

// Fit is what the table says about carrying out a deployment pattern with
// the deployment tools step 3 names.
type Fit struct {
	Tool Tool // the first deployment tool step 3 names that the table knows
	// Native: the tool, or a tool step 3 names with it, does the pattern.
	Native bool
	// Companions are the tools one of which it needs for the pattern, when
	// step 3 names none of them; empty when the table claims nothing.
	Companions []Tool
	// Known is false when step 3 names no tool the table knows: then
	// nothing is claimed either way.
	Known bool
}

// PatternFit reads step 3's tool text for pattern (a strategy option id).
func (t *Tables) PatternFit(stage3Tool, pattern string) Fit {
	named := Named(t.Deploy, stage3Tool)
	if len(named) == 0 {
		return Fit{}
	}
	fit := Fit{Tool: named[0], Known: true}
	for _, tool := range named {
		if slices.Contains(tool.Native, pattern) {
			fit.Native = true
			return fit
		}
	}
	for _, id := range named[0].Companion[pattern] {
		if c, ok := t.ByID(id); ok {
			fit.Companions = append(fit.Companions, c)
		}
	}
	return fit
}
