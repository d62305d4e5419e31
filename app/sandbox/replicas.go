package sandbox

import (
	"context"
	"fmt"
	"io"
	"net"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/service"
)

// ReplicaOptions shape a replica; the App, the webhook secret, the store
// and the stand-in GitHub are the sandbox's.
type ReplicaOptions struct {
	Log     io.Writer
	Service service.Options
}

// Replica is one more Pipewright on the same stand-in GitHub and the same
// store as its sandbox, with its own service (queue workers, GitHub clients,
// caches) and its own listener: a second replica behind a load balancer.
// Several replicas need a store they can share, i.e. PostgreSQL.
type Replica struct {
	HookURL string
	Service *service.Service

	sb     *Sandbox
	cancel context.CancelFunc
	done   chan error
}

// StartReplica starts another service with the sandbox's configuration.
func (s *Sandbox) StartReplica(ctx context.Context, o ReplicaOptions) (*Replica, error) {
	if o.Log == nil {
		o.Log = io.Discard
	}
	svc, err := service.New(ctx, s.cfg, server.Logger("info", "", o.Log), o.Service)
	if err != nil {
		return nil, fmt.Errorf("start replica: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("start replica: %w", err)
	}
	runCtx, cancel := context.WithCancel(context.Background())
	r := &Replica{HookURL: "http://" + ln.Addr().String() + server.WebhookPath, Service: svc, sb: s, cancel: cancel, done: make(chan error, 1)}
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
