package comments

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// quietSets decide every category and target and answer nothing optional:
// no rationale, no sub-decision.
var quietSets = map[string][]string{
	"recreate-required-active-active": {"/start", "/decide recreate", "/decide none", "/decide in-deploy", "/decide manual", "/decide required", "/decide active-active"},
	"canary-required-active-passive":  {"/start", "/decide canary", "/decide unleash", "/decide expand-contract", "/decide automated", "/decide required", "/decide active-passive"},
	"blue-green-best-effort-single":   {"/start", "/decide blue-green", "/decide launchdarkly", "/decide pre-deploy", "/decide hybrid", "/decide best-effort", "/skip"},
}

const quietTargets = "/target frequency elite\n/target lead-time high\n/target failure-rate medium\n/target mttr elite"

// subFields finds each applicable sub-decision's saved value in a section:
// "**Label:** value" for rollback, "- Label: value" for the others.
func subFields(t *testing.T, c *i18n.Catalog, s *strategy.Session, section string) map[string]string {
	t.Helper()
	labels := map[string]string{"triggers": "section.triggers", "mechanism": "section.mechanism", "data": "section.data-handling", "testing": "section.testing"}
	out := map[string]string{}
	for _, cat := range strategy.Categories {
		for _, st := range s.SubStates(cat.ID) {
			prefix := "- " + pair(c, c.Category(string(cat.ID)).Subs[st.Sub].Label, "")
			if cat.ID == strategy.CatRollback {
				prefix = field(c, c.T(labels[st.Sub]), "")
			}
			var found []string
			for _, line := range strings.Split(section, "\n") {
				if v, ok := strings.CutPrefix(line, prefix); ok {
					found = append(found, strings.TrimSpace(v))
				}
			}
			if len(found) != 1 {
				t.Fatalf("%s.%s: %d lines start with %q", cat.ID, st.Sub, len(found), prefix)
			}
			out[string(cat.ID)+"."+st.Sub] = found[0]
		}
	}
	return out
}

// allSuggestions is every suggestion text of the catalogue.
func allSuggestions(c *i18n.Catalog) []string {
	var out []string
	for _, ct := range c.Categories {
		for _, ot := range ct.Options {
			for _, v := range ot.Suggestions {
				out = append(out, v)
			}
		}
	}
	return out
}

// TestSavedSectionHoldsOnlyTheTeamsWords: where nothing optional was
// answered, every sub-decision is saved as plainly undecided, the rationale
// as not stated, and no suggestion appears anywhere; after /take, exactly
// the taken suggestions appear, each where it was taken. In every language.
func TestSavedSectionHoldsOnlyTheTeamsWords(t *testing.T) {
	for _, lang := range i18n.Languages() {
		c, err := i18n.Load(lang)
		if err != nil {
			t.Fatal(err)
		}
		r := Render{Lang: c, Doc: c}
		undecided := "_" + c.T("section.undecided") + "_"
		for name, bodies := range quietSets {
			t.Run(lang+"/"+name, func(t *testing.T) {
				s := session(t, envOf(t, docFull), append(bodies, quietTargets)...)
				if !s.Complete() {
					t.Fatalf("incomplete: %v %v", s.MissingCategories(), s.MissingTargets())
				}
				section := r.Section(&s)
				for key, v := range subFields(t, c, &s, section) {
					if v != undecided {
						t.Errorf("%s saved as %q, want %q: the team neither wrote nor took it", key, v, undecided)
					}
				}
				if n := strings.Count(section, field(c, c.T("section.rationale"), "_"+c.T("section.no-rationale")+"_")); n != 1 {
					t.Errorf("the pattern's rationale is not saved as not stated (%d times)", n)
				}
				for _, v := range allSuggestions(c) {
					if strings.Contains(section, v) {
						t.Errorf("section holds a suggestion nobody took: %q", v)
					}
				}

				taken := session(t, envOf(t, docFull), append(bodies, quietTargets, "/take")...)
				section = r.Section(&taken)
				for key, v := range subFields(t, c, &taken, section) {
					cat, sub, _ := strings.Cut(key, ".")
					st := subState(&taken, strategy.CategoryID(cat), sub)
					switch {
					case st.Taken:
						if want := suggestionText(c, &taken, strategy.CategoryID(cat), sub, st.Source); want == "" || v != want {
							t.Errorf("%s saved as %q, want the taken suggestion %q", key, v, want)
						}
					case st.Open():
						if v != undecided {
							t.Errorf("%s (open, nothing fits) saved as %q, want %q", key, v, undecided)
						}
					default:
						t.Errorf("%s is answered though the team wrote nothing", key)
					}
				}
			})
		}
	}
}

func subState(s *strategy.Session, cat strategy.CategoryID, sub string) strategy.SubState {
	for _, st := range s.SubStates(cat) {
		if st.Sub == sub {
			return st
		}
	}
	panic(fmt.Sprintf("no sub-decision %s.%s", cat, sub))
}
