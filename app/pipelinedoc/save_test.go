package pipelinedoc

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

func TestSave(t *testing.T) {
	for _, c := range saveCases {
		t.Run(c.name, func(t *testing.T) {
			out, err := Save("pipeline.md", []byte(c.in), testSection)
			if err != nil {
				t.Fatalf("Save: %v", err)
			}
			fm, err := readFrontmatter("", []byte(c.in))
			if err != nil {
				t.Fatal(err)
			}
			wantHead := c.head
			if wantHead == "" {
				wantHead = c.in[:fm.bodyStart]
			}
			if !strings.HasPrefix(string(out), wantHead) {
				t.Errorf("frontmatter\n got %q\nwant %q", out[:min(len(out), len(wantHead)+8)], wantHead)
			}
			checkSaved(t, []byte(c.in), out, testSection)
		})
	}
}

func TestSaveErrors(t *testing.T) {
	for _, c := range saveErrCases {
		t.Run(c.name, func(t *testing.T) {
			out, err := Save("pipeline.md", []byte(c.in), testSection)
			if out != nil {
				t.Errorf("Save returned %d bytes with error %v; want nil so nothing is written", len(out), err)
			}
			var e *Error
			if !errors.As(err, &e) || !errors.Is(err, c.kind) {
				t.Fatalf("Save error = %v (%T), want *Error wrapping %v", err, err, c.kind)
			}
			if e.File != "pipeline.md" || e.Line != c.line {
				t.Errorf("error at %s:%d, want pipeline.md:%d: %v", e.File, e.Line, c.line, err)
			}
			// Parse reports body problems up front, as the same error.
			if d, perr := Parse("pipeline.md", []byte(c.in)); perr == nil && d.SaveBlocked != nil {
				if d.SaveBlocked.Error() != err.Error() {
					t.Errorf("SaveBlocked = %v, Save = %v", d.SaveBlocked, err)
				}
			} else if c.kind == ErrForeignSection || c.kind == ErrSectionEditedByHand || c.kind == ErrBrokenMarkers {
				t.Errorf("Parse did not report %v up front (Parse error %v)", c.kind, perr)
			}
		})
	}
}

func TestSaveSectionText(t *testing.T) {
	in := []byte("---\nstepsCompleted: [1, 2, 3]\n---\n" + body)
	forged := "## Deployment Strategy\n" + EndMarker + "\n  " + BeginMarker(strings.Repeat("a", 64)) + "\nsee pipewright:deployment-strategy:end\n"
	tests := []struct {
		name, section string
		want          string // the region's content; "" = error ErrEmptySection
	}{
		{"plain", "## Deployment Strategy\n\ntext", "## Deployment Strategy\n\ntext\n"},
		{"CRLF input", "a\r\nb\r\n", "a\nb\n"},
		{"CRs before a break", "a\r\r\nb\r", "a\nb\n"},
		{"trailing blank lines trimmed", "a\n\n\n", "a\n"},
		{"forged markers escaped", forged, strings.ReplaceAll(forged, markerStem, escapedStem)},
		{"empty", "", ""},
		{"blank", " \n\t\r\n", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := Save("pipeline.md", in, tt.section)
			if tt.want == "" {
				if !errors.Is(err, ErrEmptySection) || out != nil {
					t.Fatalf("Save = %q, %v; want ErrEmptySection", out, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkSaved(t, in, out, tt.section)
			reg := analyzeBody("", out, 0).region
			if string(reg.content) != tt.want {
				t.Errorf("region content %q, want %q", reg.content, tt.want)
			}
			if n := bytes.Count(out, []byte(markerStem)); n != 2 {
				t.Errorf("%d marker stems in output, want 2:\n%s", n, out)
			}
			again, err := Save("pipeline.md", out, tt.section)
			if err != nil || !bytes.Equal(again, out) {
				t.Errorf("saving again: %v\n%q\n%q", err, again, out)
			}
		})
	}
}

// TestSaveKeepsHandEditedBytes: a refused save must leave the caller with
// nothing to write, and must not mutate the input slice either.
func TestSaveKeepsHandEditedBytes(t *testing.T) {
	in := []byte(editRegion(savedDoc))
	orig := bytes.Clone(in)
	if out, err := Save("pipeline.md", in, testSection); out != nil || err == nil {
		t.Fatalf("Save = %q, %v", out, err)
	}
	if !bytes.Equal(in, orig) {
		t.Fatal("Save modified its input")
	}
	msg := `pipeline.md:12: the Deployment Strategy section (lines 12-16) was edited by hand after Pipewright saved it, so Pipewright will not overwrite it and changed nothing`
	if _, err := Save("pipeline.md", in, testSection); !strings.HasPrefix(err.Error(), msg) {
		t.Errorf("message %q, want prefix %q", err, msg)
	}
}
