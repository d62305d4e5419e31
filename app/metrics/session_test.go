package metrics_test

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/pipewright/pipewright/app/ghclient"
	"github.com/pipewright/pipewright/app/project"
	"github.com/pipewright/pipewright/app/queue"
	"github.com/pipewright/pipewright/app/sandbox"
	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/service"
)

type fastRetry struct{}

func (fastRetry) NextRetry(*rivertype.JobRow) time.Time { return time.Now().Add(10 * time.Millisecond) }

// startSandbox runs the real service on loopback with quick queue polling.
func startSandbox(t *testing.T) (*sandbox.Sandbox, context.Context) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	t.Cleanup(cancel)
	sb, err := sandbox.Start(ctx, sandbox.Options{Dir: t.TempDir(), Service: service.Options{
		QueueOptions: []queue.Option{
			queue.WithFetchIntervals(2*time.Millisecond, 10*time.Millisecond),
			queue.WithRetryPolicy(fastRetry{}),
			queue.WithSnooze(10 * time.Millisecond),
		},
		GitHub: ghclient.Options{MaxWait: 10 * time.Second, BaseBackoff: time.Millisecond},
	}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := sb.Close(); err != nil {
			t.Errorf("close sandbox: %v", err)
		}
	})
	return sb, ctx
}

// pushBetweenReadAndWrite plays a person who pushes to pipeline.md on the
// demo branch just before Pipewright's first write, so the save meets a 409.
func pushBetweenReadAndWrite(sb *sandbox.Sandbox) {
	var pushed atomic.Bool
	sb.GitHub.BeforeWrite(func(method, path string) {
		if method == http.MethodPut && strings.HasSuffix(path, "/pipeline.md") && pushed.CompareAndSwap(false, true) {
			repo := sb.GitHub.Repo(sandbox.DemoOwner, sandbox.DemoRepo)
			doc, _ := repo.File(sandbox.DemoBranch, project.DefaultDocPath)
			repo.PutFile(sandbox.DemoBranch, project.DefaultDocPath, append(doc, []byte("\n<!-- a human was here -->\n")...))
		}
	})
}

// post sends body to the webhook route with the given headers.
func post(ctx context.Context, hookURL string, body []byte, headers map[string]string) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, hookURL, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, nil
}

// postTooLarge announces a body over GitHub's cap and sends none of it: the
// route must refuse it on the header alone.
func postTooLarge(hookURL string) (int, error) {
	u, err := url.Parse(hookURL)
	if err != nil {
		return 0, err
	}
	conn, err := net.DialTimeout("tcp", u.Host, 5*time.Second)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second))
	fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nX-GitHub-Event: issue_comment\r\n"+
		"X-Hub-Signature-256: sha256=00\r\nContent-Length: %d\r\nConnection: close\r\n\r\n", u.Path, u.Host, server.MaxBodyBytes+1)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// scrape fetches /metrics from the service.
func scrape(t *testing.T, ctx context.Context, hookURL string) string {
	t.Helper()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, strings.TrimSuffix(hookURL, server.WebhookPath)+"/metrics", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/metrics answered %d: %s", resp.StatusCode, body)
	}
	return string(body)
}
