package deploy

import (
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/pipewright/pipewright/app/manifest"
)

// stage is one FROM section of the Dockerfile: its base and instructions.
type stage struct {
	from  string
	lines []string
}

func stages(t *testing.T) []stage {
	t.Helper()
	data, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	var out []stage
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if f := strings.Fields(line); strings.EqualFold(f[0], "FROM") {
			out = append(out, stage{from: f[1]})
			continue
		}
		if len(out) == 0 {
			t.Fatalf("instruction before FROM: %s", line)
		}
		out[len(out)-1].lines = append(out[len(out)-1].lines, line)
	}
	return out
}

// The image is built in a Go stage as a static, reproducible binary and
// runs alone on a minimal base as a non-root user.
func TestDockerfile(t *testing.T) {
	st := stages(t)
	if len(st) < 2 {
		t.Fatalf("%d stages, want a build stage and a run stage", len(st))
	}
	build, run := st[0], st[len(st)-1]
	joined := strings.Join(build.lines, "\n")
	for _, want := range []string{"CGO_ENABLED=0", "-trimpath", "go build", "./cmd/pipewright"} {
		if !strings.HasPrefix(build.from, "golang:") || !strings.Contains(joined, want) {
			t.Errorf("build stage (FROM %s) lacks %q", build.from, want)
		}
	}
	if !strings.HasPrefix(run.from, "gcr.io/distroless/static") && !strings.HasPrefix(run.from, "alpine") {
		t.Errorf("run stage FROM %s, want distroless static or alpine", run.from)
	}
	var copies, user []string
	for _, l := range run.lines {
		f := strings.Fields(l)
		switch strings.ToUpper(f[0]) {
		case "COPY", "ADD":
			copies = append(copies, l)
		case "USER":
			user = f[1:]
		case "RUN":
			t.Errorf("run stage runs %q: the final image should be the binary only", l)
		}
	}
	if len(copies) != 1 || !strings.Contains(copies[0], "--from=") || !strings.HasSuffix(copies[0], "/pipewright") {
		t.Errorf("run stage copies %q, want only the binary from the build stage", copies)
	}
	if len(user) != 1 || strings.HasPrefix(user[0], "0") || strings.HasPrefix(user[0], "root") {
		t.Errorf("run stage USER %v, want a non-root user", user)
	}
}

// app.yml asks for exactly the least the App needs, and for the comment
// events it works from.
func TestAppManifestLeastPermissions(t *testing.T) {
	var m struct {
		Permissions map[string]string `yaml:"default_permissions"`
		Events      []string          `yaml:"default_events"`
		Public      bool              `yaml:"public"`
		Hook        struct {
			URL    string `yaml:"url"`
			Active bool   `yaml:"active"`
		} `yaml:"hook_attributes"`
		Redirect string `yaml:"redirect_url"`
	}
	if err := yaml.Unmarshal(manifest.App, &m); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"contents": "write", "issues": "write", "pull_requests": "write", "metadata": "read", "deployments": "read"}
	if !maps.Equal(m.Permissions, want) {
		t.Errorf("default_permissions %v, want exactly %v", m.Permissions, want)
	}
	if !slices.Contains(m.Events, "issue_comment") {
		t.Errorf("default_events %v lack issue_comment", m.Events)
	}
	if m.Public {
		t.Error("the App is public: anyone could install it and send it webhooks")
	}
	if !m.Hook.Active || !strings.HasSuffix(m.Hook.URL, "/api/github/hook") || !strings.HasSuffix(m.Redirect, "/setup/callback") {
		t.Errorf("hook %+v, redirect %q: want an active hook at /api/github/hook and the setup callback", m.Hook, m.Redirect)
	}
}
