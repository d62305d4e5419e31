package store

import (
	"path/filepath"
	"strings"
	"testing"
)

func TestParseDSN(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "a", "p.db")
	for _, tc := range []struct {
		in, dialect, path string
		wantErr           bool
	}{
		{in: "postgres://u@h/db", dialect: DialectPostgres},
		{in: "postgresql://u@h/db", dialect: DialectPostgres},
		{in: file, dialect: DialectSQLite, path: file},
		{in: "sqlite://" + file, dialect: DialectSQLite, path: file},
		{in: "sqlite:" + file, dialect: DialectSQLite, path: file},
		{in: "file:" + file + "?_pragma=cache_size(-2000)", dialect: DialectSQLite, path: file},
		{in: "sqlite://:memory:", dialect: DialectSQLite},
		{in: "", wantErr: true},
		{in: "sqlite://", wantErr: true},
	} {
		p, err := parseDSN(tc.in)
		if (err != nil) != tc.wantErr {
			t.Errorf("parseDSN(%q) error = %v, wantErr %v", tc.in, err, tc.wantErr)
			continue
		}
		if tc.wantErr {
			continue
		}
		if p.dialect != tc.dialect || p.path != tc.path {
			t.Errorf("parseDSN(%q) = %s %q, want %s %q", tc.in, p.dialect, p.path, tc.dialect, tc.path)
		}
		if p.dialect == DialectSQLite && !strings.Contains(p.conn, "synchronous%28FULL%29") {
			t.Errorf("parseDSN(%q) conn %q lacks synchronous(FULL)", tc.in, p.conn)
		}
	}
	if p, _ := parseDSN("file:" + file + "?_pragma=cache_size(-2000)"); !strings.Contains(p.conn, "cache_size") {
		t.Errorf("caller pragma dropped: %s", p.conn)
	}
}
