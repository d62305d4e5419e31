package server

import (
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func testKey(t *testing.T) string {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 1024)
	if err != nil {
		t.Fatal(err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)}))
}

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestLoadConfig(t *testing.T) {
	file := filepath.Join(t.TempDir(), "pipewright.yml")
	if err := os.WriteFile(file, []byte("app_id: 7\nwebhook_secret: from-file\nprivate_key: inline-from-file\napi_url: https://ghe.example.com/api/v3\ndrain_delay: 3s\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		env   map[string]string
		check func(t *testing.T, c Config)
	}{
		{"defaults", map[string]string{}, func(t *testing.T, c Config) {
			if c.Addr != ":8080" || c.APIURL != "https://api.github.com/" || c.WebURL != "https://github.com" {
				t.Errorf("defaults: %+v", c)
			}
		}},
		{"environment", map[string]string{"GITHUB_APP_ID": "42", "GITHUB_WEBHOOK_SECRET": "s", "GITHUB_API_URL": "https://ghe.example.com/api/v3", "PIPEWRIGHT_DRAIN_DELAY": "5s"}, func(t *testing.T, c Config) {
			if c.AppID != 42 || c.WebhookSecret != "s" || c.APIURL != "https://ghe.example.com/api/v3/" || c.DrainDelay != 5*time.Second {
				t.Errorf("from the environment: %+v", c)
			}
		}},
		{"file, then the environment wins", map[string]string{"PIPEWRIGHT_CONFIG": file, "GITHUB_WEBHOOK_SECRET": "from-env"}, func(t *testing.T, c Config) {
			if c.AppID != 7 || c.WebhookSecret != "from-env" || c.PrivateKey != "inline-from-file" || c.DrainDelay != 3*time.Second {
				t.Errorf("file and environment: %+v", c)
			}
		}},
		{"a key path in the environment wins over the file's key", map[string]string{"PIPEWRIGHT_CONFIG": file, "GITHUB_PRIVATE_KEY_PATH": "/run/secrets/app.pem"}, func(t *testing.T, c Config) {
			if c.PrivateKeyPath != "/run/secrets/app.pem" || c.PrivateKey != "" {
				t.Errorf("key: %q, path %q: the environment's path must win", c.PrivateKey, c.PrivateKeyPath)
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := LoadConfig(envOf(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, c)
		})
	}
	for _, bad := range []map[string]string{
		{"GITHUB_APP_ID": "twelve"},
		{"PIPEWRIGHT_DRAIN_DELAY": "soon"},
		{"PIPEWRIGHT_CONFIG": filepath.Join(t.TempDir(), "missing.yml")},
	} {
		if _, err := LoadConfig(envOf(bad)); err == nil {
			t.Errorf("LoadConfig(%v) accepted it", bad)
		}
	}
}

func TestValidate(t *testing.T) {
	ok := Config{AppID: 1, WebhookSecret: "s", PrivateKey: "k", APIURL: "https://api.github.com/"}
	if err := ok.Validate(); err != nil {
		t.Fatal(err)
	}
	missing := Config{APIURL: "https://api.github.com/"}
	err := missing.Validate()
	for _, want := range []string{EnvSecret, EnvAppID, EnvKey} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("missing everything: %v lacks %s", err, want)
		}
	}
	for _, u := range []string{"api.github.com", "ftp://ghe.example.com/api/v3/", "https://"} {
		c := ok
		c.APIURL = u
		if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "GITHUB_API_URL") {
			t.Errorf("API URL %q: %v", u, err)
		}
	}
}

func TestGitHubApp(t *testing.T) {
	key := testKey(t)
	path := filepath.Join(t.TempDir(), "app.pem")
	if err := os.WriteFile(path, []byte(key), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		c    Config
		ok   bool
	}{
		{"inline", Config{PrivateKey: key}, true},
		{"from a file", Config{PrivateKeyPath: path}, true},
		{"newlines escaped as \\n, as some secret stores keep them", Config{PrivateKey: strings.ReplaceAll(strings.TrimSpace(key), "\n", `\n`)}, true},
		{"not a key", Config{PrivateKey: "hunter2"}, false},
		{"missing file", Config{PrivateKeyPath: path + ".missing"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.c.APIURL, tt.c.AppID = "https://ghe.example.com/api/v3/", 9
			g, err := tt.c.GitHubApp()
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok %v", err, tt.ok)
			}
			if !tt.ok {
				return
			}
			if !strings.HasPrefix(g.App.PrivateKey, "-----BEGIN") || !strings.Contains(g.App.PrivateKey, "\n") {
				t.Errorf("key handed on as %q", g.App.PrivateKey[:20])
			}
			if g.V4APIURL != "https://ghe.example.com/api/graphql" || g.App.IntegrationID != 9 {
				t.Errorf("config %+v", g)
			}
		})
	}
}
