package comments

import (
	"slices"
	"strings"

	"github.com/pipewright/pipewright/app/knowledge"
	"github.com/pipewright/pipewright/app/strategy"
)

// What the knowledge table (app/knowledge) says about the tools a session
// names. A tool the table does not know is described without claims.

// patternFit is the table's word on the chosen pattern with step 3's tool.
func patternFit(s *strategy.Session) knowledge.Fit {
	p := s.Decisions[strategy.CatPattern]
	if p == nil {
		return knowledge.Fit{}
	}
	return knowledge.Load().PatternFit(s.Stage3.DeployTool, p.Option)
}

// companions names the alternatives: "Argo Rollouts or Flagger".
func companions(c catalog, tools []knowledge.Tool) string {
	names := make([]string, len(tools))
	for i, t := range tools {
		names[i] = t.Name
	}
	if len(names) == 2 {
		return c.T("knowledge.either", "first", names[0], "second", names[1])
	}
	return strings.Join(names, ", ")
}

// deployTool is step 3's tool as the pattern's Implementation names it:
// with the companion the pattern needs, when step 3 names none.
func deployTool(c catalog, s *strategy.Session, tool string) string {
	if fit := patternFit(s); len(fit.Companions) > 0 {
		return c.T("knowledge.tool-with-companion", "tool", tool, "companions", companions(c, fit.Companions))
	}
	return tool
}

// companionNote tells the team, in the pattern's reply, that step 3's tool
// needs a companion for the pattern chosen; "" when it does not, or when
// the table does not know.
func (r Render) companionNote(s *strategy.Session) string {
	fit := patternFit(s)
	if len(fit.Companions) == 0 {
		return ""
	}
	return "ℹ️ " + r.Lang.T("knowledge.needs-companion", "tool", NoPing(Inline(s.Stage3.DeployTool)),
		"pattern", r.optionName(r.Lang, strategy.CatPattern, s.Decisions[strategy.CatPattern].Option), "companions", companions(r.Lang, fit.Companions))
}

// MigrationTools are the migration tools the team names in its words on
// the migrations decision, in order.
func MigrationTools(s *strategy.Session) []knowledge.Tool {
	d := s.Decisions[strategy.CatMigrations]
	if d == nil {
		return nil
	}
	return knowledge.Named(knowledge.Load().Migrations, d.Rationale+"\n"+strings.Join(d.Notes, "\n"))
}

// migrationNote says whether the named migration tool reverts migrations.
func (r Render) migrationNote(s *strategy.Session) string {
	var lines []string
	for _, t := range MigrationTools(s) {
		if t.Down != "" {
			lines = append(lines, "ℹ️ "+r.Lang.T("knowledge.down-"+t.Down, "tool", t.Name))
		}
	}
	return strings.Join(lines, "\n")
}

// knowledgeNote is what a decision's reply adds from the table and the
// version look-ups.
func (r Render) knowledgeNote(s *strategy.Session, id strategy.CategoryID) string {
	var notes []string
	switch id {
	case strategy.CatPattern:
		notes = []string{r.companionNote(s), r.versionsNote(s, deployTools(s))}
	case strategy.CatFlags:
		notes = []string{r.versionsNote(s, flagTools(s))}
	case strategy.CatMigrations:
		notes = []string{r.migrationNote(s), r.versionsNote(s, migrationTools(s))}
	}
	return strings.Join(slices.DeleteFunc(notes, func(n string) bool { return n == "" }), "\n\n")
}
