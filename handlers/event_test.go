package handlers

import (
	"os"
	"testing"

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
