package pipelinedoc

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Run `go test ./app/pipelinedoc -run Golden -update` to rewrite the golden
// files after an intended change, then review the diff: they are the full,
// exact output a user's pipeline.md would get.
var update = flag.Bool("update", false, "rewrite testdata/golden files")

var unsafeName = regexp.MustCompile(`[^a-z0-9]+`)

func goldenPath(name string) string {
	return filepath.Join("testdata", "golden", strings.Trim(unsafeName.ReplaceAllString(strings.ToLower(name), "-"), "-")+".md")
}

// checkGolden compares got with the golden file, or rewrites it.
func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (run with -update if intended):\n got %q\nwant %q", path, got, want)
	}
}

func TestGoldenSave(t *testing.T) {
	for _, c := range saveCases {
		t.Run(c.name, func(t *testing.T) {
			out, err := Save("pipeline.md", []byte(c.in), testSection)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, goldenPath(c.name), out)
		})
	}
}

// TestGoldenErrors pins every message users can see, so wording changes
// are deliberate and translators can find them.
func TestGoldenErrors(t *testing.T) {
	var b bytes.Buffer
	for _, c := range saveErrCases {
		_, err := Save("pipeline.md", []byte(c.in), testSection)
		fmt.Fprintf(&b, "# Save: %s\n%v\n\n", c.name, err)
	}
	for _, in := range []string{
		"---\nstepsCompleted: [1, 2]\n---\n",
		"---\nproject_name: x\n---\n",
	} {
		d, err := Parse("pipeline.md", []byte(in))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "# RequireStep3: %q\n%v\n\n", in, d.RequireStep3())
	}
	_, err := Save("pipeline.md", []byte("---\n---\n"), "")
	fmt.Fprintf(&b, "# Save: empty section\n%v\n", err)
	checkGolden(t, filepath.Join("testdata", "golden", "errors.txt"), b.Bytes())
}
