package comments

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/strategy"
)

// TestSettingsFallBack: whatever the team wrote, Settings resolves to a
// shipped language and a level; what it does not know becomes English or
// intermediate with one notice per setting, never an error.
func TestSettingsFallBack(t *testing.T) {
	cases := []struct {
		name  string
		in    project.Preferences
		want  strategy.Settings
		notes []string // notice keys, in order
	}{
		{"unset: BMAD's defaults", project.Preferences{}, strategy.Settings{Comm: "en", Doc: "en", Skill: "intermediate"}, nil},
		{"known", project.Preferences{Comm: "English", Doc: "en", Skill: "Expert"}, strategy.Settings{Comm: "en", Doc: "en", Skill: "expert"}, nil},
		{"unknown language", project.Preferences{Comm: "Klingon", Skill: "beginner"}, strategy.Settings{Comm: "en", Doc: "en", Skill: "beginner"}, []string{"settings.unknown-language"}},
		{"unknown everything", project.Preferences{Comm: "Klingon", Doc: "Elvish", Skill: "wizard"}, strategy.Settings{Comm: "en", Doc: "en", Skill: "intermediate"},
			[]string{"settings.unknown-language", "settings.unknown-language", "settings.unknown-level"}},
		{"nearest variants", project.Preferences{Comm: "zh-TW", Doc: "pt-PT"}, strategy.Settings{Comm: "zh-CN", Doc: "pt-BR", Skill: "intermediate"},
			[]string{"settings.nearest-language", "settings.nearest-language"}},
		{"a region of a language shipped without one", project.Preferences{Comm: "de-AT", Doc: "fr-CA"}, strategy.Settings{Comm: "de", Doc: "fr", Skill: "intermediate"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, notes := Settings(tc.in)
			if got != tc.want {
				t.Errorf("Settings = %+v, want %+v", got, tc.want)
			}
			var keys []string
			for _, n := range notes {
				keys = append(keys, n.Key)
			}
			if strings.Join(keys, ",") != strings.Join(tc.notes, ",") {
				t.Errorf("notices %v, want %v", keys, tc.notes)
			}
		})
	}
}

// TestSettingsNoticeGoldens: the fallback notices as the team reads them
// when a session starts: one line each, the value escaped and inert.
func TestSettingsNoticeGoldens(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   project.Preferences
	}{
		{"unknown-language", project.Preferences{Comm: "Klingon @team", Doc: "Elvish"}},
		{"unknown-level", project.Preferences{Skill: "10x `ninja`"}},
		{"nearest-variant", project.Preferences{Comm: "en", Doc: "Chinese (Traditional)"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			set, notes := Settings(tc.in)
			env := envOf(t, docFull)
			env.Settings, env.Notices = set, notes
			s, msgs, _ := comment(t, strategy.Session{}, env, "dana", "/start")
			notices := msgs[:len(notes)]
			got := English().With(s.Settings).Reply(&strategy.Session{}, notices)
			for _, line := range strings.Split(strings.TrimSpace(got), "\n\n") {
				if strings.Contains(line, "\n") {
					t.Errorf("a notice spans lines: %q", line)
				}
			}
			checkProductText(t, tc.name, got)
			golden(t, "settings-"+tc.name, stableLanguages(t, got, strings.Contains(tc.name, "language")))
		})
	}
}

// TestWithKeepsWhatIsNotSet: a zero setting (a session from before
// settings) keeps the Render's own languages and level, and so does a
// language that is not shipped.
func TestWithKeepsWhatIsNotSet(t *testing.T) {
	base := English()
	base.Skill = "expert"
	for _, set := range []strategy.Settings{{}, {Comm: "tlh", Doc: "xx"}} {
		got := base.With(set)
		if got.Lang != base.Lang || got.Doc != base.Doc || got.Skill != "expert" {
			t.Errorf("With(%+v) changed the Render: %s/%s/%s", set, got.Lang.Lang, got.Doc.Lang, got.Skill)
		}
	}
}

// stableLanguages replaces the list of shipped languages a notice names by
// a token, after checking it is there, so the goldens do not change each
// time a language is added.
func stableLanguages(t *testing.T, text string, want bool) string {
	t.Helper()
	list := strings.Join(i18n.LanguageNames(), ", ")
	if want && !strings.Contains(text, list) {
		t.Errorf("the notice does not list the shipped languages (%s):\n%s", list, text)
	}
	return strings.ReplaceAll(text, list, "<languages>")
}
