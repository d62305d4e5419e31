package comments

import (
	"strconv"
	"sync"

	"github.com/pipewright/pipewright/app/i18n"
)

// Failure is a step of the shell that did not work (GitHub refusing, a
// fork that does not allow edits), kept structured so that each reply says
// it in its own language. GitHub's own message is quoted as it came.
//
// Only what a team can act on reaches the reply: GitHub's status and
// message, never an error's own text, which names internal API URLs
// (go-github's "GET https://api.github.com/repos/...: 500"); that stays in
// the log. Branch, file and fork names are shown with Name.
type Failure struct {
	Kind   FailureKind
	Doing  Doing
	Ref    string       // the branch or ref, for DoingCreateBranch, DoingCommit and DoingReadFile
	File   string       // the file, for DoingReadFile
	Status int          // GitHub's HTTP status, for FailPermission and CauseStatus
	Detail string       // GitHub's message, for FailPermission and FailRefused
	Cause  FailureCause // what a FailOther may say of itself
	Fork   string       // the fork's full name, for FailForkNoEdits
	Err    error        // the cause, for the log
}

// FailureCause is what the reply says of a FailOther.
type FailureCause string

const (
	CauseUnexpected  FailureCause = "unexpected"    // anything else: see the log
	CauseStatus      FailureCause = "github-status" // GitHub answered Status
	CauseUnreachable FailureCause = "unreachable"   // no answer: network, timeout
)

// FailureKind is what went wrong.
type FailureKind string

const (
	FailPermission  FailureKind = "permission"    // GitHub answered 403 or 404
	FailRefused     FailureKind = "refused"       // GitHub answered 409 or 422 (protection, rules)
	FailOther       FailureKind = "other"         // anything else
	FailForkNoEdits FailureKind = "fork-no-edits" // a fork's pull request that maintainers cannot edit
)

// Doing is what the shell was trying to do.
type Doing string

const (
	DoingReadPR         Doing = "read-pr"
	DoingCreateBranch   Doing = "create-branch"
	DoingCommit         Doing = "commit"
	DoingOpenPR         Doing = "open-pr"
	DoingProcessComment Doing = "process-comment"
	DoingReachGitHub    Doing = "reach-github"
	DoingReadFile       Doing = "read-file"
)

// Error is the English wording, for logs and English replies.
func (f *Failure) Error() string { return FailureText(english(), f) }

func (f *Failure) Unwrap() error { return f.Err }

// FailureText words f in lang's catalogue.
func FailureText(lang *i18n.Catalog, f *Failure) string {
	if f.Kind == FailForkNoEdits {
		return lang.T("failure.fork-no-edits", "fork", Name(f.Fork))
	}
	doing := lang.T("doing."+string(f.Doing), "ref", Name(f.Ref), "file", Name(f.File))
	// GitHub's message may quote names from outside (a branch, a path).
	detail := NoPing(Inline(f.Detail))
	switch f.Kind {
	case FailPermission:
		return lang.T("failure.permission", "doing", doing, "status", strconv.Itoa(f.Status), "detail", detail)
	case FailRefused:
		return lang.T("failure.refused", "doing", doing, "detail", detail)
	}
	cause := f.Cause
	if cause == "" {
		cause = CauseUnexpected
	}
	return lang.T("failure.other", "doing", doing, "detail", lang.T("failure."+string(cause), "status", strconv.Itoa(f.Status)))
}

var english = sync.OnceValue(func() *i18n.Catalog { return i18n.MustLoad(i18n.DefaultLang) })
