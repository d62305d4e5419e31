package handlers

import (
	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/comments"
)

// settingsFor reads the team's languages and skill level when a session
// starts: _bmad/bmm/config.yaml's communication_language,
// document_output_language and user_skill_level, each overridden by
// .github/pipewright.yml when it states it. Both files are already on
// their way with the document (prefetch), so this costs no request. A
// BMAD config that cannot be read counts as unset: the document's own
// error says why. Values nobody knows fall back with a notice.
func settingsFor(read project.ReadFunc, cfg *RepoConfig) (strategy.Settings, []strategy.Message) {
	var prefs project.Preferences
	if bmad, _, err := project.LoadConfig(read); err == nil {
		prefs = bmad.Preferences()
	}
	if cfg != nil {
		prefs = prefs.Override(cfg.Preferences)
	}
	return comments.Settings(prefs)
}
