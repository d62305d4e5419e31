// Package comments is the language of Pipewright's comments: it finds the
// slash commands in an issue or pull-request comment body (Parse), describes
// every command for /help and the docs (Registry), and renders replies.
//
// Parsing is pure: no I/O, no GitHub types, no knowledge of the options a
// command may name. The engine (app/strategy) resolves "blue green" to an
// option; this package only says which words followed /decide.
package comments

import "strings"

// Verb is a command name, lower-case, without the slash.
type Verb string

// The verbs Pipewright understands. Each is typed so a switch over a
// Command's Verb is checked by the compiler; each has a Spec in Registry.
const (
	VerbStart    Verb = "start"
	VerbDecide   Verb = "decide"
	VerbTarget   Verb = "target"
	VerbSkip     Verb = "skip"
	VerbStatus   Verb = "status"
	VerbHelp     Verb = "help"
	VerbMenu     Verb = "menu"
	VerbAccept   Verb = "accept"
	VerbReject   Verb = "reject"
	VerbCancel   Verb = "cancel"
	VerbElicit   Verb = "elicit"
	VerbTake     Verb = "take"
	VerbBaseline Verb = "baseline"
)

// Field is a "Key: value" line written under a command, such as
// "Triggers: error rate above 2% for 5 minutes" under /decide rollback hybrid.
// Key keeps the case it was written in; the engine matches it loosely.
type Field struct{ Key, Value string }

// Command is one slash command found in a comment body.
//
// For the body
//
//	/decide Blue Green -- we can afford the second stack
//	Mechanism: traffic shift
//	Cutover is done by the load balancer.
//
// Parse yields Verb "decide", Known true, Args ["Blue" "Green"],
// Rest "Blue Green", Rationale "we can afford the second stack\nCutover is
// done by the load balancer.", Fields [{Mechanism traffic shift}], Line 1.
type Command struct {
	Verb Verb
	// Known is false when the line looked like a command (/word) but the
	// verb is not registered, so the engine can answer with the help.
	Known bool
	// Args are the words after the verb on the command line, up to the
	// " -- " separator, in their original case.
	Args []string
	// Rest is the raw text after the verb up to " -- ", trimmed, with its
	// inner spacing kept ("lead-time less than one day").
	Rest string
	// Rationale is the text after " -- " on the command line followed by
	// the plain lines under the command, joined with "\n" (a blank line
	// between paragraphs is kept as one), trimmed. Field lines are excluded.
	Rationale string
	// Fields are the "Key: value" lines under the command, in order.
	Fields []Field
	// Line is the 1-based line of the command in the body.
	Line int
	// Raw is the command line as written, without its line ending.
	Raw string
}

// FieldValue returns the value of the first field whose key matches key,
// ignoring case and surrounding spaces ("rollback criteria" finds
// "Rollback Criteria: ...").
func (c Command) FieldValue(key string) (string, bool) {
	key = strings.TrimSpace(key)
	for _, f := range c.Fields {
		if strings.EqualFold(f.Key, key) {
			return f.Value, true
		}
	}
	return "", false
}

// IsKnown reports whether v is a registered verb. It is what Parse uses to
// set Command.Known, without copying the Spec.
func (v Verb) IsKnown() bool {
	_, ok := specIndex[v]
	return ok
}
