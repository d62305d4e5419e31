package comments

import (
	"fmt"
	"slices"
	"strings"

	"github.com/pipewright/pipewright/app/strategy"
)

// party renders party mode: each perspective in its own voice with its
// endorsements and concerns tied to decisions, the disagreements where
// both sides apply, the consistency analysis, and the proposed changes.
func (r Render) party(s *strategy.Session, p *strategy.Proposal, accepted []strategy.Enhancement) string {
	if p == nil {
		return ""
	}
	t := r.Lang.T
	voices := strategy.Voices(p)
	var b strings.Builder
	heading := t("party.heading", "count", len(voices))
	if p.Scope != "" {
		heading = t("party.heading-scoped", "count", len(voices), "category-name", r.categoryName(p.Scope))
	}
	fmt.Fprintf(&b, "### %s\n\n%s\n\n", heading, t("party.intro"))
	for _, id := range voices {
		b.WriteString(r.voice(s, p, id) + "\n")
	}
	fmt.Fprintf(&b, "**%s**\n\n", t("party.disagreements"))
	if len(p.Disagreements) == 0 {
		b.WriteString(t("party.no-disagreements") + "\n")
	}
	for _, id := range p.Disagreements {
		b.WriteString(r.disagreement(s, id))
	}
	b.WriteString("\n" + r.analysis(s, p.Rules) + "\n\n")
	fmt.Fprintf(&b, "**%s**\n\n", t("party.proposal"))
	diff := r.proposalDiff(s, accepted, p)
	if diff == "" {
		b.WriteString(t("party.nothing") + " " + t("party.answers"))
		return b.String()
	}
	fmt.Fprintf(&b, "%s\n\n%s\n\n%s", diff, t("party.answers"), r.acceptPrompt("party.accept-question"))
	return b.String()
}

// voice is one perspective: who speaks, how, and what they say about which
// decisions.
func (r Render) voice(s *strategy.Session, p *strategy.Proposal, id string) string {
	pt := r.Lang.Perspective(id)
	var b strings.Builder
	fmt.Fprintf(&b, "**%s** (%s): _“%s”_\n\n", pt.Name, pt.Role, pt.Voice)
	said := false
	for _, ref := range p.Stances {
		per, st, ok := strategy.StanceByRef(ref)
		if !ok || per.ID != id {
			continue
		}
		icon, text := "👍", pt.Endorse[st.ID]
		if st.Concern {
			icon, text = "⚠️", pt.Concerns[st.ID]
		}
		fmt.Fprintf(&b, "- %s %s _(%s)_\n", icon, r.fill(s, text), r.Lang.T("party.on", "decisions", r.onWhat(s, st.On)))
		said = true
	}
	if !said {
		fmt.Fprintf(&b, "- %s\n", pt.Quiet)
	}
	return b.String()
}

// onWhat names the decisions a stance is about, or step 3 when none of
// them is decided (a GitOps method is step 3's).
func (r Render) onWhat(s *strategy.Session, ids []strategy.CategoryID) string {
	if names := r.decisionNames(s, ids); names != "" {
		return names
	}
	return r.fill(s, "{method}")
}

// disagreement is one conflict between two perspectives.
func (r Render) disagreement(s *strategy.Session, id string) string {
	for _, d := range strategy.Disagreements {
		if d.ID != id {
			continue
		}
		pa, sa, _ := strategy.StanceByRef(d.A)
		pb, sb, _ := strategy.StanceByRef(d.B)
		on := append(append([]strategy.CategoryID(nil), sa.On...), sb.On...)
		vs := r.Lang.T("party.vs", "a", r.Lang.Perspective(pa.ID).Name, "b", r.Lang.Perspective(pb.ID).Name)
		return fmt.Sprintf("- **%s** _(%s)_: %s\n", vs, r.Lang.T("party.on", "decisions", r.onWhat(s, dedupe(on))), r.fill(s, r.Lang.Disagreements[id]))
	}
	return ""
}

func dedupe(ids []strategy.CategoryID) []strategy.CategoryID {
	var out []strategy.CategoryID
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}
