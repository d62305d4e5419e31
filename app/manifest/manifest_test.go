package manifest

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "copy the root app.yml into this package")

// TestCopyMatchesRootManifest keeps the embedded copy equal to app.yml.
func TestCopyMatchesRootManifest(t *testing.T) {
	root, err := os.ReadFile("../../app.yml")
	if err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile("app.yml", root, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	if !bytes.Equal(root, App) {
		t.Fatal("app/manifest/app.yml differs from the root app.yml: run go test ./app/manifest -update")
	}
}
