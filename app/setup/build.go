package setup

import (
	"context"
	"net"
	"net/http"
	"time"

	"github.com/rs/zerolog"

	"github.com/pipewright/pipewright/app/metrics"
	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/service"
)

// NeedsApp reports whether cfg lacks the App's identity, so serve must
// load the credentials file or run setup mode.
func NeedsApp(cfg server.Config) bool {
	return cfg.AppID == 0 && cfg.PrivateKey == "" && cfg.PrivateKeyPath == ""
}

// ServiceBuild builds the full service from cfg plus the new credentials.
func ServiceBuild(cfg server.Config, log zerolog.Logger, o service.Options) Build {
	return func(ctx context.Context, c Credentials) (Service, error) {
		full := cfg
		c.Apply(&full)
		s, err := service.New(ctx, full, log, o)
		if err != nil {
			return nil, err
		}
		return s, nil
	}
}

// Serve runs setup mode for cfg on ln: the registration page, then the
// full service with o once GitHub has created the App. The metrics
// registry is shared, so /metrics answers before and after (on ln, or on
// PIPEWRIGHT_METRICS_ADDR's listener when that is set).
func Serve(ctx context.Context, ln net.Listener, cfg server.Config, log zerolog.Logger, o service.Options) error {
	if o.Metrics == nil {
		o.Metrics = metrics.New()
	}
	if cfg.PublicURL == "" {
		log.Warn().Msg("PIPEWRIGHT_PUBLIC_URL is not set: the setup page uses the address it is opened with, which GitHub must be able to reach")
	}
	flow := &Flow{PublicURL: cfg.PublicURL, WebURL: cfg.WebURL, APIURL: cfg.APIURL, File: CredentialsPath(cfg),
		Client: &http.Client{Timeout: 30 * time.Second, Transport: o.Transport}, Log: log}
	var extra http.Handler
	if cfg.MetricsAddr == "" { // else serve runs /metrics on its own listener
		extra = o.Metrics.Handler()
	}
	return Run(ctx, ln, Options{Flow: flow, Extra: extra, DrainTimeout: service.DrainTimeout, Log: log, Limits: cfg.Limits},
		ServiceBuild(cfg, log, o))
}
