package comments

import (
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/pipewright/pipewright/app/strategy"
)

// ReplyWithin renders the reply as Reply does when it fits in limit
// characters. Otherwise it keeps the messages in order while they fit,
// always the first answer and the save's outcome, and says how many
// answers were left out: one
// comment answers one comment, however many commands it held (the shell
// also caps those). What a left-out answer reported is in the session and
// shown by /status.
func (r Render) ReplyWithin(s *strategy.Session, msgs []strategy.Message, limit int) string {
	full := r.Reply(s, msgs)
	if utf8.RuneCountInString(full) <= limit {
		return full
	}
	tail := ""
	if s.Started() {
		tail = "\n\n---\n" + r.progress(s)
	}
	const noteRoom = 1000 // the note, in any language, with room to spare
	budget := limit - utf8.RuneCountInString(tail) - noteRoom
	var kept []string
	used, left, answered := 0, 0, false
	for _, m := range msgs {
		text := r.message(s, m)
		n := utf8.RuneCountInString(text) + len("\n\n")
		// The first answer stays whatever its size: one that echoes a
		// comment-long rationale is split over two comments (the shell
		// does that), never dropped. Its words are the team's.
		first := !answered && m.Kind != strategy.MsgNotice
		if m.Kind == strategy.MsgSaveOutcome || first || used+n <= budget {
			kept = append(kept, text)
			used += n
			answered = answered || m.Kind != strategy.MsgNotice
			continue
		}
		left++
	}
	kept = append(kept, r.notice(strategy.Message{Kind: strategy.MsgNotice, Key: "error.answers-left-out", Args: []any{"count", strconv.Itoa(left)}}))
	return strings.TrimSpace(strings.Join(kept, "\n\n")+tail) + "\n"
}
