package comments

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/pipelinedoc"
	"github.com/pipewright/pipewright/app/strategy"
)

// TestEveryDocumentProblemHasASentence reads pipelinedoc's sentinels, so a
// new kind of problem cannot ship without its sentence in the catalogue.
func TestEveryDocumentProblemHasASentence(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("..", "app", "pipelinedoc", "errors.go"))
	if err != nil {
		t.Fatal(err)
	}
	declared := regexp.MustCompile(`(?m)^\s*(Err\w+)\s*=\s*errors\.New`).FindAllStringSubmatch(string(src), -1)
	if len(declared) != len(docErrorKeys) {
		t.Errorf("pipelinedoc declares %d kinds of problem, docErrorKeys names %d", len(declared), len(docErrorKeys))
	}
	en := i18n.MustLoad(i18n.DefaultLang)
	for _, k := range docErrorKeys {
		if _, ok := en.Messages[k.key]; !ok {
			t.Errorf("%s (%v) is not in the English catalogue", k.key, k.kind)
		}
	}
}

// TestDocumentProblemsInTheTeamsLanguage: a document problem, at the start
// or when saving, is said in the reply's language with where it is; English
// keeps pipelinedoc's own precise message.
func TestDocumentProblemsInTheTeamsLanguage(t *testing.T) {
	_, real := pipelinedoc.Parse("pipeline.md", []byte("---\nstepsCompleted: [1, 2\n---\n# Pipeline\n"))
	if !errors.Is(real, pipelinedoc.ErrInvalidYAML) {
		t.Fatalf("the broken document gave %v", real)
	}
	for _, code := range append([]string{i18n.DefaultLang}, translations...) {
		t.Run(code, func(t *testing.T) {
			requireLanguage(t, code)
			r := English().With(strategy.Settings{Comm: code, Doc: code})
			for _, k := range docErrorKeys {
				problem := &pipelinedoc.Error{File: "pipeline.md", Line: 7, Kind: k.kind, Msg: "the English detail"}
				start := r.Reply(&strategy.Session{}, []strategy.Message{{Kind: strategy.MsgDocError, Err: problem}})
				saved := r.FillSaveOutcome(SaveOutcomePlaceholder, SaveOutcome{Path: "pipeline.md", Err: problem.Error(), Problem: problem})
				for what, got := range map[string]string{"start": start, "save": saved} {
					want := "pipeline.md:7: " + r.Lang.T(k.key)
					if code == i18n.DefaultLang {
						want = "pipeline.md:7: the English detail"
					}
					if !strings.Contains(got, Inline(want)) || code != i18n.DefaultLang && strings.Contains(got, "English detail") {
						t.Errorf("%s %s: want %q in:\n%s", k.key, what, want, got)
					}
				}
			}
			got := r.Reply(&strategy.Session{}, []strategy.Message{{Kind: strategy.MsgDocError, Err: real}})
			if code != i18n.DefaultLang && !strings.Contains(got, r.Lang.T("doc-error.invalid-yaml")) {
				t.Errorf("a real YAML problem is not said in %s:\n%s", code, got)
			}
			other := r.FillSaveOutcome(SaveOutcomePlaceholder, SaveOutcome{Path: "pipeline.md", Err: "GitHub refused"})
			if !strings.Contains(other, "GitHub refused") {
				t.Errorf("a problem without a kind lost its words:\n%s", other)
			}
		})
	}
}
