package localrun

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// TestSaveAcrossLanguages: the section is found by its markers, never by
// its heading, so saving stays idempotent in every language. A section
// saved in French is recognised as saved (saving it again changes no
// byte); switching document_output_language between runs replaces it
// (never a second section); and switching back gives the first bytes again.
func TestSaveAcrossLanguages(t *testing.T) {
	requireLanguages(t, "fr")
	fr := strategy.Settings{Comm: "fr", Doc: "fr"}
	en := strategy.Settings{Comm: "en", Doc: "en"}
	e := newEnv(t, fixture(t))
	e.runIn(fr, nil, day1, append(completeLines(), "/menu C")...)
	frenchOnce := e.read()

	out := e.runIn(fr, nil, day1.Add(time.Hour), "/menu C")
	if !bytes.Equal(e.read(), frenchOnce) {
		t.Fatalf("saving the French section again changed the document")
	}
	if want := i18n.MustLoad("fr").T("save.unchanged", "path", "`pipeline.md`"); !strings.Contains(out, want) {
		t.Errorf("the second French save did not say the section was already there (%q):\n%s", want, out)
	}

	e.runIn(en, nil, day1.Add(2*time.Hour), "/menu C")
	english := e.read()
	_, region, _ := splitSaved(t, english) // fails unless exactly one section
	if !strings.Contains(region, "\n## Deployment Strategy\n") || strings.Contains(region, i18n.MustLoad("fr").T("section.title")) {
		t.Errorf("the English save did not replace the French section:\n%s", region)
	}

	e.runIn(fr, nil, day1.Add(3*time.Hour), "/menu C")
	if again := e.read(); !bytes.Equal(again, frenchOnce) {
		t.Errorf("back in French, the document differs from the first French save")
	}
	e.onlyDoc()
}
