package project

import "strings"

// Preferences are how BMAD speaks to a team, as the team wrote them:
// communication_language, document_output_language and user_skill_level.
// Resolving them to shipped languages and a level is package i18n's job.
type Preferences struct {
	Comm  string `yaml:"communication_language"`
	Doc   string `yaml:"document_output_language"`
	Skill string `yaml:"user_skill_level"`
}

// Preferences returns the config's three settings.
func (c Config) Preferences() Preferences {
	return Preferences{Comm: c.CommunicationLanguage, Doc: c.DocumentOutputLanguage, Skill: c.UserSkillLevel}
}

// Override returns p with each setting o states in its place: Pipewright's
// own configuration (.github/pipewright.yml, command-line flags) wins over
// BMAD's, one setting at a time.
func (p Preferences) Override(o Preferences) Preferences {
	if strings.TrimSpace(o.Comm) != "" {
		p.Comm = o.Comm
	}
	if strings.TrimSpace(o.Doc) != "" {
		p.Doc = o.Doc
	}
	if strings.TrimSpace(o.Skill) != "" {
		p.Skill = o.Skill
	}
	return p
}
