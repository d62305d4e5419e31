package handlers

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/tidwall/gjson"

	"github.com/pipewright/pipewright/app/delivery"
)

func TestSessionKey(t *testing.T) {
	fixture, err := os.ReadFile("../app/delivery/payloads/issue_comment.created.json")
	if err != nil {
		t.Fatal(err)
	}
	pr, err := delivery.Comment{Owner: "Acme", Repo: "Shop", Number: 12, PullRequest: true, Body: "/start", Author: "dana"}.Payload()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, event string
		payload     []byte
		want        string
	}{
		{"captured issue comment", "issue_comment", fixture, "github:codertocat/hello-world#1"},
		{"pull request comment, owner lower-cased", "issue_comment", pr, "github:acme/shop#12"},
		{"other event", "pull_request", fixture, ""},
		{"GitHub Enterprise Server URL", "issue_comment", []byte(`{"issue":{"repository_url":"https://ghe.example/api/v3/repos/Ops/Deploy","number":7}}`), "github:ops/deploy#7"},
		{"no repository_url: full_name", "issue_comment", []byte(`{"issue":{"number":3},"repository":{"full_name":"A/B"}}`), "github:a/b#3"},
		{"unusable repository_url: full_name", "issue_comment", []byte(`{"issue":{"repository_url":"https://api.github.com/repos/a","number":3},"repository":{"full_name":"a/c"}}`), "github:a/c#3"},
		{"repository_url with a query: full_name", "issue_comment", []byte(`{"issue":{"repository_url":"https://x/repos/a/b?x=1","number":3},"repository":{"full_name":"a/b"}}`), "github:a/b#3"},
		{"neither name", "issue_comment", []byte(`{"issue":{"number":3}}`), ""},
		{"malformed", "issue_comment", []byte(`{"repository":`), ""},
		{"no issue number", "issue_comment", []byte(`{"repository":{"full_name":"a/b"}}`), ""},
		{"empty", "issue_comment", nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := SessionKey(tt.event, tt.payload); got != tt.want {
				t.Errorf("SessionKey = %q, want %q", got, tt.want)
			}
		})
	}
}

// The key reads the repository's name from issue.repository_url; every
// captured issue_comment delivery must give the name repository.full_name
// gives, or one issue's commands could land in two sessions.
func TestSessionKeyNameMatchesFullName(t *testing.T) {
	paths, err := filepath.Glob("../../shared/fixtures/webhooks/issue_comment.*.json")
	if err != nil {
		t.Fatal(err)
	}
	local, _ := filepath.Glob("../app/delivery/payloads/issue_comment*.json")
	paths = append(paths, local...)
	if len(local) == 0 {
		t.Fatal("no issue_comment payloads under app/delivery/payloads")
	}
	for _, p := range paths {
		t.Run(filepath.Base(p), func(t *testing.T) {
			payload, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			r := gjson.GetManyBytes(payload, "repository.full_name", "issue.number")
			want := "github:" + strings.ToLower(r[0].String()) + "#" + r[1].Raw
			if got := SessionKey("issue_comment", payload); got != want {
				t.Errorf("SessionKey = %q, want %q (from repository.full_name)", got, want)
			}
		})
	}
}

func FuzzSessionKey(f *testing.F) {
	f.Add([]byte(`{"repository":{"full_name":"a/b"},"issue":{"number":3}}`))
	f.Add([]byte(`{"issue":{"number":-1}}`))
	f.Fuzz(func(t *testing.T, payload []byte) {
		k := SessionKey("issue_comment", payload)
		if k != "" && len(k) < len("github:#1") {
			t.Fatalf("implausible key %q", k)
		}
	})
}

func BenchmarkSessionKey(b *testing.B) {
	fixture, err := os.ReadFile("../app/delivery/payloads/issue_comment.created.json")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		SessionKey("issue_comment", fixture)
	}
}
