package setup

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// Where hard links are not supported, the file is still created only if
// there is none, owner-only.
func TestCreateExclusive(t *testing.T) {
	path := filepath.Join(t.TempDir(), "app.json")
	if err := createExclusive(path, []byte("first")); err != nil {
		t.Fatal(err)
	}
	if err := createExclusive(path, []byte("second")); !errors.Is(err, fs.ErrExist) {
		t.Errorf("second create: %v, want fs.ErrExist", err)
	}
	data, err := os.ReadFile(path)
	info, _ := os.Stat(path)
	if err != nil || string(data) != "first" || info.Mode().Perm() != 0o600 {
		t.Errorf("file %q (%v), mode %v; want the first, 0600", data, err, info.Mode())
	}
}
