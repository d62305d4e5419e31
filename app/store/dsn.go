package store

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// Dialect names returned by Store.Dialect.
const (
	DialectSQLite   = "sqlite"
	DialectPostgres = "postgres"
)

// sqlitePragmas are applied on every new connection through the DSN, so they
// survive reconnects.
//   - WAL lets readers in other processes (backups, sqlite3 CLI) run beside us.
//   - synchronous(FULL) fsyncs the WAL on every commit: a webhook is only
//     acknowledged once its row is on disk, and group commit amortises the cost.
//     NORMAL would be faster but may lose the last commits on power loss.
//   - busy_timeout makes a writer wait for a lock held elsewhere instead of
//     failing at once with SQLITE_BUSY.
//   - foreign_keys is off by default in SQLite.
var sqlitePragmas = []string{
	"busy_timeout(10000)",
	"journal_mode(WAL)",
	"synchronous(FULL)",
	"foreign_keys(1)",
}

// parsedDSN is what Open needs to know about a data source name.
type parsedDSN struct {
	dialect string
	conn    string // driver-specific connection string
	path    string // SQLite only: absolute file path, or "" for in-memory
}

// parseDSN recognises "postgres://…", "postgresql://…", "sqlite://PATH",
// "sqlite:PATH", "file:PATH?…" and a bare file path.
func parseDSN(dsn string) (parsedDSN, error) {
	switch {
	case dsn == "":
		return parsedDSN{}, fmt.Errorf("empty data source name")
	case strings.HasPrefix(dsn, "postgres://"), strings.HasPrefix(dsn, "postgresql://"):
		return parsedDSN{dialect: DialectPostgres, conn: dsn}, nil
	}
	rest := dsn
	query := ""
	switch {
	case strings.HasPrefix(rest, "sqlite://"):
		rest = strings.TrimPrefix(rest, "sqlite://")
	case strings.HasPrefix(rest, "sqlite:"):
		rest = strings.TrimPrefix(rest, "sqlite:")
	case strings.HasPrefix(rest, "file:"):
		rest = strings.TrimPrefix(rest, "file:")
	}
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest, query = rest[:i], rest[i+1:]
	}
	if rest == "" {
		return parsedDSN{}, fmt.Errorf("sqlite data source %q has no file path", dsn)
	}
	values, err := url.ParseQuery(query)
	if err != nil {
		return parsedDSN{}, fmt.Errorf("parse sqlite options in %q: %w", dsn, err)
	}
	// Our pragmas go first; a caller's own _pragma values run after and win.
	values["_pragma"] = append(append([]string{}, sqlitePragmas...), values["_pragma"]...)
	if values.Get("_txlock") == "" {
		// Take the write lock at BEGIN so a transaction never fails half-way
		// when another process wrote first (SQLITE_BUSY_SNAPSHOT).
		values.Set("_txlock", "immediate")
	}
	p := parsedDSN{dialect: DialectSQLite}
	if rest == ":memory:" {
		p.conn = "file::memory:?" + values.Encode()
		return p, nil
	}
	abs, err := filepath.Abs(rest)
	if err != nil {
		return parsedDSN{}, fmt.Errorf("resolve sqlite path %q: %w", rest, err)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o750); err != nil {
		return parsedDSN{}, fmt.Errorf("create directory for sqlite file %s: %w", abs, err)
	}
	p.path = abs
	p.conn = "file:" + abs + "?" + values.Encode()
	return p, nil
}

// hasParam reports whether a URL-style DSN sets the query parameter name.
func hasParam(dsn, name string) bool {
	u, err := url.Parse(dsn)
	return err == nil && u.Query().Has(name)
}
