package pipelinedoc

import (
	"bytes"
	"strings"
	"testing"
)

// recorder is a testing.TB whose Fatalf records instead of failing, so the
// byte-preservation checker itself can be tested.
type recorder struct {
	testing.TB
	failed bool
}

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(string, ...any) {
	r.failed = true
	panic(r) // stop the checker like t.Fatalf would
}

func (r *recorder) run(check func(testing.TB)) {
	defer func() {
		if p := recover(); p != nil && p != r {
			panic(p)
		}
	}()
	check(r)
}

// TestCheckSavedCatchesDamage: a checker that accepts everything would make
// every save test and fuzzer meaningless, so feed it damaged outputs.
func TestCheckSavedCatchesDamage(t *testing.T) {
	in := []byte(saveCases[0].in)
	good, err := Save("pipeline.md", in, testSection)
	if err != nil {
		t.Fatal(err)
	}
	damage := map[string]func(string) string{
		"no damage":             func(s string) string { return s },
		"other key changed":     func(s string) string { return strings.Replace(s, "Acme", "Acne", 1) },
		"step added elsewhere":  func(s string) string { return strings.Replace(s, "inputDocuments: []", "inputDocuments: [4]", 1) },
		"steps not extended":    func(s string) string { return strings.Replace(s, "[1, 2, 3, 4]", "[1, 2, 3]", 1) },
		"body byte changed":     func(s string) string { return strings.Replace(s, "GitOps", "GitOPS", 1) },
		"body line ending":      func(s string) string { return strings.Replace(s, "GitOps\n", "GitOps\r\n", 1) },
		"two blank lines":       func(s string) string { return strings.Replace(s, "\n\n<!--", "\n\n\n<!--", 1) },
		"no blank line":         func(s string) string { return strings.Replace(s, "\n\n<!--", "\n<!--", 1) },
		"section text changed":  func(s string) string { return strings.Replace(s, "Canary", "Linear", 1) },
		"text after the region": func(s string) string { return s + "x\n" },
		"region missing":        func(s string) string { return s[:strings.Index(s, "\n<!--")+1] },
	}
	for name, f := range damage {
		r := &recorder{TB: t}
		out := []byte(f(string(good)))
		r.run(func(tb testing.TB) { checkSaved(tb, in, out, testSection) })
		if want := name != "no damage"; r.failed != want {
			t.Errorf("%s: checker failed = %v, want %v", name, r.failed, want)
		}
	}
	// A replaced region must keep the text around it.
	second, err := Save("pipeline.md", append(bytes.Clone(good), "tail\n"...), testSection)
	if err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	r.run(func(tb testing.TB) {
		checkSaved(tb, append(bytes.Clone(good), "tail\n"...), bytes.Replace(second, []byte("tail"), []byte("tall"), 1), testSection)
	})
	if !r.failed {
		t.Error("checker accepted a change after a replaced region")
	}
}
