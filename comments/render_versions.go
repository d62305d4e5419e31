package comments

import (
	"slices"
	"strings"

	"github.com/pipewright/pipewright/app/knowledge"
	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/app/versions"
)

// Versions verified on GitHub, for every tool a session names: step 3's
// deployment tools and the companion the pattern needs (in the pattern's
// reply), the migration tools the team names (in the migrations reply),
// the flag tools (in the flags question), and all of them in the review.

// deployTools are step 3's deployment tools the table knows, then the
// companion the chosen pattern needs.
func deployTools(s *strategy.Session) []string {
	var out []string
	for _, t := range knowledge.Named(knowledge.Load().Deploy, s.Stage3.DeployTool) {
		out = append(out, t.ID)
	}
	for _, t := range patternFit(s).Companions {
		out = append(out, t.ID)
	}
	return out
}

// flagTools are the chosen flag option's tool and the flag tools the team
// names in its words on that decision (a custom one built on OpenFeature).
func flagTools(s *strategy.Session) []string {
	d := s.Decisions[strategy.CatFlags]
	if d == nil {
		return nil
	}
	var out []string
	cat, _ := strategy.CategoryByID(strategy.CatFlags)
	if o, ok := cat.Option(d.Option); ok && o.Tool != "" {
		out = append(out, o.Tool)
	}
	for _, t := range knowledge.Named(knowledge.Load().Flags, d.Rationale+"\n"+strings.Join(d.Notes, "\n")) {
		out = append(out, t.ID)
	}
	return out
}

func migrationTools(s *strategy.Session) []string {
	var out []string
	for _, t := range MigrationTools(s) {
		out = append(out, t.ID)
	}
	return out
}

// ToolsShown lists the tools whose versions a reply to msgs (and the
// section, when saving) shows, so the shell looks up only those.
func ToolsShown(s *strategy.Session, msgs []strategy.Message, saving bool) []string {
	var out []string
	all := saving
	for _, m := range msgs {
		switch {
		case m.Kind == strategy.MsgReview, m.Kind == strategy.MsgElicit, m.Kind == strategy.MsgParty:
			all = true
		case m.Kind == strategy.MsgAsk && m.Category == strategy.CatFlags:
			cat, _ := strategy.CategoryByID(strategy.CatFlags)
			out = append(out, optionTools(cat)...)
		case m.Kind == strategy.MsgDecision && m.Category == strategy.CatPattern:
			out = append(out, deployTools(s)...)
		case m.Kind == strategy.MsgDecision && m.Category == strategy.CatMigrations:
			out = append(out, migrationTools(s)...)
		case m.Kind == strategy.MsgDecision && m.Category == strategy.CatFlags:
			out = append(out, flagTools(s)...)
		}
	}
	if all {
		out = append(out, slices.Concat(deployTools(s), flagTools(s), migrationTools(s))...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// versionsNote lists the versions of tools verified on GitHub; step 3's
// own version of its tool is compared, and a newer release pointed out.
// What could not be verified is said once per reply (unverifiedNote).
func (r Render) versionsNote(s *strategy.Session, tools []string) string {
	t := r.Lang.T
	stated := versions.Stated(s.Stage3.DeployTool)
	step3 := knowledge.Named(knowledge.Load().Deploy, s.Stage3.DeployTool)
	var parts []string
	seen := map[string]bool{}
	for _, id := range tools {
		tool, ok := knowledge.Load().ByID(id)
		if !ok || !tool.Checked() || seen[id] {
			continue
		}
		seen[id] = true
		latest := NoPing(Inline(r.Versions[id]))
		switch {
		case latest == "":
		case stated != "" && len(step3) > 0 && step3[0].ID == id && versions.Newer(latest, stated):
			parts = append(parts, t("versions.newer", "tool", tool.Name, "latest", latest, "stated", stated))
		default:
			parts = append(parts, t("versions.latest", "tool", tool.Name, "latest", latest))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "🔎 " + t("versions.verified", "list", strings.Join(parts, "; "))
}

// unverifiedNote says once per reply which tools it shows could not be
// verified (offline, rate limited, no release), never on each line.
func (r Render) unverifiedNote() string {
	var missing []string
	for _, tool := range knowledge.Load().All() {
		if r.Versions[tool.ID] == "" && slices.Contains(r.Unverified, tool.ID) {
			missing = append(missing, tool.Name)
		}
	}
	if len(missing) == 0 {
		return ""
	}
	return "🔎 " + r.Lang.T("versions.not-verified", "tools", strings.Join(missing, ", "))
}

// optionTools are the tools a category's options name.
func optionTools(cat *strategy.Category) []string {
	var out []string
	for _, o := range cat.Options {
		if o.Tool != "" {
			out = append(out, o.Tool)
		}
	}
	return out
}
