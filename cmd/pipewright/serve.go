package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"net"
	"os"

	"github.com/pipewright/pipewright/app/metrics"
	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/service"
	"github.com/pipewright/pipewright/app/setup"
	"github.com/pipewright/pipewright/app/store"
)

func runServe(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("serve", flag.ContinueOnError)
	if err := fl.Parse(args); err != nil {
		return err
	}
	cfg, err := server.LoadConfig(os.Getenv)
	if err != nil {
		return err
	}
	log := server.Logger(cfg.LogLevel, cfg.LogFormat, os.Stderr)
	if pct, changed := service.TuneGC(os.Getenv); changed {
		log.Debug().Int("gc_percent", pct).Msg("garbage collector target set (GOGC overrides)")
	}
	opts := service.Options{DrainDelay: cfg.DrainDelay, Metrics: metrics.New()}
	setupMode := false
	if setup.NeedsApp(cfg) {
		// No App in the environment: the one the setup page registered, or
		// the setup page itself.
		creds, err := setup.LoadCredentials(setup.CredentialsPath(cfg))
		switch {
		case err == nil:
			creds.Apply(&cfg)
			log.Info().Int64("app_id", creds.ID).Str("file", setup.CredentialsPath(cfg)).Msg("GitHub App credentials loaded")
		case errors.Is(err, fs.ErrNotExist):
			setupMode = true
		default:
			return err
		}
	}
	var svc *service.Service
	if !setupMode {
		if svc, err = service.New(ctx, cfg, log, opts); err != nil {
			return err
		}
		if procs, changed := service.TuneProcs(os.Getenv, svc.Store().Dialect()); changed {
			log.Debug().Int("gomaxprocs", procs).Msg("one scheduler processor more than CPUs for SQLite's commits (GOMAXPROCS overrides)")
		}
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	if cfg.MetricsAddr != "" {
		stop, err := serveMetrics(ctx, cfg, opts.Metrics)
		if err != nil {
			ln.Close()
			return err
		}
		defer stop()
		log.Info().Str("addr", cfg.MetricsAddr).Msg("metrics served on their own listener")
	}
	if setupMode {
		return setup.Serve(ctx, ln, cfg, log, opts)
	}
	return svc.Run(ctx, ln)
}

// serveMetrics serves /metrics on PIPEWRIGHT_METRICS_ADDR until stop is
// called, which waits for it to end.
func serveMetrics(ctx context.Context, cfg server.Config, m *metrics.Metrics) (stop func(), err error) {
	ln, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		return nil, fmt.Errorf("listen on %s (PIPEWRIGHT_METRICS_ADDR): %w", cfg.MetricsAddr, err)
	}
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = server.ServeMetrics(ctx, ln, m.Handler(), cfg.Limits)
	}()
	return func() { cancel(); <-done }, nil
}

func runMigrate(ctx context.Context, args []string) error {
	fl := flag.NewFlagSet("migrate", flag.ContinueOnError)
	dsn := fl.String("db", os.Getenv("DATABASE_URL"), "store: SQLite file or postgres:// URL (default $DATABASE_URL, else pipewright.db)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *dsn == "" {
		*dsn = "pipewright.db"
	}
	st, err := store.Open(ctx, *dsn) // Open migrates
	if err != nil {
		return err
	}
	defer st.Close()
	if err := st.Migrate(ctx); err != nil {
		return err
	}
	fmt.Println("migrations applied to", st.Dialect(), "store")
	return nil
}
