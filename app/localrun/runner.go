// Package localrun drives the Step 4 engine from a terminal: standard input
// instead of comments, standard output instead of replies, the local file
// instead of the contents API, and the same session store as the server.
package localrun

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"strings"
	"time"

	"github.com/pipewright/pipewright/app/dora"
	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/app/versions"
	"github.com/pipewright/pipewright/comments"
)

// SessionStore keeps sessions between runs (package store implements it).
type SessionStore interface {
	LoadSession(ctx context.Context, key string) ([]byte, int64, error)
	SaveSession(ctx context.Context, key string, data []byte, expectedVersion int64) (int64, error)
}

// ErrNotFound is what the store returns for a session it does not have.
var ErrNotFound = errors.New("session not found")

// Runner is one terminal session on one document.
type Runner struct {
	Store    SessionStore
	NotFound error // the store's not-found error, compared with errors.Is
	Doc      *DocFile
	Actor    string // shown as who decided
	Out      io.Writer
	Render   comments.Render
	Now      func() time.Time
	// Settings are the team's languages and skill level for this run
	// (LoadSettings), and Notices what fell back, said once at startup.
	Settings strategy.Settings
	Notices  []strategy.Message
	// Log receives the stack of a bug of ours (nil: discarded); Engine
	// replaces strategy.Apply (tests make it fail).
	Log    io.Writer
	Engine func(strategy.Session, strategy.Command, strategy.Env) (strategy.Session, []strategy.Effect)
	// Versions looks up the latest releases of the tools a reply shows
	// (nil: none are looked up, and replies say nothing about versions).
	Versions func(ctx context.Context, tools []string) versions.Result
	// Baseline measures the DORA baseline when the engine asks
	// (strategy.MeasureBaseline); nil or false: none is shown.
	Baseline func(context.Context, strategy.Session) (dora.Baseline, bool)

	session strategy.Session
	version int64
	last    *strategy.Command // the command plain lines continue
	// saidUnverified are the tools a reply already said it could not verify.
	saidUnverified map[string]bool
	seq            int
}

// Key is the store key of a document's session.
func (r *Runner) Key() string { return "local:" + r.Doc.Path }

// Run reads lines until EOF and answers each command as it arrives.
func (r *Runner) Run(ctx context.Context, in io.Reader) error {
	if err := r.load(ctx); err != nil {
		return err
	}
	if err := r.sayNotices(); err != nil {
		return err
	}
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := r.guardedLine(ctx, sc.Text()); err != nil {
			return err
		}
	}
	return sc.Err()
}

func (r *Runner) load(ctx context.Context) error {
	data, version, err := r.Store.LoadSession(ctx, r.Key())
	if r.NotFound != nil && errors.Is(err, r.NotFound) || errors.Is(err, ErrNotFound) {
		r.session, r.version = strategy.Session{}, 0
		return nil
	}
	if err != nil {
		return fmt.Errorf("load session for %s: %w", r.Doc.Path, err)
	}
	if err := json.Unmarshal(data, &r.session); err != nil {
		return fmt.Errorf("decode session for %s: %w", r.Doc.Path, err)
	}
	r.version = version
	return nil
}

// guardedLine is Line that survives a bug of ours: a panic is said as an
// internal error, and the next line is read. The session is what the store
// holds; the line may or may not have been applied, which /status shows.
func (r *Runner) guardedLine(ctx context.Context, line string) (err error) {
	defer func() {
		if v := recover(); v != nil {
			r.last = nil
			if lerr := r.load(ctx); lerr != nil {
				err = lerr
				return
			}
			if r.Log != nil {
				fmt.Fprintf(r.Log, "internal error: %v\n%s", v, debug.Stack())
			}
			err = r.print("⚠️ " + r.render().Lang.T("error.internal-local"))
		}
	}()
	return r.Line(ctx, line)
}

// Line processes one line of input.
func (r *Runner) Line(ctx context.Context, line string) error {
	trimmed := strings.TrimSpace(line)
	if cmd, ok := r.answer(trimmed); ok {
		return r.apply(ctx, cmd, false)
	}
	switch {
	case trimmed == "":
		return nil
	case strings.HasPrefix(trimmed, "/"):
		cmds := comments.Parse(trimmed)
		if len(cmds) == 0 {
			return r.print("⚠️ " + r.render().Lang.T("error.unknown-command", "command", comments.Inline(trimmed)))
		}
		cmd := r.engineCommand(cmds[0])
		r.last = &cmd
		return r.apply(ctx, cmd, false)
	case r.last != nil && (r.last.Verb == "decide" || r.last.Verb == "skip"):
		// More words for the decision just made: record them with it.
		// Only this line's "Key: value" answers are sent: the earlier ones
		// are recorded already, and notes would otherwise repeat.
		more := comments.Parse("/x\n" + line)
		amend := *r.last
		amend.Fields = nil
		if len(more) == 1 {
			amend.Fields = fieldsOf(more[0])
			if more[0].Rationale != "" {
				r.last.Rationale = strings.TrimSpace(r.last.Rationale + "\n" + more[0].Rationale)
			}
		}
		amend.Rationale = r.last.Rationale
		return r.apply(ctx, amend, true)
	case r.last != nil && (r.last.Verb == "elicit" || r.last.Verb == "menu" && r.last.Rest == "P"):
		// Answers to the method or review just shown: the engine adds
		// them to its proposal, so only this line's words are sent.
		more := comments.Parse("/x\n" + line)
		answer := *r.last
		answer.Rationale, answer.Fields = "", nil
		if len(more) == 1 {
			answer.Rationale, answer.Fields = more[0].Rationale, fieldsOf(more[0])
		}
		return r.apply(ctx, answer, false)
	}
	return nil
}

// answer reads a line that is only the seed's y/n while a proposal waits,
// or a menu letter while the A/P/C menu is open, as the command it stands
// for; any other time such a line is what it always was.
func (r *Runner) answer(line string) (strategy.Command, bool) {
	a, ok := comments.ParseAnswer(line)
	if !ok {
		return strategy.Command{}, false
	}
	c, ok := a.Command(&r.session)
	if !ok {
		return strategy.Command{}, false
	}
	cmd := r.engineCommand(c)
	r.last = &cmd
	return cmd, true
}

func (r *Runner) engineCommand(c comments.Command) strategy.Command {
	r.seq++
	return c.Engine(fmt.Sprintf("local-%d-%d", r.Now().UnixNano(), r.seq), r.Actor, r.Now().UTC())
}

func fieldsOf(c comments.Command) []strategy.Field {
	out := make([]strategy.Field, 0, len(c.Fields))
	for _, f := range c.Fields {
		out = append(out, strategy.Field{Key: f.Key, Value: f.Value})
	}
	return out
}

func (r *Runner) print(s string) error {
	// Replies are rendered for GitHub; a terminal gets the same words as
	// plain text.
	_, err := fmt.Fprintln(r.Out, strings.TrimRight(comments.Terminal(s), "\n")+"\n")
	return err
}
