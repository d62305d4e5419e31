package handlers

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/google/go-github/v62/github"
	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/comments"
)

// DefaultGiveUpAfter bounds how long a command or an effect is retried
// (GitHub down, rate limited, timing out) before Pipewright stops, tells the
// team, and lets the session's later commands through.
const DefaultGiveUpAfter = 15 * time.Minute

func (p *Processor) giveUpAfter() time.Duration {
	if p.GiveUpAfter > 0 {
		return p.GiveUpAfter
	}
	return DefaultGiveUpAfter
}

// expired says whether work that started at t has been retried long enough.
func (p *Processor) expired(t time.Time) bool {
	return !t.IsZero() && p.now().Sub(t) > p.giveUpAfter()
}

// giveUpItem ends a command that kept failing: the session is left as it
// was (nothing half-applied), the team is told, and the item is marked
// processed so the commands after it can run.
func (p *Processor) giveUpItem(ctx context.Context, item store.InboxItem, cause error) error {
	zerolog.Ctx(ctx).Error().Err(cause).Msg("giving up on delivery after retries")
	if e, err := decodeComment(item.Payload); err == nil {
		r := p.sessionRender(ctx, item.SessionKey)
		reason := r.Lang.T("error.gave-up-command", "reason", r.Reason(failure(cause, comments.DoingProcessComment, "")))
		p.postBestEffort(ctx, e.installationID(), e.owner(), e.repo(), e.Issue.Number, item.ID+"/gave-up", reason)
	}
	if err := p.commitUnchanged(ctx, item); err != nil && !errors.Is(err, store.ErrAlreadyProcessed) {
		return err
	}
	return nil
}

// giveUpEffect drops an effect that kept failing and tells the team once.
func (p *Processor) giveUpEffect(ctx context.Context, eff store.Effect, rec effectRecord, cause error) error {
	zerolog.Ctx(ctx).Error().Err(cause).Str("effect", eff.ID).Msg("giving up on effect after retries")
	key := "error.gave-up-reply"
	if rec.Kind == "save" {
		key = "error.gave-up-save"
	}
	r := p.Render.With(rec.Settings)
	p.postBestEffort(ctx, rec.Installation, rec.Owner, rec.Repo, rec.Number, rec.CommandID+"/gave-up",
		r.Lang.T(key, "reason", r.Reason(failure(cause, comments.DoingReachGitHub, ""))))
	return p.Store.MarkEffectDone(ctx, eff.ID, "gave up: "+cause.Error())
}

// sessionRender renders in the language the session speaks, best effort:
// the store may be what failed.
func (p *Processor) sessionRender(ctx context.Context, key string) comments.Render {
	if rec, err := p.loadRecord(ctx, key); err == nil {
		return p.Render.With(rec.Engine.Settings)
	}
	return p.Render
}

// noticeLookBack is how far back a give-up notice is looked for before it
// is posted: a give-up runs again only when what follows it failed, soon
// after (the session's next retry).
const noticeLookBack = 24 * time.Hour

// postBestEffort posts one notice and ignores failure: GitHub may still be
// the reason we are giving up. A notice the App already posted (the give-up
// ran before, and what followed it failed) is not posted again.
func (p *Processor) postBestEffort(ctx context.Context, installation int64, owner, repo string, number int, id, text string) {
	gh, err := p.client(installation)
	if err != nil {
		return
	}
	marker := replyMarker(id, 1, 1)
	body := marker + "⚠️ " + text
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	look := effectRecord{Owner: owner, Repo: repo, Number: number, CommandID: id}
	if posted, err := p.postedMarkers(ctx, gh, look, p.now().Add(-noticeLookBack)); err == nil && posted[marker] {
		return
	}
	if _, _, err := gh.Issues.CreateComment(ctx, owner, repo, number, &github.IssueComment{Body: &body}); err != nil {
		zerolog.Ctx(ctx).Warn().Err(err).Msg(fmt.Sprintf("could not post the give-up notice on %s/%s#%d", owner, repo, number))
	}
}
