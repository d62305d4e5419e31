package i18n_test

import (
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// The A/P/C catalogue parts: elicitation methods, perspectives and
// consistency rules, checked like the decision catalogue (no durations, no
// '|', no recommendation, every placeholder known) and against the
// engine's tables, both ways.

var apcFiles = []string{"elicitation.yaml", "perspectives.yaml", "consistency.yaml"}

// Placeholders the renderer fills (comments/render_fill.go). What is
// written into the section (enhancements, changes) may use only the option
// names and step 3; replies may also quote the team's answers.
var (
	sectionPlaceholders = map[string]bool{"{pattern}": true, "{flags}": true, "{migrations}": true, "{rollback}": true,
		"{downtime}": true, "{regions}": true, "{tool}": true, "{method}": true, "{environments}": true, "{gates}": true,
		"{promotion}": true, "{first-env}": true, "{last-env}": true}
	replyPlaceholders = func() map[string]bool {
		m := map[string]bool{"{triggers}": true, "{mechanism}": true, "{data}": true, "{testing}": true}
		for k := range sectionPlaceholders {
			m[k] = true
		}
		return m
	}()
)

func TestAPCFilesStrict(t *testing.T) {
	checkFilesStrict(t, "en")
	files, _ := filepath.Glob(filepath.Join("locales", "en", "*.yaml"))
	for _, f := range apcFiles {
		if !containsSuffix(files, f) {
			t.Errorf("%s is missing", f)
		}
	}
}

func containsSuffix(files []string, name string) bool {
	for _, f := range files {
		if filepath.Base(f) == name {
			return true
		}
	}
	return false
}

// keysOf lists a text map's keys, sorted, for comparison with the engine.
func keysOf(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func sameKeys(t *testing.T, where string, text map[string]string, ids []string) {
	t.Helper()
	want := append([]string(nil), ids...)
	sort.Strings(want)
	want = compact(want)
	if got := keysOf(text); strings.Join(got, ",") != strings.Join(want, ",") {
		t.Errorf("%s: catalogue has %v, the engine %v", where, got, want)
	}
}

func compact(s []string) []string {
	var out []string
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func TestMethodsComplete(t *testing.T) {
	c := loadEN(t)
	if len(strategy.Methods) < 15 || len(c.Elicitation) != len(strategy.Methods) {
		t.Fatalf("%d methods in the engine, %d in the catalogue; want the same, at least 15", len(strategy.Methods), len(c.Elicitation))
	}
	for _, m := range strategy.Methods {
		mt, ok := c.Elicitation[m.ID]
		if !ok || mt.Name == "" || mt.Purpose == "" {
			t.Errorf("%s: no name or purpose", m.ID)
			continue
		}
		var qs, fs, es []string
		for _, q := range m.Questions {
			qs = append(qs, q.ID)
			checkQuestion(t, m.ID+" question "+q.ID, mt.Questions[q.ID])
		}
		for _, f := range m.Findings {
			fs = append(fs, f.ID)
		}
		for _, e := range m.Changes {
			es = append(es, e.ID)
		}
		sameKeys(t, m.ID+" questions", mt.Questions, qs)
		sameKeys(t, m.ID+" findings", mt.Findings, fs)
		sameKeys(t, m.ID+" enhancements", mt.Enhancements, es)
	}
}

func TestPerspectivesComplete(t *testing.T) {
	c := loadEN(t)
	if n := len(strategy.Perspectives); n < 4 || n > 6 || len(c.Perspectives) != n {
		t.Fatalf("%d perspectives in the engine, %d in the catalogue", n, len(c.Perspectives))
	}
	voices := map[string]bool{}
	for _, p := range strategy.Perspectives {
		pt := c.Perspectives[p.ID]
		if pt.Name == "" || pt.Role == "" || pt.Voice == "" || pt.Quiet == "" || voices[pt.Voice] {
			t.Errorf("%s: name, role, a voice of its own and a quiet line are required", p.ID)
		}
		voices[pt.Voice] = true
		var endorse, concerns []string
		for _, st := range p.Stances {
			if st.Concern {
				concerns = append(concerns, st.ID)
			} else {
				endorse = append(endorse, st.ID)
			}
		}
		sameKeys(t, p.ID+" endorse", pt.Endorse, endorse)
		sameKeys(t, p.ID+" concerns", pt.Concerns, concerns)
		sameKeys(t, p.ID+" changes", pt.Changes, concerns)
	}
	var ids []string
	for _, d := range strategy.Disagreements {
		ids = append(ids, d.ID)
	}
	sameKeys(t, "disagreements", c.Disagreements, ids)
}

func TestRulesComplete(t *testing.T) {
	c := loadEN(t)
	if len(strategy.Rules) < 20 || len(c.Consistency) != len(strategy.Rules) {
		t.Fatalf("%d rules in the engine, %d in the catalogue; want the same, at least 20", len(strategy.Rules), len(c.Consistency))
	}
	for _, r := range strategy.Rules {
		rt, ok := c.Consistency[r.ID]
		if !ok || rt.Title == "" || rt.Message == "" || rt.DORA == "" || rt.Rollback == "" {
			t.Errorf("%s: title, message, DORA impact and rollback implication are required", r.ID)
		}
		checkQuestion(t, r.ID+" question", rt.Question)
	}
}

// apcTexts lists every string of the A/P/C parts with the placeholders it
// may use.
func apcTexts(c *i18n.Catalog) []struct {
	where   string
	s       string
	allowed map[string]bool
} {
	type item = struct {
		where   string
		s       string
		allowed map[string]bool
	}
	var out []item
	add := func(where, s string, allowed map[string]bool) { out = append(out, item{where, s, allowed}) }
	for id, m := range c.Elicitation {
		add("elicitation."+id+".name", m.Name, nil)
		add("elicitation."+id+".purpose", m.Purpose, nil)
		for k, v := range m.Questions {
			add("elicitation."+id+".questions."+k, v, replyPlaceholders)
		}
		for k, v := range m.Findings {
			add("elicitation."+id+".findings."+k, v, replyPlaceholders)
		}
		for k, v := range m.Enhancements {
			add("elicitation."+id+".enhancements."+k, v, sectionPlaceholders)
		}
	}
	for id, p := range c.Perspectives {
		for f, v := range map[string]string{"name": p.Name, "role": p.Role, "voice": p.Voice, "quiet": p.Quiet} {
			add("perspectives."+id+"."+f, v, nil)
		}
		for k, v := range p.Endorse {
			add("perspectives."+id+".endorse."+k, v, replyPlaceholders)
		}
		for k, v := range p.Concerns {
			add("perspectives."+id+".concerns."+k, v, replyPlaceholders)
		}
		for k, v := range p.Changes {
			add("perspectives."+id+".changes."+k, v, sectionPlaceholders)
		}
	}
	for id, v := range c.Disagreements {
		add("disagreements."+id, v, replyPlaceholders)
	}
	for id, r := range c.Consistency {
		for f, v := range map[string]string{"title": r.Title, "message": r.Message, "dora": r.DORA, "rollback": r.Rollback, "question": r.Question} {
			add("consistency."+id+"."+f, v, replyPlaceholders)
		}
	}
	return out
}

func TestAPCTextHygiene(t *testing.T) {
	c := loadEN(t)
	for _, x := range apcTexts(c) {
		s := x.s
		if s != strings.TrimSpace(s) || strings.Contains(s, "\n") {
			t.Errorf("%s is not a single trimmed line: %q", x.where, s)
		}
		if strings.Contains(s, "|") || strings.Contains(s, "<!--") || htmlRe.MatchString(s) || strings.HasPrefix(s, "#") {
			t.Errorf("%s has a pipe, HTML or a heading: %q", x.where, s)
		}
		if recommendRe.MatchString(s) {
			t.Errorf("%s recommends: %q", x.where, s)
		}
		if hasDuration(s) {
			t.Errorf("%s contains a duration or time estimate: %q", x.where, s)
		}
		for _, p := range placeholderRe.FindAllString(s, -1) {
			if !x.allowed[p] {
				t.Errorf("%s uses placeholder %s it may not", x.where, p)
			}
		}
		if strings.ContainsAny(placeholderRe.ReplaceAllString(s, ""), "{}") {
			t.Errorf("%s has a stray brace: %q", x.where, s)
		}
	}
	// The replies' own sentences: no estimate there either.
	for _, f := range apcFiles {
		data, _ := os.ReadFile(filepath.Join("locales", "en", f))
		var part i18n.Catalog
		if err := yaml.Unmarshal(data, &part); err != nil {
			t.Fatal(err)
		}
		for k, v := range part.Messages {
			if hasDuration(v) || recommendRe.MatchString(v) {
				t.Errorf("%s message %s: %q", f, k, v)
			}
		}
	}
}

// TestSeedQuestions: A and P ask the seed's questions, word for word.
func TestSeedQuestions(t *testing.T) {
	c := loadEN(t)
	if got := c.T("elicit.accept-question"); got != "Accept these enhancements to the deployment strategy? (y/n)" {
		t.Errorf("A asks %q", got)
	}
	if got := c.T("party.accept-question"); got != "Accept these changes to the deployment strategy? (y/n)" {
		t.Errorf("P asks %q", got)
	}
}

// checkFilesStrict decodes every catalogue file of a language refusing
// unknown fields (the loader would silently ignore a misspelt key) and
// reports a message key defined in two files (one would silently win).
func checkFilesStrict(t *testing.T, code string) {
	t.Helper()
	owner := map[string]string{}
	for _, f := range fileNames(t, code) {
		c := decodeStrict(t, code, f)
		for k := range c.Messages {
			if o, dup := owner[k]; dup {
				t.Errorf("message %q is in %s and %s: one would silently win", k, o, f)
			}
			owner[k] = f
		}
	}
}

// decodeStrict decodes one catalogue file refusing unknown fields; a
// failure is reported, and what decoded is returned.
func decodeStrict(t *testing.T, code, file string) i18n.Catalog {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("locales", code, file))
	if err != nil {
		t.Fatal(err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var c i18n.Catalog
	if err := dec.Decode(&c); err != nil {
		t.Errorf("%s/%s: %v", code, file, err)
	}
	return c
}
