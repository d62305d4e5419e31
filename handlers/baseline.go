package handlers

import (
	"context"
	"slices"

	"github.com/google/go-github/v62/github"
	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/dora"
	"github.com/pipewright/pipewright/app/dora/ghsource"
	"github.com/pipewright/pipewright/app/strategy"
)

// measureBaseline runs the DORA baseline measurement the engine asked for
// (strategy.MeasureBaseline: the targets are shown for the first time, or
// /baseline) and keeps it in the session, so the reply rendered next shows
// it. Only GET requests, bounded by ghsource.DefaultMaxRequests; what could
// not be read is said in the baseline, never turned into a failure.
func (p *Processor) measureBaseline(ctx context.Context, gh *github.Client, e *commentEvent, cfg dora.Config, s strategy.Session, effects []strategy.Effect) strategy.Session {
	asked := slices.ContainsFunc(effects, func(eff strategy.Effect) bool {
		_, ok := eff.(strategy.MeasureBaseline)
		return ok
	})
	if !asked || !cfg.Enabled() {
		return s
	}
	now := p.now()
	in := ghsource.Read(ctx, gh, e.owner(), e.repo(), ghsource.OptionsFor(cfg, s.Stage3.Environments, now))
	b := dora.Measure(in, now)
	zerolog.Ctx(ctx).Info().Str("source", string(b.Source)).Int("deployments", b.Counts.Deployments).
		Int("notes", len(b.Notes)).Msg("DORA baseline measured")
	return strategy.RecordBaseline(s, b)
}
