package i18n_test

import (
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
)

func TestEveryLanguageAnswersYesAndNo(t *testing.T) {
	seen := map[string]string{}
	for _, lang := range i18n.Languages() {
		yes, no := i18n.AnswerWords(lang)
		if len(yes) == 0 || len(no) == 0 {
			t.Errorf("%s: language.yaml names no yes or no words (%v, %v)", lang, yes, no)
		}
		for _, w := range yes {
			if got, ok := i18n.YesNo(w); !ok || !got {
				t.Errorf("%s: %q is not read as yes", lang, w)
			}
			seen[w] = "yes"
		}
		for _, w := range no {
			if got, ok := i18n.YesNo(w); !ok || got {
				t.Errorf("%s: %q is not read as no", lang, w)
			}
			if seen[w] == "yes" {
				t.Errorf("%s: %q is yes in one language and no in another", lang, w)
			}
		}
	}
}

func TestYesNoSpellings(t *testing.T) {
	for _, tc := range []struct {
		word    string
		yes, ok bool
	}{
		{"Y", true, true}, {"YES", true, true}, {"oui", true, true}, {"Ja", true, true}, {"sí", true, true}, {"si", true, true},
		{"Sim", true, true}, {"はい", true, true}, {"是", true, true},
		{"N", false, true}, {"no", false, true}, {"Non", false, true}, {"nein", false, true}, {"não", false, true}, {"nao", false, true},
		{"いいえ", false, true}, {"否", false, true},
		{"yeah sure", false, false}, {"c", false, false}, {"", false, false}, {"maybe", false, false},
	} {
		yes, ok := i18n.YesNo(tc.word)
		if yes != tc.yes || ok != tc.ok {
			t.Errorf("YesNo(%q) = %v, %v; want %v, %v", tc.word, yes, ok, tc.yes, tc.ok)
		}
	}
}
