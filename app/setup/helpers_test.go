package setup_test

import (
	"context"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/ghclient"
	"github.com/pipewright/pipewright/app/ghfake"
	"github.com/pipewright/pipewright/app/queue"
	"github.com/pipewright/pipewright/app/sandbox"
	"github.com/pipewright/pipewright/app/service"
)

type fastRetry struct{}

func (fastRetry) NextRetry(*rivertype.JobRow) time.Time { return time.Now().Add(10 * time.Millisecond) }

// fastService polls the queue often so the test settles quickly.
func fastService() service.Options {
	return service.Options{
		QueueOptions: []queue.Option{
			queue.WithFetchIntervals(2*time.Millisecond, 10*time.Millisecond),
			queue.WithRetryPolicy(fastRetry{}),
		},
		GitHub: ghclient.Options{MaxWait: 10 * time.Second, BaseBackoff: time.Millisecond},
	}
}

// seedRepo makes acme/shop with pipeline.md and an issue where dana may decide.
func seedRepo(api *ghfake.Server) {
	repo := api.AddRepo("acme", "shop", "main")
	repo.PutFile("main", "_bmad-output/planning-artifacts/pipeline.md", sandbox.ExamplePipeline())
	api.AddIssue("acme", "shop", 1, "Deployment strategy")
	api.SetPermission("acme", "shop", "dana", "admin")
}

// commentPayload is dana's /status on acme/shop#1 via installation 4242.
func commentPayload(t *testing.T) []byte {
	t.Helper()
	body, err := delivery.Comment{Owner: "acme", Repo: "shop", Branch: "main", Number: 1, Title: "Deployment strategy",
		Body: "/status", Author: "dana", CommentID: 901, Installation: 4242}.Payload()
	if err != nil {
		t.Fatal(err)
	}
	return body
}

// waitFor polls cond until it holds or ctx ends.
func waitFor(t *testing.T, ctx context.Context, what string, cond func() bool) {
	t.Helper()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for !cond() {
		select {
		case <-ctx.Done():
			t.Fatalf("waiting for %s: %v", what, ctx.Err())
		case <-tick.C:
		}
	}
}
