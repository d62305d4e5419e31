package i18n

import "sync"

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
	lt, _ := languageText(lang)
	return lt.Yes, lt.No
}

func loadAnswers() {
	answers = map[string]bool{}
	for _, dir := range Languages() {
		if !Complete(dir) {
			continue
		}
		lt, _ := languageText(dir)
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
