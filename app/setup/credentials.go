package setup

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/pipewright/pipewright/app/server"
)

// DefaultCredentialsFile is the file name used when
// PIPEWRIGHT_CREDENTIALS_FILE is not set.
const DefaultCredentialsFile = "pipewright-app.json"

// Credentials are what GitHub hands over for a new App. They are secrets:
// String shows only the id and slug, so a stray log line leaks nothing.
type Credentials struct {
	ID            int64  `json:"id"`
	Slug          string `json:"slug"`
	PEM           string `json:"pem"`
	WebhookSecret string `json:"webhook_secret"`
}

func (c Credentials) String() string { return fmt.Sprintf("GitHub App %d (%s)", c.ID, c.Slug) }

func (c Credentials) validate() error {
	if c.ID == 0 || c.Slug == "" || c.PEM == "" || c.WebhookSecret == "" {
		return errors.New("incomplete App credentials: need id, slug, pem and webhook_secret")
	}
	return nil
}

// Apply puts the App's identity into cfg; settings already given (by the
// environment) win.
func (c Credentials) Apply(cfg *server.Config) {
	if cfg.AppID == 0 {
		cfg.AppID = c.ID
	}
	if cfg.PrivateKey == "" && cfg.PrivateKeyPath == "" {
		cfg.PrivateKey = c.PEM
	}
	if cfg.WebhookSecret == "" {
		cfg.WebhookSecret = c.WebhookSecret
	}
	if cfg.AppSlug == "" {
		cfg.AppSlug = c.Slug
	}
}

// CredentialsPath is cfg.CredentialsFile, or pipewright-app.json beside a
// SQLite database (which lives on the persistent volume), or in the working
// directory on PostgreSQL.
func CredentialsPath(cfg server.Config) string {
	if cfg.CredentialsFile != "" {
		return cfg.CredentialsFile
	}
	dsn := cfg.DatabaseURL
	if dsn == "" {
		dsn = "pipewright.db"
	}
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return DefaultCredentialsFile
	}
	for _, p := range []string{"sqlite://", "sqlite:", "file:"} {
		dsn = strings.TrimPrefix(dsn, p)
	}
	dsn, _, _ = strings.Cut(dsn, "?")
	if dsn == "" || dsn == ":memory:" {
		return DefaultCredentialsFile
	}
	return filepath.Join(filepath.Dir(dsn), DefaultCredentialsFile)
}

// LoadCredentials reads the file; a missing file is os.ErrNotExist.
func LoadCredentials(path string) (Credentials, error) {
	var c Credentials
	data, err := os.ReadFile(path)
	if err != nil {
		return c, err
	}
	if err := json.Unmarshal(data, &c); err != nil {
		return c, fmt.Errorf("read App credentials %s: %w", path, err)
	}
	if err := c.validate(); err != nil {
		return c, fmt.Errorf("read App credentials %s: %w", path, err)
	}
	return c, nil
}

// SaveCredentials writes the file readable by its owner only (0600),
// atomically (a crash leaves no file or the whole one, never half), and
// never over an existing file: the App registered first stays the one
// Pipewright runs as (an fs.ErrExist error says so).
func SaveCredentials(path string, c Credentials) error {
	if err := c.validate(); err != nil {
		return err
	}
	data, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("save App credentials: %w", err)
	}
	f, err := os.CreateTemp(dir, ".pipewright-app-*.json") // created 0600
	if err != nil {
		return fmt.Errorf("save App credentials: %w", err)
	}
	defer os.Remove(f.Name()) // no-op after the rename
	if err := writeSynced(f, append(data, '\n')); err != nil {
		return fmt.Errorf("save App credentials to %s: %w", path, err)
	}
	// A hard link, unlike a rename, fails when the name is taken.
	err = os.Link(f.Name(), path)
	if err != nil && !errors.Is(err, fs.ErrExist) {
		// A volume without hard links (SMB, some FUSE): create the name
		// exclusively instead, giving up the all-or-nothing write.
		err = createExclusive(path, append(data, '\n'))
	}
	if errors.Is(err, fs.ErrExist) {
		return fmt.Errorf("save App credentials: %s already holds an App's credentials, which Pipewright keeps; remove it first to register another: %w", path, err)
	}
	if err != nil {
		return fmt.Errorf("save App credentials to %s: %w", path, err)
	}
	return nil
}

// createExclusive writes a new file at path, failing with fs.ErrExist if
// there is one.
func createExclusive(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if err := writeSynced(f, data); err != nil {
		os.Remove(path)
		return err
	}
	return nil
}

// writeSynced makes f owner-only, writes data, syncs and closes it.
func writeSynced(f *os.File, data []byte) error {
	err := f.Chmod(0o600)
	if err == nil {
		_, err = f.Write(data)
	}
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
