package localrun

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/comments"
)

// runIn feeds lines to a Runner speaking set, with notices for startup.
func (e *env) runIn(set strategy.Settings, notices []strategy.Message, start time.Time, lines ...string) string {
	e.t.Helper()
	var out bytes.Buffer
	r := e.runner(e.store, start, &out)
	r.Settings, r.Notices = set, notices
	if err := r.Run(context.Background(), strings.NewReader(strings.Join(lines, "\n")+"\n")); err != nil {
		e.t.Fatalf("run: %v\n%s", err, out.String())
	}
	return out.String()
}

// leftoverRE is an unfilled placeholder, or what only GitHub reads: an
// HTML tag, the invisible guard of a mention (a terminal pings nobody).
// outsideFences drops fenced code: a proposal's diff shows the saved
// markdown as it is.
func outsideFences(s string) string {
	var out []string
	in := false
	for _, l := range strings.Split(s, "\n") {
		if strings.HasPrefix(strings.TrimSpace(l), "```") {
			in = !in
			continue
		}
		if !in {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

var leftoverRE = regexp.MustCompile(`\{[a-z_.-]+\}|</?(?:sub|details|summary|br)\b|\x{2060}`)

func requireLanguages(t *testing.T, codes ...string) {
	t.Helper()
	for _, c := range codes {
		if !i18n.Complete(c) {
			t.Fatalf("%s: locales/%s lacks files of locales/en", c, c)
		}
	}
}

// TestLoadSettings: the BMAD config of the project root, overridden by the
// flags one setting at a time; unknown values fall back with notices; only
// a config that is not YAML is an error.
func TestLoadSettings(t *testing.T) {
	cases := []struct {
		name     string
		config   string // "" means no _bmad/bmm/config.yaml
		flags    project.Preferences
		want     strategy.Settings
		notices  int
		wantsErr bool
	}{
		{"no config", "", project.Preferences{}, strategy.Settings{Comm: "en", Doc: "en", Skill: "intermediate"}, 0, false},
		{"config", "communication_language: English\nuser_skill_level: Expert\n", project.Preferences{}, strategy.Settings{Comm: "en", Doc: "en", Skill: "expert"}, 0, false},
		{"flag wins", "user_skill_level: expert\n", project.Preferences{Skill: "beginner"}, strategy.Settings{Comm: "en", Doc: "en", Skill: "beginner"}, 0, false},
		{"unknown values", "communication_language: Klingon\nuser_skill_level: guru\n", project.Preferences{}, strategy.Settings{Comm: "en", Doc: "en", Skill: "intermediate"}, 2, false},
		{"unknown flag", "", project.Preferences{Doc: "Elvish"}, strategy.Settings{Comm: "en", Doc: "en", Skill: "intermediate"}, 1, false},
		{"not YAML", "communication_language: [French\n", project.Preferences{}, strategy.Settings{}, 0, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			root := t.TempDir()
			if tc.config != "" {
				path := filepath.Join(root, filepath.FromSlash(project.ConfigPath))
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(tc.config), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			set, notices, err := LoadSettings(root, tc.flags)
			if (err != nil) != tc.wantsErr || set != tc.want || len(notices) != tc.notices {
				t.Errorf("LoadSettings = %+v, %d notices, %v; want %+v, %d, error %v", set, len(notices), err, tc.want, tc.notices, tc.wantsErr)
			}
		})
	}
}

// TestStartupNotices: a setting that fell back is said once, first, at
// every start of pipewright local, and then the run goes on in English.
func TestStartupNotices(t *testing.T) {
	e := newEnv(t, fixture(t))
	set, notices, err := LoadSettings(t.TempDir(), project.Preferences{Comm: "Klingon"})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		out := e.runIn(set, notices, day1, "/status")
		if !strings.HasPrefix(out, "⚠️ `communication_language` is \"Klingon\"") || strings.Count(out, "Klingon") != 1 || !strings.Contains(out, "No deployment strategy session") {
			t.Errorf("startup output:\n%s", out)
		}
	}
	if out := e.runIn(strategy.Settings{}, nil, day1, "/status"); strings.Contains(out, "⚠️") {
		t.Errorf("a notice without a fallback:\n%s", out)
	}
}

// TestWholeSessionInEachLanguage is the golden of a whole session in each
// shipped language, replies and section alike, and once with replies in
// one language and the section in another.
func TestWholeSessionInEachLanguage(t *testing.T) {
	cases := []strategy.Settings{
		{Comm: "fr", Doc: "fr"}, {Comm: "de", Doc: "de"}, {Comm: "es", Doc: "es"}, {Comm: "pt-BR", Doc: "pt-BR"},
		{Comm: "zh-CN", Doc: "zh-CN"}, {Comm: "ja", Doc: "ja"}, {Comm: "ja", Doc: "fr"},
	}
	for _, set := range cases {
		name := set.Comm
		if set.Doc != set.Comm {
			name += "+" + set.Doc
		}
		t.Run(name, func(t *testing.T) {
			requireLanguages(t, set.Comm, set.Doc)
			set.Skill = i18n.Intermediate
			comm, doc := i18n.MustLoad(set.Comm), i18n.MustLoad(set.Doc)
			e := newEnv(t, fixture(t))
			out := e.runIn(set, nil, day1, wholeSession...)
			goldenFile(t, "whole-session."+name+".out", []byte(out))
			if m := leftoverRE.FindString(outsideFences(out)); m != "" {
				t.Errorf("output holds %q", m)
			}
			saved := e.read()
			goldenFile(t, "whole-session."+name+".pipeline.md", saved)
			_, region, _ := splitSaved(t, saved)
			if !strings.Contains(region, "\n## "+doc.T("section.title")+"\n") || strings.Contains(region, "## Deployment Strategy") {
				t.Errorf("the section is not in %s:\n%s", set.Doc, region)
			}
			for _, w := range []string{comments.Terminal(comm.T("save.next", "path", "`pipeline.md`")), comments.Terminal(comm.T("save.how")), "`/decide pattern canary`", "`/menu C`", "`## " + doc.T("section.title") + "`"} {
				if !strings.Contains(out, w) {
					t.Errorf("replies lack %q", w)
				}
			}
		})
	}
}
