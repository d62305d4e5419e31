package comments

import (
	"slices"
	"strings"
	"testing"
)

// allVerbs lists every Verb constant; a new verb must be added here and to
// the registry, and this test says so.
var allVerbs = []Verb{VerbStart, VerbDecide, VerbTarget, VerbSkip, VerbStatus, VerbHelp,
	VerbMenu, VerbAccept, VerbReject, VerbCancel, VerbElicit, VerbTake, VerbBaseline}

func TestRegistryCoversEveryVerbOnce(t *testing.T) {
	reg := Registry()
	if len(reg) != len(allVerbs) {
		t.Fatalf("Registry has %d commands, want %d", len(reg), len(allVerbs))
	}
	seen := map[Verb]bool{}
	for _, s := range reg {
		if seen[s.Verb] {
			t.Errorf("%s registered twice", s.Verb)
		}
		seen[s.Verb] = true
	}
	for _, v := range allVerbs {
		if !seen[v] {
			t.Errorf("%s is not registered", v)
		}
		if !v.IsKnown() {
			t.Errorf("%s.IsKnown() = false", v)
		}
	}
}

func TestRegistrySpecsAreComplete(t *testing.T) {
	for _, s := range Registry() {
		if !strings.HasPrefix(s.Usage+" ", "/"+string(s.Verb)+" ") {
			t.Errorf("%s: Usage %q does not start with /%s", s.Verb, s.Usage, s.Verb)
		}
		if s.DescriptionKey != "cmd."+string(s.Verb)+".description" {
			t.Errorf("%s: DescriptionKey %q", s.Verb, s.DescriptionKey)
		}
		if d := s.Description; d == "" || !strings.HasSuffix(d, ".") || strings.Count(d, ". ") > 0 {
			t.Errorf("%s: Description %q is not one sentence", s.Verb, d)
		}
		if len(s.Examples) == 0 {
			t.Errorf("%s: no examples", s.Verb)
		}
		for _, ex := range s.Examples {
			got := Parse(ex)
			if len(got) != 1 || got[0].Verb != s.Verb || !got[0].Known {
				t.Errorf("%s: example %q parses to %+v", s.Verb, ex, got)
			}
		}
	}
}

func TestRegistryNeedsWrite(t *testing.T) {
	readOnly := []Verb{VerbStatus, VerbHelp}
	for _, s := range Registry() {
		if want := !slices.Contains(readOnly, s.Verb); s.NeedsWrite != want {
			t.Errorf("%s: NeedsWrite = %v, want %v", s.Verb, s.NeedsWrite, want)
		}
	}
}

func TestRegistryOrder(t *testing.T) {
	var got []Verb
	for _, s := range Registry() {
		got = append(got, s.Verb)
	}
	want := []Verb{VerbStart, VerbDecide, VerbTarget, VerbBaseline, VerbSkip, VerbTake, VerbMenu, VerbElicit,
		VerbAccept, VerbReject, VerbCancel, VerbStatus, VerbHelp}
	if !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}

func TestLookup(t *testing.T) {
	for _, in := range []Verb{"decide", "DECIDE", "/Decide", " decide "} {
		if s, ok := Lookup(in); !ok || s.Verb != VerbDecide {
			t.Errorf("Lookup(%q) = %v, %v", in, s.Verb, ok)
		}
	}
	for _, in := range []Verb{"", "/", "deploy", "decid"} {
		if s, ok := Lookup(in); ok || s.Verb != "" {
			t.Errorf("Lookup(%q) = %+v, %v; want nothing", in, s, ok)
		}
	}
}

// Callers get copies: changing them must not change the registry.
func TestRegistryReturnsCopies(t *testing.T) {
	reg := Registry()
	reg[0].Usage = "changed"
	reg[1].Examples[0] = "changed"
	s, _ := Lookup(VerbDecide)
	s.Examples[0] = "changed"
	again := Registry()
	if again[0].Usage == "changed" || again[1].Examples[0] == "changed" {
		t.Fatal("Registry returned the registry itself")
	}
	if s2, _ := Lookup(VerbDecide); s2.Examples[0] == "changed" {
		t.Fatal("Lookup returned the registry's slice")
	}
}

func TestSpecDescribe(t *testing.T) {
	s, _ := Lookup(VerbHelp)
	fr := map[string]string{"cmd.help.description": "Liste les commandes.", "cmd.skip.description": " "}
	lookup := func(k string) (string, bool) { v, ok := fr[k]; return v, ok }
	if got := s.Describe(lookup); got != "Liste les commandes." {
		t.Errorf("Describe = %q, want the catalogue's text", got)
	}
	skip, _ := Lookup(VerbSkip)
	if got := skip.Describe(lookup); got != skip.Description {
		t.Errorf("Describe with a blank message = %q, want the English default", got)
	}
	if got := s.Describe(nil); got != s.Description {
		t.Errorf("Describe(nil) = %q, want the English default", got)
	}
}
