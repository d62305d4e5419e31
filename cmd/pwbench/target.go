package main

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/service"
)

// target is the Pipewright under test: the real service on loopback, its
// store, and a stand-in GitHub it never needs for acknowledging.
type target struct {
	url    string
	secret string
	svc    *service.Service
	srv    *http.Server
	// cleanup undoes what startTarget made, in reverse order.
	cleanup []func()
}

func startTarget(ctx context.Context, o options) (t *target, err error) {
	t = &target{secret: "pwbench-secret"}
	defer func() {
		if err != nil {
			t.close()
		}
	}()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	gh := ghfake.New(ghfake.WithAppPublicKey(&key.PublicKey))
	apiURL, closeGH := gh.Start()
	t.cleanup = append(t.cleanup, closeGH)
	gh.AddInstallation(1, "Codertocat") // the payload's installation

	dsn, err := t.storeDSN(ctx, o)
	if err != nil {
		return nil, err
	}
	cfg := server.Config{
		Addr: "127.0.0.1:0", DatabaseURL: dsn, AppID: gh.App().ID, AppSlug: gh.App().Slug,
		PrivateKey:    string(pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})),
		WebhookSecret: t.secret, APIURL: apiURL, WebURL: strings.TrimSuffix(apiURL, "/"),
	}
	service.TuneGC(os.Getenv) // as "pipewright serve" does
	svc, err := service.New(ctx, cfg, server.Logger(o.logLevel, "", io.Discard), service.Options{})
	if err != nil {
		return nil, err
	}
	t.svc = svc
	t.cleanup = append(t.cleanup, func() {
		stop, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		svc.Stop(stop)
	})
	if o.workers {
		if err := svc.Start(ctx); err != nil {
			return nil, err
		}
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	// The service's own routes, timeouts and connection limit, served here
	// so that the queue's workers can stay paused (Service.Run would start them).
	t.srv = cfg.Limits.Server(svc.Handler())
	go func() { _ = t.srv.Serve(cfg.Limits.Listener(ln)) }()
	t.cleanup = append(t.cleanup, func() {
		stop, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		_ = t.srv.Shutdown(stop)
	})
	t.url = "http://" + ln.Addr().String() + server.WebhookPath
	return t, nil
}

// storeDSN makes a fresh store: a SQLite file in a new directory, or a new
// schema on the PostgreSQL server, removed when the run ends.
func (t *target) storeDSN(ctx context.Context, o options) (string, error) {
	if o.store == "sqlite" {
		dir := o.dir
		if dir == "" {
			d, err := os.MkdirTemp("", "pwbench-")
			if err != nil {
				return "", err
			}
			dir = d
			t.cleanup = append(t.cleanup, func() { os.RemoveAll(d) })
		}
		path := filepath.Join(dir, fmt.Sprintf("pwbench-%d.db", time.Now().UnixNano()))
		t.cleanup = append(t.cleanup, func() {
			for _, suffix := range []string{"", "-wal", "-shm"} {
				os.Remove(path + suffix)
			}
		})
		return path, nil
	}
	base := o.dsn
	for _, env := range []string{"PIPEWRIGHT_TEST_DATABASE_URL", "DATABASE_URL"} {
		if base == "" {
			base = os.Getenv(env)
		}
	}
	if base == "" {
		return "", errors.New("-store postgres needs -dsn or $PIPEWRIGHT_TEST_DATABASE_URL (eval \"$(bash .ci/pg-start.sh)\")")
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	schema := "pwbench_" + hex.EncodeToString(b)
	if err := pgExec(ctx, base, "CREATE SCHEMA "+schema); err != nil {
		return "", err
	}
	t.cleanup = append(t.cleanup, func() {
		if err := pgExec(context.Background(), base, "DROP SCHEMA "+schema+" CASCADE"); err != nil {
			fmt.Fprintln(os.Stderr, "pwbench: drop schema:", err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		return "", err
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

func pgExec(ctx context.Context, dsn, stmt string) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return fmt.Errorf("connect to postgres: %w", err)
	}
	defer conn.Close(context.Background())
	if _, err := conn.Exec(ctx, stmt); err != nil {
		return fmt.Errorf("%s: %w", stmt, err)
	}
	return nil
}

// stored counts the deliveries in the store: every one acknowledged must be.
func (t *target) stored(ctx context.Context) (int64, error) {
	const q = `SELECT COUNT(*) FROM pw_inbox`
	var n int64
	var err error
	if db := t.svc.Store().SQLDB(); db != nil {
		err = db.QueryRowContext(ctx, q).Scan(&n)
	} else {
		err = t.svc.Store().PGXPool().QueryRow(ctx, q).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("count stored deliveries: %w", err)
	}
	return n, nil
}

func (t *target) close() {
	for i := len(t.cleanup) - 1; i >= 0; i-- {
		t.cleanup[i]()
	}
	t.cleanup = nil
}

// commitStats reads the service's group-commit histograms: how many
// commits so far, how many deliveries they stored and how long they took.
func (t *target) commitStats() (commitStats, error) {
	fams, err := t.svc.Metrics().Registry().Gather()
	if err != nil {
		return commitStats{}, fmt.Errorf("read the service's metrics: %w", err)
	}
	var s commitStats
	for _, f := range fams {
		if len(f.GetMetric()) == 0 || f.GetMetric()[0].GetHistogram() == nil {
			continue
		}
		h := f.GetMetric()[0].GetHistogram()
		switch f.GetName() {
		case "pipewright_enqueue_group_commit_deliveries":
			s.commits, s.deliveries = h.GetSampleCount(), h.GetSampleSum()
		case "pipewright_enqueue_group_commit_seconds":
			s.seconds = h.GetSampleSum()
		}
	}
	return s, nil
}

type commitStats struct {
	commits    uint64
	deliveries float64
	seconds    float64
}

// during is what happened between an earlier reading and s.
func (s commitStats) during(before commitStats) commitStats {
	return commitStats{s.commits - before.commits, s.deliveries - before.deliveries, s.seconds - before.seconds}
}
