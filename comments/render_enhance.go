package comments

import (
	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// The saved section's share of A and P: accepted enhancements become notes
// under their category's ### heading, or refinements appended to the
// sub-decision they sharpen. Every seed heading and field stays as it is;
// each addition is labelled with where it came from.

// sourceName labels an enhancement: the method, or party mode and the
// perspective.
func (r Render) sourceName(c *i18n.Catalog, e strategy.Enhancement) string {
	if e.Kind == strategy.KindElicit {
		return r.methodName(c, e.Source)
	}
	if p := c.Perspective(e.Source).Name; p != "" {
		return c.T("party.name") + ", " + p
	}
	return c.T("party.name")
}

// enhancementText is the team's words, escaped, or the proposed text filled
// from the options decided when it was proposed.
func (r Render) enhancementText(c *i18n.Catalog, s *strategy.Session, e strategy.Enhancement) string {
	if e.Answer != "" {
		return Inline(e.Answer)
	}
	var text string
	if e.Kind == strategy.KindElicit {
		text = c.Method(e.Source).Enhancements[e.Key]
	} else {
		text = c.Perspective(e.Source).Changes[e.Key]
	}
	return i18n.Fill(text, r.fillArgs(c, s, e.Basis, false)...)
}

// shownAsField reports whether e sharpens a sub-decision the section shows.
func shownAsField(s *strategy.Session, e strategy.Enhancement) bool {
	cat, ok := strategy.CategoryByID(e.Category)
	d := s.Decisions[e.Category]
	return ok && e.Sub != "" && d != nil && cat.SubsApply(d.Option)
}

// notes are a category's notes as the section lists them: the team's
// "Key: value" lines kept from the decision, then the accepted notes.
func (r Render) notes(c *i18n.Catalog, s *strategy.Session, cat strategy.CategoryID) []string {
	var out []string
	if d := s.Decisions[cat]; d != nil {
		for _, n := range d.Notes {
			out = append(out, Inline(n))
		}
	}
	for _, e := range s.Enhancements {
		if e.Category != cat || shownAsField(s, e) {
			continue
		}
		key := "enhance.note"
		if e.Answer != "" {
			key = "enhance.answer"
		}
		out = append(out, c.T(key, "source", r.sourceName(c, e), "text", r.enhancementText(c, s, e)))
	}
	return out
}

// refined appends to a sub-decision's value the accepted refinements of it.
func (r Render) refined(c *i18n.Catalog, s *strategy.Session, cat strategy.CategoryID, sub, value string) string {
	for _, e := range s.Enhancements {
		if e.Category != cat || e.Sub != sub || !shownAsField(s, e) {
			continue
		}
		key := "enhance.refined"
		if e.Answer != "" {
			key = "enhance.refined-answer"
		}
		// A line break keeps the team's answer and the refinement apart.
		value += "<br>" + c.T(key, "source", r.sourceName(c, e), "text", r.enhancementText(c, s, e))
	}
	return value
}

// sectionWith renders the section as it would be with these enhancements.
func (r Render) sectionWith(s *strategy.Session, es []strategy.Enhancement) string {
	c := *s
	c.Enhancements = es
	return r.Section(&c)
}

// noteItems lists notes already escaped (see notes).
func (w *sectionWriter) noteItems(label string, items []string) {
	if len(items) == 0 {
		return
	}
	w.line("**" + label + ":**")
	w.bullets(items)
}
