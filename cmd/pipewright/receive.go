package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/google/go-github/v62/github"
	"github.com/riverqueue/river/rivertype"

	"github.com/pipewright/pipewright/app/queue"
	"github.com/pipewright/pipewright/app/server"
	"github.com/pipewright/pipewright/app/service"
	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/handlers"
)

// runReceive runs one webhook payload through the handlers against a real
// installation, like `probot receive`: no HTTP and so no signature, the
// same store, queue, handlers and GitHub client as serve. It waits until
// the delivery and its effects are done and prints the replies posted.
func runReceive(ctx context.Context, args []string, getenv func(string) string, out, logs io.Writer) error {
	fl := flag.NewFlagSet("receive", flag.ContinueOnError)
	fl.SetOutput(logs)
	event := fl.String("event", "issue_comment", "the webhook's event type (X-GitHub-Event)")
	payloadPath := fl.String("payload", "", "file holding the webhook's JSON payload (- for standard input)")
	id := fl.String("delivery", "", "delivery id (X-GitHub-Delivery); default a fresh one. Reusing one is a redelivery, processed once")
	timeout := fl.Duration("timeout", time.Minute, "give up waiting after this long")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if *payloadPath == "" {
		return errors.New("receive needs --payload FILE")
	}
	payload, err := readPayload(*payloadPath)
	if err != nil {
		return err
	}
	if *id == "" {
		*id = fmt.Sprintf("receive-%d", time.Now().UnixNano())
	}
	cfg, err := server.LoadConfig(getenv)
	if err != nil {
		return err
	}
	if cfg.WebhookSecret == "" {
		// Nothing is served, so nothing is checked against it.
		cfg.WebhookSecret = "unused: receive takes no webhooks"
	}
	log := server.Logger(cfg.LogLevel, cfg.LogFormat, logs)
	svc, err := service.New(ctx, cfg, log, service.Options{})
	if err != nil {
		return err
	}
	defer svc.Stop(context.WithoutCancel(ctx)) // its own queue never ran: this closes the store
	// A queue of our own on the service's store and processor, so errors
	// are shown as they happen and retried soon rather than after minutes.
	q, err := queue.New(svc.Store(), reporter{svc.Processor(), logs},
		queue.WithLogger(log), queue.WithRetryPolicy(retrySoon{}),
		queue.WithFetchIntervals(10*time.Millisecond, 50*time.Millisecond))
	if err != nil {
		return err
	}
	d := store.Delivery{ID: *id, Event: *event, SessionKey: handlers.SessionKey(*event, payload), Payload: payload}
	dup, err := q.Enqueue(ctx, d)
	if err != nil {
		return err
	}
	fmt.Fprintf(out, "delivery %s (%s) stored", d.ID, d.Event)
	if dup {
		fmt.Fprint(out, " before: a redelivery is processed only once")
	}
	fmt.Fprintln(out)
	if err := q.Start(ctx); err != nil {
		return err
	}
	waitErr := waitIdle(ctx, svc.Store(), *timeout)
	if err := q.Stop(context.WithoutCancel(ctx)); err != nil {
		fmt.Fprintln(logs, "stop queue:", err)
	}
	if waitErr != nil {
		return waitErr
	}
	return printReplies(ctx, svc, d, out)
}

func readPayload(path string) ([]byte, error) {
	if path == "-" {
		return io.ReadAll(os.Stdin)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read payload: %w", err)
	}
	return data, nil
}

// reporter shows the processor's errors; the queue retries them.
type reporter struct {
	queue.Processor
	logs io.Writer
}

func (r reporter) Process(ctx context.Context, item store.InboxItem) error {
	err := r.Processor.Process(ctx, item)
	if err != nil {
		fmt.Fprintf(r.logs, "processing delivery %s failed (retrying): %v\n", item.ID, err)
	}
	return err
}

type retrySoon struct{}

func (retrySoon) NextRetry(*rivertype.JobRow) time.Time { return time.Now().Add(time.Second) }

// waitIdle polls the store until nothing waits for a worker.
func waitIdle(ctx context.Context, st *store.Store, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	tick := time.NewTicker(20 * time.Millisecond)
	defer tick.Stop()
	for {
		sessions, sessionless, err := st.Backlog(ctx)
		if err == nil && len(sessions)+len(sessionless) == 0 {
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("not done after %s: the delivery or its effects are still pending (see the errors above); serve will carry on with them", timeout)
		case <-tick.C:
		}
	}
}

// printReplies shows what GitHub now holds from this delivery: the reply
// comments carrying its marker.
func printReplies(ctx context.Context, svc *service.Service, d store.Delivery, out io.Writer) error {
	var p struct {
		Issue struct {
			Number int `json:"number"`
		} `json:"issue"`
		Repository struct {
			Name  string `json:"name"`
			Owner struct {
				Login string `json:"login"`
			} `json:"owner"`
		} `json:"repository"`
		Installation struct {
			ID int64 `json:"id"`
		} `json:"installation"`
	}
	if d.SessionKey == "" || json.Unmarshal(d.Payload, &p) != nil || p.Installation.ID == 0 {
		fmt.Fprintln(out, "processed; it names no issue or installation, so nothing was posted")
		return nil
	}
	gh, err := svc.Processor().Clients.NewInstallationClient(p.Installation.ID)
	if err != nil {
		return err
	}
	owner, repo, n := p.Repository.Owner.Login, p.Repository.Name, p.Issue.Number
	marker := "<!-- pipewright:reply id=" + d.ID + " "
	opts := &github.IssueListCommentsOptions{ListOptions: github.ListOptions{PerPage: 100}}
	found := 0
	for {
		list, resp, err := gh.Issues.ListComments(ctx, owner, repo, n, opts)
		if err != nil {
			return fmt.Errorf("read back the replies on %s/%s#%d: %w", owner, repo, n, err)
		}
		for _, c := range list {
			if body := c.GetBody(); strings.HasPrefix(body, marker) {
				found++
				_, text, _ := strings.Cut(body, "\n")
				fmt.Fprintf(out, "\n--- reply posted: %s\n%s\n", c.GetHTMLURL(), text)
			}
		}
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage
	}
	if found == 0 {
		fmt.Fprintf(out, "processed; no reply on %s/%s#%d (the comment carried no commands, or was ignored: see the log)\n", owner, repo, n)
	}
	return nil
}
