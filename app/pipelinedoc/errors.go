package pipelinedoc

import (
	"errors"
	"fmt"
)

// Sentinel kinds. Every *Error wraps exactly one of them, so callers can
// pick a translated message with errors.Is instead of matching English text.
var (
	// ErrNoFrontmatter: the document does not start with a "---" line.
	ErrNoFrontmatter = errors.New("no YAML frontmatter")
	// ErrUnterminatedFrontmatter: the opening "---" has no closing "---".
	ErrUnterminatedFrontmatter = errors.New("frontmatter is not closed")
	// ErrInvalidYAML: the frontmatter is not valid YAML or not a mapping.
	ErrInvalidYAML = errors.New("frontmatter is not valid YAML")
	// ErrBadStepsCompleted: stepsCompleted is not a list of step numbers.
	ErrBadStepsCompleted = errors.New("stepsCompleted is not a list of step numbers")
	// ErrStep3Required: steps 1-3 are not all completed yet.
	ErrStep3Required = errors.New("step 3 (Pipeline Stages) is not completed")
	// ErrSectionEditedByHand: the saved section was changed after
	// Pipewright wrote it, so overwriting it would lose someone's words.
	ErrSectionEditedByHand = errors.New("deployment strategy section was edited by hand")
	// ErrForeignSection: a "## Deployment Strategy" heading exists that
	// Pipewright did not write.
	ErrForeignSection = errors.New("deployment strategy section not written by Pipewright")
	// ErrBrokenMarkers: Pipewright's begin/end markers are unpaired,
	// duplicated or malformed.
	ErrBrokenMarkers = errors.New("deployment strategy markers are broken")
	// ErrUnclosedCodeBlock: the body ends inside a fenced code block, so
	// an appended section would be swallowed by it.
	ErrUnclosedCodeBlock = errors.New("document ends inside a code block")
	// ErrEmptySection: the caller asked to save an empty section.
	ErrEmptySection = errors.New("deployment strategy section is empty")
	// ErrStepsNotUpdatable: stepsCompleted is written in a form that
	// cannot be updated without rewriting other parts of the frontmatter.
	ErrStepsNotUpdatable = errors.New("stepsCompleted cannot be updated automatically")
	// ErrNoDocument: there is no document where the shell looked (the
	// shells report it; Parse and Save are given bytes).
	ErrNoDocument = errors.New("pipeline document not found")
)

// Error is a problem with a document, reported to users, e.g.
// "pipeline.md:3: frontmatter is not valid YAML: ...".
type Error struct {
	File string
	Line int // 1-based; 0 if unknown or not about one line
	Msg  string
	// Kind is one of the Err* sentinels; Unwrap returns it.
	Kind error
}

// Error formats the problem as "file:line: message".
func (e *Error) Error() string {
	switch {
	case e.File != "" && e.Line > 0:
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	case e.File != "":
		return e.File + ": " + e.Msg
	case e.Line > 0:
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return e.Msg
}

// Unwrap exposes the sentinel kind to errors.Is.
func (e *Error) Unwrap() error { return e.Kind }

// errorf builds an *Error; kept short because every check reports one.
func errorf(file string, line int, kind error, format string, args ...any) *Error {
	return &Error{File: file, Line: line, Kind: kind, Msg: fmt.Sprintf(format, args...)}
}
