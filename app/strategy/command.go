package strategy

import (
	"time"

	"github.com/pipewright/pipewright/app/pipelinedoc"
)

// Command is one slash command as the engine sees it: already parsed out of
// a comment (package comments) or a terminal line, with who and when.
type Command struct {
	ID        string   // stable id (delivery id + index), for idempotent effects
	Verb      string   // "decide", "target", ... (lower-case, no slash)
	Known     bool     // false: an unknown /word
	Args      []string // words after the verb, before " -- "
	Rest      string   // the same words as one string
	Rationale string   // text after " -- " and plain lines under the command
	Fields    []Field  // "Key: value" lines under the command
	Actor     string   // GitHub login or local user name
	At        time.Time
}

// Field is a "Key: value" line under a command.
type Field struct{ Key, Value string }

// Env is what the shell knows when it applies a command: the document as it
// is now (for /start and anything that starts a session implicitly).
type Env struct {
	Doc    *pipelinedoc.Document // nil if it could not be read
	DocErr error                 // why it could not be read or used
	// Settings are the team's languages and skill level, when the shell
	// read them (with the document); the session keeps the last ones read.
	Settings Settings
	// Notices are said once, when a session starts: a setting that fell
	// back to English or intermediate.
	Notices []Message
}

// Message is one semantic part of a reply; package comments renders it.
type Message struct {
	Kind     MessageKind
	Key      string     // catalogue key for notices
	Args     []any      // name, value pairs for the notice
	Category CategoryID // the category concerned, if any
	Metric   MetricID   // the metric concerned, if any
	Err      error      // a document problem to show verbatim
	// Items are the method ids an A menu offers, in the order numbered.
	Items []string
	// Proposal is what A or P proposes, and Accepted the enhancements it
	// was made on: the reply shows the section's diff between the two.
	Proposal *Proposal
	Accepted []Enhancement
}

// MessageKind says how a message is rendered.
type MessageKind string

const (
	MsgNotice      MessageKind = "notice"       // a catalogue sentence
	MsgContext     MessageKind = "context"      // the "Load Context" block from step 3
	MsgDecision    MessageKind = "decision"     // the decision record of Category
	MsgAsk         MessageKind = "ask"          // the next category with its options
	MsgAskTargets  MessageKind = "ask-targets"  // the DORA targets still open, with tiers
	MsgTiers       MessageKind = "tiers"        // the tiers of one Metric
	MsgTarget      MessageKind = "target"       // a target was recorded
	MsgReview      MessageKind = "review"       // the section preview, the assessments and the A/P/C menu
	MsgMenu        MessageKind = "menu"         // the A/P/C menu alone
	MsgStatus      MessageKind = "status"       // where the session stands
	MsgHelp        MessageKind = "help"         // the command reference
	MsgSaveOutcome MessageKind = "save-outcome" // filled by the shell after the save
	MsgDocError    MessageKind = "doc-error"    // the document cannot be used
	MsgMethods     MessageKind = "methods"      // the A menu: elicitation methods by fit
	MsgElicit      MessageKind = "elicit"       // one method's questions, findings and proposal
	MsgParty       MessageKind = "party"        // the P review and its proposal
	MsgNextStep    MessageKind = "next-step"    // after the save: what step 5 checks and how to run it
	MsgBaseline    MessageKind = "baseline"     // the measured DORA baseline
)

// Effect is something the shell must do after Apply.
type Effect interface{ isEffect() }

// Reply answers the comment (or terminal line) that carried the commands.
type Reply struct{ Messages []Message }

// Save appends the rendered section to the document and records step 4.
type Save struct{ Revision int }

func (Reply) isEffect() {}
func (Save) isEffect()  {}
