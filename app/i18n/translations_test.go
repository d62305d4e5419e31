package i18n_test

import (
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
)

var (
	codeSpanRe = regexp.MustCompile("`[^`]+`")
	metaVarRe  = regexp.MustCompile(`<[^<>]*>`)
)

// TestTranslationsComplete: every text English has exists in each
// language, non-empty; it fills exactly the placeholders English fills
// (none missing, none unknown); it keeps English's code spans (commands,
// option ids, keys; only a <metavariable> inside one may be translated);
// DORA metrics and effects are the same data; and nothing exists that
// English lacks (a misspelt key would be dead text).
func TestTranslationsComplete(t *testing.T) {
	en := flatten(loadEN(t))
	for _, code := range translations {
		t.Run(code, func(t *testing.T) {
			skipUnshipped(t, code)
			c, err := i18n.Load(code)
			if err != nil {
				t.Fatal(err)
			}
			tr := flatten(c)
			for _, k := range sortedKeys(en) {
				checkTranslated(t, code, k, en[k], tr)
			}
			for _, k := range sortedKeys(tr) {
				if _, ok := en[k]; !ok {
					t.Errorf("%s: %s is not in English (misspelt or stale key)", code, k)
				}
			}
		})
	}
}

func checkTranslated(t *testing.T, code, key, en string, tr map[string]string) {
	t.Helper()
	got, ok := tr[key]
	switch {
	case !ok || strings.TrimSpace(got) == "" && strings.TrimSpace(en) != "":
		t.Errorf("%s: %s is missing", code, key)
		return
	case isData(key) && got != en:
		t.Errorf("%s: %s is %q, English has %q (an identifier, not words)", code, key, got, en)
	}
	want, have := placeholderSet(en), placeholderSet(got)
	for p := range want {
		if !have[p] {
			t.Errorf("%s: %s does not fill %s: %q", code, key, p, got)
		}
	}
	for p := range have {
		if !want[p] {
			t.Errorf("%s: %s uses unknown placeholder %s: %q", code, key, p, got)
		}
	}
	for _, span := range codeSpanRe.FindAllString(en, -1) {
		if !strings.Contains(metaVarRe.ReplaceAllString(got, "<>"), metaVarRe.ReplaceAllString(span, "<>")) {
			t.Errorf("%s: %s lacks the code span %s: %q", code, key, span, got)
		}
	}
	for _, bad := range []string{"|", "\n", "<!--"} {
		if strings.Contains(got, bad) && !strings.Contains(en, bad) {
			t.Errorf("%s: %s contains %q, which breaks a table or a reply: %q", code, key, bad, got)
		}
	}
	if strings.HasPrefix(got, "#") || htmlRe.MatchString(got) && !htmlRe.MatchString(en) {
		t.Errorf("%s: %s starts a heading or holds HTML: %q", code, key, got)
	}
}

func placeholderSet(s string) map[string]bool {
	out := map[string]bool{}
	for _, p := range placeholderRe.FindAllString(s, -1) {
		out[p] = true
	}
	return out
}

// TestTranslationFilesStrict: each language has exactly English's files,
// every file decodes with unknown fields rejected (a misspelt "sumary"
// would drop text), and no message is defined in two files.
func TestTranslationFilesStrict(t *testing.T) {
	want := fileNames(t, "en")
	for _, code := range translations {
		t.Run(code, func(t *testing.T) {
			skipUnshipped(t, code)
			if got := fileNames(t, code); !slices.Equal(got, want) {
				t.Errorf("files %v, English has %v", got, want)
			}
			checkFilesStrict(t, code)
		})
	}
}

func fileNames(t *testing.T, code string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("locales", code, "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for i, f := range files {
		files[i] = filepath.Base(f)
	}
	slices.Sort(files)
	return files
}
