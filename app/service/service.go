// Package service is Pipewright's composition root: it wires the store,
// the durable queue, the GitHub client and the handlers into one HTTP
// service. serve, demo and the end-to-end tests all run it.
package service

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"time"

	"github.com/palantir/go-githubapp/githubapp"
	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/ghclient"
	"github.com/pipewright/pipewright/app/metrics"
	"github.com/pipewright/pipewright/app/queue"
	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/strategy"
	"github.com/pipewright/pipewright/comments"
	"github.com/pipewright/pipewright/handlers"
)

// Service is one running Pipewright: store, queue, processor and HTTP.
type Service struct {
	cfg    server.Config
	log    zerolog.Logger
	store  *store.Store
	queue  *queue.Queue
	proc   *handlers.Processor
	health *server.Health
	http   *http.Server
	// metrics is the service's registry, served at /metrics.
	metrics    *metrics.Metrics
	drainDelay time.Duration
}

// DrainTimeout bounds graceful shutdown: in-flight requests and jobs get
// this long, then unfinished jobs are handed back for another replica.
const DrainTimeout = 20 * time.Second

// Options adjust a Service for tests and the demo.
type Options struct {
	// Transport replaces the HTTP transport to GitHub (nil: the default).
	Transport http.RoundTripper
	// QueueOptions tune the durable queue.
	QueueOptions []queue.Option
	// GitHub tunes the GitHub middleware (retries, pacing).
	GitHub ghclient.Options
	// GiveUpAfter bounds retries of a failing command or effect (0: the default).
	GiveUpAfter time.Duration
	// AttemptTimeout and SettleMargin bound a reply request and when its
	// outcome can be read back (0: handlers' defaults); tests shorten them.
	AttemptTimeout, SettleMargin time.Duration
	// Metrics records the service's measurements (nil: a registry of its
	// own). serve passes the one its setup page already serves.
	Metrics *metrics.Metrics
	// DrainDelay keeps serving, unready, this long after the stop signal,
	// so load balancers polling /readyz stop sending first.
	DrainDelay time.Duration
	// Engine replaces the Step 4 engine (nil: strategy.ApplyAll); tests
	// use it to make the core fail.
	Engine func(strategy.Session, []strategy.Command, strategy.Env) (strategy.Session, []strategy.Effect)
}

// New builds a Service from configuration; Run starts it.
func New(ctx context.Context, cfg server.Config, log zerolog.Logger, o Options) (*Service, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	gcfg, err := cfg.GitHubApp()
	if err != nil {
		return nil, err
	}
	dsn := cfg.DatabaseURL
	if dsn == "" {
		dsn = "pipewright.db"
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	m := o.Metrics
	if m == nil {
		m = metrics.New()
	}
	opts := []githubapp.ClientOption{
		githubapp.WithClientUserAgent("pipewright"),
		githubapp.WithClientTimeout(30 * time.Second),
		githubapp.WithClientMiddleware(githubapp.ClientMetrics(m.GitHubRegistry())),
	}
	// ghclient goes below go-githubapp's middleware, as the transport:
	// client middleware runs before ghinstallation adds the installation's
	// token, and the pacer keys its buckets by that token. Above it, every
	// installation shared one bucket (80 writes a minute for the whole App).
	base := o.Transport
	if base == nil {
		base = http.DefaultTransport
	}
	// The fence is the innermost step: a drain's write leaves only after
	// pacing, and only while the drain still holds its session.
	opts = append(opts, githubapp.WithTransport(ghclient.Middleware(shared(observed(o.GitHub, m), st, log))(handlers.FenceTransport(base))))
	cc, err := githubapp.NewDefaultCachingClientCreator(gcfg, opts...)
	if err != nil {
		st.Close()
		return nil, fmt.Errorf("github client: %w", err)
	}
	proc := &handlers.Processor{
		Store: st, Clients: cc, AppID: cfg.AppID, BotLogin: botLogin(cfg.AppSlug),
		Perms: &handlers.PermissionCache{TTL: handlers.DefaultPermissionTTL}, Versions: &handlers.VersionCache{TTL: 6 * time.Hour},
		Render: comments.English(), Observe: m, GiveUpAfter: o.GiveUpAfter, Engine: o.Engine,
		AttemptTimeout: o.AttemptTimeout, SettleMargin: o.SettleMargin,
	}
	q, err := queue.New(st, proc, append([]queue.Option{queue.WithLogger(log), queue.WithCommitObserver(m.GroupCommit)}, o.QueueOptions...)...)
	if err != nil {
		st.Close()
		return nil, err
	}
	health := &server.Health{Ping: st.Ping}
	hook := server.ObservedWebhookHandler(m, cfg.Limits, cfg.WebhookSecret, q, handlers.SessionKey, "issue_comment")
	mux := server.Mux(withLogger(hook, log), health)
	if cfg.MetricsAddr == "" {
		// Otherwise serve runs /metrics on its own listener, off the
		// public one (server.MetricsServer).
		mux.Handle("/metrics", m.Handler())
	}
	m.WatchQueue(st)
	return &Service{
		cfg: cfg, log: log, store: st, queue: q, proc: proc, health: health, metrics: m, drainDelay: o.DrainDelay,
		http: cfg.Limits.Server(mux),
	}, nil
}

func botLogin(slug string) string {
	if slug == "" {
		return ""
	}
	return slug + "[bot]"
}

// withLogger puts the process logger in each request's context; the webhook
// route logs with it, naming the event type and delivery id per line.
func withLogger(next http.Handler, log zerolog.Logger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(w, r.WithContext(log.WithContext(r.Context())))
	})
}

// Store is the service's store (for tests and tools).
func (s *Service) Store() *store.Store { return s.store }

// Processor is the service's delivery processor.
func (s *Service) Processor() *handlers.Processor { return s.proc }

// Run serves on ln until ctx ends, then drains: readiness off, no new
// requests, running jobs finish or are handed back, within DrainTimeout.
func (s *Service) Run(ctx context.Context, ln net.Listener) error {
	if err := s.Start(ctx); err != nil {
		return err
	}
	errc := make(chan error, 1)
	go func() { errc <- s.http.Serve(s.cfg.Limits.Listener(ln)) }()
	s.log.Info().Str("addr", ln.Addr().String()).Msg("pipewright serving")
	var serveErr error
	select {
	case <-ctx.Done():
	case serveErr = <-errc:
	}
	s.Drain(serveErr == nil)
	shutdownCtx, cancel := context.WithTimeout(context.Background(), DrainTimeout)
	defer cancel()
	if err := s.http.Shutdown(shutdownCtx); err != nil {
		s.log.Warn().Err(err).Msg("http shutdown")
	}
	s.Stop(shutdownCtx)
	if serveErr != nil && !errors.Is(serveErr, http.ErrServerClosed) {
		return serveErr
	}
	return nil
}
