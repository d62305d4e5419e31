package project

import (
	"path"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxDocPathBytes bounds a configured document path: GitHub's contents API
// has no use for longer ones, and the reply quotes the value.
const MaxDocPathBytes = 1024

// PathProblem is why a document path is refused.
type PathProblem string

const (
	PathNotMarkdown PathProblem = "not-markdown" // does not end in .md
	PathInGitHubDir PathProblem = "github-dir"   // under .github/ (workflows, CODEOWNERS, Pipewright's own settings)
	PathOdd         PathProblem = "odd"          // absolute, "." or ".." segments, empty segments, control or invisible characters, too long
)

// PathError says why a document path is refused.
type PathError struct {
	Path    string
	Problem PathProblem
}

func (e *PathError) Error() string {
	switch e.Problem {
	case PathNotMarkdown:
		return "document path " + e.Path + " does not name a Markdown file (.md)"
	case PathInGitHubDir:
		return "document path " + e.Path + " is inside .github/"
	}
	return "document path " + e.Path + " is not a plain relative path in the repository"
}

// CheckDocPath accepts a path Pipewright may read the document from and
// commit it to: a Markdown file (.md) named by a plain, slash-separated
// path relative to the repository root, outside .github/. Whoever writes
// the settings (on a pull request, its author, maybe a fork's) chooses the
// path; without this, a save could write .github/workflows/*.yml in the
// App's name. Nothing is cleaned or guessed: an odd path is refused.
func CheckDocPath(p string) error {
	refuse := func(problem PathProblem) error { return &PathError{Path: p, Problem: problem} }
	if p == "" || len(p) > MaxDocPathBytes || !utf8.ValidString(p) || strings.TrimSpace(p) != p {
		return refuse(PathOdd)
	}
	for _, r := range p {
		// Control characters, and format ones (bidi overrides, zero-width
		// joiners) that make a path read as another.
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) || r == '\\' {
			return refuse(PathOdd)
		}
	}
	if path.IsAbs(p) || (len(p) > 1 && p[1] == ':') {
		return refuse(PathOdd)
	}
	segments := strings.Split(p, "/")
	for _, s := range segments {
		if s == "" || s == "." || s == ".." || strings.EqualFold(s, ".git") {
			return refuse(PathOdd)
		}
	}
	if strings.EqualFold(segments[0], ".github") {
		return refuse(PathInGitHubDir)
	}
	if name := segments[len(segments)-1]; len(name) <= len(".md") || !strings.EqualFold(path.Ext(name), ".md") {
		return refuse(PathNotMarkdown)
	}
	return nil
}
