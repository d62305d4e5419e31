// Package sandbox runs a whole Pipewright on loopback against the GitHub
// REST stand-in: the real service (store, durable queue, handlers, HTTP),
// real signed deliveries, a stand-in GitHub. `pipewright demo` and the
// end-to-end tests use it.
package sandbox

import (
	"cmp"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/service"
)

// Options shape a sandbox.
type Options struct {
	Dir        string // where the SQLite store lives (required unless DSN)
	DSN        string // a store DSN, e.g. postgres://...; default SQLite in Dir
	PathPrefix string // "/api/v3" plays GitHub Enterprise Server
	Log        io.Writer
	LogLevel   string // "info" unless set; "debug" traces each effect run
	Service    service.Options
}

// Sandbox is a running Pipewright with its stand-in GitHub.
type Sandbox struct {
	GitHub       *ghfake.Server
	APIURL       string
	HookURL      string
	Secret       string
	Installation int64
	Service      *service.Service

	client   *http.Client
	cfg      server.Config // what StartReplica gives another service
	closeGH  func()
	cancel   context.CancelFunc
	done     chan error
	delivery atomic.Int64
	comment  atomic.Int64
}

// Start builds the stand-in and the service and starts serving.
func Start(ctx context.Context, o Options) (*Sandbox, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	keyPEM := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})
	gh := ghfake.New(ghfake.WithPathPrefix(o.PathPrefix), ghfake.WithAppPublicKey(&key.PublicKey))
	apiURL, closeGH := gh.Start()
	s := &Sandbox{GitHub: gh, APIURL: apiURL, Secret: "It's a Secret to Everybody", Installation: 4242,
		client: &http.Client{Timeout: 30 * time.Second}, closeGH: closeGH, done: make(chan error, 1)}
	gh.AddInstallation(s.Installation, "acme")
	dsn := o.DSN
	if dsn == "" {
		dsn = filepath.Join(o.Dir, "pipewright.db")
	}
	cfg := server.Config{
		Addr: "127.0.0.1:0", DatabaseURL: dsn, AppID: gh.App().ID, PrivateKey: string(keyPEM),
		WebhookSecret: s.Secret, APIURL: apiURL, WebURL: strings.TrimSuffix(apiURL, "/"), AppSlug: gh.App().Slug,
	}
	if o.Log == nil {
		o.Log = io.Discard
	}
	svc, err := service.New(ctx, cfg, server.Logger(cmp.Or(o.LogLevel, "info"), "", o.Log), o.Service)
	if err != nil {
		closeGH()
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		closeGH()
		return nil, err
	}
	s.Service, s.cfg = svc, cfg
	s.HookURL = "http://" + ln.Addr().String() + server.WebhookPath
	runCtx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go func() { s.done <- svc.Run(runCtx, ln) }()
	return s, nil
}

// Close drains the service and stops the stand-in.
func (s *Sandbox) Close() error {
	s.cancel()
	err := <-s.done
	s.closeGH()
	return err
}

// Send posts one signed issue_comment delivery and returns the HTTP status.
// Missing ids are filled in: a fresh delivery id and comment id.
func (s *Sandbox) Send(ctx context.Context, c delivery.Comment) (int, string, error) {
	return s.sendTo(ctx, s.HookURL, c)
}

// sendTo is Send to a given webhook URL (the sandbox's or a replica's).
func (s *Sandbox) sendTo(ctx context.Context, hookURL string, c delivery.Comment) (int, string, error) {
	if c.CommentID == 0 {
		c.CommentID = 900000 + s.comment.Add(1)
	}
	if c.Installation == 0 {
		c.Installation = s.Installation
	}
	body, err := c.Payload()
	if err != nil {
		return 0, "", err
	}
	id := fmt.Sprintf("demo-%d-%d", time.Now().UnixNano(), s.delivery.Add(1))
	resp, err := delivery.Post(ctx, s.client, hookURL, "issue_comment", id, s.Secret, body)
	if err != nil {
		return 0, id, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, id, nil
}

// WaitIdle waits until every stored delivery is processed and every effect
// has run, or ctx ends. It polls the store, the source of truth.
func (s *Sandbox) WaitIdle(ctx context.Context) error {
	tick := time.NewTicker(5 * time.Millisecond)
	defer tick.Stop()
	for {
		sessions, sessionless, err := s.Service.Store().Backlog(ctx)
		if err != nil {
			return err
		}
		if len(sessions)+len(sessionless) == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("waiting for the queue to drain: %w", ctx.Err())
		case <-tick.C:
		}
	}
}
