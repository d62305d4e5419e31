package i18n_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/pipewright/pipewright/app/i18n"
)

// What BMAD users write in communication_language or
// document_output_language, and the folder it must reach.
var languageNames = []struct {
	code  string
	names []string
}{
	{"en", []string{"English", "english", "ENGLISH", " English ", "en", "EN", "en-US", "en_GB", "British English"}},
	{"fr", []string{"French", "français", "Français", "FRANÇAIS", "Francais", "fr", "fr-FR", "fr_FR", "fr-CA", "French (France)"}},
	{"de", []string{"German", "Deutsch", "deutsch", "de", "de-DE", "de_AT", "DE"}},
	{"es", []string{"Spanish", "Español", "espanol", "Castellano", "es", "es-ES", "es-419", "es_MX"}},
	{"pt-BR", []string{"Brazilian Portuguese", "Português (Brasil)", "portugues (brasil)", "Portuguese", "Português", "pt-BR", "pt_br", "pt", "Portuguese (Brazil)"}},
	{"zh-CN", []string{"Simplified Chinese", "Chinese", "简体中文", "中文", "中文（简体）", "zh", "zh-CN", "zh_CN", "zh-Hans", "Chinese (Simplified)"}},
	{"ja", []string{"Japanese", "日本語", "ja", "ja-JP", "ja_JP", "JAPANESE"}},
}

// TestResolveLanguage: names in English and in the language itself, codes
// with a region in either spelling, any case, all reach the folder.
func TestResolveLanguage(t *testing.T) {
	for _, l := range languageNames {
		t.Run(l.code, func(t *testing.T) {
			skipUnshipped(t, l.code)
			for _, n := range l.names {
				if got, ok := i18n.ResolveLanguage(n); got != l.code || !ok {
					t.Errorf("ResolveLanguage(%q) = %q, %v; want %q", n, got, ok, l.code)
				}
			}
		})
	}
}

// TestResolveLanguageFallback: unset is English without a notice; a value
// no language answers to is English with one (ok false), never an error.
func TestResolveLanguageFallback(t *testing.T) {
	for _, c := range []struct {
		in string
		ok bool
	}{{"", true}, {"   ", true}, {"Klingon", false}, {"tlh", false}, {"xx-YY", false}, {"fr-", false}, {"{communication_language}", false}} {
		if got, ok := i18n.ResolveLanguage(c.in); got != "en" || ok != c.ok {
			t.Errorf("ResolveLanguage(%q) = %q, %v; want en, %v", c.in, got, ok, c.ok)
		}
	}
}

// TestNearestVariant: a variant the shipped folder is not (another region
// or script of a language shipped as one variant) is flagged for a notice;
// the shipped variant, a bare language, and variants of languages shipped
// without one are not.
func TestNearestVariant(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{"zh-TW", true}, {"zh_TW", true}, {"zh-Hant", true}, {"zh-Hant-HK", true}, {"Chinese (Traditional)", true},
		{"pt-PT", true}, {"pt_pt", true}, {"Portuguese (Portugal)", true},
		{"zh-CN", false}, {"zh-Hans", false}, {"zh", false}, {"Chinese", false}, {"中文（简体）", false}, {"简体中文", false},
		{"pt-BR", false}, {"Portuguese (Brazil)", false}, {"Português", false},
		{"de-AT", false}, {"fr-CA", false}, {"French (Canada)", false}, {"en-GB", false}, {"ja-JP", false}, {"", false},
	} {
		code, ok := i18n.ResolveLanguage(c.in)
		if !ok {
			t.Errorf("ResolveLanguage(%q) found no language", c.in)
			continue
		}
		if got := i18n.NearestVariant(c.in, code); got != c.want {
			t.Errorf("NearestVariant(%q, %q) = %v, want %v", c.in, code, got, c.want)
		}
	}
	if got := i18n.LanguageName("zh-CN"); got != "简体中文" {
		t.Errorf("LanguageName(zh-CN) = %q", got)
	}
	if got := i18n.LanguageName("tlh"); got != "tlh" {
		t.Errorf("LanguageName of an unshipped code = %q, want the code", got)
	}
}

func TestResolveLevel(t *testing.T) {
	for _, c := range []struct {
		in, want string
		ok       bool
	}{
		{"beginner", "beginner", true}, {"Beginner", "beginner", true}, {" EXPERT ", "expert", true},
		{"intermediate", "intermediate", true}, {"", "intermediate", true},
		{"guru", "intermediate", false}, {"advanced", "intermediate", false}, {"débutant", "intermediate", false},
	} {
		if got, ok := i18n.ResolveLevel(c.in); got != c.want || ok != c.ok {
			t.Errorf("ResolveLevel(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// TestLanguageFiles: each folder's language.yaml names its own folder, has
// its own name, and no name means two languages.
func TestLanguageFiles(t *testing.T) {
	owner := map[string]string{}
	for _, dir := range i18n.Languages() {
		data, err := os.ReadFile(filepath.Join("locales", dir, "language.yaml"))
		if err != nil {
			t.Errorf("%s: %v", dir, err)
			continue
		}
		var f struct{ Language i18n.LanguageText }
		if err := yaml.Unmarshal(data, &f); err != nil {
			t.Errorf("%s/language.yaml: %v", dir, err)
			continue
		}
		lt := f.Language
		if lt.Code != dir || lt.Name == "" || lt.English == "" || len(lt.Names) == 0 {
			t.Errorf("%s/language.yaml: code %q, name %q, english %q, %d names", dir, lt.Code, lt.Name, lt.English, len(lt.Names))
		}
		for _, n := range append([]string{lt.Code, lt.Name, lt.English}, lt.Names...) {
			k := strings.ToLower(strings.ReplaceAll(n, "_", "-"))
			if o, dup := owner[k]; dup && o != dir {
				t.Errorf("%q names both %s and %s", n, o, dir)
			}
			owner[k] = dir
		}
	}
}

// TestLanguageNames: the notice lists English first, then each shipped
// language by its own name.
func TestLanguageNames(t *testing.T) {
	got := i18n.LanguageNames()
	if len(got) == 0 || got[0] != "English" {
		t.Fatalf("LanguageNames() = %v", got)
	}
	for _, l := range languageNames[1:] {
		if !i18n.Complete(l.code) {
			continue
		}
		c, _ := i18n.Load(l.code)
		if !strings.Contains(strings.Join(got, ","), c.Language.Name) {
			t.Errorf("%s (%s) missing from %v", l.code, c.Language.Name, got)
		}
	}
}
