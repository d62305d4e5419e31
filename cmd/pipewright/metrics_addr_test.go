package main

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// get answers a GET's status and body; status 0 when nothing answers.
func get(url string) (int, string) {
	resp, err := http.Get(url)
	if err != nil {
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// With PIPEWRIGHT_METRICS_ADDR, /metrics is served there and not on the
// public listener, in setup mode and once the App is configured; without
// it, the public listener serves it as before.
func TestMetricsOnTheirOwnAddress(t *testing.T) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	pemKey := string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
	for _, c := range []struct {
		name      string
		app       bool
		ownListen bool
	}{
		{"service, own address", true, true},
		{"setup mode, own address", false, true},
		{"service, one address", true, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			addr, metricsAddr := freeAddr(t), ""
			for _, k := range []string{"PIPEWRIGHT_CONFIG", "GITHUB_APP_ID", "GITHUB_PRIVATE_KEY", "GITHUB_PRIVATE_KEY_PATH", "GITHUB_WEBHOOK_SECRET", "PIPEWRIGHT_CREDENTIALS_FILE"} {
				t.Setenv(k, "")
			}
			t.Setenv("PIPEWRIGHT_ADDR", addr)
			t.Setenv("DATABASE_URL", filepath.Join(dir, "pipewright.db"))
			t.Setenv("GITHUB_API_URL", "http://127.0.0.1:1/")
			t.Setenv("LOG_LEVEL", "warn")
			if c.ownListen {
				metricsAddr = freeAddr(t)
			}
			t.Setenv("PIPEWRIGHT_METRICS_ADDR", metricsAddr)
			if c.app {
				t.Setenv("GITHUB_APP_ID", "1")
				t.Setenv("GITHUB_PRIVATE_KEY", pemKey)
				t.Setenv("GITHUB_WEBHOOK_SECRET", "s")
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { done <- runServe(ctx, nil) }()
			defer func() {
				cancel()
				if err := <-done; err != nil {
					t.Errorf("serve: %v", err)
				}
			}()
			deadline := time.Now().Add(time.Minute)
			tick := time.NewTicker(10 * time.Millisecond)
			defer tick.Stop()
			for status, _ := get("http://" + addr + "/healthz"); status != http.StatusOK; status, _ = get("http://" + addr + "/healthz") {
				if time.Now().After(deadline) {
					t.Fatal("serve did not answer /healthz")
				}
				select {
				case err := <-done:
					t.Fatalf("serve ended: %v", err)
				case <-tick.C:
				}
			}
			status, body := get("http://" + addr + "/metrics")
			if !c.ownListen {
				if status != http.StatusOK || !strings.Contains(body, "go_goroutines") {
					t.Errorf("public /metrics: %d, want the metrics", status)
				}
				return
			}
			if status != http.StatusNotFound {
				t.Errorf("public listener /metrics: %d, want 404 (served on %s only)", status, metricsAddr)
			}
			if status, body := get("http://" + metricsAddr + "/metrics"); status != http.StatusOK || !strings.Contains(body, "go_goroutines") {
				t.Errorf("metrics listener /metrics: %d, want the metrics", status)
			}
			if status, _ := get("http://" + metricsAddr + "/api/github/hook"); status != http.StatusNotFound {
				t.Errorf("metrics listener serves the webhook route: %d, want 404", status)
			}
		})
	}
}
