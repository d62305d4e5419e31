package pipelinedoc

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

const otherSection = "## Deployment Strategy\n\n### Deployment Pattern\n\n**Pattern:** Blue-Green\n"

// TestSaveIdempotent: saving the same section twice changes nothing the
// second time, so a retried webhook or a double click is harmless.
func TestSaveIdempotent(t *testing.T) {
	for _, c := range saveCases {
		t.Run(c.name, func(t *testing.T) {
			once, err := Save("pipeline.md", []byte(c.in), testSection)
			if err != nil {
				t.Fatal(err)
			}
			twice, err := Save("pipeline.md", once, testSection)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(once, twice) {
				t.Errorf("second save changed the document:\nonce  %q\ntwice %q", once, twice)
			}
		})
	}
}

// TestSaveReplaces: saving a different section replaces the first one in
// place; the document never holds two sections.
func TestSaveReplaces(t *testing.T) {
	for _, c := range saveCases {
		t.Run(c.name, func(t *testing.T) {
			first, err := Save("pipeline.md", []byte(c.in), testSection)
			if err != nil {
				t.Fatal(err)
			}
			second, err := Save("pipeline.md", first, otherSection)
			if err != nil {
				t.Fatal(err)
			}
			checkSaved(t, first, second, otherSection)
			if n := bytes.Count(second, []byte(markerOpen+"begin")); n != 1 {
				t.Errorf("%d sections after two saves, want 1", n)
			}
			if bytes.Contains(second, []byte("Canary")) {
				t.Error("the first section's text survived the replacement")
			}
			// Replacing back gives the first result: nothing accumulates.
			back, err := Save("pipeline.md", second, testSection)
			if err != nil || !bytes.Equal(back, first) {
				t.Errorf("saving the first section again: %v\n got %q\nwant %q", err, back, first)
			}
		})
	}
}

// TestSaveAfterHandEdit: once a person edits the region, every later save
// refuses, even with the same text, until they remove the region.
func TestSaveAfterHandEdit(t *testing.T) {
	saved, err := Save("pipeline.md", []byte(saveCases[0].in), testSection)
	if err != nil {
		t.Fatal(err)
	}
	edited := bytes.Replace(saved, []byte("small blast radius"), []byte("small blast radius, says Sam"), 1)
	for _, s := range []string{testSection, otherSection} {
		if _, err := Save("pipeline.md", edited, s); !errors.Is(err, ErrSectionEditedByHand) {
			t.Errorf("Save after hand edit: %v, want ErrSectionEditedByHand", err)
		}
	}
	// Whitespace-only edits outside the region are the user's business.
	appended := append(bytes.Clone(saved), "\nMore notes.\n"...)
	out, err := Save("pipeline.md", appended, otherSection)
	if err != nil {
		t.Fatalf("Save after text was added below the section: %v", err)
	}
	if !strings.HasSuffix(string(out), "\nMore notes.\n") {
		t.Errorf("text after the section moved or was lost:\n%s", out)
	}
}
