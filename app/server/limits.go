package server

import (
	"fmt"
	"net"
	"net/http"
	"strconv"
	"time"

	"golang.org/x/net/netutil"
)

// MaxBodyBytes is the default webhook body limit (2 MiB); larger bodies are
// answered 413. The only routed event is issue_comment, and its largest
// delivery carries two texts of at most 65,536 characters each (the comment
// and the body). In JSON the costliest character is one outside the
// Basic Multilingual Plane written as an escaped UTF-16 surrogate pair,
// "\ud83d\ude00": 12 bytes. 2 x 65,536 x 12 = 1,572,864 bytes (1.5 MiB);
// the rest of the delivery (repository, users, labels, a 256-character
// title, installation) is tens of KB in captured deliveries, and the other
// 0.5 MiB leaves room for it. GitHub itself sends non-ASCII as raw UTF-8
// and escapes only <, > and & (6 bytes each), so a real delivery stays
// under 0.8 MiB. GitHub's own cap, 25 MiB, was the limit before: twelve
// times the memory per request for nothing GitHub sends us.
const MaxBodyBytes = 2 << 20

// Limits bound what clients can make the server hold: body bytes (per
// request and in total), connections, header bytes, and how long a slow
// client keeps a connection. The zero value of each field means its
// default (DefaultLimits).
type Limits struct {
	// MaxBody is the webhook body limit (PIPEWRIGHT_WEBHOOK_MAX_BODY_BYTES).
	MaxBody int64 `yaml:"webhook_max_body_bytes"`
	// BodyBudget bounds the webhook body bytes held by all requests at once
	// (PIPEWRIGHT_WEBHOOK_BODY_BUDGET_BYTES); a request that would go over
	// it is answered 503 at once, and GitHub redelivers.
	BodyBudget int64 `yaml:"webhook_body_budget_bytes"`
	// MaxConnections bounds the open connections (PIPEWRIGHT_MAX_CONNECTIONS);
	// more wait in the kernel's accept queue until one closes.
	MaxConnections int `yaml:"max_connections"`
	// MaxHeaderBytes bounds a request's header (PIPEWRIGHT_MAX_HEADER_BYTES).
	MaxHeaderBytes int `yaml:"max_header_bytes"`
	// The http.Server timeouts (PIPEWRIGHT_READ_HEADER_TIMEOUT, …): a client
	// slower than these loses its connection, and its slot.
	ReadHeaderTimeout time.Duration `yaml:"read_header_timeout"`
	ReadTimeout       time.Duration `yaml:"read_timeout"`
	WriteTimeout      time.Duration `yaml:"write_timeout"`
	IdleTimeout       time.Duration `yaml:"idle_timeout"`
}

// DefaultLimits are sized for one replica with 256 MiB (deploy/k8s): at
// most 32 MiB of bodies, and 1,024 connections of ~20 KiB each at rest
// (16 KiB of header, Go's buffers and goroutine). GitHub gives a delivery
// 10 s, so a body read may take that long; a client that sends no header
// within 5 s, or no next request within 15 s, is disconnected.
func DefaultLimits() Limits {
	return Limits{
		MaxBody:           MaxBodyBytes,
		BodyBudget:        32 << 20,
		MaxConnections:    1024,
		MaxHeaderBytes:    16 << 10,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      20 * time.Second,
		IdleTimeout:       15 * time.Second,
	}
}

// WithDefaults fills the fields left zero.
func (l Limits) WithDefaults() Limits {
	d := DefaultLimits()
	orDefault(&l.MaxBody, d.MaxBody)
	orDefault(&l.BodyBudget, d.BodyBudget)
	orDefault(&l.MaxConnections, d.MaxConnections)
	orDefault(&l.MaxHeaderBytes, d.MaxHeaderBytes)
	orDefault(&l.ReadHeaderTimeout, d.ReadHeaderTimeout)
	orDefault(&l.ReadTimeout, d.ReadTimeout)
	orDefault(&l.WriteTimeout, d.WriteTimeout)
	orDefault(&l.IdleTimeout, d.IdleTimeout)
	return l
}

// limitValue is the type of a Limits field: a size, a count or a duration.
type limitValue interface{ ~int | ~int64 }

func orDefault[T limitValue](v *T, def T) {
	if *v <= 0 {
		*v = def
	}
}

// Server is an http.Server for h with these limits.
func (l Limits) Server(h http.Handler) *http.Server {
	l = l.WithDefaults()
	return &http.Server{
		Handler:           h,
		ReadHeaderTimeout: l.ReadHeaderTimeout,
		ReadTimeout:       l.ReadTimeout,
		WriteTimeout:      l.WriteTimeout,
		IdleTimeout:       l.IdleTimeout,
		MaxHeaderBytes:    l.MaxHeaderBytes,
	}
}

// Listener bounds ln's open connections. x/net's LimitListener waits for a
// free slot before it accepts, so the next connections queue in the kernel
// in arrival order: a slow client evicted by the timeouts above makes room
// for whoever connected first, not for the same client reconnecting.
func (l Limits) Listener(ln net.Listener) net.Listener {
	return netutil.LimitListener(ln, l.WithDefaults().MaxConnections)
}

// loadLimits reads the PIPEWRIGHT_* limits from the environment over l.
func loadLimits(l *Limits, getenv func(string) string) error {
	const (
		bytes    = "a number of bytes above 0"
		count    = "a number above 0"
		duration = "a duration above 0 such as 10s"
	)
	e := &envReader{getenv: getenv}
	fromEnv(e, "PIPEWRIGHT_WEBHOOK_MAX_BODY_BYTES", &l.MaxBody, parseInt64, bytes)
	fromEnv(e, "PIPEWRIGHT_WEBHOOK_BODY_BUDGET_BYTES", &l.BodyBudget, parseInt64, bytes)
	fromEnv(e, "PIPEWRIGHT_MAX_CONNECTIONS", &l.MaxConnections, strconv.Atoi, count)
	fromEnv(e, "PIPEWRIGHT_MAX_HEADER_BYTES", &l.MaxHeaderBytes, strconv.Atoi, count)
	fromEnv(e, "PIPEWRIGHT_READ_HEADER_TIMEOUT", &l.ReadHeaderTimeout, time.ParseDuration, duration)
	fromEnv(e, "PIPEWRIGHT_READ_TIMEOUT", &l.ReadTimeout, time.ParseDuration, duration)
	fromEnv(e, "PIPEWRIGHT_WRITE_TIMEOUT", &l.WriteTimeout, time.ParseDuration, duration)
	fromEnv(e, "PIPEWRIGHT_IDLE_TIMEOUT", &l.IdleTimeout, time.ParseDuration, duration)
	return e.err
}

// envReader keeps the first bad variable fromEnv met; the rest are skipped.
type envReader struct {
	getenv func(string) string
	err    error
}

// fromEnv sets *dst from the variable key, if it is set: parse must read
// it as a value above 0, which want describes for the error.
func fromEnv[T limitValue](e *envReader, key string, dst *T, parse func(string) (T, error), want string) {
	v := e.getenv(key)
	if e.err != nil || v == "" {
		return
	}
	n, err := parse(v)
	if err != nil || n <= 0 {
		e.err = fmt.Errorf("%s must be %s, got %q", key, want, v)
		return
	}
	*dst = n
}

func parseInt64(s string) (int64, error) { return strconv.ParseInt(s, 10, 64) }
