package comments

import (
	"strings"

	"github.com/pipewright/pipewright/app/i18n"
	"github.com/pipewright/pipewright/app/strategy"
)

// BMAD users answer the seed's questions as they would in their IDE:
// "y" to "Accept these enhancements…? (y/n)", "C" at the A/P/C menu. Such
// an answer is a comment that is that one word and nothing else (a
// rationale may follow " -- "), and it counts only while the session asks
// that question; otherwise it is ordinary discussion and nothing happens.

// Answer is a comment, or a terminal line, that is only a bare answer.
type Answer struct {
	// Word is "y" or "n" for the seed's yes and no in any shipped
	// language, or "a", "p" or "c" for a menu letter.
	Word      string
	Rationale string
	Line      int    // 1-based line of the word in the body
	Raw       string // the line as written
}

// ParseAnswer reads a body whose only visible words are one answer. Block
// quotes and HTML comments do not count (a reply may quote the question);
// any other visible line does, so "C" among other text is no answer.
func ParseAnswer(body string) (Answer, bool) {
	var sc scanner
	var found Answer
	seen := false
	for n, more := 1, true; more; n++ {
		var line string
		line, body, more = cutLine(body)
		l := sc.scan(line)
		switch l.kind {
		case lineIgnored, lineBlank:
			continue
		case lineText:
			if seen {
				return Answer{}, false
			}
			word, why := splitRationale(l.text)
			w, ok := answerWord(word)
			if !ok {
				return Answer{}, false
			}
			found, seen = Answer{Word: w, Rationale: why, Line: n, Raw: line}, true
		default:
			return Answer{}, false
		}
	}
	return found, seen
}

// answerWord reads "y", "Oui", "[C]" or "c." as the answer it is.
func answerWord(word string) (string, bool) {
	w := strings.TrimRight(strings.TrimSpace(word), ".!。！")
	if strings.HasPrefix(w, "[") && strings.HasSuffix(w, "]") {
		w = w[1 : len(w)-1]
	}
	switch strings.ToLower(w) {
	case "a", "p", "c":
		return strings.ToLower(w), true
	}
	if yes, ok := i18n.YesNo(w); ok {
		if yes {
			return "y", true
		}
		return "n", true
	}
	return "", false
}

// Command is the command an answer stands for in session s, with that
// command's permissions: y and n are /accept and /reject while a proposal
// waits for them, a letter is /menu <letter> while the A/P/C menu is the
// open question. ok is false when s asks no such question.
func (a Answer) Command(s *strategy.Session) (Command, bool) {
	cmd := Command{Known: true, Rationale: a.Rationale, Line: a.Line, Raw: a.Raw}
	switch {
	case (a.Word == "y" || a.Word == "n") && s.AwaitsAnswer():
		cmd.Verb = VerbAccept
		if a.Word == "n" {
			cmd.Verb = VerbReject
		}
	case (a.Word == "a" || a.Word == "p" || a.Word == "c") && s.AwaitsMenu():
		letter := strings.ToUpper(a.Word)
		cmd.Verb, cmd.Args, cmd.Rest = VerbMenu, []string{letter}, letter
	default:
		return Command{}, false
	}
	return cmd, true
}

// Commands returns the commands of a comment on session s: those Parse
// finds, or when it finds none, the command a bare answer stands for.
func Commands(body string, s *strategy.Session) []Command {
	if cmds := Parse(body); len(cmds) > 0 {
		return cmds
	}
	if a, ok := ParseAnswer(body); ok {
		if cmd, ok := a.Command(s); ok {
			return []Command{cmd}
		}
	}
	return nil
}
