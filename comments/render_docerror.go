package comments

import (
	"errors"
	"fmt"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/pipelinedoc"
)

// docErrorKeys names the catalogue sentence for each kind of document
// problem (pipelinedoc's sentinels).
var docErrorKeys = []struct {
	kind error
	key  string
}{
	{pipelinedoc.ErrNoDocument, "doc-error.no-document"},
	{pipelinedoc.ErrNoFrontmatter, "doc-error.no-frontmatter"},
	{pipelinedoc.ErrUnterminatedFrontmatter, "doc-error.unterminated-frontmatter"},
	{pipelinedoc.ErrInvalidYAML, "doc-error.invalid-yaml"},
	{pipelinedoc.ErrBadStepsCompleted, "doc-error.bad-steps"},
	{pipelinedoc.ErrStep3Required, "doc-error.step3-required"},
	{pipelinedoc.ErrSectionEditedByHand, "doc-error.edited-by-hand"},
	{pipelinedoc.ErrForeignSection, "doc-error.foreign-section"},
	{pipelinedoc.ErrBrokenMarkers, "doc-error.broken-markers"},
	{pipelinedoc.ErrUnclosedCodeBlock, "doc-error.unclosed-code-block"},
	{pipelinedoc.ErrEmptySection, "doc-error.empty-section"},
	{pipelinedoc.ErrStepsNotUpdatable, "doc-error.steps-not-updatable"},
}

// Reason says what went wrong in the reply's language (see errorText), for
// text the shell writes itself, such as give-up notices.
func (r Render) Reason(err error) string { return r.errorText(err, err.Error()) }

// errorText says what went wrong in the reply's language. A shell Failure
// (GitHub refusing, a fork closed to edits) is worded from the catalogue.
// For a document problem, English shows pipelinedoc's own message (given as
// fallback), which names the lines and values involved; another language
// shows where ("file:line") and its catalogue sentence for the problem's
// kind. Anything else (a failed read) is shown as the shell worded it.
func (r Render) errorText(err error, fallback string) string {
	var f *Failure
	if errors.As(err, &f) {
		return FailureText(r.Lang, f)
	}
	var sr *SettingRefusal
	if errors.As(err, &sr) {
		return SettingRefusalText(r.Lang, sr)
	}
	var de *pipelinedoc.Error
	if r.Lang.Lang == i18n.DefaultLang || !errors.As(err, &de) {
		return fallback
	}
	for _, k := range docErrorKeys {
		if !errors.Is(de, k.kind) {
			continue
		}
		if _, ok := r.Lang.Messages[k.key]; !ok {
			return fallback
		}
		return where(de) + r.Lang.T(k.key)
	}
	return fallback
}

// where is a problem's place as pipelinedoc writes it: "file:line: ".
func where(de *pipelinedoc.Error) string {
	switch {
	case de.File != "" && de.Line > 0:
		return fmt.Sprintf("%s:%d: ", de.File, de.Line)
	case de.File != "":
		return de.File + ": "
	case de.Line > 0:
		return fmt.Sprintf("%d: ", de.Line)
	}
	return ""
}
