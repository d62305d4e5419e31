package i18n

import (
	"path"
	"sync"

	"gopkg.in/yaml.v3"
)

// The seed asks "Accept these enhancements to the deployment strategy?
// (y/n)", and BMAD users answer as they would in their IDE: "y", "oui",
// "はい". The words are data in each language.yaml; every shipped
// language's words count in every session, since a team may write in
// another language than the one its replies are set to.

var (
	answersOnce sync.Once
	answers     map[string]bool // normalised word -> yes
)

// YesNo reports whether word is a shipped language's yes or no: yes is
// true for yes, ok false for any other word. Case and accents do not
// matter ("Sí", "si", "NAO").
func YesNo(word string) (yes, ok bool) {
	answersOnce.Do(loadAnswers)
	yes, ok = answers[normName(word)]
	return yes, ok
}

// AnswerWords lists the yes and the no words of one language, as written.
func AnswerWords(lang string) (yes, no []string) {
	lt := languageText(lang)
	return lt.Yes, lt.No
}

func loadAnswers() {
	answers = map[string]bool{}
	for _, dir := range Languages() {
		if !Complete(dir) {
			continue
		}
		lt := languageText(dir)
		for _, w := range lt.Yes {
			if k := normName(w); k != "" {
				answers[k] = true
			}
		}
		for _, w := range lt.No {
			if k := normName(w); k != "" {
				if _, taken := answers[k]; !taken {
					answers[k] = false
				}
			}
		}
	}
}

func languageText(dir string) LanguageText {
	data, err := locales.ReadFile(path.Join("locales", dir, "language.yaml"))
	if err != nil {
		return LanguageText{}
	}
	var part struct {
		Language LanguageText `yaml:"language"`
	}
	if yaml.Unmarshal(data, &part) != nil {
		return LanguageText{}
	}
	return part.Language
}
