package sandbox_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/project"
)

// TestSettingsFromTheRepository: _bmad/bmm/config.yaml sets the languages
// and the level, .github/pipewright.yml overrides one of them, an unknown
// language falls back to English with one notice at /start, a running
// session keeps what it read, and /start during it reads them again.
func TestSettingsFromTheRepository(t *testing.T) {
	t.Parallel()
	e := start(t, sqliteDSN(t), nil)
	repo := e.SeedRepo("acme", "shop", map[string][]byte{
		project.DefaultDocPath:   sandboxExample(),
		project.ConfigPath:       []byte("user_name: Dana\ncommunication_language: Klingon\nuser_skill_level: expert\n"),
		".github/pipewright.yml": []byte("user_skill_level: Beginner\n"),
	}, map[string]string{"dana": "admin"})
	th := e.PullRequest("acme", "shop", prSpec("dana", "plan"))

	e.say(t, th, "dana", "/start")
	mustContain(t, "reply to /start", lastReply(t, th), "`communication_language` is \"Klingon\"", "uses English instead",
		"Category 1 of 6", "The options in plain words", "The four DORA metrics, briefly")

	repo.PutFile("plan", ".github/pipewright.yml", []byte("user_skill_level: expert\n"))
	e.say(t, th, "dana", "/decide canary\n/menu C")
	r := lastReply(t, th)
	mustContain(t, "reply to /decide", r, "Decision recorded", "Category 2 of 6", "The options in plain words")
	if strings.Contains(r, "Klingon") {
		t.Errorf("the fallback notice was said again:\n%s", r)
	}

	// /start during the session re-reads them, says so, keeps the decision.
	e.say(t, th, "dana", "/start")
	r = lastReply(t, th)
	mustContain(t, "reply to a second /start", r, "Settings re-read from the repository", "already under way", "Category 2 of 6")
	if strings.Contains(r, "The options in plain words") {
		t.Errorf("the re-read expert level was not applied:\n%s", r)
	}
	e.say(t, th, "dana", "/status")
	mustContain(t, "/status after the re-read", lastReply(t, th), "Canary")
	e.say(t, th, "dana", "/start")
	if r := lastReply(t, th); strings.Contains(r, "Settings re-read") {
		t.Errorf("unchanged settings announced as changed:\n%s", r)
	}
}

// TestRepliesAndSectionInTwoLanguages: replies in communication_language,
// the saved section in document_output_language, when they differ; the
// commands stay as they are.
func TestRepliesAndSectionInTwoLanguages(t *testing.T) {
	t.Parallel()
	for _, l := range []string{"fr", "de"} {
		if !i18n.Complete(l) {
			t.Fatalf("%s: locales/%s lacks files of locales/en", l, l)
		}
	}
	fr, de := i18n.MustLoad("fr"), i18n.MustLoad("de")
	e := start(t, sqliteDSN(t), nil)
	repo := e.SeedRepo("acme", "shop", map[string][]byte{
		project.DefaultDocPath: sandboxExample(),
		project.ConfigPath:     []byte("communication_language: Français\ndocument_output_language: German\n"),
	}, map[string]string{"dana": "admin"})
	th := e.PullRequest("acme", "shop", prSpec("dana", "plan"))

	e.say(t, th, "dana", decideAll)
	mustContain(t, "the review", lastReply(t, th), fr.T("review.show"), "`/menu C`", "## "+de.T("section.title"))
	e.say(t, th, "dana", "/menu C")
	mustContain(t, "the save's reply", lastReply(t, th), fr.T("save.next", "path", "`"+project.DefaultDocPath+"`"), fr.T("save.how"))
	doc, _ := repo.File("plan", project.DefaultDocPath)
	mustContain(t, "saved document", string(doc), "\n## "+de.T("section.title")+"\n", "stepsCompleted: [1, 2, 3, 4]")
	if strings.Contains(string(doc), "## Deployment Strategy") {
		t.Errorf("the section was saved in English")
	}
}

// TestFirstHelpSpeaksTheTeamsLanguage: even before a session starts, the
// first reply on a thread reads the settings, and the thread keeps them:
// the next reply reads no file.
func TestFirstHelpSpeaksTheTeamsLanguage(t *testing.T) {
	t.Parallel()
	if !i18n.Complete("fr") {
		t.Fatal("fr: locales/fr lacks files of locales/en")
	}
	e := start(t, sqliteDSN(t), nil)
	e.SeedRepo("acme", "shop", map[string][]byte{
		project.DefaultDocPath: sandboxExample(),
		project.ConfigPath:     []byte("communication_language: fr_FR\n"),
	}, map[string]string{"dana": "admin", "rita": "read"})
	th := e.Issue("acme", "shop", 7, "Step 4")
	fr := i18n.MustLoad("fr")

	e.say(t, th, "rita", "/help")
	mustContain(t, "the first /help", lastReply(t, th), fr.T("help.heading"), "`/decide [category] <option\\|number> [-- rationale]`")
	e.GitHub.ResetRequests()
	e.say(t, th, "rita", "/status")
	mustContain(t, "/status", lastReply(t, th), fr.T("status.not-started"))
	if n := len(requests(e.GitHub.Requests(), "GET", "/contents/")); n != 0 {
		t.Errorf("%d file reads for a second reply, want 0:\n%s", n, describe(e.GitHub.Requests()))
	}
}

// TestRefusedSaveSpeaksTheTeamsLanguage: when GitHub refuses the save, the
// French team reads why in French, with GitHub's own message quoted.
func TestRefusedSaveSpeaksTheTeamsLanguage(t *testing.T) {
	t.Parallel()
	fr := i18n.MustLoad("fr")
	e := start(t, sqliteDSN(t), nil)
	repo := e.SeedRepo("acme", "shop", map[string][]byte{
		project.DefaultDocPath: sandboxExample(),
		project.ConfigPath:     []byte("communication_language: Français\n"),
	}, map[string]string{"dana": "admin"})
	th := e.PullRequest("acme", "shop", prSpec("dana", "plan"))
	e.say(t, th, "dana", decideAll)
	mustContain(t, "the review", lastReply(t, th), fr.T("review.show"))
	repo.ProtectBranch("plan", http.StatusUnprocessableEntity)
	e.say(t, th, "dana", "/menu C")
	reply := lastReply(t, th)
	mustContain(t, "the refused save's reply", reply,
		"Pipewright n'a pas pu committer sur `plan` : GitHub a refusé (Protected branch update failed", "enregistrez plutôt depuis une issue")
	for _, english := range []string{"could not", "GitHub refused", "save from an issue"} {
		if strings.Contains(reply, english) {
			t.Errorf("English %q in the French reply:\n%s", english, reply)
		}
	}
}
