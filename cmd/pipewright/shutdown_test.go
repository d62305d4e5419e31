package main

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/sandbox"
	"github.com/pipewright/pipewright/app/service"
)

// shutdownDrainDelay is PIPEWRIGHT_DRAIN_DELAY for the test: the window in
// which /readyz must be seen answering 503 while the process still serves.
const shutdownDrainDelay = 2 * time.Second

// On SIGTERM the real binary turns /readyz unready while it still answers,
// lets the reply it is writing finish, and exits 0 within the drain budget
// (Kubernetes' terminationGracePeriodSeconds is sized from the same numbers).
func TestSIGTERMDrainsThenExits(t *testing.T) {
	dir := t.TempDir()
	bin := buildServer(t, dir)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	api, env := shutdownGitHub(t, dir)
	inFlight, release := holdFirstReply(api)
	defer release()

	addr := freeAddr(t)
	base := "http://" + addr
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(env, "PIPEWRIGHT_ADDR="+addr, "DATABASE_URL="+filepath.Join(dir, "pipewright.db"),
		"PIPEWRIGHT_DRAIN_DELAY="+shutdownDrainDelay.String(), "HOME="+dir, "PATH="+os.Getenv("PATH"))
	logs, err := os.Create(filepath.Join(dir, "serve.log"))
	if err != nil {
		t.Fatal(err)
	}
	defer logs.Close()
	cmd.Stdout, cmd.Stderr = logs, logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			_ = cmd.Process.Kill()
			<-exited
		}
		if t.Failed() {
			data, _ := os.ReadFile(logs.Name())
			t.Logf("server log:\n%s", data)
		}
	}()

	shutdownPoll(t, ctx, exited, "/readyz ready", func() bool { return readyz(base) == http.StatusOK })
	body, err := delivery.Comment{Owner: "acme", Repo: "shop", Branch: "main", Number: 1, Title: "Deployment strategy",
		Body: "/status", Author: "dana", CommentID: 1, Installation: 4242}.Payload()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := delivery.Post(ctx, http.DefaultClient, base+"/api/github/hook", "issue_comment", "d-1", "shutdown-secret", body)
	if err != nil || resp.StatusCode/100 != 2 {
		t.Fatalf("delivery: %v %v", resp, err)
	}
	resp.Body.Close()
	select {
	case <-inFlight:
	case <-ctx.Done():
		t.Fatal("the reply never started")
	}

	signalled := time.Now()
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	shutdownPoll(t, ctx, exited, "/readyz 503 while still serving", func() bool { return readyz(base) == http.StatusServiceUnavailable })
	release()

	budget := shutdownDrainDelay + service.DrainTimeout + 10*time.Second
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(budget):
		t.Fatalf("still running %s after SIGTERM", budget)
	}
	t.Logf("exited %s after SIGTERM", time.Since(signalled).Round(time.Millisecond))
	if n := len(api.Comments("acme", "shop", 1)); n != 1 {
		t.Errorf("%d replies on acme/shop#1, want the one in flight at SIGTERM finished", n)
	}
}

// shutdownGitHub is the stand-in GitHub with acme/shop#1, and the
// environment that points the binary at it.
func shutdownGitHub(t *testing.T, dir string) (*ghfake.Server, []string) {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	keyPath := filepath.Join(dir, "app.pem")
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	if err := os.WriteFile(keyPath, keyPEM, 0o600); err != nil {
		t.Fatal(err)
	}
	api := ghfake.New(ghfake.WithAppPublicKey(&key.PublicKey))
	apiURL, closeAPI := api.Start()
	t.Cleanup(closeAPI)
	api.AddInstallation(4242, "acme")
	api.AddRepo("acme", "shop", "main").PutFile("main", "_bmad-output/planning-artifacts/pipeline.md", sandbox.ExamplePipeline())
	api.AddIssue("acme", "shop", 1, "Deployment strategy")
	api.SetPermission("acme", "shop", "dana", "admin")
	return api, []string{
		fmt.Sprintf("GITHUB_APP_ID=%d", api.App().ID), "GITHUB_PRIVATE_KEY_PATH=" + keyPath,
		"GITHUB_WEBHOOK_SECRET=shutdown-secret", "GITHUB_API_URL=" + apiURL, "PIPEWRIGHT_APP_SLUG=" + api.App().Slug,
	}
}

// holdFirstReply blocks the App's first comment write until release, so
// SIGTERM surely arrives while work is in flight.
func holdFirstReply(api *ghfake.Server) (inFlight <-chan struct{}, release func()) {
	started, gate := make(chan struct{}), make(chan struct{})
	var first, open sync.Once
	api.BeforeWrite(func(method, path string) {
		if method == http.MethodPost && strings.HasSuffix(path, "/comments") {
			first.Do(func() { close(started) })
			<-gate
		}
	})
	return started, func() { open.Do(func() { close(gate) }) }
}

func readyz(base string) int {
	resp, err := http.Get(base + "/readyz")
	if err != nil {
		return 0
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// shutdownPoll waits for cond, failing if the process exits or ctx ends.
func shutdownPoll(t *testing.T, ctx context.Context, exited chan error, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case err := <-exited:
			exited <- err
			t.Fatalf("waiting for %s: the process exited (%v)", what, err)
		case <-ctx.Done():
			t.Fatalf("waiting for %s: %v", what, ctx.Err())
		case <-tick.C:
		}
	}
}
