package comments

import (
	"slices"
	"strings"
)

// Spec describes one command for /help and the docs. As in Prow's plugins,
// the command's help lives next to its name, so /help is generated from this
// table and never maintained by hand.
//
// Usage and Examples are literal: commands are never translated. The
// description is user-facing text, so it is named by DescriptionKey in the
// message catalogue (app/i18n); Description is the English default, kept
// here so the registry reads on its own and tests can check the catalogue
// carries every key.
type Spec struct {
	Verb           Verb
	Usage          string // "/decide [category] <option|number> [-- rationale]"
	DescriptionKey string // catalogue key: "cmd.decide.description"
	Description    string // one English sentence, the catalogue's default
	Examples       []string
	// NeedsWrite is true for commands that change the session: the
	// commenter needs write, maintain or admin permission on the repository.
	NeedsWrite bool
}

// Describe returns the description in the catalogue's language when lookup
// knows DescriptionKey, and the English default otherwise. lookup is
// typically a closure over a catalogue's messages.
func (s Spec) Describe(lookup func(key string) (string, bool)) string {
	if lookup != nil {
		if msg, ok := lookup(s.DescriptionKey); ok && strings.TrimSpace(msg) != "" {
			return msg
		}
	}
	return s.Description
}

// specs is the registry in display order: how a session starts, the commands
// used while deciding, the A/P/C review, then the ones that only read.
var specs = withKeys([]Spec{
	{Verb: VerbStart, Usage: "/start",
		Description: "Start facilitating Step 4 (Deployment Strategy) for this repository's pipeline.md; during a session, re-read the team's settings and deciders.",
		Examples:    []string{"/start"}, NeedsWrite: true},
	{Verb: VerbDecide, Usage: "/decide [category] <option|number> [-- rationale]",
		Description: "Record a decision for the current category, or for the named one, by option name or number, with an optional rationale.",
		Examples: []string{
			"/decide canary -- we have good metrics",
			"/decide rollback hybrid",
			"/decide 2",
		}, NeedsWrite: true},
	{Verb: VerbTarget, Usage: "/target <metric> <text>",
		Description: "Set a DORA target: deployment frequency, lead time, change failure rate or mean time to recovery.",
		Examples: []string{
			"/target lead-time less than one day",
			"/target deployment-frequency on demand",
		}, NeedsWrite: true},
	{Verb: VerbBaseline, Usage: "/baseline",
		Description: "Measure the repository's DORA baseline again from its GitHub history (deployments or releases, merged pull requests, reverts, incident issues) and show it beside the targets.",
		Examples:    []string{"/baseline"}, NeedsWrite: true},
	{Verb: VerbSkip, Usage: "/skip [-- reason]",
		Description: "Skip the current category, for example multi-region when a single region is enough.",
		Examples:    []string{"/skip -- we run in one region"}, NeedsWrite: true},
	{Verb: VerbTake, Usage: "/take [category] [sub-decision, ...]",
		Description: "Take the suggested answers shown for open sub-decisions as the team's own (all of them, one category's, or the ones named), never replacing an answer the team wrote; what nobody answers or takes is saved as not decided yet.",
		Examples:    []string{"/take", "/take rollback", "/take rollback mechanism, testing"}, NeedsWrite: true},
	{Verb: VerbMenu, Usage: "/menu [A [all|more]|P|C]",
		Description: "Show the A/P/C menu, or choose Advanced elicitation (A: the five methods that fit best; all lists every method, more the next five), Party mode (P) or Continue and save (C); after a decision, A and P work on that decision and C goes on to the next category; while the menu is the open question, a comment that is only `A`, `P` or `C` chooses it.",
		Examples:    []string{"/menu", "/menu A", "/menu A more", "/menu A all", "/menu P", "/menu C"}, NeedsWrite: true},
	{Verb: VerbElicit, Usage: "/elicit <n|method|all|more> [-- answers]",
		Description: "Run elicitation method n of the list last shown, or one by name, on the strategy with every accepted change; lines under it are the team's answers.",
		Examples:    []string{"/elicit 3", "/elicit pre-mortem -- we would see it in checkout errors first", "/elicit more"}, NeedsWrite: true},
	{Verb: VerbAccept, Usage: "/accept [-- more answers]",
		Description: "Accept the changes proposed by advanced elicitation or party mode; lines under it join them in the team's words; while a proposal waits, a comment that is only `y` (or yes in a shipped language) does the same.",
		Examples:    []string{"/accept", "/accept -- the runbook lives in the service repository"}, NeedsWrite: true},
	{Verb: VerbReject, Usage: "/reject",
		Description: "Reject the proposed changes and keep the section exactly as it was; while a proposal waits, a comment that is only `n` (or no in a shipped language) does the same.",
		Examples:    []string{"/reject"}, NeedsWrite: true},
	{Verb: VerbCancel, Usage: "/cancel",
		Description: "Cancel the Step 4 session without changing pipeline.md.",
		Examples:    []string{"/cancel"}, NeedsWrite: true},
	{Verb: VerbStatus, Usage: "/status",
		Description: "Show the decisions and targets recorded so far and what is still open.",
		Examples:    []string{"/status"}},
	{Verb: VerbHelp, Usage: "/help",
		Description: "List the commands Pipewright understands.",
		Examples:    []string{"/help"}},
})

// withKeys names each description in the catalogue after its verb, so the
// key cannot drift from the command.
func withKeys(specs []Spec) []Spec {
	for i := range specs {
		specs[i].DescriptionKey = "cmd." + string(specs[i].Verb) + ".description"
	}
	return specs
}

// specIndex finds a Spec by verb; built once because Parse asks for every
// command line it sees.
var specIndex = func() map[Verb]int {
	idx := make(map[Verb]int, len(specs))
	for i, s := range specs {
		idx[s.Verb] = i
	}
	return idx
}()

// Registry returns every command's Spec in display order. The result is a
// copy: callers may change it without changing the registry.
func Registry() []Spec {
	out := make([]Spec, len(specs))
	for i, s := range specs {
		out[i] = cloneSpec(s)
	}
	return out
}

// Lookup returns the Spec of v. The verb is matched without regard to case
// or a leading slash, so "/Decide" finds decide.
func Lookup(v Verb) (Spec, bool) {
	v = Verb(strings.ToLower(strings.TrimPrefix(strings.TrimSpace(string(v)), "/")))
	i, ok := specIndex[v]
	if !ok {
		return Spec{}, false
	}
	return cloneSpec(specs[i]), true
}

func cloneSpec(s Spec) Spec {
	s.Examples = slices.Clone(s.Examples)
	return s
}
