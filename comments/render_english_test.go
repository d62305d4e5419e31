package comments

import (
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// TestNoEnglishLeftInTranslations fails when a reply in another language
// repeats an English sentence of the catalogue word for word: a missing
// translation, a fallback to English, or a text the renderer forgot to
// look up. Sentences are English catalogue texts split at sentence
// punctuation, placeholders, code spans and URLs, of four words or more.
// Product names, commands, option ids and code are allowed; the team's own
// words are never translated, so they are taken out of the reply first.
func TestNoEnglishLeftInTranslations(t *testing.T) {
	sentences := englishSentences(i18n.MustLoad(i18n.DefaultLang))
	if len(sentences) < 500 {
		t.Fatalf("only %d English sentences to look for", len(sentences))
	}
	for _, code := range translations {
		t.Run(code, func(t *testing.T) {
			requireLanguage(t, code)
			for _, r := range corpus(t, strategy.Settings{Comm: code, Doc: code}) {
				text := comparable(r.text, r.team)
				for _, s := range sentences {
					if strings.Contains(text, s) {
						t.Errorf("%s: %s repeats the English %q", code, r.name, s)
					}
				}
			}
		})
	}
}

// TestEnglishDetectorFindsEnglish: the detector itself works: English
// replies are full of catalogue sentences, and one English message slipped
// into another language's reply is found.
func TestEnglishDetectorFindsEnglish(t *testing.T) {
	sentences := englishSentences(i18n.MustLoad(i18n.DefaultLang))
	hits := 0
	for _, r := range corpus(t, strategy.Settings{})[:20] {
		text := comparable(r.text, r.team)
		for _, s := range sentences {
			if strings.Contains(text, s) {
				hits++
			}
		}
	}
	if hits < 50 {
		t.Errorf("only %d English sentences found in English replies", hits)
	}
	slipped := comparable("Voilà. "+i18n.MustLoad("en").T("menu.not-ready")+" Fin.", nil)
	found := false
	for _, s := range sentences {
		found = found || strings.Contains(slipped, s)
	}
	if !found {
		t.Errorf("an English message in a French reply went unnoticed")
	}
}

var (
	// breakRE splits a text into sentences and clauses.
	breakRE = regexp.MustCompile(`[.!?;:,](?:\s|$)|<br>|[()"“”]|\s[-–—]\s|\x00`)
	urlRE   = regexp.MustCompile(`https?://\S+`)
	phRE    = regexp.MustCompile(`\{[^{}]*\}`)
	spacesR = regexp.MustCompile(`\s+`)
)

// allowedEnglish are words a translation may keep as they are: product and
// tool names, and the terms of the trade that teams use untranslated. A
// sentence made only of them is not English prose.
var allowedEnglish = map[string]bool{
	"argo": true, "rollouts": true, "cd": true, "flagger": true, "launchdarkly": true, "unleash": true, "flagsmith": true,
	"kubernetes": true, "gitops": true, "dora": true, "slo": true, "mttr": true, "pipewright": true, "github": true,
}

// allowedPhrases are whole names a translation may keep: jargon that
// practitioners use in English whatever their language.
var allowedPhrases = map[string]bool{
	"Red team vs blue team": true, // the elicitation method's name, security jargon everywhere
}

// englishSentences lists the catalogue's English sentences of four words
// or more, longest first.
func englishSentences(c *i18n.Catalog) []string {
	seen := map[string]bool{}
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.String:
			s := codeSpanRE.ReplaceAllString(v.String(), "\x00")
			s = urlRE.ReplaceAllString(s, "\x00")
			s = phRE.ReplaceAllString(s, "\x00")
			for _, part := range breakRE.Split(s, -1) {
				part = strings.TrimFunc(spacesR.ReplaceAllString(part, " "), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
				if proseWords(part) >= 4 && !allowedPhrases[part] {
					seen[part] = true
				}
			}
		case reflect.Map:
			for _, k := range v.MapKeys() {
				walk(v.MapIndex(k))
			}
		case reflect.Slice:
			for i := 0; i < v.Len(); i++ {
				walk(v.Index(i))
			}
		case reflect.Struct:
			for i := 0; i < v.NumField(); i++ {
				if v.Type().Field(i).Name != "Language" && v.Type().Field(i).IsExported() {
					walk(v.Field(i))
				}
			}
		}
	}
	walk(reflect.ValueOf(*c))
	out := make([]string, 0, len(seen))
	for s := range seen {
		out = append(out, s)
	}
	sort.Slice(out, func(i, j int) bool { return len(out[i]) > len(out[j]) || len(out[i]) == len(out[j]) && out[i] < out[j] })
	return out
}

// proseWords counts the words of s that are not allowed as they are.
func proseWords(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		w = strings.ToLower(strings.Trim(w, "'’-/"))
		if w != "" && !allowedEnglish[w] && strings.IndexFunc(w, unicode.IsLetter) >= 0 {
			n++
		}
	}
	return n
}

var codeSpanRE = regexp.MustCompile("`[^`]*`")

// comparable is a reply without what may stay English: code spans, URLs,
// and the team's own words.
func comparable(text string, team []string) string {
	sort.Slice(team, func(i, j int) bool { return len(team[i]) > len(team[j]) })
	for _, w := range team {
		if w = strings.TrimSpace(w); len(w) > 3 {
			text = strings.ReplaceAll(text, Inline(w), "\x00")
			text = strings.ReplaceAll(text, NoPing(Inline(w)), "\x00")
		}
	}
	text = codeSpanRE.ReplaceAllString(text, "\x00")
	text = urlRE.ReplaceAllString(text, "\x00")
	return spacesR.ReplaceAllString(strings.ReplaceAll(text, "<br>", " "), " ")
}
