package handlers

import (
	"context"
	"strconv"
	"strings"
	"time"

	"github.com/google/go-github/v62/github"
	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/comments"
)

// One human comment costs at most one reply comment, and people without
// write access cannot make Pipewright spend the installation's GitHub
// budget (its write requests are shared by every repository it serves):
//
//   - a command repeated in a comment that changes nothing (/help, /status,
//     an unknown /word) is answered once, where it last appears;
//   - at most MaxCommandsPerComment commands of a comment run; the rest are
//     refused by name in the reply, never dropped silently;
//   - the reply is cut to MaxReplyChars, with a note of what was left out
//     (comments.Render.ReplyWithin);
//   - someone without write access gets at most QuietReplies answers per
//     thread in QuietWindow, counted in the thread's stored record (so every
//     replica sees the same count); beyond that Pipewright stays silent, and
//     logs and counts it.
const (
	// MaxCommandsPerComment is room for a whole session in one comment
	// (/start, six /decide, four /target, /menu C: 12) twice over.
	MaxCommandsPerComment = 25
	// MaxReplyChars keeps a reply in one comment, well under GitHub's
	// 65,536-character limit, with room for the hidden marker and a save's
	// outcome filled in later.
	MaxReplyChars = 50_000
	// QuietReplies and QuietWindow bound the answers to one person without
	// write access on one thread: plenty to ask for /help and /status, too
	// few to be a way to spend the App's requests.
	QuietReplies = 10
	QuietWindow  = time.Hour
	// listedNotRun is how many refused commands the reply names.
	listedNotRun = 5
)

// onceEach drops the repeats of commands that change nothing, keeping the
// last of each (it answers with the state the comment leaves). Commands
// that change the session all stay: "/decide canary" after another
// decision means something again.
func onceEach(cmds []comments.Command) []comments.Command {
	last := map[string]int{}
	for i, c := range cmds {
		if !needsWrite(c) {
			last[answerKey(c)] = i
		}
	}
	out := make([]comments.Command, 0, len(cmds))
	for i, c := range cmds {
		if j, ok := last[answerKey(c)]; ok && j != i && !needsWrite(c) {
			continue
		}
		out = append(out, c)
	}
	return out
}

// answerKey is what makes two read-only commands give the same answer:
// the verb and its arguments, in any case and spacing.
func answerKey(c comments.Command) string {
	return string(c.Verb) + " " + strings.ToLower(strings.Join(c.Args, " "))
}

// notRunNotice refuses the commands past the limit by name, so no one
// thinks a decision was recorded that was not.
func notRunNotice(excess []comments.Command) strategy.Message {
	names := make([]string, 0, listedNotRun+1)
	for i, c := range excess {
		if i == listedNotRun {
			names = append(names, "…")
			break
		}
		names = append(names, "`"+strings.ReplaceAll(shorten(strings.TrimSpace(c.Raw), 60), "`", "'")+"`")
	}
	return strategy.Message{Kind: strategy.MsgNotice, Key: "error.commands-not-run", Args: []any{
		"count", strconv.Itoa(len(excess)), "commands", strings.Join(names, ", "), "max", strconv.Itoa(MaxCommandsPerComment),
	}}
}

// shorten cuts s to at most n runes, marking the cut.
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// quietKey is how a login is counted: GitHub logins ignore case.
func quietKey(login string) string { return strings.ToLower(login) }

// quietSpent reports whether login has had QuietReplies answers on this
// thread within QuietWindow before now.
func (r *sessionRecord) quietSpent(login string, now time.Time) bool {
	n := 0
	for _, at := range r.Quiet[quietKey(login)] {
		if now.Sub(at) < QuietWindow {
			n++
		}
	}
	return n >= QuietReplies
}

// countQuiet records an answer to login at now, forgetting answers that
// left the window (everyone's: the record stays small) and keeping at
// most QuietReplies times per person.
func (r *sessionRecord) countQuiet(login string, now time.Time) {
	for who, times := range r.Quiet {
		kept := times[:0]
		for _, at := range times {
			if now.Sub(at) < QuietWindow {
				kept = append(kept, at)
			}
		}
		if len(kept) == 0 {
			delete(r.Quiet, who)
		} else {
			r.Quiet[who] = kept
		}
	}
	if r.Quiet == nil {
		r.Quiet = map[string][]time.Time{}
	}
	times := append(r.Quiet[quietKey(login)], now)
	if len(times) > QuietReplies {
		times = times[len(times)-QuietReplies:]
	}
	r.Quiet[quietKey(login)] = times
}

// quiet decides whether to leave this comment unanswered: its author has
// no write access and has had QuietReplies answers on this thread within
// QuietWindow. Otherwise an answer to someone not known to have write
// access is counted. writer says write access is already known; else it is
// looked up only once the budget is spent, so answering a team member
// costs no extra request. pre are the notices before the engine's replies
// (refusals); a save is never silenced.
func (p *Processor) quiet(ctx context.Context, gh *github.Client, e *commentEvent, rec *sessionRecord, writer bool, pre []strategy.Message, effects []strategy.Effect) (bool, error) {
	if writer || !answers(pre, effects) {
		return false, nil
	}
	now := p.now()
	if rec.quietSpent(e.Sender.Login, now) {
		if can, err := p.canWrite(ctx, gh, e); err != nil || can {
			return false, err
		}
		zerolog.Ctx(ctx).Warn().Str("user", e.Sender.Login).Int64("comment", e.Comment.ID).Int("answered", QuietReplies).Dur("window", QuietWindow).
			Msg("not answering: this person, without write access, had all the answers allowed on this thread for now")
		return true, nil
	}
	rec.countQuiet(e.Sender.Login, now)
	return false, nil
}

// answers reports whether there is anything to say, and nothing to save.
func answers(pre []strategy.Message, effects []strategy.Effect) bool {
	answer := len(pre) > 0
	for _, eff := range effects {
		switch v := eff.(type) {
		case strategy.Save:
			return false
		case strategy.Reply:
			answer = answer || len(v.Messages) > 0
		}
	}
	return answer
}
