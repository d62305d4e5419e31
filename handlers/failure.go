package handlers

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-github/v62/github"
	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/pipelinedoc"
	"github.com/pipewright/pipewright/comments"
)

// failure turns an error of a step that talks to GitHub into a
// comments.Failure, which each reply words in its language; a problem the
// team can fix (the document, a setting) is returned as it is. The reply
// gets GitHub's status and message only: an error's own text names
// internal API URLs ("POST https://api.github.com/repos/o/r/git/refs: 500")
// and belongs in the log (logFailure).
func failure(err error, doing comments.Doing, ref string) error {
	var de *pipelinedoc.Error
	var sr *comments.SettingRefusal
	var f *comments.Failure
	var gone *errNotOnBranch
	if errors.As(err, &de) || errors.As(err, &sr) || errors.As(err, &f) || errors.As(err, &gone) {
		return err
	}
	out := &comments.Failure{Kind: comments.FailOther, Doing: doing, Ref: ref, Cause: comments.CauseUnexpected, Err: err}
	var rf *readFailure
	if errors.As(err, &rf) {
		out.Doing, out.File, out.Ref = comments.DoingReadFile, rf.path, rf.ref
	}
	var er *github.ErrorResponse
	var rl *github.RateLimitError
	var abuse *github.AbuseRateLimitError
	var ue *url.Error
	var ne net.Error
	switch {
	case errors.As(err, &er) && er.Response != nil:
		// GitHub's messages can span paragraphs ("Repository rule violations
		// found\n\nChanges must be made through a pull request.\n\n"); the
		// reply quotes them on one line.
		msg := strings.Join(strings.Fields(er.Message), " ")
		switch er.Response.StatusCode {
		case http.StatusForbidden, http.StatusNotFound:
			out.Kind, out.Status, out.Detail = comments.FailPermission, er.Response.StatusCode, msg
		case http.StatusConflict, http.StatusUnprocessableEntity:
			out.Kind, out.Detail = comments.FailRefused, msg
		default:
			out.Cause, out.Status = comments.CauseStatus, er.Response.StatusCode
		}
	case errors.As(err, &rl) && rl.Response != nil:
		out.Cause, out.Status = comments.CauseStatus, rl.Response.StatusCode
	case errors.As(err, &abuse) && abuse.Response != nil:
		out.Cause, out.Status = comments.CauseStatus, abuse.Response.StatusCode
	case errors.As(err, &ue), errors.As(err, &ne), errors.Is(err, context.DeadlineExceeded):
		out.Cause = comments.CauseUnreachable
	}
	return out
}

// logFailure keeps the whole error of a failure the team is told about.
func logFailure(ctx context.Context, err error, what string) {
	if err == nil {
		return
	}
	cause := err
	var f *comments.Failure
	if errors.As(err, &f) && f.Err != nil {
		cause = f.Err
	}
	zerolog.Ctx(ctx).Warn().Err(cause).Msg(what)
}

// publicDocError is a document read's error as a reply may show it: the
// team's own problems as they are, GitHub's failures without their URLs
// (and logged whole).
func publicDocError(ctx context.Context, err error, doing comments.Doing) error {
	if !fromGitHub(err) {
		return err // our own words: a YAML error, a directory where a file was expected
	}
	logFailure(ctx, err, "reading the document failed")
	return failure(err, doing, "")
}

// fromGitHub reports whether err is GitHub's answer, or the lack of one.
func fromGitHub(err error) bool {
	var rf *readFailure
	var er *github.ErrorResponse
	var rl *github.RateLimitError
	var abuse *github.AbuseRateLimitError
	var ue *url.Error
	var ne net.Error
	return errors.As(err, &rf) || errors.As(err, &er) || errors.As(err, &rl) || errors.As(err, &abuse) ||
		errors.As(err, &ue) || errors.As(err, &ne) || errors.Is(err, context.DeadlineExceeded)
}

// readFailure is a file GitHub did not give: which one, and why.
type readFailure struct {
	path, ref string
	err       error
}

func (e *readFailure) Error() string { return "read " + e.path + "@" + e.ref + ": " + e.err.Error() }
func (e *readFailure) Unwrap() error { return e.err }
