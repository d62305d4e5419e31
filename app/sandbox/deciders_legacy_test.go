package sandbox_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/project"
)

// A session started before deciders came from the default branch may hold
// a pull request head's list (here: none). Its next change reads the
// trusted list first.
func TestLegacySessionReadsTheTrustedDeciders(t *testing.T) {
	t.Parallel()
	e := start(t, sqliteDSN(t), nil)
	e.SeedRepo("acme", "shop", map[string][]byte{
		project.DefaultDocPath:   sandboxExample(),
		".github/pipewright.yml": []byte("deciders: [dana]\n"),
	}, map[string]string{"dana": "admin", "lee": "write"})
	th := e.PullRequest("acme", "shop", prSpec("lee", "lee-plan"))
	e.say(t, th, "dana", "/start")

	// Make the stored session look as an older release left it.
	key := "github:acme/shop#" + itoa(th.Number)
	st := e.Service.Store()
	data, version, err := st.LoadSession(e.ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	var rec map[string]any
	if err := json.Unmarshal(data, &rec); err != nil {
		t.Fatal(err)
	}
	if rec["deciders_from"] != "main" {
		t.Fatalf("the session did not record where its deciders came from: %v", rec["deciders_from"])
	}
	delete(rec, "deciders_from")
	delete(rec, "deciders")
	legacy, _ := json.Marshal(rec)
	if _, err := st.SaveSession(e.ctx, key, legacy, version); err != nil {
		t.Fatal(err)
	}

	e.say(t, th, "lee", "/decide canary")
	reply := lastReply(t, th)
	mustContain(t, "refusal", reply, "`.github/pipewright.yml` on `main`", "dana")
	if strings.Contains(reply, "Decision recorded") {
		t.Fatalf("lee decided in a legacy session:\n%s", reply)
	}
}
