package strategy

import "strings"

// Cond is a condition over a session: the logic of the consistency rules,
// the elicitation methods and the perspectives. Their words are data in the
// text catalogue; only when they apply is code.
type Cond func(s *Session) bool

// option is the option chosen for cat, or "" while it is open.
func (s *Session) option(cat CategoryID) string {
	if d := s.Decisions[cat]; d != nil {
		return d.Option
	}
	return ""
}

// is holds when cat's decision is one of opts.
func is(cat CategoryID, opts ...string) Cond {
	return func(s *Session) bool {
		o := s.option(cat)
		for _, want := range opts {
			if o != "" && o == want {
				return true
			}
		}
		return false
	}
}

// tier holds when the metric's target is one of DORA's published tiers
// given: chosen as a tier, or in the team's words whose value falls in that
// tier's band ("under 5 minutes" is elite recovery). Words that hold no
// value never match: they are the team's to read, not the engine's.
func tier(m MetricID, tiers ...string) Cond {
	return func(s *Session) bool {
		level := s.Targets[m].Level(m)
		if level == "" {
			return false
		}
		for _, want := range tiers {
			if level == want {
				return true
			}
		}
		return false
	}
}

func and(cs ...Cond) Cond {
	return func(s *Session) bool {
		for _, c := range cs {
			if !c(s) {
				return false
			}
		}
		return true
	}
}

func or(cs ...Cond) Cond {
	return func(s *Session) bool {
		for _, c := range cs {
			if c(s) {
				return true
			}
		}
		return false
	}
}

func not(c Cond) Cond { return func(s *Session) bool { return !c(s) } }

// always is the condition of what a method asks or proposes in any case.
func always(*Session) bool { return true }

// SubText is what the team wrote for a sub-decision: their answer when they
// decided, then their words in accepted enhancements that sharpen it.
// Defaults and generated refinements are not the team's answer.
func (s *Session) SubText(cat CategoryID, sub string) string {
	var parts []string
	if d := s.Decisions[cat]; d != nil && strings.TrimSpace(d.Subs[sub]) != "" {
		parts = append(parts, d.Subs[sub])
	}
	for _, e := range s.Enhancements {
		if e.Category == cat && e.Sub == sub && strings.TrimSpace(e.Answer) != "" {
			parts = append(parts, e.Answer)
		}
	}
	return strings.Join(parts, "\n")
}

// answered holds when the team has put a sub-decision in its own words
// or taken the suggestion for it.
func answered(cat CategoryID, sub string) Cond {
	return func(s *Session) bool {
		d := s.Decisions[cat]
		return s.SubText(cat, sub) != "" || d != nil && d.Taken[sub] != ""
	}
}

// hasTriggers holds when rollback triggers are stated: by the team, or in
// step 3's verify stage.
func hasTriggers(s *Session) bool {
	return answered(CatRollback, "triggers")(s) || strings.TrimSpace(s.Stage3.RollbackTriggers) != ""
}

// mentions holds when the team's words for a sub-decision contain one of
// the phrases (lower-case) and none of the exceptions.
func mentions(cat CategoryID, sub string, phrases []string, except ...string) Cond {
	return func(s *Session) bool {
		text := strings.ToLower(s.SubText(cat, sub))
		for _, x := range except {
			if strings.Contains(text, x) {
				return false
			}
		}
		for _, p := range phrases {
			if strings.Contains(text, p) {
				return true
			}
		}
		return false
	}
}

// gitops holds when step 3 deploys by pull: a GitOps method or controller.
func gitops(s *Session) bool {
	text := strings.ToLower(s.Stage3.DeployMethod + " " + s.Stage3.DeployTool)
	for _, w := range []string{"gitops", "pull-based", "pull based", "argo cd", "argocd", "flux"} {
		if strings.Contains(text, w) {
			return true
		}
	}
	return false
}

// multiRegion holds when more than one region serves or stands by.
var multiRegion = is(CatRegions, "active-passive", "active-active")

// fired holds when the consistency rule id fires on the session.
func fired(id string) Cond {
	return func(s *Session) bool {
		r, ok := RuleByID(id)
		return ok && r.When(s)
	}
}
