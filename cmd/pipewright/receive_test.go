package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/sandbox"
)

// receiveEnv is a stand-in GitHub with the App installed on acme/shop, and
// the environment `pipewright receive` reads its configuration from.
func receiveEnv(t *testing.T) (*ghfake.Server, func(string) string) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	gh := ghfake.New(ghfake.WithAppPublicKey(&key.PublicKey))
	base, stop := gh.Start()
	t.Cleanup(stop)
	gh.AddInstallation(77, "acme")
	gh.AddRepo("acme", "shop", "main").PutFile("main", project.DefaultDocPath, sandbox.ExamplePipeline())
	gh.SetPermission("acme", "shop", "dana", "admin")
	gh.AddIssue("acme", "shop", 3, "Step 4")
	env := map[string]string{
		"GITHUB_APP_ID":       strconv.FormatInt(gh.App().ID, 10),
		"GITHUB_PRIVATE_KEY":  string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})),
		"GITHUB_API_URL":      base,
		"DATABASE_URL":        filepath.Join(t.TempDir(), "pipewright.db"),
		"PIPEWRIGHT_APP_SLUG": gh.App().Slug,
		"LOG_LEVEL":           "warn",
	}
	return gh, func(k string) string { return env[k] }
}

var receiveComment int64 = 500

func payloadFile(t *testing.T, body string) string {
	t.Helper()
	receiveComment++
	p, err := delivery.Comment{Owner: "acme", Repo: "shop", Branch: "main", Number: 3, Title: "Step 4",
		CommentID: receiveComment, Body: body, Author: "dana", Installation: 77}.Payload()
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "payload.json")
	if err := os.WriteFile(path, p, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestReceive(t *testing.T) {
	gh, getenv := receiveEnv(t)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	receive := func(args ...string) (string, error) {
		var out, logs bytes.Buffer
		err := runReceive(ctx, args, getenv, &out, &logs)
		if err != nil {
			t.Logf("log:\n%s", logs.String())
		}
		return out.String(), err
	}

	start := payloadFile(t, "/start")
	out, err := receive("--event", "issue_comment", "--payload", start, "--delivery", "dbg-1")
	if err != nil {
		t.Fatal(err)
	}
	replies := gh.Comments("acme", "shop", 3)
	if len(replies) != 1 {
		t.Fatalf("%d replies on the issue, want 1", len(replies))
	}
	for _, want := range []string{"delivery dbg-1 (issue_comment) stored", "--- reply posted: ", "Category 1 of 6: Deployment Pattern"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "<!-- pipewright:reply") {
		t.Errorf("output shows the hidden marker:\n%s", out)
	}

	// The same delivery id again is a redelivery: nothing new happens.
	out, err = receive("--payload", start, "--delivery", "dbg-1")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "a redelivery is processed only once") || len(gh.Comments("acme", "shop", 3)) != 1 {
		t.Errorf("redelivery posted again or did not say so:\n%s", out)
	}

	// A comment without commands: processed, nothing posted.
	out, err = receive("--payload", payloadFile(t, "Thanks, all!"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, "no reply on acme/shop#3") {
		t.Errorf("output does not say nothing was posted:\n%s", out)
	}

	// The session carries on where receive left it.
	if _, err := receive("--payload", payloadFile(t, "/decide canary")); err != nil {
		t.Fatal(err)
	}
	if last := gh.Comments("acme", "shop", 3); len(last) != 2 || !strings.Contains(last[1].Body, "Category 2 of 6") {
		t.Errorf("second command's reply: %+v", last)
	}

	if _, err := receive("--event", "issue_comment"); err == nil || !strings.Contains(err.Error(), "--payload") {
		t.Errorf("no payload: err %v", err)
	}
}
