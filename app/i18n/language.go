package i18n

import (
	"io/fs"
	"path"
	"regexp"
	"strings"
	"sync"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"gopkg.in/yaml.v3"
)

// LanguageText is a locale folder's language.yaml: what BMAD users write
// for the language in communication_language or document_output_language.
// Mapping names to folders is data, so adding a language adds its names.
type LanguageText struct {
	Code    string   `yaml:"code"`    // the folder: "pt-BR"
	Name    string   `yaml:"name"`    // in the language itself: "Português (Brasil)"
	English string   `yaml:"english"` // "Brazilian Portuguese"
	Names   []string `yaml:"names"`   // every spelling that means it, in any script
	// Yes and No are the words that answer the seed's "(y/n)" (answers.go).
	Yes []string `yaml:"yes"`
	No  []string `yaml:"no"`
}

var (
	namesOnce sync.Once
	names     map[string]string // normalised name -> folder
	endonyms  []string          // each language's own name, English first
	ownName   map[string]string // folder -> its language's own name
)

// ResolveLanguage maps what a team wrote ("Français", "fr_FR", "日本語") to
// a shipped language's folder. Case, accents, "_" for "-" and a
// parenthesised remark do not matter; a region falls back to its language
// ("de-AT" is "de"). Empty is English; ok is false only for a value no
// shipped language answers to, which the caller replaces by English and
// says so.
func ResolveLanguage(value string) (code string, ok bool) {
	namesOnce.Do(loadNames)
	v := normName(value)
	if v == "" {
		return DefaultLang, true
	}
	candidates := []string{v, strings.TrimSpace(parenRe.ReplaceAllString(v, ""))}
	if m := regionRe.FindStringSubmatch(v); m != nil {
		candidates = append(candidates, m[1])
	}
	for _, c := range candidates {
		if code, ok := names[c]; ok {
			return code, true
		}
	}
	return DefaultLang, false
}

// NearestVariant reports whether value, which ResolveLanguage answered
// with code, asked for a regional or script variant other than the one
// code is: "zh-TW", "zh-Hant" and "Chinese (Traditional)" reach Simplified
// Chinese (zh-CN), "pt-PT" and "Portuguese (Portugal)" Brazilian
// Portuguese. Usable, but not what the team wrote, so the caller says so.
// A variant of a language shipped without one ("de-AT", "French (Canada)")
// is that language, and a name a folder lists ("zh-Hans") is exact.
func NearestVariant(value, code string) bool {
	namesOnce.Do(loadNames)
	v := normName(value)
	if _, exact := names[v]; exact {
		return false
	}
	return (regionRe.MatchString(v) || parenRe.MatchString(v)) && strings.Contains(code, "-")
}

// LanguageName is a shipped language's name in itself ("简体中文"), or code
// when it is not shipped.
func LanguageName(code string) string {
	namesOnce.Do(loadNames)
	if n := ownName[code]; n != "" {
		return n
	}
	return code
}

// LanguageNames lists the shipped languages by their own names, English
// first and then by folder, for a notice that says which exist.
func LanguageNames() []string {
	namesOnce.Do(loadNames)
	return append([]string(nil), endonyms...)
}

var (
	// parenRe drops a remark in ASCII or full-width brackets: "中文（简体）".
	parenRe = regexp.MustCompile(`\s*[(（][^)）]*[)）]\s*`)
	// regionRe is a language code with a region or script: "fr-ca", "zh-hant-tw".
	regionRe = regexp.MustCompile(`^([a-z]{2,3})-[a-z0-9-]+$`)
	spaceRe  = regexp.MustCompile(`\s+`)
)

// normName folds case and accents, writes "_" as "-" and collapses spaces.
func normName(s string) string {
	folded, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), s)
	if err != nil {
		folded = s
	}
	folded = strings.ReplaceAll(strings.ToLower(folded), "_", "-")
	return strings.TrimSpace(spaceRe.ReplaceAllString(folded, " "))
}

// loadNames indexes the language.yaml of every complete folder: one with
// each file English has, so a translation still landing is not offered. A
// name claimed by two folders is a data error that a test reports; here
// the first folder wins.
func loadNames() {
	names, ownName = map[string]string{}, map[string]string{}
	var others []string
	for _, dir := range Languages() {
		if !Complete(dir) {
			continue
		}
		lt, ok := languageText(dir)
		if !ok {
			continue
		}
		ownName[dir] = lt.Name
		for _, n := range append([]string{dir, lt.Code, lt.Name, lt.English}, lt.Names...) {
			if k := normName(n); k != "" && names[k] == "" {
				names[k] = dir
			}
		}
		if dir == DefaultLang {
			endonyms = append([]string{lt.Name}, endonyms...)
		} else {
			others = append(others, lt.Name)
		}
	}
	endonyms = append(endonyms, others...)
}

// languageText reads a locale folder's language.yaml; ok is false when it
// is missing or does not parse.
func languageText(dir string) (LanguageText, bool) {
	data, err := locales.ReadFile(path.Join("locales", dir, "language.yaml"))
	if err != nil {
		return LanguageText{}, false
	}
	var part struct {
		Language LanguageText `yaml:"language"`
	}
	if yaml.Unmarshal(data, &part) != nil {
		return LanguageText{}, false
	}
	return part.Language, true
}

// Complete reports whether a language's folder has every file English has.
func Complete(lang string) bool {
	have := map[string]bool{}
	files, _ := fs.Glob(locales, path.Join("locales", lang, "*.yaml"))
	for _, f := range files {
		have[path.Base(f)] = true
	}
	want, _ := fs.Glob(locales, path.Join("locales", DefaultLang, "*.yaml"))
	for _, f := range want {
		if !have[path.Base(f)] {
			return false
		}
	}
	return len(want) > 0
}
