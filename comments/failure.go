package comments

import (
	"strconv"
	"sync"

	"github.com/pipewright/pipewright/app/i18n"
)

// Failure is a step of the shell that did not work (GitHub refusing, a
// fork that does not allow edits), kept structured so that each reply says
// it in its own language. GitHub's own message is quoted as it came.
type Failure struct {
	Kind   FailureKind
	Doing  Doing
	Ref    string // the branch or ref, for DoingCreateBranch and DoingCommit
	Status int    // GitHub's HTTP status, for FailPermission
	Detail string // GitHub's message, or the error itself for FailOther
	Fork   string // the fork's full name, for FailForkNoEdits
	Err    error  // the cause
}

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
)

// Error is the English wording, for logs and English replies.
func (f *Failure) Error() string { return FailureText(english(), f) }

func (f *Failure) Unwrap() error { return f.Err }

// FailureText words f in lang's catalogue.
func FailureText(lang *i18n.Catalog, f *Failure) string {
	if f.Kind == FailForkNoEdits {
		return lang.T("failure.fork-no-edits", "fork", f.Fork)
	}
	doing := lang.T("doing."+string(f.Doing), "ref", f.Ref)
	switch f.Kind {
	case FailPermission:
		return lang.T("failure.permission", "doing", doing, "status", strconv.Itoa(f.Status), "detail", f.Detail)
	case FailRefused:
		return lang.T("failure.refused", "doing", doing, "detail", f.Detail)
	}
	return lang.T("failure.other", "doing", doing, "detail", f.Detail)
}

var english = sync.OnceValue(func() *i18n.Catalog { return i18n.MustLoad(i18n.DefaultLang) })
