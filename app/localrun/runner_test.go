package localrun

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/pipelinedoc"
	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/comments"
)

var update = flag.Bool("update", false, "rewrite golden files")

var day1 = time.Date(2026, 11, 20, 9, 0, 0, 0, time.UTC)

// env is one test's place: a document in a temporary folder and a real
// SQLite store beside it.
type env struct {
	t     *testing.T
	dir   string
	doc   string // absolute path of the document
	store *store.Store
	dbDSN string
}

func newEnv(t *testing.T, docText string) *env {
	t.Helper()
	dir := t.TempDir()
	e := &env{t: t, dir: dir, doc: filepath.Join(dir, "pipeline.md"), dbDSN: filepath.Join(dir, "s.db")}
	if docText != "" {
		if err := os.WriteFile(e.doc, []byte(docText), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	e.store = e.open()
	return e
}

func (e *env) open() *store.Store {
	st, err := store.Open(context.Background(), e.dbDSN)
	if err != nil {
		e.t.Fatalf("open store: %v", err)
	}
	e.t.Cleanup(func() { st.Close() })
	return st
}

// runner is a Runner on the env's document whose clock starts at start and
// ticks a second per command.
func (e *env) runner(st *store.Store, start time.Time, out *bytes.Buffer) *Runner {
	now := start
	return &Runner{
		Store: st, NotFound: store.ErrNotFound,
		Doc:    &DocFile{Path: e.doc, Display: "pipeline.md", Root: e.dir},
		Actor:  "dana",
		Out:    out,
		Render: comments.English(),
		Now:    func() time.Time { now = now.Add(time.Second); return now },
	}
}

// run feeds lines to a new Runner and returns what it printed.
func (e *env) run(start time.Time, lines ...string) string {
	e.t.Helper()
	var out bytes.Buffer
	if err := e.runner(e.store, start, &out).Run(context.Background(), strings.NewReader(strings.Join(lines, "\n")+"\n")); err != nil {
		e.t.Fatalf("run: %v\n%s", err, out.String())
	}
	return out.String()
}

func (e *env) session() strategy.Session {
	e.t.Helper()
	data, _, err := e.store.LoadSession(context.Background(), "local:"+e.doc)
	if err != nil {
		e.t.Fatalf("load session: %v", err)
	}
	var s strategy.Session
	if err := json.Unmarshal(data, &s); err != nil {
		e.t.Fatal(err)
	}
	return s
}

func (e *env) read() []byte {
	e.t.Helper()
	data, err := os.ReadFile(e.doc)
	if err != nil {
		e.t.Fatal(err)
	}
	return data
}

// onlyDoc: nothing but the document and the store's files in the folder
// (no temporary file left behind).
func (e *env) onlyDoc() {
	e.t.Helper()
	entries, _ := os.ReadDir(e.dir)
	for _, en := range entries {
		if n := en.Name(); n != "pipeline.md" && !strings.HasPrefix(n, "s.db") {
			e.t.Errorf("stray file %s", n)
		}
	}
}

func fixture(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "pipeline.md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// wholeSession decides everything the way a team might: a typo, plain
// lines under a decision, C to see the next category, a revision, targets,
// the seed's y and n to A and P, then C.
var wholeSession = []string{
	"/start",
	"/decide canery -- we watch error rates per version",
	"/decide canary -- we watch error rates per version",
	"Argo Rollouts already runs our analysis.",
	"C",
	"/decide unleash",
	"Owner: platform team",
	"/decide expand-contract",
	"/decide rollback hybrid -- pages wake people",
	"Triggers: error rate above the SLO",
	"Testing: a drill in staging each release",
	"/decide required",
	"/skip -- one region serves all our customers",
	"/decide pattern blue-green -- we want instant switchback",
	"/target frequency elite",
	"/target lead-time 2",
	"/target failure-rate less than ten percent",
	"/target mttr elite",
	"/menu A",
	"/elicit 1",
	"We would see it in checkout errors first.",
	"Testing: never rehearsed with a migration",
	"y",
	"/menu P",
	"n",
	"C",
}

var markerLineRE = regexp.MustCompile(`(?m)^<!-- pipewright:deployment-strategy:(begin sha256=[0-9a-f]{64}|end) -->\r?\n`)

// splitSaved cuts the saved region out of a document: before, the region,
// after. It fails unless there is exactly one region.
func splitSaved(t *testing.T, doc []byte) (string, string, string) {
	t.Helper()
	locs := markerLineRE.FindAllIndex(doc, -1)
	if len(locs) != 2 {
		t.Fatalf("document has %d marker lines, want 2:\n%s", len(locs), doc)
	}
	return string(doc[:locs[0][0]]), string(doc[locs[0][0]:locs[1][1]]), string(doc[locs[1][1]:])
}

func goldenFile(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
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
		t.Fatalf("%v (rerun with -update)", err)
	}
	if !bytes.Equal(want, got) {
		wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
		for i := range max(len(wl), len(gl)) {
			if i >= len(wl) || i >= len(gl) || wl[i] != gl[i] {
				t.Fatalf("%s differs at line %d (rerun with -update and review)", path, i+1)
			}
		}
	}
}

func TestWholeSession(t *testing.T) {
	original := fixture(t)
	e := newEnv(t, original)
	out := e.run(day1, wholeSession...)
	goldenFile(t, "whole-session.out", []byte(out))
	if m := leftoverRE.FindString(outsideFences(out)); m != "" {
		t.Errorf("output holds %q", m)
	}
	saved := e.read()
	goldenFile(t, "whole-session.pipeline.md", saved)

	before, region, after := splitSaved(t, saved)
	want := strings.Replace(original, "stepsCompleted: [1, 2, 3]", "stepsCompleted: [1, 2, 3, 4]", 1)
	if before != want+"\n" || after != "" {
		t.Errorf("the document changed outside the section and stepsCompleted:\n%s", before)
	}
	s := e.session()
	if s.Phase != strategy.PhaseSaved || s.Saved == nil || s.Saved.Revision != s.Revision {
		t.Fatalf("session after C: phase %q saved %+v revision %d", s.Phase, s.Saved, s.Revision)
	}
	if !strings.Contains(region, comments.English().Section(&s)) {
		t.Errorf("the saved region is not the session's section")
	}
	if d := s.Decisions[strategy.CatPattern]; d.Option != "blue-green" || d.Rationale != "we want instant switchback" {
		t.Errorf("revision not kept: %+v", d)
	}
	if d := s.Decisions[strategy.CatRollback]; d.Subs["triggers"] != "error rate above the SLO" || d.Subs["testing"] != "a drill in staging each release" || d.Rationale != "pages wake people" {
		t.Errorf("plain lines not recorded with rollback: %+v", d)
	}
	if d := s.Decisions[strategy.CatFlags]; len(d.Notes) != 1 || d.Notes[0] != "Owner: platform team" {
		t.Errorf("flags notes %v", d.Notes)
	}
	if !strings.Contains(region, "in the team's words:_ We would see it in checkout errors first.") ||
		!strings.Contains(region, "in the team's words:_ never rehearsed with a migration") || strings.Contains(region, "Party Mode") {
		t.Errorf("the saved region does not hold exactly the accepted elicitation:\n%s", region)
	}
	for _, w := range []string{"Did you mean `/decide pattern canary`?", "Saved: the `## Deployment Strategy` section was added to `pipeline.md`",
		"Accept these enhancements to the deployment strategy? (y/n)", "Accept these changes to the deployment strategy? (y/n)"} {
		if !strings.Contains(out, w) {
			t.Errorf("output lacks %q", w)
		}
	}
	if pipelinedoc.EndMarker == "" || strings.Count(string(saved), "pipewright:deployment-strategy:begin") != 1 {
		t.Errorf("not exactly one section")
	}
	info, _ := os.Stat(e.doc)
	if info.Mode().Perm() != 0o640 {
		t.Errorf("file mode became %v", info.Mode().Perm())
	}
	e.onlyDoc()
}

// TestDocumentForms: the save keeps every byte the team wrote, whatever the
// form of the frontmatter or the line endings.
func TestDocumentForms(t *testing.T) {
	base := fixture(t)
	crlf := strings.ReplaceAll(base, "\n", "\r\n")
	cases := []struct {
		name        string
		doc         string
		from, to    string // the stepsCompleted edit
		appendAfter string // what separates the body from the region
		eol         string
	}{
		{"flow list", base, "stepsCompleted: [1, 2, 3]\n", "stepsCompleted: [1, 2, 3, 4]\n", "\n", "\n"},
		{"CRLF", crlf, "stepsCompleted: [1, 2, 3]\r\n", "stepsCompleted: [1, 2, 3, 4]\r\n", "\r\n", "\r\n"},
		{"block list", strings.Replace(base, "stepsCompleted: [1, 2, 3]\n", "stepsCompleted:\n  - 1\n  - 2\n  - 3\n", 1),
			"  - 3\n", "  - 3\n  - 4\n", "\n", "\n"},
		{"block list CRLF", strings.ReplaceAll(strings.Replace(base, "stepsCompleted: [1, 2, 3]\n", "stepsCompleted:\n- 1\n- 2\n- 3 # done\n", 1), "\n", "\r\n"),
			"- 3 # done\r\n", "- 3 # done\r\n- 4\r\n", "\r\n", "\r\n"},
		{"quoted values and comments", strings.Replace(base, "stepsCompleted: [1, 2, 3]\n", "stepsCompleted: [\"1\",\"2\",\"3\"] # progress, do not edit\n", 1),
			`["1","2","3"]`, `["1","2","3","4"]`, "\n", "\n"},
		{"no final line break", strings.TrimRight(base, "\n"), "[1, 2, 3]", "[1, 2, 3, 4]", "\n\n", "\n"},
		{"blank lines at the end", base + "\n\n", "[1, 2, 3]", "[1, 2, 3, 4]", "", "\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, tc.doc)
			out := e.run(day1, wholeSession...)
			if !strings.Contains(out, "✅ Saved:") {
				t.Fatalf("not saved:\n%s", out[max(0, len(out)-600):])
			}
			saved := e.read()
			before, region, after := splitSaved(t, saved)
			if !strings.Contains(tc.doc, tc.from) {
				t.Fatalf("bad case: %q not in the document", tc.from)
			}
			if want := strings.Replace(tc.doc, tc.from, tc.to, 1) + tc.appendAfter; before != want || after != "" {
				t.Errorf("bytes outside the section changed:\n got %q\nwant %q", before, want)
			}
			if tc.eol == "\r\n" && strings.Count(region, "\n") != strings.Count(region, "\r\n") {
				t.Errorf("the section's line breaks do not follow the document's")
			}
			doc, err := pipelinedoc.Parse("pipeline.md", saved)
			if err != nil || !doc.HasSavedSection || doc.SaveBlocked != nil {
				t.Fatalf("saved document: %v, saved %v, blocked %v", err, doc != nil && doc.HasSavedSection, doc.SaveBlocked)
			}
			if got := doc.StepsCompleted; len(got) != 4 || got[3] != 4 {
				t.Errorf("stepsCompleted %v", got)
			}
			if project := doc.Frontmatter["project_name"]; project != "checkout-service" {
				t.Errorf("project_name %v", project)
			}
			// C again: nothing to do, nothing changes.
			again := e.run(day1.Add(time.Hour), "/menu C")
			if !strings.Contains(again, "already holds exactly this section") || !bytes.Equal(e.read(), saved) {
				t.Errorf("a second C changed the document:\n%s", again)
			}
			e.onlyDoc()
		})
	}
}

// TestResume: a second Runner, another day, on a new connection to the same
// store, carries on the session and saves it.
func TestResume(t *testing.T) {
	e := newEnv(t, fixture(t))
	day2 := day1.Add(24 * time.Hour)
	first := e.run(day1, wholeSession[:len(wholeSession)-1]...)
	if strings.Contains(first, "Saved") || !bytes.Equal(e.read(), []byte(fixture(t))) {
		t.Fatal("saved before C")
	}
	var out bytes.Buffer
	r := e.runner(e.open(), day2, &out)
	if err := r.Run(context.Background(), strings.NewReader("/status\n/menu C\n")); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if !strings.Contains(got, "Where we stand") || !strings.Contains(got, "✅ Saved:") || strings.Contains(got, "No deployment strategy session") {
		t.Fatalf("resumed session did not continue:\n%s", got)
	}
	s := e.session()
	if s.Phase != strategy.PhaseSaved || !s.Saved.At.After(day2) || !s.Decisions[strategy.CatPattern].At.Before(day2) {
		t.Errorf("saved %+v, pattern decided at %v", s.Saved, s.Decisions[strategy.CatPattern].At)
	}
	splitSaved(t, e.read())
}

// TestSaveNeverDuplicates: C twice, and C after a revision, keep one section.
func TestSaveNeverDuplicates(t *testing.T) {
	e := newEnv(t, fixture(t))
	e.run(day1, wholeSession...)
	first := e.read()
	out := e.run(day1.Add(time.Hour), "/menu C", "/menu C")
	if strings.Count(out, "already holds exactly this section") != 2 || !bytes.Equal(e.read(), first) {
		t.Errorf("C twice changed the document:\n%s", out)
	}
	out = e.run(day1.Add(2*time.Hour), "/decide regions active-passive", "/menu C")
	if !strings.Contains(out, "✅ Saved:") {
		t.Fatalf("revision not saved:\n%s", out)
	}
	_, region, _ := splitSaved(t, e.read())
	if !strings.Contains(region, "**Approach:** Active-passive") {
		t.Errorf("the revision did not replace the section")
	}
}

// TestSectionEditedByHand: a save that would overwrite a person's edit is
// refused, the file is left as they wrote it, and the decisions stay.
func TestSectionEditedByHand(t *testing.T) {
	e := newEnv(t, fixture(t))
	e.run(day1, wholeSession...)
	edited := bytes.Replace(e.read(), []byte("**Type:** Hybrid"), []byte("**Type:** Hybrid, reviewed by Lee"), 1)
	if err := os.WriteFile(e.doc, edited, 0o640); err != nil {
		t.Fatal(err)
	}
	out := e.run(day1.Add(time.Hour), "/decide regions active-passive", "/menu C")
	if !strings.Contains(out, "The section was not saved") || !strings.Contains(out, "edited by hand") {
		t.Errorf("no clear refusal:\n%s", out)
	}
	if !bytes.Equal(e.read(), edited) {
		t.Error("the edited document was changed")
	}
	if s := e.session(); s.Decisions[strategy.CatRegions].Option != "active-passive" || s.Phase == strategy.PhaseSaved {
		t.Errorf("session after a failed save: phase %q", s.Phase)
	}
	e.onlyDoc()
}

// TestBrokenDocuments: a document that cannot be used is named in a clear
// message, and nothing is written.
func TestBrokenDocuments(t *testing.T) {
	cases := []struct {
		name string
		doc  string // "" means no file at all
		want []string
	}{
		{"missing file", "", []string{"pipeline.md", "does not exist"}},
		{"no frontmatter", "# CI/CD Pipeline Architecture\n\nNo frontmatter here.\n", []string{"pipeline.md", "frontmatter"}},
		{"unclosed frontmatter", "---\nstepsCompleted: [1, 2, 3]\n# Pipeline\n", []string{"pipeline.md", "frontmatter"}},
		{"broken YAML", "---\nproject_name: 'x\nstepsCompleted: [1, 2, 3\n---\n# Pipeline\n", []string{"pipeline.md:", "not valid YAML"}},
		{"stepsCompleted not a list", "---\nstepsCompleted: three\n---\n", []string{"pipeline.md:2", "stepsCompleted"}},
		{"step 3 missing", "---\nstepsCompleted: [1, 2]\n---\n# Pipeline\n", []string{"pipeline.md:2", "step 3", "missing 3"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, tc.doc)
			out := e.run(day1, "/start", "/decide canary -- because", "more words", "/menu C")
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("message lacks %q:\n%s", w, out)
				}
			}
			if !strings.Contains(out, "⚠️ The pipeline document cannot be used") {
				t.Errorf("no document error shown:\n%s", out)
			}
			if tc.doc == "" {
				if _, err := os.Stat(e.doc); !os.IsNotExist(err) {
					t.Errorf("a document was created: %v", err)
				}
			} else if !bytes.Equal(e.read(), []byte(tc.doc)) {
				t.Errorf("the document was changed")
			}
			if s := e.session(); s.Started() || len(s.Decisions) != 0 {
				t.Errorf("a session started on a broken document: %+v", s)
			}
			e.onlyDoc()
		})
	}
}

// TestPlainLines: lines without a slash after /decide or /skip add to that
// decision: rationale, and Key: value answers.
// completeLines decide everything, so the A/P/C menu is open.
func completeLines() []string {
	return []string{"/start", "/decide canary", "/decide unleash", "/decide in-deploy", "/decide automated", "/decide required", "/skip",
		"/target frequency elite", "/target lead-time elite", "/target failure-rate high", "/target mttr elite"}
}

func TestPlainLines(t *testing.T) {
	cases := []struct {
		name  string
		lines []string
		check func(t *testing.T, s strategy.Session, out string)
	}{
		{"rationale and answers", []string{"/start", "/decide rollback automated", "Error budgets decide for us.", "Triggers: burn rate above two", "Owner: SRE", "Owner: SRE", "It is tested monthly in staging."},
			func(t *testing.T, s strategy.Session, _ string) {
				d := s.Decisions[strategy.CatRollback]
				if d.Rationale != "Error budgets decide for us.\nIt is tested monthly in staging." || d.Subs["triggers"] != "burn rate above two" {
					t.Errorf("decision %+v", d)
				}
				if len(d.Notes) != 1 || d.Notes[0] != "Owner: SRE" {
					t.Errorf("notes %q", d.Notes)
				}
			}},
		{"a number is replayed as the option it chose", []string{"/start", "/decide 2", "Per-version metrics are in place."},
			func(t *testing.T, s strategy.Session, _ string) {
				if d := s.Decisions[strategy.CatPattern]; d == nil || d.Option != "canary" || d.Rationale != "Per-version metrics are in place." {
					t.Errorf("pattern %+v", d)
				}
				if d := s.Decisions[strategy.CatFlags]; d != nil {
					t.Errorf("the plain line decided flags too: %+v", d)
				}
			}},
		{"after /skip", append(append([]string{"/start"}, "/decide canary", "/decide unleash", "/decide pre-deploy", "/decide manual", "/decide best-effort"), "/skip", "We serve one country."),
			func(t *testing.T, s strategy.Session, _ string) {
				if d := s.Decisions[strategy.CatRegions]; d == nil || d.Option != "single-region" || d.Rationale != "We serve one country." {
					t.Errorf("regions %+v", d)
				}
			}},
		{"after a failed decide the warning is repeated", []string{"/start", "/decide canery", "because metrics"},
			func(t *testing.T, s strategy.Session, out string) {
				if len(s.Decisions) != 0 || strings.Count(out, "Did you mean") != 2 {
					t.Errorf("decisions %v, output:\n%s", s.Decisions, out)
				}
			}},
		{"answers after /elicit", append(completeLines(), "/elicit 2", "Checkout errors show it first.", "Triggers: 5xx above stable", "/accept"),
			func(t *testing.T, s strategy.Session, out string) {
				var answers []string
				for _, e := range s.Enhancements {
					if e.Answer != "" {
						answers = append(answers, e.Sub+"="+e.Answer)
					}
				}
				if strings.Join(answers, "|") != "=Checkout errors show it first.|triggers=5xx above stable" {
					t.Errorf("answers %q", answers)
				}
				if strings.Count(out, "Accept these enhancements to the deployment strategy? (y/n)") != 3 {
					t.Errorf("each answer should show the updated proposal:\n%s", out)
				}
			}},
		{"answers after /menu P", append(completeLines(), "/menu P", "Finance signs off the second region.", "/accept"),
			func(t *testing.T, s strategy.Session, _ string) {
				if i := slices.IndexFunc(s.Enhancements, func(e strategy.Enhancement) bool { return e.Answer == "Finance signs off the second region." }); i < 0 || s.Enhancements[i].Kind != strategy.KindParty {
					t.Errorf("enhancements %+v", s.Enhancements)
				}
			}},
		{"after a method list they are ignored", append(completeLines(), "/menu A all", "just talking", "/elicit more", "still talking"),
			func(t *testing.T, s strategy.Session, out string) {
				if s.Pending != nil || strings.Contains(out, "talking") {
					t.Errorf("pending %+v", s.Pending)
				}
			}},
		{"after other commands they are ignored", []string{"/start", "/status", "just talking"},
			func(t *testing.T, s strategy.Session, out string) {
				if strings.Contains(out, "just talking") || s.Revision != 0 {
					t.Errorf("revision %d", s.Revision)
				}
			}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, fixture(t))
			out := e.run(day1, tc.lines...)
			tc.check(t, e.session(), out)
		})
	}
}
