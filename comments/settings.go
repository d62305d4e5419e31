package comments

import (
	"strings"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/strategy"
)

// Settings resolves what the team wrote for communication_language,
// document_output_language and user_skill_level to shipped languages and a
// level. A value Pipewright does not know falls back to English or
// intermediate with a one-line notice each, to be said once; it is never
// an error.
func Settings(p project.Preferences) (strategy.Settings, []strategy.Message) {
	var notes []strategy.Message
	language := func(setting, value string) string {
		code, ok := i18n.ResolveLanguage(value)
		switch {
		case !ok:
			notes = append(notes, strategy.Message{Kind: strategy.MsgNotice, Key: "settings.unknown-language",
				Args: []any{"setting", setting, "value", shorten(value), "languages", strings.Join(i18n.LanguageNames(), ", ")}})
		case i18n.NearestVariant(value, code):
			notes = append(notes, strategy.Message{Kind: strategy.MsgNotice, Key: "settings.nearest-language",
				Args: []any{"setting", setting, "value", shorten(value), "language", i18n.LanguageName(code)}})
		}
		return code
	}
	set := strategy.Settings{
		Comm: language("communication_language", p.Comm),
		Doc:  language("document_output_language", p.Doc),
	}
	level, ok := i18n.ResolveLevel(p.Skill)
	if !ok {
		notes = append(notes, strategy.Message{Kind: strategy.MsgNotice, Key: "settings.unknown-level", Args: []any{"value", shorten(p.Skill)}})
	}
	set.Skill = level
	return set, notes
}

// shorten keeps a notice to one line whatever the config holds.
func shorten(v string) string {
	v = strings.Join(strings.Fields(v), " ")
	if r := []rune(v); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return v
}

// With returns r speaking as the settings say: replies in Comm, the saved
// section in Doc, explanations at Skill. A setting left empty (a session
// from before settings existed) keeps r's own; a language that is not
// shipped (any more) keeps r's too, so rendering never fails.
func (r Render) With(set strategy.Settings) Render {
	load := func(code string, keep *i18n.Catalog) *i18n.Catalog {
		if code == "" {
			return keep
		}
		c, err := i18n.Load(code)
		if err != nil {
			return keep
		}
		return c
	}
	r.Lang = load(set.Comm, r.Lang)
	r.Doc = load(set.Doc, r.Doc)
	if set.Skill != "" {
		r.Skill = set.Skill
	}
	return r
}

// sectionNamed names the section by the heading it was saved with, in the
// document's language: the catalogues name it as a code span of English's
// heading ("`## Deployment Strategy`"), like an identifier.
func (r Render) sectionNamed(s string) string {
	en := "`## " + i18n.MustLoad(i18n.DefaultLang).T("section.title") + "`"
	return strings.Replace(s, en, "`## "+r.Doc.T("section.title")+"`", 1)
}
