package pipelinedoc

import (
	"bytes"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// checkSaved verifies a successful Save(in, section) == out without trusting
// Save's own code paths: the changed parts are stripped and whatever is
// left must equal the input byte for byte. Used by table tests and fuzzers.
func checkSaved(t testing.TB, in, out []byte, section string) {
	t.Helper()
	inFM, err := readFrontmatter("", in)
	if err != nil {
		t.Fatalf("input that saved has no frontmatter: %v", err)
	}
	outFM, err := readFrontmatter("", out)
	if err != nil {
		t.Fatalf("output frontmatter unreadable: %v\n%q", err, out)
	}
	if inFM.bodyStart == len(in) && !bytes.HasSuffix(in, []byte("\n")) {
		// The closing "---" ended the file: Save's one permitted change to
		// existing bytes is ending that line.
		eol := "\n"
		closing := string(in[inFM.yamlEnd:])
		if strings.HasSuffix(string(out[:outFM.bodyStart]), closing+"\r\n") {
			eol = "\r\n"
		}
		in = append(slices.Clip(in), eol...)
		inFM.bodyStart = len(in)
	}
	checkHead(t, in, inFM, in[:inFM.bodyStart], out[:outFM.bodyStart])
	checkBody(t, in[inFM.bodyStart:], out[outFM.bodyStart:], section)

	d, err := Parse("", out)
	if err != nil {
		t.Fatalf("Parse(saved): %v", err)
	}
	if !slices.Contains(d.StepsCompleted, 4) || !d.HasSavedSection || d.SaveBlocked != nil {
		t.Fatalf("Parse(saved): steps %v, HasSavedSection %v, SaveBlocked %v", d.StepsCompleted, d.HasSavedSection, d.SaveBlocked)
	}
}

// insertedRE: what Save may insert into the frontmatter. Flow separators
// are copied from the document, so any blanks and one comma are allowed.
var insertedRE = regexp.MustCompile(`^(?:[ \t\r\n]*,?[ \t\r\n]*(["']?)4["']?,?|` +
	` *- +["']?4["']?\r?\n|stepsCompleted: \[1, 2, 3, 4\]\r?\n| ?\[1, 2, 3, 4\])$`)

// checkHead: out is in with one insertion inside the stepsCompleted value
// (or one null value replaced), or unchanged when 4 was already there.
func checkHead(t testing.TB, data []byte, fm *frontmatter, in, out []byte) {
	t.Helper()
	if bytes.Equal(in, out) {
		info, err := readSteps("", data, fm)
		if err != nil || !slices.Contains(info.steps, 4) {
			t.Fatalf("frontmatter unchanged but steps were %v (%v)", info.steps, err)
		}
		return
	}
	keyAt := fm.yamlEnd // where a missing key is added
	if k, _ := fm.lookup(stepsKey); k != nil {
		keyAt, _ = fm.offset(data, k)
	}
	pre := commonPrefix(in, out)
	suf := commonPrefix(reverse(in[pre:]), reverse(out[pre:]))
	if removed := string(in[pre : len(in)-suf]); removed != "" {
		if (removed == "~" || removed == "null") && string(out[pre:len(out)-suf]) == "[1, 2, 3, 4]" && pre > keyAt {
			return
		}
		t.Fatalf("frontmatter lost %q:\n in %q\nout %q", removed, in, out)
	}
	// An insertion is ambiguous when its text repeats around it ("  - 3\n"
	// then "  - 4\n"), so accept any position that explains it.
	n := len(out) - len(in)
	suf = commonPrefix(reverse(in), reverse(out))
	for p := max(len(in)-suf, 0); p <= pre; p++ {
		if p >= keyAt && p <= fm.yamlEnd && insertedRE.Match(out[p:p+n]) {
			return
		}
	}
	t.Fatalf("frontmatter changed beyond stepsCompleted:\n in %q\nout %q", in, out)
}

// checkBody: out is in with our region appended after one blank line, or
// with in's region replaced; either way the region holds section.
func checkBody(t testing.TB, in, out []byte, section string) {
	t.Helper()
	content, err := prepareSection("", section)
	if err != nil {
		t.Fatalf("prepareSection: %v", err)
	}
	outInfo := analyzeBody("", out, 0)
	reg := outInfo.region
	if outInfo.blocked != nil || reg == nil || !bytes.Equal(reg.content, content) {
		t.Fatalf("saved body has no clean region with the section (%v):\n%q", outInfo.blocked, out)
	}
	before, after := out[:reg.start], out[reg.end:]
	if inReg := analyzeBody("", in, 0).region; inReg != nil {
		if !bytes.Equal(before, in[:inReg.start]) || !bytes.Equal(after, in[inReg.end:]) {
			t.Fatalf("replacing the region changed text around it:\n in %q\nout %q", in, out)
		}
		return
	}
	if len(after) != 0 || !bytes.HasPrefix(before, in) {
		t.Fatalf("appending changed the body:\n in %q\nout %q", in, out)
	}
	sep := before[len(in):]
	if want := separatorBreaks(in); len(bytes.Trim(sep, "\r\n")) > 0 || bytes.Count(sep, []byte("\n")) != want {
		t.Fatalf("separator %q is not %d line breaks (one blank line):\n in %q\nout %q", sep, want, in, out)
	}
}

// separatorBreaks is how many line breaks must follow body so that exactly
// one blank line precedes the section, adding none when one is there.
func separatorBreaks(body []byte) int {
	switch {
	case len(body) == 0:
		return 1 // after the closing "---" line
	case !bytes.HasSuffix(body, []byte("\n")):
		last := body[bytes.LastIndexByte(body, '\n')+1:]
		if len(bytes.TrimSpace(last)) == 0 {
			return 1
		}
		return 2
	}
	prev := body[:len(body)-1]
	if last := prev[bytes.LastIndexByte(prev, '\n')+1:]; len(bytes.TrimSpace(last)) == 0 {
		return 0 // already ends with a blank line
	}
	return 1
}

func commonPrefix(a, b []byte) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func reverse(b []byte) []byte {
	r := slices.Clone(b)
	slices.Reverse(r)
	return r
}
