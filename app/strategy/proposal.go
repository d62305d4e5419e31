package strategy

import (
	"maps"
	"slices"
	"time"
)

// ProposalKind says which protocol of the A/P/C menu made a proposal.
type ProposalKind string

const (
	KindElicit ProposalKind = "A" // advanced elicitation: one method
	KindParty  ProposalKind = "P" // party mode: several perspectives
)

// Proposal is what A or P offers to add to the section, waiting for the
// team's /accept or /reject. It never changes a decision's option: it only
// adds notes and sharpens sub-decisions, each labelled with its source.
type Proposal struct {
	Kind   ProposalKind `json:"kind"`
	Method string       `json:"method"` // the method id (A), or "party" (P)
	// Scope is the decision category it was asked on from that category's
	// menu; empty for the whole strategy's.
	Scope CategoryID `json:"scope,omitempty"`
	// Revision is the session revision it was made on; accepting it after
	// the decisions changed would apply findings about decisions now gone.
	Revision int `json:"revision"`
	// What the reply shows, as catalogue ids chosen by the engine.
	Questions     []string `json:"questions,omitempty"`
	Findings      []string `json:"findings,omitempty"`
	Rules         []string `json:"rules,omitempty"`         // consistency rules that fired
	Stances       []string `json:"stances,omitempty"`       // "<perspective>.<stance>" (P)
	Disagreements []string `json:"disagreements,omitempty"` // (P)
	// Changes are the enhancements /accept adds to the section.
	Changes []Enhancement `json:"changes"`
	By      string        `json:"by"`
	At      time.Time     `json:"at"`
}

// Enhancement is one accepted (or proposed) addition to the section.
type Enhancement struct {
	Category CategoryID `json:"category"`
	// Sub is the sub-decision it sharpens; empty: a note under the category.
	Sub string `json:"sub,omitempty"`
	// Kind and Source name where it came from: a method (A) or a
	// perspective (P); the section labels it so.
	Kind   ProposalKind `json:"kind"`
	Source string       `json:"source"`
	// Key names the proposed text in the catalogue; Answer is instead the
	// team's own words, kept verbatim.
	Key    string `json:"key,omitempty"`
	Answer string `json:"answer,omitempty"`
	// Basis is the options decided when it was proposed: the text is filled
	// from them, so an accepted note reads as it did when accepted.
	Basis map[CategoryID]string `json:"basis,omitempty"`
	By    string                `json:"by,omitempty"`
}

// same reports whether two enhancements add the same thing.
func (e Enhancement) same(o Enhancement) bool {
	if e.Answer != "" || o.Answer != "" {
		return e.Category == o.Category && e.Sub == o.Sub && e.Answer == o.Answer
	}
	return e.Kind == o.Kind && e.Source == o.Source && e.Key == o.Key
}

// accepted reports whether the session already holds e.
func (s *Session) accepted(e Enhancement) bool {
	return slices.ContainsFunc(s.Enhancements, e.same)
}

// basis snapshots the options decided now.
func (s *Session) basis() map[CategoryID]string {
	out := make(map[CategoryID]string, len(s.Decisions))
	for id, d := range s.Decisions {
		out[id] = d.Option
	}
	return out
}

func cloneProposal(p *Proposal) *Proposal {
	if p == nil {
		return nil
	}
	c := *p
	c.Questions = slices.Clone(p.Questions)
	c.Findings = slices.Clone(p.Findings)
	c.Rules = slices.Clone(p.Rules)
	c.Stances = slices.Clone(p.Stances)
	c.Disagreements = slices.Clone(p.Disagreements)
	c.Changes = cloneEnhancements(p.Changes)
	return &c
}

func cloneEnhancements(es []Enhancement) []Enhancement {
	if es == nil {
		return nil
	}
	out := make([]Enhancement, len(es))
	for i, e := range es {
		e.Basis = maps.Clone(e.Basis)
		out[i] = e
	}
	return out
}

// dropEnhancements removes what was added to a category whose decision was
// replaced by another option: like the old decision's notes, it described
// a choice the team no longer makes.
func (s *Session) dropEnhancements(cat CategoryID) {
	s.Enhancements = slices.DeleteFunc(s.Enhancements, func(e Enhancement) bool { return e.Category == cat })
	if len(s.Enhancements) == 0 {
		s.Enhancements = nil
	}
}
