// Package server wires Pipewright's HTTP side: configuration, the webhook
// route with signature checks and a durable scheduler, health and
// readiness.
package server

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/palantir/go-githubapp/githubapp"
	"gopkg.in/yaml.v3"
)

// Config is Pipewright's configuration: environment variables, optionally
// preceded by a YAML file ($PIPEWRIGHT_CONFIG) that sets the same keys.
type Config struct {
	Addr           string `yaml:"addr"`             // PIPEWRIGHT_ADDR, default :8080
	PublicURL      string `yaml:"public_url"`       // PIPEWRIGHT_PUBLIC_URL
	DatabaseURL    string `yaml:"database_url"`     // DATABASE_URL: SQLite path or postgres:// URL
	AppID          int64  `yaml:"app_id"`           // GITHUB_APP_ID
	PrivateKey     string `yaml:"private_key"`      // GITHUB_PRIVATE_KEY (PEM text)
	PrivateKeyPath string `yaml:"private_key_path"` // GITHUB_PRIVATE_KEY_PATH
	WebhookSecret  string `yaml:"webhook_secret"`   // GITHUB_WEBHOOK_SECRET
	APIURL         string `yaml:"api_url"`          // GITHUB_API_URL, default https://api.github.com/
	WebURL         string `yaml:"web_url"`          // GITHUB_WEB_URL, default https://github.com
	AppSlug        string `yaml:"app_slug"`         // PIPEWRIGHT_APP_SLUG: the bot is <slug>[bot]
	LogLevel       string `yaml:"log_level"`        // LOG_LEVEL
	LogFormat      string `yaml:"log_format"`       // LOG_FORMAT=console for people
	// CredentialsFile is where the setup page stores the App it registered
	// (PIPEWRIGHT_CREDENTIALS_FILE; default pipewright-app.json beside the
	// SQLite database, or in the working directory on PostgreSQL).
	CredentialsFile string `yaml:"credentials_file"`
	// DrainDelay keeps serving, unready, this long after SIGTERM before the
	// listener closes (PIPEWRIGHT_DRAIN_DELAY, e.g. 5s; default 0).
	DrainDelay time.Duration `yaml:"drain_delay"`
	// MetricsAddr, when set, serves /metrics on this address only, apart
	// from the public listener (PIPEWRIGHT_METRICS_ADDR, e.g. :9090).
	MetricsAddr string `yaml:"metrics_addr"`
	// Limits bound bodies, connections and slow clients (limits.go).
	Limits Limits `yaml:",inline"`
}

// env names, in one place for messages and docs.
const (
	EnvSecret  = "GITHUB_WEBHOOK_SECRET"
	EnvAppID   = "GITHUB_APP_ID"
	EnvKey     = "GITHUB_PRIVATE_KEY"
	EnvKeyPath = "GITHUB_PRIVATE_KEY_PATH"
)

// LoadConfig reads the YAML file named by PIPEWRIGHT_CONFIG (if any), then
// the environment, which wins.
func LoadConfig(getenv func(string) string) (Config, error) {
	var c Config
	if path := getenv("PIPEWRIGHT_CONFIG"); path != "" {
		data, err := os.ReadFile(path)
		if err != nil {
			return c, fmt.Errorf("read config %s: %w", path, err)
		}
		if err := yaml.Unmarshal(data, &c); err != nil {
			return c, fmt.Errorf("parse config %s: %w", path, err)
		}
	}
	set := func(dst *string, key string) {
		if v := getenv(key); v != "" {
			*dst = v
		}
	}
	set(&c.Addr, "PIPEWRIGHT_ADDR")
	set(&c.PublicURL, "PIPEWRIGHT_PUBLIC_URL")
	set(&c.DatabaseURL, "DATABASE_URL")
	// The environment's key wins over the file's in either form: a path
	// set here must not lose to an inline key from the file.
	if getenv(EnvKey) != "" || getenv(EnvKeyPath) != "" {
		c.PrivateKey, c.PrivateKeyPath = getenv(EnvKey), getenv(EnvKeyPath)
	}
	set(&c.WebhookSecret, EnvSecret)
	set(&c.APIURL, "GITHUB_API_URL")
	set(&c.WebURL, "GITHUB_WEB_URL")
	set(&c.AppSlug, "PIPEWRIGHT_APP_SLUG")
	set(&c.LogLevel, "LOG_LEVEL")
	set(&c.LogFormat, "LOG_FORMAT")
	set(&c.CredentialsFile, "PIPEWRIGHT_CREDENTIALS_FILE")
	set(&c.MetricsAddr, "PIPEWRIGHT_METRICS_ADDR")
	if err := loadLimits(&c.Limits, getenv); err != nil {
		return c, err
	}
	if v := getenv("PIPEWRIGHT_DRAIN_DELAY"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < 0 {
			return c, fmt.Errorf("PIPEWRIGHT_DRAIN_DELAY must be a duration such as 5s, got %q", v)
		}
		c.DrainDelay = d
	}
	if v := getenv(EnvAppID); v != "" {
		id, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return c, fmt.Errorf("%s must be a number, got %q", EnvAppID, v)
		}
		c.AppID = id
	}
	c.defaults()
	return c, nil
}

func (c *Config) defaults() {
	if c.Addr == "" {
		c.Addr = ":8080"
	}
	if c.APIURL == "" {
		c.APIURL = "https://api.github.com/"
	}
	if !strings.HasSuffix(c.APIURL, "/") {
		c.APIURL += "/"
	}
	if c.WebURL == "" {
		c.WebURL = "https://github.com"
	}
	c.Limits = c.Limits.WithDefaults()
}

// Validate refuses to run without what a safe App needs. Without a webhook
// secret go-githubapp and go-github skip the signature check, so anyone
// could post commands: never start like that.
func (c *Config) Validate() error {
	var missing []string
	if c.WebhookSecret == "" {
		missing = append(missing, EnvSecret)
	}
	if c.AppID == 0 {
		missing = append(missing, EnvAppID)
	}
	if c.PrivateKey == "" && c.PrivateKeyPath == "" {
		missing = append(missing, EnvKey+" or "+EnvKeyPath)
	}
	if len(missing) > 0 {
		return fmt.Errorf("missing configuration: %s", strings.Join(missing, ", "))
	}
	if u, err := url.Parse(c.APIURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return fmt.Errorf("GITHUB_API_URL %q: want an absolute http(s) URL such as https://api.github.com/ or https://ghe.example.com/api/v3/", c.APIURL)
	}
	return nil
}

// GitHubApp returns go-githubapp's configuration, with the private key read
// from its file when given by path. A GitHub Enterprise Server API URL
// (https://ghe.example.com/api/v3/) gets its GraphQL URL derived.
func (c *Config) GitHubApp() (githubapp.Config, error) {
	var g githubapp.Config
	g.V3APIURL = c.APIURL
	g.V4APIURL = graphQLURL(c.APIURL)
	g.WebURL = c.WebURL
	g.App.IntegrationID = c.AppID
	g.App.WebhookSecret = c.WebhookSecret
	g.App.PrivateKey = c.PrivateKey
	if g.App.PrivateKey == "" && c.PrivateKeyPath != "" {
		data, err := os.ReadFile(c.PrivateKeyPath)
		if err != nil {
			return g, fmt.Errorf("read %s: %w", EnvKeyPath, err)
		}
		g.App.PrivateKey = string(data)
	}
	if g.App.PrivateKey == "" {
		return g, errors.New("no GitHub App private key")
	}
	key, err := checkPrivateKey(g.App.PrivateKey)
	if err != nil {
		return g, err
	}
	g.App.PrivateKey = key
	return g, nil
}

// checkPrivateKey accepts the PEM key with its newlines escaped as "\n", as
// some secret stores keep multi-line values, and refuses at start-up what
// would otherwise fail only at the first delivery.
func checkPrivateKey(key string) (string, error) {
	if !strings.Contains(key, "\n") && strings.Contains(key, `\n`) {
		key = strings.ReplaceAll(key, `\n`, "\n")
	}
	block, _ := pem.Decode([]byte(strings.TrimSpace(key)))
	if block == nil {
		return "", errors.New("the GitHub App private key is not PEM: use the .pem file GitHub generated for the App")
	}
	if _, err := x509.ParsePKCS1PrivateKey(block.Bytes); err != nil {
		if _, err8 := x509.ParsePKCS8PrivateKey(block.Bytes); err8 != nil {
			return "", fmt.Errorf("the GitHub App private key cannot be read: %w", err)
		}
	}
	return key, nil
}

func graphQLURL(v3 string) string {
	if strings.HasSuffix(v3, "/api/v3/") {
		return strings.TrimSuffix(v3, "v3/") + "graphql"
	}
	return strings.TrimSuffix(v3, "/") + "/graphql"
}
