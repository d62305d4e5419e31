package strategy

import "strings"

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
	showNext := false
	for _, cmd := range cmds {
		out := apply(&s, cmd, env)
		msgs = append(msgs, out.msgs...)
		showNext = showNext || out.showNext
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
	var effects []Effect
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
		case MsgReview, MsgMethods, MsgElicit, MsgParty:
			if !complete {
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

func menu(s *Session, cmd Command) outcome {
	if !s.Complete() {
		return outcome{msgs: []Message{{Kind: MsgStatus}, notice("menu.not-ready")}, showNext: true}
	}
	choice, extra := menuChoice(cmd.Rest)
	switch {
	case strings.TrimSpace(cmd.Rest) == "":
		settle(s)
		if s.Pending != nil {
			return say(Message{Kind: MsgReview}, notice("proposal.waiting", "method", s.Pending.Method))
		}
		return say(Message{Kind: MsgReview})
	case choice == "c" && s.Pending != nil:
		// The seed: the team accepts or rejects a protocol's changes
		// before proceeding.
		return say(notice("proposal.pending", "method", s.Pending.Method))
	case choice == "c":
		return outcome{msgs: []Message{{Kind: MsgSaveOutcome}}, save: &Save{Revision: s.Revision}}
	case choice == "a":
		return offerMethods(s, extra)
	case choice == "p":
		return party(s, cmd)
	}
	return say(notice("menu.unknown-choice", "choice", cmd.Rest), Message{Kind: MsgMenu})
}

// menuChoice reads the letter of "/menu A", "/menu [P] Party Mode" or
// "/menu continue", and the words after it ("/menu A all").
func menuChoice(rest string) (letter, extra string) {
	words := strings.Fields(strings.ToLower(rest))
	if len(words) == 0 {
		return "", ""
	}
	first, extra := words[0], strings.Join(words[1:], " ")
	for _, c := range []struct{ letter, word string }{{"a", "advanced"}, {"p", "party"}, {"c", "continue"}} {
		if first == c.letter || strings.HasPrefix(first, c.letter+")") || strings.HasPrefix(first, "["+c.letter+"]") || strings.HasPrefix(first, c.word) {
			return c.letter, extra
		}
	}
	return "", ""
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
		return []Message{{Kind: MsgMenu}}
	}
	return []Message{{Kind: MsgReview}}
}
