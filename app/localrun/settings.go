package localrun

import (
	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/comments"
)

// LoadSettings reads the team's languages and skill level from
// _bmad/bmm/config.yaml under root (the project root: the current
// directory), each overridden by what override states (the command line).
// A missing config means BMAD's defaults; values Pipewright does not know
// fall back with notices for the startup; only a config that is not YAML
// is an error, as it is for finding the document.
func LoadSettings(root string, override project.Preferences) (strategy.Settings, []strategy.Message, error) {
	cfg, _, err := project.LoadConfig(func(name string) ([]byte, error) {
		return ReadProjectFile(root, name)
	})
	if err != nil {
		return strategy.Settings{}, nil, err
	}
	set, notes := comments.Settings(cfg.Preferences().Override(override))
	return set, notes, nil
}

// render is the Render of this run's settings: the config as it is now
// wins over what an earlier run stored, since the team may have changed it.
func (r *Runner) render() comments.Render { return r.Render.With(r.Settings) }

// sayNotices prints the settings' fallback notices once, at startup.
func (r *Runner) sayNotices() error {
	if len(r.Notices) == 0 {
		return nil
	}
	return r.print(r.render().Reply(&strategy.Session{}, r.Notices))
}
