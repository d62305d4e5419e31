package strategy

import (
	"slices"
	"sort"
)

// Method is one advanced elicitation method written for deployment
// strategy. What it asks, finds and proposes depends on the team's
// decisions through conditions; every word is in the catalogue under
// elicitation.<id>, keyed by the item ids here.
type Method struct {
	ID      string
	Aliases []string   // besides the id, accepted by /elicit, compared squashed
	Primary CategoryID // where the team's plain answers go
	Fits    []Fit      // the decisions it is most useful for
	Rules   []string   // the consistency findings it digs into
	// Matrix lists categories whose options the reply compares on DORA.
	Matrix    []CategoryID
	Questions []Item
	Findings  []Item
	Changes   []Change
}

// Fit says a method is worth Weight more when a category is decided one of
// Options.
type Fit struct {
	Category CategoryID
	Options  []string
	Weight   int
}

// Item is a question or finding that applies When.
type Item struct {
	ID   string
	When Cond
}

// Change is an enhancement a method proposes When it applies: a note under
// Category, or a sharpened Sub where that sub-decision is shown.
type Change struct {
	ID       string
	Category CategoryID
	Sub      string
	When     Cond
}

// ruleWeight is what a fired consistency rule adds to a method that digs
// into it: a conflict in the team's own decisions is the best reason to
// look closer.
const ruleWeight = 3

// Fitness is why a method ranks where it does.
type Fitness struct {
	ID      string
	Score   int
	Matches []CategoryID // the decided categories it fits
	Rules   []string     // the fired rules it digs into
}

// MethodByID returns the method with that id.
func MethodByID(id string) (*Method, bool) {
	for i := range Methods {
		if Methods[i].ID == id {
			return &Methods[i], true
		}
	}
	return nil, false
}

// FitnessOf scores one method on the session: the weights of the
// decisions it fits plus ruleWeight for each fired rule it digs into.
func FitnessOf(s *Session, m *Method) Fitness {
	f := Fitness{ID: m.ID}
	for _, fit := range m.Fits {
		if slices.Contains(fit.Options, s.option(fit.Category)) {
			f.Score += fit.Weight
			if !slices.Contains(f.Matches, fit.Category) {
				f.Matches = append(f.Matches, fit.Category)
			}
		}
	}
	for _, r := range m.Rules {
		if fired(r)(s) {
			f.Score += ruleWeight
			f.Rules = append(f.Rules, r)
		}
	}
	return f
}

// RankMethods orders every method by fit, best first; ties keep the
// catalogue's order, so the ranking is the same for the same decisions.
func RankMethods(s *Session) []Fitness {
	out := make([]Fitness, len(Methods))
	for i := range Methods {
		out[i] = FitnessOf(s, &Methods[i])
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Score > out[j].Score })
	return out
}

// matchMethod finds a method by id or alias, spelt loosely.
func matchMethod(text string) (*Method, bool) {
	key := squash(text)
	if key == "" {
		return nil, false
	}
	for i := range Methods {
		for _, n := range append([]string{Methods[i].ID}, Methods[i].Aliases...) {
			if squash(n) == key {
				return &Methods[i], true
			}
		}
	}
	return nil, false
}

// propose instantiates a method on the session: the questions and
// findings that apply, the fired rules it digs into, and the changes not
// accepted already.
func (m *Method) propose(s *Session, cmd Command, scope CategoryID) *Proposal {
	p := &Proposal{Kind: KindElicit, Method: m.ID, Scope: scope, Revision: s.Revision, By: cmd.Actor, At: cmd.At}
	for _, q := range m.Questions {
		if q.When(s) {
			p.Questions = append(p.Questions, q.ID)
		}
	}
	for _, f := range m.Findings {
		if f.When(s) {
			p.Findings = append(p.Findings, f.ID)
		}
	}
	p.Rules = FitnessOf(s, m).Rules
	for _, c := range m.Changes {
		if e := s.change(KindElicit, m.ID, c, cmd.Actor); c.When(s) && s.inScope(scope, e) {
			p.add(s, e)
		}
	}
	return p
}

// change makes the enhancement of a Change: a sharpened sub-decision only
// where the section shows it, else a note under the category.
func (s *Session) change(kind ProposalKind, source string, c Change, by string) Enhancement {
	e := Enhancement{Category: c.Category, Sub: c.Sub, Kind: kind, Source: source, Key: c.ID, Basis: s.basis(), By: by}
	if cat, ok := CategoryByID(c.Category); ok && e.Sub != "" && !cat.SubsApply(s.option(c.Category)) {
		e.Sub = ""
	}
	return e
}

// add puts e in the proposal unless the session or the proposal has it.
func (p *Proposal) add(s *Session, e Enhancement) {
	if s.accepted(e) || slices.ContainsFunc(p.Changes, e.same) {
		return
	}
	p.Changes = append(p.Changes, e)
}
