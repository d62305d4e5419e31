package comments

import (
	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/project"
)

// SettingRefusal is a setting whose value Pipewright will not act on, with
// where it was read, so the reply names the line to fix. Every part of it
// may come from whoever wrote the branch, so each is shown with Name.
type SettingRefusal struct {
	Setting string // "path"
	File    string // ".github/pipewright.yml"
	Ref     string // the branch the file was read from
	Value   string // the path the setting gives
	Problem project.PathProblem
	Err     error
}

// Error is the English wording, for logs and English replies.
func (s *SettingRefusal) Error() string { return SettingRefusalText(english(), s) }

func (s *SettingRefusal) Unwrap() error { return s.Err }

// SettingRefusalText words s in lang's catalogue.
func SettingRefusalText(lang *i18n.Catalog, s *SettingRefusal) string {
	return lang.T("setting.refused", "value", Name(s.Value), "setting", Name(s.Setting), "file", Name(s.File),
		"branch", Name(s.Ref), "reason", lang.T("setting.reason."+string(s.Problem)))
}
