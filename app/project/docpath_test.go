package project

import (
	"errors"
	"strings"
	"testing"
)

func TestCheckDocPath(t *testing.T) {
	tests := []struct {
		path string
		want PathProblem // "" accepted
	}{
		{"pipeline.md", ""},
		{"_bmad-output/planning-artifacts/pipeline.md", ""},
		{"docs/Pipeline.MD", ""},
		{"docs/ci architecture.md", ""},
		{"docs/.hidden/pipeline.md", ""},
		{"githubish/.github-notes.md", ""},
		{"docs/@acme/pipeline.md", ""},

		{".github/workflows/deploy.yml", PathInGitHubDir},
		{".github/workflows/pipeline.md", PathInGitHubDir},
		{".GitHub/pipeline.md", PathInGitHubDir},
		{".github/pipewright.yml", PathInGitHubDir},
		{".github", PathInGitHubDir},

		{"docs/pipeline.yml", PathNotMarkdown},
		{"docs/pipeline", PathNotMarkdown},
		{"docs/.md", PathNotMarkdown},
		{"docs/pipeline.md.sh", PathNotMarkdown},
		{"Makefile", PathNotMarkdown},

		{"", PathOdd},
		{"/etc/pipeline.md", PathOdd},
		{"../pipeline.md", PathOdd},
		{"docs/../.github/workflows/x.md", PathOdd},
		{"./pipeline.md", PathOdd},
		{"docs//pipeline.md", PathOdd},
		{"docs/", PathOdd},
		{".git/hooks/pipeline.md", PathOdd},
		{`docs\pipeline.md`, PathOdd},
		{"C:/pipeline.md", PathOdd},
		{" pipeline.md", PathOdd},
		{"docs/pipe\nline.md", PathOdd},
		{"docs/pipe\x00line.md", PathOdd},
		{"docs/\u202Edm.enilepip", PathOdd},
		{"docs/pipe\u200Dline.md", PathOdd},
		{"docs/\xff.md", PathOdd},
		{strings.Repeat("a/", MaxDocPathBytes/2) + "p.md", PathOdd},
	}
	for _, tt := range tests {
		err := CheckDocPath(tt.path)
		var pe *PathError
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("CheckDocPath(%q) = %v, want accepted", tt.path, err)
		case tt.want != "" && !errors.As(err, &pe):
			t.Errorf("CheckDocPath(%q) = %v, want refused as %s", tt.path, err, tt.want)
		case tt.want != "" && pe.Problem != tt.want:
			t.Errorf("CheckDocPath(%q) refused as %s, want %s", tt.path, pe.Problem, tt.want)
		}
	}
}

func FuzzCheckDocPath(f *testing.F) {
	for _, s := range []string{"pipeline.md", ".github/workflows/x.yml", "../x.md", "a//b.md"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		if CheckDocPath(p) != nil {
			return
		}
		// Whatever is accepted is a relative .md outside .github/ and .git.
		lower := strings.ToLower(p)
		if !strings.HasSuffix(lower, ".md") || strings.HasPrefix(lower, ".github/") || strings.HasPrefix(p, "/") ||
			strings.Contains("/"+p+"/", "/../") || strings.Contains("/"+lower+"/", "/.git/") || strings.Contains(p, "//") {
			t.Fatalf("CheckDocPath accepted %q", p)
		}
	})
}
