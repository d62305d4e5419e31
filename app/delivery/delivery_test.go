package delivery

import (
	"encoding/json"
	"os"
	"testing"
)

// GitHub's published test vector for webhook signatures.
func TestSignMatchesGitHubVector(t *testing.T) {
	got := Sign("It's a Secret to Everybody", []byte("Hello, World!"))
	want := "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17"
	if got != want {
		t.Fatalf("Sign = %s, want %s", got, want)
	}
}

func TestSignMatchesFixtureSignature(t *testing.T) {
	body, err := os.ReadFile("payloads/issue_comment.created.json")
	if err != nil {
		t.Fatal(err)
	}
	want := "sha256=49a4d3bbc65a15879bc30b08705cc7b13b8e22ffd2096e6a7b8c41e9402f4773"
	if got := Sign("It's a Secret to Everybody", body); got != want {
		t.Fatalf("Sign(fixture) = %s, want %s (template is not the captured bytes?)", got, want)
	}
}

func TestPayloadChangesOnlyTheVaryingFields(t *testing.T) {
	c := Comment{Action: "edited", Owner: "acme", Repo: "shop", Branch: "main", Number: 7, Title: "Plan",
		PullRequest: true, CommentID: 99, Body: "/decide canary", PreviousBody: "hi", Author: "dana", Sender: "lee", Installation: 5}
	body, err := c.Payload()
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	var tmpl map[string]any
	if err := json.Unmarshal(commentTemplate, &tmpl); err != nil {
		t.Fatal(err)
	}
	issue := got["issue"].(map[string]any)
	if issue["number"].(float64) != 7 || issue["pull_request"] == nil {
		t.Errorf("issue = %v", issue)
	}
	if got["sender"].(map[string]any)["login"] != "lee" || got["comment"].(map[string]any)["user"].(map[string]any)["login"] != "dana" {
		t.Errorf("sender/author not set")
	}
	if got["changes"].(map[string]any)["body"].(map[string]any)["from"] != "hi" {
		t.Errorf("changes.body.from not set")
	}
	// Untouched fields keep GitHub's values.
	if got["comment"].(map[string]any)["created_at"] != tmpl["comment"].(map[string]any)["created_at"] {
		t.Errorf("created_at changed")
	}
	if _, ok := got["organization"]; !ok {
		t.Errorf("organization dropped")
	}
}
