package strategy

import "strings"

// Suggestions for open sub-decisions. Nothing here is ever saved on its
// own: a reply shows the suggestion beside the open sub-decision, and only
// /take makes it the team's answer (take.go). Which decision suggests what
// is structure, kept here; the words are catalogue data under the
// suggesting option (i18n OptionText.Suggestions), keyed by SuggestionKey.

// Suggestion says where a suggested answer comes from: an option of a
// decided category, possibly in the variant that fits step 3's GitOps
// method, or step 3's own rollback triggers (the team's words already).
type Suggestion struct {
	From    CategoryID // the suggesting category; "" for step 3
	Option  string
	Variant string // "gitops" or ""
}

// FromStep3 is the source of a suggestion taken from step 3's document.
const FromStep3 = "step3"

// Source is the suggestion as stored in Decision.Taken: "pattern/canary",
// "pattern/canary@gitops" or "step3".
func (g Suggestion) Source() string {
	if g.From == "" {
		return FromStep3
	}
	src := string(g.From) + "/" + g.Option
	if g.Variant != "" {
		src += "@" + g.Variant
	}
	return src
}

// ParseSuggestion reads a Source back.
func ParseSuggestion(src string) Suggestion {
	if src == FromStep3 || src == "" {
		return Suggestion{}
	}
	rest, variant, _ := strings.Cut(src, "@")
	cat, opt, _ := strings.Cut(rest, "/")
	return Suggestion{From: CategoryID(cat), Option: opt, Variant: variant}
}

// SuggestionKey is the catalogue key of a sub-decision's suggestion under
// the suggesting option: "rollback.mechanism" or "rollback.mechanism@gitops".
func SuggestionKey(cat CategoryID, sub, variant string) string {
	key := string(cat) + "." + sub
	if variant != "" {
		key += "@" + variant
	}
	return key
}

// SuggestedBy names, for each sub-decision ("<category>.<sub>"), the
// category whose decided option suggests an answer. Every option of that
// category carries the words (a catalogue test checks it).
var SuggestedBy = map[string]CategoryID{
	"rollback.triggers":      CatRollback,
	"rollback.mechanism":     CatPattern,
	"rollback.data":          CatMigrations,
	"rollback.testing":       CatRollback,
	"downtime.shutdown":      CatDowntime,
	"downtime.probes":        CatDowntime,
	"downtime.draining":      CatDowntime,
	"downtime.load-balancer": CatDowntime,
	"regions.order":          CatRegions,
	"regions.consistency":    CatRegions,
	"regions.independence":   CatRegions,
	"regions.traffic":        CatRegions,
}

// GitOpsVariants are the sub-decisions whose suggestion differs when step 3
// deploys by GitOps: there, a rollback starts by reverting Git.
var GitOpsVariants = map[string]bool{"rollback.mechanism": true}

// Unfit lists, per decided option ("<category>/<option>"), the
// sub-decisions that get no suggestion under it because any would
// contradict it: Recreate stops every instance at once, so there is no
// connection draining or load-balancer hand-over to suggest.
var Unfit = map[string][]string{
	"pattern/recreate": {"downtime.draining", "downtime.load-balancer"},
}

// Suggest is the suggestion for an open sub-decision of cat, if one fits
// the decisions made. It does not look at whether the team answered it.
func (s *Session) Suggest(cat CategoryID, sub string) (Suggestion, bool) {
	key := string(cat) + "." + sub
	if s.unfit(key) {
		return Suggestion{}, false
	}
	if key == "rollback.triggers" && strings.TrimSpace(s.Stage3.RollbackTriggers) != "" {
		return Suggestion{}, true // step 3's verify stage already names them
	}
	from, ok := SuggestedBy[key]
	if !ok || s.Decisions[from] == nil {
		return Suggestion{}, false
	}
	g := Suggestion{From: from, Option: s.Decisions[from].Option}
	if GitOpsVariants[key] && gitops(s) {
		g.Variant = "gitops"
	}
	return g, true
}

// SubState is where one applicable sub-decision stands.
type SubState struct {
	Sub      string
	Answered bool       // the team wrote it
	Taken    bool       // the team took a suggestion: Source says which
	Source   Suggestion // what was taken, or, while open, what is suggested
	// Suggested is true for an open sub-decision with a suggestion that fits.
	Suggested bool
}

// Open reports whether neither the team nor /take has answered it.
func (st SubState) Open() bool { return !st.Answered && !st.Taken }

// SubStates lists the sub-decisions that apply to cat's decision, in order;
// nil when the category is undecided or its option has none.
func (s *Session) SubStates(cat CategoryID) []SubState {
	c, ok := CategoryByID(cat)
	d := s.Decisions[cat]
	if !ok || d == nil || !c.SubsApply(d.Option) {
		return nil
	}
	out := make([]SubState, 0, len(c.Subs))
	for _, sub := range c.Subs {
		st := SubState{Sub: sub.ID}
		switch {
		case strings.TrimSpace(d.Subs[sub.ID]) != "":
			st.Answered = true
			if src, ok := d.Taken[sub.ID]; ok {
				st.Taken, st.Answered, st.Source = true, false, ParseSuggestion(src)
			}
		case d.Taken[sub.ID] != "":
			st.Taken, st.Source = true, ParseSuggestion(d.Taken[sub.ID])
		default:
			st.Source, st.Suggested = s.Suggest(cat, sub.ID)
		}
		out = append(out, st)
	}
	return out
}

// OpenSubs lists the sub-decisions of every decided category still open,
// in category order, for the review before C.
func (s *Session) OpenSubs() map[CategoryID][]SubState {
	out := map[CategoryID][]SubState{}
	for _, c := range Categories {
		for _, st := range s.SubStates(c.ID) {
			if st.Open() {
				out[c.ID] = append(out[c.ID], st)
			}
		}
	}
	return out
}

// dropStaleTaken reopens suggestions taken from cat's earlier option, and
// those a decision now makes unfit: they fitted decisions the team has
// since changed. The team's own words stay.
func (s *Session) dropStaleTaken(cat CategoryID, option string) {
	for id, d := range s.Decisions {
		for sub, src := range d.Taken {
			g := ParseSuggestion(src)
			if g.From == cat && g.Option != option || s.unfit(string(id)+"."+sub) {
				delete(d.Taken, sub)
			}
		}
	}
}

// unfit holds when a decision made rules out suggesting key.
func (s *Session) unfit(key string) bool {
	for id, d := range s.Decisions {
		for _, k := range Unfit[string(id)+"/"+d.Option] {
			if k == key {
				return true
			}
		}
	}
	return false
}
