package pipelinedoc

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// Seed corpora live in testdata/fuzz/<FuzzName>/ (go's corpus format) so
// `go test` replays them on every run; `-update` regenerates the seed-*
// files from the test tables. Crashers found by fuzzing are kept there too.

// fuzzSeeds are the documents of every table test.
func fuzzSeeds() [][]byte {
	var seeds [][]byte
	for _, c := range saveCases {
		seeds = append(seeds, []byte(c.in))
	}
	for _, c := range saveErrCases {
		seeds = append(seeds, []byte(c.in))
	}
	seeds = append(seeds, []byte(contextHead+"## Pipeline Architecture\n\n### CI/CD Platform\n\n**Platform:** GitHub Actions\n\n### Branch Strategy\n\n**Strategy:**\n- trunk\n\n## Project Context\n\n### Infrastructure\n\nEKS\n"),
		[]byte(contextHead+"## Pipeline Context\n\n**Infrastructure:** ECS\n<!-- x -->\n## Pipeline Architecture\nprose\n### Branching\n"))
	return append(seeds, []byte(stage3Doc), []byte("---\r\n---"), []byte("\uFEFF---\n...\n"))
}

func FuzzParse(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := Parse("pipeline.md", data)
		if err != nil {
			checkUserError(t, data, err)
			return
		}
		if err := d.RequireStep3(); err != nil {
			checkUserError(t, data, err)
		}
		// Parse warns about exactly what Save would refuse.
		_, serr := Save("pipeline.md", data, "## Deployment Strategy\n")
		switch {
		case d.SaveBlocked != nil:
			checkUserError(t, data, d.SaveBlocked)
			if serr == nil || serr.Error() != d.SaveBlocked.Error() {
				t.Fatalf("SaveBlocked = %v but Save = %v", d.SaveBlocked, serr)
			}
		case serr != nil && !errors.Is(serr, ErrStepsNotUpdatable):
			t.Fatalf("Parse saw no problem but Save = %v", serr)
		}
	})
}

func FuzzSave(f *testing.F) {
	for _, s := range fuzzSeeds() {
		f.Add(s, testSection)
	}
	f.Add([]byte(savedDoc), "## Deployment Strategy\r\n"+EndMarker+"\r\n")
	f.Fuzz(saveProperties)
}

// stepsValueSeeds are stepsCompleted values in every form, for
// FuzzSaveSteps to mutate.
var stepsValueSeeds = []string{" [1, 2, 3]", " [1,2,3] # c", "\n  - 1\n  - '3'  # c\n  # end", "\n- \"1\"\n- 2",
	" [\n  1,\n  3,\n]", " ~", "", " []", " [1, 2, 3, 4]", " &a [1]", " !!seq [1]"}

// FuzzSaveSteps concentrates on the frontmatter: the fuzzer mutates only
// the text around and inside the stepsCompleted value.
func FuzzSaveSteps(f *testing.F) {
	for _, v := range stepsValueSeeds {
		f.Add("project_name: Acme # name\n", v, "\n# trailing\nother: [a, b]\n")
	}
	f.Fuzz(func(t *testing.T, before, value, after string) {
		data := "---\n" + before + stepsKey + ":" + value + after + "\n---\n" + body
		saveProperties(t, []byte(data), testSection)
	})
}

// saveProperties: Save fails cleanly or its result keeps every other byte,
// saving again changes nothing, and a different section replaces it.
func saveProperties(t *testing.T, data []byte, section string) {
	orig := bytes.Clone(data)
	out, err := Save("pipeline.md", data, section)
	if !bytes.Equal(data, orig) {
		t.Fatal("Save modified its input")
	}
	if err != nil {
		checkUserError(t, data, err)
		if out != nil {
			t.Fatalf("Save returned bytes with error %v", err)
		}
		return
	}
	checkSaved(t, data, out, section)
	again, err := Save("pipeline.md", out, section)
	if err != nil || !bytes.Equal(again, out) {
		t.Fatalf("saving twice is not idempotent (%v):\nonce  %q\ntwice %q", err, out, again)
	}
	other := "## Deployment Strategy\n\nchanged\n"
	replaced, err := Save("pipeline.md", out, other)
	if err != nil {
		t.Fatalf("saving a second section: %v", err)
	}
	checkSaved(t, out, replaced, other)
}

// checkUserError: every error is an *Error naming the file, of a known
// kind, on a line that exists.
func checkUserError(t *testing.T, data []byte, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) || e.Kind == nil || e.File != "pipeline.md" || e.Msg == "" {
		t.Fatalf("error %v (%T) is not a complete *Error", err, err)
	}
	if lines := bytes.Count(data, []byte("\n")) + 1; e.Line < 0 || e.Line > lines {
		t.Fatalf("error on line %d of a %d-line document: %v", e.Line, lines, err)
	}
}

// TestWriteFuzzSeeds keeps the committed seed corpora in step with the
// tables; it only writes with -update.
func TestWriteFuzzSeeds(t *testing.T) {
	if !*update {
		t.Skip("run with -update to rewrite testdata/fuzz seed files")
	}
	for i, s := range fuzzSeeds() {
		writeSeed(t, "FuzzParse", i, fmt.Sprintf("[]byte(%q)\n", s))
		writeSeed(t, "FuzzSave", i, fmt.Sprintf("[]byte(%q)\nstring(%q)\n", s, testSection))
	}
	for i, v := range stepsValueSeeds {
		writeSeed(t, "FuzzSaveSteps", i, fmt.Sprintf("string(%q)\nstring(%q)\nstring(%q)\n", "project_name: Acme # name\n", v, "\n# trailing\nother: [a, b]\n"))
	}
}

func writeSeed(t *testing.T, fuzzer string, i int, args string) {
	dir := filepath.Join("testdata", "fuzz", fuzzer)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, fmt.Sprintf("seed-%02d", i))
	if err := os.WriteFile(name, []byte("go test fuzz v1\n"+args), 0o644); err != nil {
		t.Fatal(err)
	}
}
