package handlers

import "github.com/pipewright/pipewright/comments"

// Observer hears what the processor does, for metrics (app/metrics
// implements it). Processor.Observe may be nil.
type Observer interface {
	// Command counts one command of a comment once its session update is
	// committed: kind is the canonical verb ("unknown" for an unregistered
	// /word), outcome "applied" or "denied" (no write permission).
	Command(kind, outcome string)
	// SaveConflict counts a save that met a newer commit and re-applied.
	SaveConflict()
	// InternalError counts a comment skipped because handling it panicked.
	InternalError()
}

type nopObserver struct{}

func (nopObserver) Command(string, string) {}
func (nopObserver) SaveConflict()          {}
func (nopObserver) InternalError()         {}

func (p *Processor) observer() Observer {
	if p.Observe == nil {
		return nopObserver{}
	}
	return p.Observe
}

// commandOutcome is one command's kind and outcome, reported after commit.
type commandOutcome struct{ kind, outcome string }

func commandKind(c comments.Command) string {
	if spec, ok := comments.Lookup(c.Verb); ok {
		return string(spec.Verb)
	}
	return "unknown"
}

func (p *Processor) reportCommands(outs []commandOutcome) {
	for _, o := range outs {
		p.observer().Command(o.kind, o.outcome)
	}
}
