package strategy

// ApplyAll runs the commands of one comment in order and returns the new
// session and its effects: at most one Reply (one answer per comment) and at
// most one Save. What comes next is shown once, after the last command.
func ApplyAll(s Session, cmds []Command, env Env) (Session, []Effect) {
	s = s.Clone()
	var msgs []Message
	if env.Settings != (Settings{}) {
		if s.Started() && s.Settings != (Settings{}) && s.Settings != env.Settings {
			// Re-read by /start during the session: say so once, in the
			// new language, so the change is not a surprise.
			msgs = append(msgs, notice("start.settings-changed"))
		}
		s.Settings = env.Settings
	}
	var save *Save
	showNext, measure := false, false
	for _, cmd := range cmds {
		out := apply(&s, cmd, env)
		msgs = append(msgs, out.msgs...)
		showNext = showNext || out.showNext
		measure = measure || out.measure
		if out.save != nil {
			save = out.save
		}
	}
	settle(&s)
	if save != nil && !(s.Started() && s.Complete()) {
		// A later command in the same comment (/cancel, /start) left nothing
		// complete to save: drop the save rather than render a partial section.
		save = nil
		msgs = dropSaveOutcome(msgs)
	}
	// Replies are rendered from the final session: what an earlier command
	// showed of a session a later one cancelled or restarted ("/menu" then
	// "/cancel") has nothing left to show.
	msgs = dropStale(&s, msgs)
	if save != nil {
		// The shell renders the section from the returned session, so the
		// save is of its final revision, even if a command after /menu C
		// revised a decision.
		save.Revision = s.Revision
	}
	if showNext && s.Started() && save == nil {
		for _, m := range next(&s) {
			// A command may have shown the same question already, e.g. an
			// unknown option lists the options; show it once.
			if n := len(msgs); n > 0 && msgs[n-1].Key == "" && msgs[n-1].Kind == m.Kind && msgs[n-1].Category == m.Category && msgs[n-1].Metric == m.Metric {
				continue
			}
			msgs = append(msgs, m)
		}
	}
	msgs, measure = withBaseline(&s, msgs, measure)
	var effects []Effect
	if measure {
		effects = append(effects, MeasureBaseline{})
	}
	if save != nil {
		effects = append(effects, *save)
	}
	if len(msgs) > 0 {
		effects = append(effects, Reply{Messages: msgs})
	}
	return s, effects
}

func dropSaveOutcome(msgs []Message) []Message {
	out := msgs[:0:0]
	for _, m := range msgs {
		if m.Kind == MsgSaveOutcome {
			m = notice("save.dropped")
		}
		out = append(out, m)
	}
	return out
}

// dropStale removes the messages that show a complete session (the
// review, A and P) when the session is no longer complete, and the A/P/C
// menu when it is no longer live.
func dropStale(s *Session, msgs []Message) []Message {
	complete, live := s.Started() && s.Complete(), s.Started()
	out := msgs[:0:0]
	for _, m := range msgs {
		switch m.Kind {
		case MsgReview:
			if !complete {
				continue
			}
		case MsgMethods, MsgElicit, MsgParty:
			// A or P of a category's menu needs that decision still made;
			// of the whole strategy's, everything decided.
			if m.Category != "" && !(live && s.Decided(m.Category)) || m.Category == "" && !complete {
				continue
			}
		case MsgMenu:
			if !live {
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

// Apply runs one command; see ApplyAll.
func Apply(s Session, cmd Command, env Env) (Session, []Effect) {
	return ApplyAll(s, []Command{cmd}, env)
}

// RecordSave notes a successful save of the given revision.
func RecordSave(s Session, rec SaveRecord) Session {
	s = s.Clone()
	s.Saved = &rec
	switch {
	case !s.Started():
		// Cancelled while the save ran (the GitHub shell saves later, from
		// an outbox): the save landed, but the session stays cancelled.
	case rec.Revision >= s.Revision:
		s.Phase = PhaseSaved
	case s.Complete():
		// Revised while the save ran: what landed is already out of date.
		s.Phase = PhaseReview
	}
	s.History = append(s.History, HistoryEntry{At: rec.At, By: rec.By, Action: "save " + rec.Commit})
	return s
}

type outcome struct {
	msgs     []Message
	showNext bool
	save     *Save
	measure  bool // measure the DORA baseline before the reply (baseline.go)
}

func notice(key string, args ...any) Message { return Message{Kind: MsgNotice, Key: key, Args: args} }

func say(msgs ...Message) outcome { return outcome{msgs: msgs} }

// changesSession lists the verbs that need a live session and start one
// implicitly, as people expect from "/decide canary" on a fresh issue. The
// menu verbs do not: "/accept" answers "nothing was changed", so it must not
// start a session either.
var changesSession = map[string]bool{"decide": true, "target": true, "skip": true}

func apply(s *Session, cmd Command, env Env) outcome {
	if !cmd.Known {
		return say(notice("error.unknown-command", "command", "/"+cmd.Verb), Message{Kind: MsgHelp})
	}
	if changesSession[cmd.Verb] && !s.Started() {
		out := start(s, cmd, env)
		if !s.Started() {
			return out
		}
		rest := apply(s, cmd, env)
		rest.msgs = append(out.msgs, rest.msgs...)
		rest.showNext = true
		return rest
	}
	switch cmd.Verb {
	case "start":
		return start(s, cmd, env)
	case "decide":
		return decide(s, cmd)
	case "skip":
		return skip(s, cmd)
	case "take":
		return take(s, cmd)
	case "target":
		return target(s, cmd)
	case "menu":
		return menu(s, cmd)
	case "accept":
		return accept(s, cmd)
	case "reject":
		return reject(s, cmd)
	case "elicit":
		return elicit(s, cmd)
	case "cancel":
		return cancel(s, cmd)
	case "status":
		return outcome{msgs: []Message{{Kind: MsgStatus}}, showNext: s.Started()}
	case "help":
		return say(Message{Kind: MsgHelp})
	case "baseline":
		return baseline(s, cmd)
	}
	return say(notice("error.unknown-command", "command", "/"+cmd.Verb), Message{Kind: MsgHelp})
}

// withMenu adds the A/P/C menu after m when there is a session it applies to.
func withMenu(s *Session, m Message) []Message {
	if !s.Started() {
		return []Message{m}
	}
	return []Message{m, {Kind: MsgMenu}}
}

// settle moves the phase forward once everything is decided, and back to
// review when a saved session is revised.
func settle(s *Session) {
	switch {
	case s.Phase == PhaseDeciding && s.Complete():
		s.Phase = PhaseReview
	case s.Phase == PhaseSaved && s.Saved != nil && s.Revision > s.Saved.Revision:
		s.Phase = PhaseReview
	}
}

// next is what the reply shows last: the open question, or the review.
func next(s *Session) []Message {
	if scope := s.menuScope(); scope != "" {
		// A decision's reply ends with its A/P/C; C asks what is next.
		return []Message{{Kind: MsgMenu, Category: scope}}
	}
	s.Menu = ""
	if missing := s.MissingCategories(); len(missing) > 0 {
		if s.Decided(s.Current) || s.Current == "" {
			s.Current = missing[0]
		}
		return []Message{{Kind: MsgAsk, Category: s.Current}}
	}
	if len(s.MissingTargets()) > 0 {
		s.Current = ""
		return []Message{{Kind: MsgAskTargets}}
	}
	s.Current = ""
	if s.Phase == PhaseSaved {
		// Step 4 is done: the open question is step 5, which runs in the
		// team's BMAD tool, not here.
		return []Message{{Kind: MsgNextStep}}
	}
	return []Message{{Kind: MsgReview}}
}
