package sandbox

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net"
	"sync"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/service"
)

// ReplicaOptions shape a replica; the App, the webhook secret, the store
// and the stand-in GitHub are the sandbox's.
type ReplicaOptions struct {
	Log      io.Writer
	LogLevel string // "info" unless set
	Service  service.Options
	// DSN reaches the sandbox's database another way (e.g. through a
	// proxy a test can cut); "" is the sandbox's own.
	DSN string
}

// Replica is one more Pipewright on the same stand-in GitHub and the same
// store as its sandbox, with its own service (queue workers, GitHub clients,
// caches) and its own listener: a second replica behind a load balancer.
// Several replicas need a store they can share, i.e. PostgreSQL.
type Replica struct {
	HookURL string
	Service *service.Service

	sb     *Sandbox
	ln     *killableListener
	cancel context.CancelFunc
	done   chan error
}

// StartReplica starts another service with the sandbox's configuration.
func (s *Sandbox) StartReplica(ctx context.Context, o ReplicaOptions) (*Replica, error) {
	if o.Log == nil {
		o.Log = io.Discard
	}
	cfg := s.cfg
	if o.DSN != "" {
		cfg.DatabaseURL = o.DSN
	}
	svc, err := service.New(ctx, cfg, server.Logger(cmp.Or(o.LogLevel, "info"), "", o.Log), o.Service)
	if err != nil {
		return nil, fmt.Errorf("start replica: %w", err)
	}
	inner, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start replica: %w", err)
	}
	ln := &killableListener{Listener: inner, conns: map[net.Conn]bool{}}
	runCtx, cancel := context.WithCancel(context.Background())
	r := &Replica{HookURL: "http://" + ln.Addr().String() + server.WebhookPath, Service: svc, sb: s, ln: ln, cancel: cancel, done: make(chan error, 1)}
	go func() { r.done <- svc.Run(runCtx, ln) }()
	return r, nil
}

// Send posts one signed delivery to this replica, like Sandbox.Send.
func (r *Replica) Send(ctx context.Context, c delivery.Comment) (int, string, error) {
	return r.sb.sendTo(ctx, r.HookURL, c)
}

// Close drains and stops the replica; the sandbox keeps running.
func (r *Replica) Close() error {
	r.cancel()
	return <-r.done
}

// Kill closes the replica's webhook listener and every connection it
// accepted at once, as a SIGKILL would, and lets the rest of it stop in
// the background (Wait waits for that). Cutting its database and GitHub
// connections is the caller's part (see ReplicaOptions.DSN and
// service.Options.Transport): in-process, that is what makes it dead to
// the world rather than merely stopping.
func (r *Replica) Kill() {
	r.ln.kill()
	r.cancel()
}

// Wait returns once a killed or closed replica has stopped.
func (r *Replica) Wait() error { return <-r.done }

// killableListener closes its accepted connections too when killed.
type killableListener struct {
	net.Listener
	mu     sync.Mutex
	conns  map[net.Conn]bool
	killed bool
}

func (l *killableListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.killed {
		c.Close()
		return nil, net.ErrClosed
	}
	l.conns[c] = true
	return &trackedConn{Conn: c, l: l}, nil
}

func (l *killableListener) kill() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.killed = true
	l.Listener.Close()
	for c := range l.conns {
		c.Close()
	}
}

type trackedConn struct {
	net.Conn
	l    *killableListener
	once sync.Once
}

func (c *trackedConn) Close() error {
	c.once.Do(func() {
		c.l.mu.Lock()
		delete(c.l.conns, c.Conn)
		c.l.mu.Unlock()
	})
	return c.Conn.Close()
}
