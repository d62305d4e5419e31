package server_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/server"
)

// serveLimited runs h behind l's http.Server and connection limit on
// loopback, as the service does, and returns its address.
func serveLimited(t *testing.T, l server.Limits, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := l.Server(h)
	go func() { _ = srv.Serve(l.Listener(ln)) }()
	t.Cleanup(func() { _ = srv.Close() })
	return ln.Addr().String()
}

// postSigned sends the captured delivery, signed, and returns the status.
func postSigned(t *testing.T, ctx context.Context, addr, id string, payload []byte) (int, http.Header) {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := delivery.Post(ctx, client, "http://"+addr+server.WebhookPath, "issue_comment", id, benchSecret, payload)
	if err != nil {
		t.Fatalf("delivery %s: %v", id, err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Header
}

// slowloris keeps n connections to addr open, reopening each as soon as
// the server drops it. Half trickle a header one byte at a time, half send
// a webhook's headers announcing 1 MiB and then trickle the body. It
// returns how many connections the server dropped, once stop is called.
func slowloris(t *testing.T, addr string, n int) (stop func() int64) {
	var (
		dropped atomic.Int64
		done    = make(chan struct{})
		wg      sync.WaitGroup
	)
	trickle := func(c net.Conn, header string) {
		if header != "" {
			if _, err := io.WriteString(c, header); err != nil {
				return
			}
		}
		tick := time.NewTicker(20 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
			}
			if _, err := c.Write([]byte("x")); err != nil {
				dropped.Add(1)
				return
			}
		}
	}
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case <-done:
					return
				default:
				}
				c, err := net.Dial("tcp", addr)
				if err != nil {
					continue
				}
				header := ""
				if i%2 == 1 {
					header = fmt.Sprintf("POST %s HTTP/1.1\r\nHost: pipewright\r\nContent-Type: application/json\r\n"+
						"X-GitHub-Event: issue_comment\r\nX-GitHub-Delivery: slow\r\nX-Hub-Signature-256: sha256=00\r\n"+
						"Content-Length: %d\r\n\r\n", server.WebhookPath, 1<<20)
				} else {
					header = "POST " + server.WebhookPath + " HTTP/1.1\r\nX-Slow: "
				}
				trickle(c, header)
				c.Close()
			}
		}()
	}
	return func() int64 {
		close(done)
		wg.Wait()
		return dropped.Load()
	}
}

// Slow clients, idle or sending a byte at a time, more of them than the
// server takes connections, and reconnecting as soon as they are dropped:
// signed deliveries are still answered 200, because the timeouts evict the
// slow ones and the connections waiting are accepted in arrival order.
func TestSlowClientsDoNotStopSignedDeliveries(t *testing.T) {
	l := server.Limits{MaxConnections: 4, ReadHeaderTimeout: 200 * time.Millisecond, ReadTimeout: 400 * time.Millisecond,
		IdleTimeout: 200 * time.Millisecond, WriteTimeout: 5 * time.Second}
	q := &memQueue{}
	addr := serveLimited(t, l, server.LimitedWebhookHandler(l, benchSecret, q, keyOf, "issue_comment"))
	stop := slowloris(t, addr, 2*l.MaxConnections)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	payload := commentFixture(t)
	const deliveries = 5
	for i := range deliveries {
		if status, _ := postSigned(t, ctx, addr, fmt.Sprintf("d-%d", i), payload); status != http.StatusOK {
			t.Errorf("delivery %d while slow clients hold the connections: status %d, want 200", i, status)
		}
	}
	dropped := stop()
	if n := len(q.stored()); n != deliveries {
		t.Errorf("%d deliveries stored, want %d", n, deliveries)
	}
	if dropped == 0 {
		t.Error("no slow connection was dropped by the server: the test did not hold the connections")
	}
	t.Logf("%d slow connections dropped by the server meanwhile", dropped)
}

// When the bodies in flight would go over the budget, a delivery is
// answered 503 at once (GitHub redelivers it), not queued behind them; once
// they are gone it is taken.
func TestBodyBudgetAnswers503(t *testing.T) {
	l := server.Limits{BodyBudget: 24 << 10}
	q := &memQueue{}
	hook := server.LimitedWebhookHandler(l, benchSecret, q, keyOf, "issue_comment")
	holding, greedyDone := make(chan struct{}), make(chan struct{})
	var got atomic.Int64
	addr := serveLimited(t, server.Limits{}, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("X-GitHub-Delivery") == "greedy" {
			defer close(greedyDone)
			r.Body = countingBody{r.Body, &got, holding}
		}
		hook.ServeHTTP(w, r)
	}))
	// A client announces 1 MiB, sends 10,000 bytes and stops: the route
	// holds a 16 KiB buffer for it.
	greedy, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	fmt.Fprintf(greedy, "POST %s HTTP/1.1\r\nHost: pipewright\r\nContent-Type: application/json\r\n"+
		"X-GitHub-Event: issue_comment\r\nX-GitHub-Delivery: greedy\r\nX-Hub-Signature-256: sha256=00\r\n"+
		"Content-Length: %d\r\n\r\n%s", server.WebhookPath, 1<<20, bytes.Repeat([]byte(" "), 10000))
	select {
	case <-holding:
	case <-time.After(time.Minute):
		t.Fatal("the greedy body was not read")
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	payload := commentFixture(t) // 16,303 bytes: needs a 16 KiB buffer too
	status, header := postSigned(t, ctx, addr, "d-1", payload)
	if status != http.StatusServiceUnavailable || header.Get("Retry-After") == "" {
		t.Errorf("delivery over the budget: %d, Retry-After %q; want 503 with Retry-After", status, header.Get("Retry-After"))
	}
	greedy.Close()
	// The greedy request ends (400: shorter than announced) and its budget
	// comes back; the redelivery is stored.
	<-greedyDone
	status, _ = postSigned(t, ctx, addr, "d-1", payload)
	if status != http.StatusOK || len(q.stored()) != 1 {
		t.Errorf("redelivery: %d with %d stored, want 200 and 1", status, len(q.stored()))
	}
}

// countingBody closes reached once 10,000 bytes have been read.
type countingBody struct {
	io.ReadCloser
	n       *atomic.Int64
	reached chan struct{}
}

func (c countingBody) Read(p []byte) (int, error) {
	n, err := c.ReadCloser.Read(p)
	if before := c.n.Add(int64(n)) - int64(n); before < 10000 && before+int64(n) >= 10000 {
		close(c.reached)
	}
	return n, err
}

// The server's limits and timeouts come from the configuration.
func TestLimitsServer(t *testing.T) {
	srv := server.Limits{ReadTimeout: 3 * time.Second}.Server(http.NotFoundHandler())
	d := server.DefaultLimits()
	if srv.ReadTimeout != 3*time.Second || srv.ReadHeaderTimeout != d.ReadHeaderTimeout || srv.WriteTimeout != d.WriteTimeout ||
		srv.IdleTimeout != d.IdleTimeout || srv.MaxHeaderBytes != d.MaxHeaderBytes {
		t.Errorf("server: %+v", srv)
	}
	if d.ReadHeaderTimeout <= 0 || d.ReadHeaderTimeout > d.ReadTimeout || d.MaxBody != server.MaxBodyBytes {
		t.Errorf("defaults: %+v", d)
	}
}
