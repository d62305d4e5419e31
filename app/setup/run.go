package setup

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/server"
)

// Service is the full Pipewright service as setup mode needs it
// (*service.Service implements it).
type Service interface {
	Start(ctx context.Context) error
	Handler() http.Handler
	Drain(wait bool)
	Stop(ctx context.Context)
}

// Build makes the full service once credentials exist.
type Build func(ctx context.Context, c Credentials) (Service, error)

// Switch is an http.Handler whose routes change at run time: setup mode's
// first, then the full service's, with no restart and no request lost.
type Switch struct{ h atomic.Pointer[http.Handler] }

// NewSwitch starts with h.
func NewSwitch(h http.Handler) *Switch {
	s := &Switch{}
	s.Swap(h)
	return s
}

// Swap routes every later request to h.
func (s *Switch) Swap(h http.Handler) { s.h.Store(&h) }

func (s *Switch) ServeHTTP(w http.ResponseWriter, r *http.Request) { (*s.h.Load()).ServeHTTP(w, r) }

// Handler is setup mode's routes: the page at /, the callback, 503 on the
// webhook route, /healthz and /readyz (ready: the page must be reachable).
func Handler(f *Flow) http.Handler { return routes(f, &server.Health{}, nil) }

func routes(f *Flow, health *server.Health, metrics http.Handler) http.Handler {
	mux := server.Mux(http.HandlerFunc(notConfigured), health)
	mux.HandleFunc("/", f.page)
	mux.HandleFunc(CallbackPath, f.callback)
	if metrics != nil {
		mux.Handle("/metrics", metrics)
	}
	return mux
}

// Options are setup mode's settings.
type Options struct {
	Flow         *Flow         // the page and callback; its Configured is set by Run
	Extra        http.Handler  // served at /metrics in setup mode (nil: none)
	DrainTimeout time.Duration // as service.DrainTimeout
	Log          zerolog.Logger
	Limits       server.Limits // timeouts and connection limit, as the service's
}

// callbackWrite is the least write timeout in setup mode: the callback
// answers only after GitHub's code exchange (up to 30 s) and the service's
// start.
const callbackWrite = time.Minute

// Run serves setup mode on ln until ctx ends; once the flow has
// credentials it builds the service with build, starts it and routes to
// it. Shutdown is the service's: readiness off, listener closed, workers
// drained within DrainTimeout.
func Run(ctx context.Context, ln net.Listener, o Options, build Build) error {
	health := &server.Health{}
	sw := NewSwitch(routes(o.Flow, health, o.Extra))
	var (
		mu      sync.Mutex
		svc     Service
		stopped bool
	)
	o.Flow.Configured = func(bctx context.Context, c Credentials) error {
		mu.Lock()
		defer mu.Unlock()
		if svc != nil || stopped {
			return errors.New("already configured, or shutting down")
		}
		s, err := build(bctx, c)
		if err != nil {
			return err
		}
		if err := s.Start(context.WithoutCancel(ctx)); err != nil {
			s.Stop(bctx)
			return fmt.Errorf("start: %w", err)
		}
		svc = s
		sw.Swap(s.Handler())
		return nil
	}
	limits := o.Limits.WithDefaults()
	limits.WriteTimeout = max(limits.WriteTimeout, callbackWrite)
	srv := limits.Server(sw)
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(limits.Listener(ln)) }()
	o.Log.Info().Str("addr", ln.Addr().String()).Msg("pipewright in setup mode: open the page at / to register the GitHub App")
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	mu.Lock()
	running := svc
	stopped = true
	mu.Unlock()
	health.Drain()
	if running != nil {
		running.Drain(serveErr == nil)
	}
	shutdownCtx, cancel := context.WithTimeout(context.Background(), o.DrainTimeout)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		o.Log.Warn().Err(err).Msg("http shutdown")
	}
	if running != nil {
		running.Stop(shutdownCtx)
	}
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return nil
}
