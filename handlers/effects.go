package handlers

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/google/go-github/v62/github"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/comments"
)

// effects renders the engine's effects into self-contained outbox records.
// The reply is rendered now, from the session as decided; a save's outcome
// is filled into it after the save ran.
func (p *Processor) effects(ctx context.Context, gh *github.Client, item store.InboxItem, e *commentEvent, s *strategy.Session, effects []strategy.Effect, pre []strategy.Message, head string) ([]store.Effect, error) {
	var save *strategy.Save
	msgs := append([]strategy.Message(nil), pre...)
	for _, eff := range effects {
		switch v := eff.(type) {
		case strategy.Save:
			save = &v
		case strategy.Reply:
			msgs = append(msgs, v.Messages...)
		}
	}
	if len(msgs) == 0 && save == nil {
		return nil, nil
	}
	// Replies speak the session's communication_language at its skill
	// level; the section is in its document_output_language.
	render := p.Render.With(s.Settings)
	found := p.Versions.For(ctx, gh, comments.ToolsShown(s, msgs, save != nil))
	render.Versions, render.Unverified = found.Latest, found.Unverified
	base := effectRecord{
		Installation: e.installationID(), Owner: e.owner(), Repo: e.repo(), Number: e.Issue.Number,
		IsPR: e.isPR(), CommandID: item.ID, Body: render.ReplyWithin(s, msgs, MaxReplyChars), Settings: s.Settings,
	}
	rec := base
	rec.Kind = "reply"
	if save != nil {
		rec.Kind = "save"
		rec.Section = render.Section(s)
		rec.DocPath = s.DocPath
		rec.DefaultBranch = e.Repository.DefaultBranch
		rec.IssueTitle = e.Issue.Title
		rec.Revision = save.Revision
		rec.Actor = e.Sender.Login
		rec.HeadRef, rec.PRURL = head, e.prHTMLURL()
	}
	payload, err := json.Marshal(rec)
	if err != nil {
		return nil, fmt.Errorf("encode effect: %w", err)
	}
	return []store.Effect{{ID: item.ID + "/" + rec.Kind, SessionKey: item.SessionKey, Kind: rec.Kind, Payload: payload}}, nil
}
