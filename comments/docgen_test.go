package comments

import (
	"flag"
	"os"
	"testing"

	"github.com/pipewright/pipewright/app/i18n"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/commands.md from the registry")

// TestCommandsReference keeps docs/commands.md equal to what the registry
// and the catalogue generate.
func TestCommandsReference(t *testing.T) {
	const path = "../docs/commands.md"
	want := CommandsReference(i18n.MustLoad("en"))
	if *updateDocs || os.Getenv("UPDATE_DOCS") == "1" {
		if err := os.WriteFile(path, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v (run: go test ./comments -run TestCommandsReference -update-docs)", path, err)
	}
	if string(got) != want {
		t.Fatalf("%s is out of date: run go test ./comments -run TestCommandsReference -update-docs", path)
	}
}
