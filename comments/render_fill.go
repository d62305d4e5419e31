package comments

import (
	"strings"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// fillArgs are the placeholder values of the method, perspective and rule
// texts: option names (from basis when given, so an accepted note reads as
// it did when accepted), step 3's context and, for replies, the team's
// sub-decision answers. Everything the team or the document wrote is
// escaped; in replies it is also made inert.
func (r Render) fillArgs(c *i18n.Catalog, s *strategy.Session, basis map[strategy.CategoryID]string, reply bool) []any {
	esc := func(x string) string {
		x = Inline(x)
		if reply {
			x = NoPing(x)
		}
		return x
	}
	or := func(x, key string) string {
		if strings.TrimSpace(x) == "" {
			return c.T(key)
		}
		return esc(x)
	}
	var args []any
	for _, cat := range strategy.Categories {
		opt := basis[cat.ID]
		if basis == nil {
			if d := s.Decisions[cat.ID]; d != nil {
				opt = d.Option
			}
		}
		name := ""
		if opt != "" {
			name = r.decisionName(c, cat.ID, opt)
		}
		args = append(args, string(cat.ID), name)
	}
	st := s.Stage3
	envs := st.Environments
	first, last := "", ""
	if len(envs) > 0 {
		first, last = envs[0], envs[len(envs)-1]
	}
	args = append(args,
		"tool", or(st.DeployTool, "fill.no-tool"),
		"method", or(st.DeployMethod, "fill.no-method"),
		"environments", or(strings.Join(envs, " → "), "fill.no-environments"),
		"gates", or(st.PromotionGates, "fill.no-gates"),
		"promotion", or(st.PromotionMechanism, "fill.no-promotion"),
		"first-env", or(first, "fill.no-first-env"),
		"last-env", or(last, "fill.no-last-env"))
	if !reply {
		return args
	}
	for _, sub := range []string{"triggers", "mechanism", "data", "testing"} {
		v := s.SubText(strategy.CatRollback, sub)
		if v == "" && sub == "triggers" {
			v = st.RollbackTriggers
		}
		args = append(args, sub, or(v, "elicit.unanswered"))
	}
	return args
}

// fill fills a catalogue text for a reply about the session as it stands.
func (r Render) fill(s *strategy.Session, text string) string {
	return i18n.Fill(text, r.fillArgs(r.Lang, s, nil, true)...)
}

// decisionNames names the decisions of the given categories, for "on ...".
func (r Render) decisionNames(s *strategy.Session, ids []strategy.CategoryID) string {
	var names []string
	for _, id := range ids {
		if d := s.Decisions[id]; d != nil {
			names = append(names, r.decisionName(r.Lang, id, d.Option))
		}
	}
	return strings.Join(names, ", ")
}

// methodName is a method's name, or party mode's, in the reply language.
func (r Render) methodName(c *i18n.Catalog, id string) string {
	if n := c.Method(id).Name; n != "" {
		return n
	}
	if id == "party" {
		return c.T("party.name")
	}
	return id
}

// decisionName names a decision in running text: the option's name, or a
// clearer phrase where the name alone says too little ("Required").
func (r Render) decisionName(c *i18n.Catalog, cat strategy.CategoryID, opt string) string {
	if n, ok := c.Messages["decision-name."+string(cat)+"."+opt]; ok {
		return n
	}
	return r.optionName(c, cat, opt)
}
