package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"runtime/debug"

	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/strategy"
)

// internalError is a panic while handling a comment: a bug of ours, not a
// failure a retry could mend. Retried, it would fail the same way for as
// long as retries last and hold up every later comment of the session.
type internalError struct {
	value any
	stack []byte
}

func (e *internalError) Error() string { return fmt.Sprintf("internal error: %v", e.value) }

// handleCommentGuarded is handleComment with its panics returned as an
// internalError.
func (p *Processor) handleCommentGuarded(ctx context.Context, item store.InboxItem, e *commentEvent) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = &internalError{value: v, stack: debug.Stack()}
		}
	}()
	return p.handleComment(ctx, item, e)
}

// skipAfterBug moves the session past a comment that made Pipewright
// panic and tells the team, in the session's language, that none of its
// commands were applied. Nothing the session held is lost: it is committed
// unchanged, with the notice as a reply effect in the same transaction, so
// the notice is posted once, like any reply. If the comment's update had
// been committed before the panic, its commands stand and only the log
// says so.
func (p *Processor) skipAfterBug(ctx context.Context, item store.InboxItem, e *commentEvent, bug *internalError) error {
	zerolog.Ctx(ctx).Error().Interface("panic", bug.value).Bytes("stack", bug.stack).Msg("internal error handling a comment; skipping it")
	var settings strategy.Settings
	if rec, err := p.loadRecord(ctx, item.SessionKey); err == nil {
		settings = rec.Engine.Settings
	}
	r := p.Render.With(settings)
	rec := effectRecord{
		Kind: "reply", Installation: e.installationID(), Owner: e.owner(), Repo: e.repo(), Number: e.Issue.Number,
		IsPR: e.isPR(), CommandID: item.ID + "/internal-error", Settings: settings,
		Body: "⚠️ " + r.Lang.T("error.internal", "delivery", item.ID) + "\n",
	}
	payload, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("encode the internal-error notice: %w", err)
	}
	notice := store.Effect{ID: rec.CommandID, SessionKey: item.SessionKey, Kind: rec.Kind, Payload: payload}
	already, err := p.commitUnchangedWith(ctx, item, []store.Effect{notice})
	if err != nil || already {
		return err
	}
	p.observer().InternalError()
	return p.runEffects(ctx, item.SessionKey, item.Seq)
}

// apply runs the engine.
func (p *Processor) apply(s strategy.Session, cmds []strategy.Command, env strategy.Env) (strategy.Session, []strategy.Effect) {
	if p.Engine != nil {
		return p.Engine(s, cmds, env)
	}
	return strategy.ApplyAll(s, cmds, env)
}
