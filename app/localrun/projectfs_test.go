package localrun

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/pipelinedoc"
	"github.com/pipewright/pipewright/app/project"
)

// The project `pipewright local` runs in may be a clone of anyone's
// repository: its symlinks and files must not make it read without bound,
// nor write outside the project.

// runWith runs lines on doc (instead of the env's document) and returns
// what was printed.
func (e *env) runWith(doc *DocFile, lines ...string) string {
	e.t.Helper()
	var out bytes.Buffer
	r := e.runner(e.store, day1, &out)
	r.Doc = doc
	if err := r.Run(context.Background(), strings.NewReader(strings.Join(lines, "\n")+"\n")); err != nil {
		e.t.Fatalf("run: %v\n%s", err, out.String())
	}
	return out.String()
}

func saveLines() []string { return append(completeLines(), "/menu C") }

// project makes root/ (with .git) and outside/ in the env's folder.
func (e *env) project() (root, outside string) {
	e.t.Helper()
	root, outside = filepath.Join(e.dir, "project"), filepath.Join(e.dir, "outside")
	for _, d := range []string{filepath.Join(root, ".git"), outside} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			e.t.Fatal(err)
		}
	}
	return root, outside
}

func symlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(link), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(target, link); err != nil {
		t.Skipf("no symlinks here: %v", err)
	}
}

func writeFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDocumentOnDevice: pipeline.md as a symlink to /dev/zero grew memory
// without end. It is refused before a byte is read.
func TestDocumentOnDevice(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	e := newEnv(t, "")
	symlink(t, "/dev/zero", e.doc)
	doc := &DocFile{Path: e.doc, Display: "pipeline.md", Root: e.dir}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	done := make(chan string, 1)
	go func() { done <- e.runWith(doc, "/start") }()
	var out string
	select {
	case out = <-done:
	case <-time.After(time.Minute): // a guard against the old endless read, not a timing check
		t.Fatal("reading pipeline.md -> /dev/zero did not return")
	}
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 64<<20 {
		t.Errorf("allocated %d MB reading a device", grew>>20)
	}
	if !strings.Contains(out, "pipeline.md is not a regular file (a device)") {
		t.Errorf("no clear refusal:\n%s", out)
	}
	if s := e.session(); s.Started() {
		t.Error("a session started on a device")
	}
}

// TestDocumentSizeLimit: a document over pipelinedoc.MaxBytes is refused
// from its size, without reading it; one at the limit is used.
func TestDocumentSizeLimit(t *testing.T) {
	e := newEnv(t, "")
	f, err := os.Create(e.doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(256 << 20); err != nil { // sparse: 256 MiB on no disk
		t.Skipf("no sparse file: %v", err)
	}
	f.Close()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	out := e.run(day1, "/start")
	runtime.ReadMemStats(&after)
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 32<<20 {
		t.Errorf("allocated %d MB for a document over the limit", grew>>20)
	}
	if !strings.Contains(out, "pipeline.md is over 1000000 bytes (1 MB)") {
		t.Errorf("no clear refusal:\n%s", out)
	}

	// At the limit exactly: still a document (padding in the body).
	doc := fixture(t)
	doc += strings.Repeat("x", pipelinedoc.MaxBytes-len(doc)-1) + "\n"
	writeFile(t, e.doc, doc)
	if d := (&DocFile{Path: e.doc, Display: "pipeline.md", Root: e.dir}).Env(); d.DocErr != nil {
		t.Errorf("a document of %d bytes is refused: %v", len(doc), d.DocErr)
	}
	// A save that would take it over the limit is refused, the file kept.
	out = e.run(day1, saveLines()...)
	if !strings.Contains(out, "pipeline.md with the section would be over 1000000 bytes") {
		t.Errorf("no clear refusal of the save:\n%s", out)
	}
	if !bytes.Equal(e.read(), []byte(doc)) {
		t.Error("the document was changed")
	}
}

// TestPlanningFolderOutside: a symlinked planning-artifacts folder that
// leads outside the project let /menu C write there. It is refused, and
// the file outside is untouched.
func TestPlanningFolderOutside(t *testing.T) {
	e := newEnv(t, "")
	root, outside := e.project()
	original := fixture(t)
	writeFile(t, filepath.Join(outside, "pipeline.md"), original)
	symlink(t, outside, filepath.Join(root, "_bmad-output", "planning-artifacts"))
	path := filepath.Join(root, filepath.FromSlash(project.DefaultDocPath))
	out := e.runWith(&DocFile{Path: path, Display: project.DefaultDocPath, Root: root}, saveLines()...)
	if !strings.Contains(out, "outside the project") || !strings.Contains(out, "through a symbolic link") {
		t.Errorf("no clear refusal:\n%s", out)
	}
	if got, _ := os.ReadFile(filepath.Join(outside, "pipeline.md")); string(got) != original {
		t.Error("the file outside the project was changed")
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 1 {
		t.Errorf("files written outside the project: %v", entries)
	}
}

// TestSymlinkedDocument: a pipeline.md that is a symlink to a file in the
// project is written through: the link stays a link, the file it leads to
// gets the section. A link to a file outside the project is refused.
func TestSymlinkedDocument(t *testing.T) {
	t.Run("inside", func(t *testing.T) {
		e := newEnv(t, "")
		root, _ := e.project()
		real := filepath.Join(root, "docs", "architecture.md")
		if err := os.MkdirAll(filepath.Dir(real), 0o755); err != nil {
			t.Fatal(err)
		}
		writeFile(t, real, fixture(t))
		link := filepath.Join(root, "pipeline.md")
		symlink(t, "docs/architecture.md", link)
		out := e.runWith(&DocFile{Path: link, Display: "pipeline.md", Root: root}, saveLines()...)
		if !strings.Contains(out, "Saved:") {
			t.Fatalf("not saved:\n%s", out)
		}
		if info, err := os.Lstat(link); err != nil || info.Mode()&os.ModeSymlink == 0 {
			t.Errorf("pipeline.md is no longer a symlink: %v %v", info.Mode(), err)
		}
		got, _ := os.ReadFile(real)
		if !strings.Contains(string(got), "stepsCompleted: [1, 2, 3, 4]") || !strings.Contains(string(got), "## Deployment Strategy") {
			t.Errorf("the linked file did not get the section:\n%s", got)
		}
		if entries, _ := os.ReadDir(filepath.Dir(real)); len(entries) != 1 {
			t.Errorf("stray files beside the document: %v", entries)
		}
	})
	t.Run("outside", func(t *testing.T) {
		e := newEnv(t, "")
		root, outside := e.project()
		original := fixture(t)
		target := filepath.Join(outside, "notes.md")
		writeFile(t, target, original)
		link := filepath.Join(root, "pipeline.md")
		symlink(t, target, link)
		out := e.runWith(&DocFile{Path: link, Display: "pipeline.md", Root: root}, saveLines()...)
		if !strings.Contains(out, "pipeline.md leads to "+target+", outside the project") {
			t.Errorf("no clear refusal:\n%s", out)
		}
		if got, _ := os.ReadFile(target); string(got) != original {
			t.Error("the file outside the project was changed")
		}
	})
}

// TestConfigOnDevice: _bmad/bmm/config.yaml is read by the same rules.
func TestConfigOnDevice(t *testing.T) {
	if _, err := os.Stat("/dev/zero"); err != nil {
		t.Skip("no /dev/zero")
	}
	e := newEnv(t, "")
	root, _ := e.project()
	symlink(t, "/dev/zero", filepath.Join(root, "_bmad", "bmm", "config.yaml"))
	done := make(chan error, 1)
	go func() {
		_, _, err := LoadSettings(root, project.Preferences{})
		done <- err
	}()
	var err error
	select {
	case err = <-done:
	case <-time.After(time.Minute): // a guard against the old endless read, not a timing check
		t.Fatal("reading config.yaml -> /dev/zero did not return")
	}
	if err == nil || !strings.Contains(err.Error(), "is not a regular file (a device)") {
		t.Errorf("config on a device: %v", err)
	}
	if _, err := ReadProjectFile(root, "_bmad/bmm/missing.yaml"); !isNotExist(err) {
		t.Errorf("a missing file is not reported as missing: %v", err)
	}
}

func TestProjectRoot(t *testing.T) {
	e := newEnv(t, "")
	root, outside := e.project()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if got := ProjectRoot(deep); got != root {
		t.Errorf("ProjectRoot(%s) = %s, want the git root %s", deep, got, root)
	}
	if got := ProjectRoot(outside); got != outside {
		t.Errorf("ProjectRoot(%s) = %s, want itself (no git)", outside, got)
	}
}
