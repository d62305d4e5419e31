package strategy

// Starting and cancelling a session. /start on a live session only says
// so (and what no longer reads); /cancel archives what was decided.

func start(s *Session, cmd Command, env Env) outcome {
	if s.Started() {
		msgs := []Message{notice("start.already", "by", s.StartedBy)}
		if env.DocErr != nil {
			// Read again for /start: the session carries on, but the team
			// should know its document or configuration no longer reads.
			msgs = append(msgs, Message{Kind: MsgDocError, Err: env.DocErr})
		}
		return outcome{msgs: msgs, showNext: true}
	}
	if env.DocErr != nil {
		return say(Message{Kind: MsgDocError, Err: env.DocErr})
	}
	if env.Doc == nil {
		return say(notice("error.no-document"))
	}
	if err := env.Doc.RequireStep3(); err != nil {
		return say(Message{Kind: MsgDocError, Err: err})
	}
	archived := s.Archived
	if len(s.Decisions) > 0 {
		archived = append(archived, s.Decisions)
	}
	*s = Session{
		Phase:     PhaseDeciding,
		DocPath:   env.Doc.File,
		Stage3:    env.Doc.Stage3,
		Earlier:   env.Doc.Context,
		Current:   Categories[0].ID,
		Decisions: map[CategoryID]*Decision{},
		Targets:   map[MetricID]*Target{},
		StartedBy: cmd.Actor,
		StartedAt: cmd.At,
		History:   append(s.History, HistoryEntry{At: cmd.At, By: cmd.Actor, Action: "start"}),
		Archived:  archived,
		Cancelled: s.Cancelled,
		Revision:  s.Revision,
		Settings:  s.Settings,
	}
	msgs := append(append([]Message(nil), env.Notices...), Message{Kind: MsgContext})
	return outcome{msgs: msgs, showNext: true}
}

func cancel(s *Session, cmd Command) outcome {
	if !s.Started() {
		return say(notice("cancel.nothing"))
	}
	if len(s.Decisions) > 0 {
		s.Archived = append(s.Archived, s.Decisions)
	}
	if len(s.Targets) > 0 || len(s.Enhancements) > 0 || s.Pending != nil {
		s.Cancelled = append(s.Cancelled, CancelledRound{
			Targets: s.Targets, Enhancements: s.Enhancements, Pending: s.Pending, By: cmd.Actor, At: cmd.At,
		})
	}
	s.Decisions, s.Targets = nil, nil
	s.Pending, s.Enhancements, s.Offered, s.OfferPage = nil, nil, nil, 0
	s.Phase = PhaseCancelled
	s.Revision++
	s.History = append(s.History, HistoryEntry{At: cmd.At, By: cmd.Actor, Action: "cancel"})
	return say(notice("cancel.done", "by", cmd.Actor))
}
