package server_test

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/server"
)

// firstRead tells, once, that the handler began reading the body: by then
// it has taken whatever memory it takes before the bytes arrive.
type firstRead struct {
	io.ReadCloser
	once *sync.Once
	ch   chan<- struct{}
}

func (f firstRead) Read(p []byte) (int, error) {
	f.once.Do(func() { f.ch <- struct{}{} })
	return f.ReadCloser.Read(p)
}

// waveConns is how many header-only requests the wave opens at once.
const waveConns = 32

// waveLength is what each of them announces: 2 MiB, within the body limit
// (before and after), so the route has to read the body to judge it.
const waveLength = 2 << 20

// heldDuringWave opens waveConns connections on real loopback HTTP, each
// sending a webhook's headers with Content-Length waveLength and one byte
// of body, waits until every handler is reading, and returns the live heap
// they hold (after a GC), per connection.
func heldDuringWave(t testing.TB, hook http.Handler) uint64 {
	reading := make(chan struct{}, waveConns)
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = firstRead{ReadCloser: r.Body, once: new(sync.Once), ch: reading}
		hook.ServeHTTP(w, r)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: time.Minute}
	go func() { _ = srv.Serve(ln) }()
	defer srv.Close()

	var before, during runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	conns := make([]net.Conn, 0, waveConns)
	defer func() {
		for _, c := range conns {
			c.Close()
		}
	}()
	for range waveConns {
		c, err := net.Dial("tcp", ln.Addr().String())
		if err != nil {
			t.Fatal(err)
		}
		conns = append(conns, c)
		_, err = fmt.Fprintf(c, "POST %s HTTP/1.1\r\nHost: pipewright\r\nContent-Type: application/json\r\n"+
			"X-GitHub-Event: issue_comment\r\nX-GitHub-Delivery: wave\r\nX-Hub-Signature-256: sha256=00\r\n"+
			"Content-Length: %d\r\n\r\n{", server.WebhookPath, waveLength)
		if err != nil {
			t.Fatal(err)
		}
	}
	timeout := time.After(time.Minute)
	for range waveConns {
		select {
		case <-reading:
		case <-timeout:
			t.Fatal("the handlers did not all start reading")
		}
	}
	runtime.GC()
	runtime.ReadMemStats(&during)
	if during.HeapInuse < before.HeapInuse {
		return 0
	}
	return (during.HeapInuse - before.HeapInuse) / waveConns
}

// A wave of requests that send only headers announcing a large body makes
// the route hold memory for the bytes received, not for the length
// announced: each held its Content-Length (2 MiB here, 25 MiB at most)
// before its signature could be checked.
func TestHeaderOnlyWaveHoldsLittleMemory(t *testing.T) {
	hook := server.WebhookHandler(benchSecret, &memQueue{}, keyOf, "issue_comment")
	perConn := heldDuringWave(t, hook)
	t.Logf("live heap held per header-only connection announcing %d bytes: %d bytes", waveLength, perConn)
	// A connection's own buffers (net/http's 4 KiB reader and writer, the
	// parsed request) and the route's first 4 KiB buffer: well under 64 KiB.
	if perConn > 64<<10 {
		t.Errorf("each header-only connection holds %d bytes of heap, want under 64 KiB: memory follows Content-Length, not the bytes received", perConn)
	}
}
