package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/comments"
)

// Processor handles stored deliveries, one session at a time, in order (the
// queue guarantees that). It implements queue.Processor.
type Processor struct {
	Store    *store.Store
	Clients  githubapp.ClientCreator
	AppID    int64
	BotLogin string // "<app-slug>[bot]": the App's own comments are ignored
	Perms    *PermissionCache
	Versions *VersionCache
	Render   comments.Render // the base of every reply: each session's settings pick its languages and level (Render.With)
	Now      func() time.Time
	// GiveUpAfter bounds retries of a failing command or effect (default
	// DefaultGiveUpAfter); then the team is told and the session moves on.
	GiveUpAfter time.Duration
	// AttemptTimeout bounds one reply request (default
	// DefaultAttemptTimeout) and SettleMargin is how long after it GitHub
	// may still apply it (default DefaultSettleMargin): a reply whose
	// request got no answer is looked for only after both, never posted
	// again before (see attempt.go). The request may reach GitHub at any
	// moment before the timeout, so the margin must be at least the longest
	// GitHub takes to apply a request it received (10 s), or a read can
	// come before a reply that is still landing.
	AttemptTimeout time.Duration
	SettleMargin   time.Duration
	Observe        Observer // metrics: commands and save conflicts (nil: nobody listens)
	// Engine is the Step 4 engine; nil means strategy.ApplyAll. Tests
	// replace it to make the core fail.
	Engine func(strategy.Session, []strategy.Command, strategy.Env) (strategy.Session, []strategy.Effect)
	// Deciders, when set by .github/pipewright.yml, is checked per repository.
}

func (p *Processor) now() time.Time {
	if p.Now == nil {
		return time.Now().UTC()
	}
	return p.Now().UTC()
}

// Process handles one stored delivery.
func (p *Processor) Process(ctx context.Context, item store.InboxItem) error {
	log := zerolog.Ctx(ctx).With().Str("delivery", item.ID).Str("event", item.Event).Str("session", item.SessionKey).Logger()
	ctx = log.WithContext(ctx)
	if item.Event != "issue_comment" || item.SessionKey == "" {
		return p.commitUnchanged(ctx, item)
	}
	e, err := decodeComment(item.Payload)
	if err != nil {
		// A payload that cannot be read will not read better on retry.
		log.Warn().Err(err).Msg("ignoring unreadable delivery")
		return p.commitUnchanged(ctx, item)
	}
	log = log.With().Int64("installation", e.installationID()).Str("repository", e.Repository.FullName).Int("issue", e.Issue.Number).Logger()
	ctx = log.WithContext(ctx)
	if skip := p.ignored(e); skip != "" {
		log.Debug().Str("reason", skip).Msg("comment ignored")
		return p.commitUnchanged(ctx, item)
	}
	if err := p.handleCommentGuarded(ctx, item, e); err != nil {
		var bug *internalError
		if errors.As(err, &bug) {
			return p.skipAfterBug(ctx, item, e, bug)
		}
		if p.expired(item.ReceivedAt) && !paced(err) {
			return p.giveUpItem(ctx, item, err)
		}
		return err
	}
	return p.runEffects(ctx, item.SessionKey, item.Seq)
}

// ignored says why a comment event carries no commands for Pipewright.
func (p *Processor) ignored(e *commentEvent) string {
	switch {
	case e.Action != "created" && e.Action != "edited":
		return "action " + e.Action
	case e.Sender.Type == "Bot" || e.Comment.User.Type == "Bot":
		return "bot sender"
	case p.BotLogin != "" && (e.Sender.Login == p.BotLogin || e.Comment.User.Login == p.BotLogin):
		return "own comment"
	case e.Comment.App != nil && p.AppID != 0 && e.Comment.App.ID == p.AppID:
		return "own comment"
	case e.installationID() == 0:
		// Without an installation there is no token to answer with; failing
		// would only retry for weeks and hold up the session's later comments.
		return "no installation"
	}
	return ""
}

// commitUnchanged marks a delivery processed without changing its session.
func (p *Processor) commitUnchanged(ctx context.Context, item store.InboxItem) error {
	_, err := p.commitUnchangedWith(ctx, item, nil)
	return err
}

// commitUnchangedWith is commitUnchanged adding effects (a notice to post)
// in the same transaction; already reports a delivery processed before.
func (p *Processor) commitUnchangedWith(ctx context.Context, item store.InboxItem, effects []store.Effect) (already bool, err error) {
	data, version := []byte(nil), int64(0)
	if item.SessionKey != "" {
		data, version, err = p.Store.LoadSession(ctx, item.SessionKey)
		if errors.Is(err, store.ErrNotFound) {
			data, version = []byte("{}"), 0
		} else if err != nil {
			return false, fmt.Errorf("load session %s: %w", item.SessionKey, err)
		}
	}
	_, err = p.Store.Commit(ctx, item.SessionKey, data, version, item.Seq, effects)
	if errors.Is(err, store.ErrAlreadyProcessed) {
		return true, nil
	}
	return false, err
}
