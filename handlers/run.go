package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/google/go-github/v62/github"
	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/comments"
)

// RunEffects runs a session's pending effects left by an earlier attempt
// (a crash, a GitHub outage, a drain that lost its lock). Each looks before
// it acts: a reply already posted is found by its hidden marker (once its
// last request can no longer land), a save already committed leaves the
// document unchanged.
func (p *Processor) RunEffects(ctx context.Context, sessionKey string) error {
	return p.runEffects(ctx, sessionKey, 0)
}

// runEffects runs the session's pending effects; seq is the inbox item this
// drain just committed (0: none), whose untried effects need no look.
func (p *Processor) runEffects(ctx context.Context, sessionKey string, seq int64) error {
	pending, err := p.Store.PendingEffects(ctx, sessionKey)
	if err != nil {
		return fmt.Errorf("pending effects of %s: %w", sessionKey, err)
	}
	held := store.SessionLockFrom(ctx) != nil
	for _, eff := range pending {
		if !eff.SettlesAt.IsZero() && time.Now().Before(eff.SettlesAt) {
			return &notSettled{effect: eff.ID, at: eff.SettlesAt}
		}
		run := effectRun{id: eff.ID, created: eff.CreatedAt,
			fresh: held && seq != 0 && eff.InboxSeq == seq && eff.SettlesAt.IsZero()}
		zerolog.Ctx(ctx).Debug().Str("effect", eff.ID).Bool("fresh", run.fresh).Bool("held", held).Int64("seq", seq).
			Time("settles", eff.SettlesAt).Msg("running effect")
		var rec effectRecord
		if err := json.Unmarshal(eff.Payload, &rec); err != nil {
			zerolog.Ctx(ctx).Error().Err(err).Str("effect", eff.ID).Msg("dropping unreadable effect")
			if err := p.Store.MarkEffectDone(ctx, eff.ID, "unreadable"); err != nil {
				return err
			}
			continue
		}
		gh, err := p.client(rec.Installation)
		if err != nil {
			return err
		}
		result, err := p.runEffect(ctx, gh, sessionKey, run, rec)
		if err != nil {
			if p.expired(eff.CreatedAt) && !paced(err) {
				if err := p.giveUpEffect(ctx, eff, rec, err); err != nil {
					return err
				}
				continue
			}
			return fmt.Errorf("effect %s: %w", eff.ID, err)
		}
		if err := p.Store.MarkEffectDone(ctx, eff.ID, result); err != nil {
			return fmt.Errorf("mark effect %s done: %w", eff.ID, err)
		}
	}
	return nil
}

func (p *Processor) runEffect(ctx context.Context, gh *github.Client, sessionKey string, run effectRun, rec effectRecord) (string, error) {
	switch rec.Kind {
	case "reply":
		return "posted", p.postReply(ctx, gh, rec, rec.Body, run)
	case "save":
		outcome := p.save(ctx, gh, sessionKey, rec)
		if paced(outcome.Problem) {
			return "", outcome.Problem // not a failed save: it goes on when the budget frees
		}
		if outcome.Err == "" {
			if err := p.recordSave(ctx, sessionKey, run.id, rec, outcome); err != nil {
				return "", err
			}
		}
		body := p.Render.With(rec.Settings).FillSaveOutcome(rec.Body, outcome)
		if err := p.postReply(ctx, gh, rec, body, run); err != nil {
			return "", err
		}
		result, _ := json.Marshal(outcome)
		return string(result), nil
	}
	return "unknown effect " + rec.Kind, nil
}

// recordSave notes the save in the session (we hold the session's lock),
// once per save effect: an effect run again after a crash (between this
// write and marking the effect done) must not record the save twice.
func (p *Processor) recordSave(ctx context.Context, key, effectID string, rec effectRecord, o comments.SaveOutcome) error {
	return p.updateRecord(ctx, key, "record save", func(sr *sessionRecord) bool {
		if sr.SaveEffect == effectID {
			return false
		}
		sr.SaveEffect = effectID
		sr.Engine = strategy.RecordSave(sr.Engine, strategy.SaveRecord{Revision: rec.Revision, Commit: o.CommitURL, URL: o.FilesURL, By: rec.Actor, At: p.now()})
		return true
	})
}

// client is the installation's GitHub client.
func (p *Processor) client(installation int64) (*github.Client, error) {
	if installation == 0 {
		return nil, errors.New("delivery has no installation id: is Pipewright installed as a GitHub App?")
	}
	gh, err := p.Clients.NewInstallationClient(installation)
	if err != nil {
		return nil, fmt.Errorf("client for installation %d: %w", installation, err)
	}
	return gh, nil
}
