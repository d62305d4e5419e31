package comments

import (
	"time"

	"github.com/pipewright/pipewright/app/strategy"
)

// Engine converts a parsed command into the engine's command, with who sent
// it, when, and a stable id for idempotent effects.
func (c Command) Engine(id, actor string, at time.Time) strategy.Command {
	fields := make([]strategy.Field, 0, len(c.Fields))
	for _, f := range c.Fields {
		fields = append(fields, strategy.Field{Key: f.Key, Value: f.Value})
	}
	return strategy.Command{
		ID: id, Verb: string(c.Verb), Known: c.Known, Args: c.Args, Rest: c.Rest,
		Rationale: c.Rationale, Fields: fields, Actor: actor, At: at,
	}
}
