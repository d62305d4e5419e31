package service

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/pipewright/pipewright/app/ghclient"
	"github.com/pipewright/pipewright/app/metrics"
	"github.com/pipewright/pipewright/app/store"
	"github.com/rs/zerolog"
)

// Pieces of Run, for a server that began in setup mode and builds the
// service only once the App's credentials arrive (see app/setup): it starts
// the workers, routes to Handler, and drains and stops the same way.

// Start runs the queue's workers (after sweeping the backlog). The workers
// outlive ctx: River would cancel running jobs the moment it ends, so the
// signal that ends ctx could not let them finish. Stop ends them, gently.
func (s *Service) Start(ctx context.Context) error {
	if err := s.queue.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("start queue: %w", err)
	}
	return nil
}

// Handler is the service's routes: the webhook, /healthz, /readyz, and
// /metrics unless PIPEWRIGHT_METRICS_ADDR moves it to a listener of its own.
func (s *Service) Handler() http.Handler { return s.http.Handler }

// Metrics is the service's registry.
func (s *Service) Metrics() *metrics.Metrics { return s.metrics }

// Drain turns readiness off; with wait, it then keeps serving for the
// configured DrainDelay so that load balancers stop sending first.
func (s *Service) Drain(wait bool) {
	s.health.Drain()
	s.log.Info().Dur("delay", s.drainDelay).Msg("draining: /readyz now answers 503")
	if wait && s.drainDelay > 0 {
		time.Sleep(s.drainDelay)
	}
}

// Stop lets running jobs finish until ctx ends (then hands them back to the
// queue) and closes the store. Stop HTTP first: a delivery still being
// answered needs the store.
func (s *Service) Stop(ctx context.Context) {
	if err := s.queue.Stop(ctx); err != nil {
		s.log.Warn().Err(err).Msg("queue stop")
	}
	if err := s.store.Close(); err != nil {
		s.log.Warn().Err(err).Msg("store close")
	}
	s.log.Info().Msg("pipewright stopped")
}

// shared keeps the pacing budget in the store: GitHub's secondary limits
// count per installation, so replicas on one PostgreSQL database must share
// one budget (three pacing alone would send 240 a minute), and a process
// restarted on SQLite must not begin with a fresh one.
func shared(o ghclient.Options, st *store.Store, log zerolog.Logger) ghclient.Options {
	if o.Pacer.Budget == nil {
		o.Pacer.Budget = st.PaceBudget()
	}
	o.Log = log.With().Str("component", "github").Logger()
	return o
}

// observed adds the metrics hooks to the GitHub middleware's options: each
// request by endpoint and status, and the pacer's waits.
func observed(o ghclient.Options, m *metrics.Metrics) ghclient.Options {
	if o.Observe == nil {
		o.Observe = m.GitHubRequest
	}
	if o.Pacer == nil {
		o.Pacer = ghclient.NewPacer()
	}
	if o.Pacer.Waited == nil {
		o.Pacer.Waited = m.SecondaryWait
	}
	if o.Pacer.Booked == nil {
		o.Pacer.Booked = m.PaceBooked
	}
	if o.Pacer.Deferred == nil {
		o.Pacer.Deferred = m.PaceDeferred
	}
	return o
}
