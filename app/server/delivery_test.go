package server_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/pipewright/pipewright/app/queue"
	"github.com/pipewright/pipewright/app/service"
	"github.com/pipewright/pipewright/app/store/storetest"
)

type fastRetry struct{}

func (fastRetry) NextRetry(*rivertype.JobRow) time.Time { return time.Now().Add(10 * time.Millisecond) }

// fastService polls the queue often and retries at once.
func fastService() service.Options {
	return service.Options{QueueOptions: []queue.Option{
		queue.WithFetchIntervals(2*time.Millisecond, 10*time.Millisecond),
		queue.WithRetryPolicy(fastRetry{}),
	}}
}

func TestWebhookOddDeliveries(t *testing.T) {
	t.Parallel()
	storetest.Each(t, func(t *testing.T, dsn string) {
		h := startHook(t, dsn)
		start := h.payload(t, "/start")
		noInstallation := []byte(`{"action":"created","issue":{"number":1},"comment":{"id":5,"body":"/start","user":{"login":"dana","type":"User"}},"repository":{"full_name":"acme/shop","name":"shop","owner":{"login":"acme"}},"sender":{"login":"dana","type":"User"}}`)
		tests := []struct {
			name    string
			body    []byte
			headers map[string]string
			ok      func(status int) bool
		}{
			{"malformed JSON", []byte(`{"action":"created","issue":`), nil, func(s int) bool { return s/100 == 2 || s == http.StatusBadRequest }},
			{"JSON of the wrong shape", []byte(`{"action":"created","issue":{"number":1},"repository":{"full_name":"acme/shop"},"comment":"oops"}`), nil, func(s int) bool { return s/100 == 2 || s == http.StatusBadRequest }},
			{"no installation", noInstallation, nil, func(s int) bool { return s/100 == 2 }},
			{"an event Pipewright does not handle", start, map[string]string{"X-GitHub-Event": "issues"}, func(s int) bool { return s == http.StatusAccepted }},
			{"no delivery id", start, map[string]string{"X-GitHub-Delivery": ""}, func(s int) bool { return s == http.StatusBadRequest }},
			{"no event type", start, map[string]string{"X-GitHub-Event": ""}, func(s int) bool { return s == http.StatusBadRequest }},
		}
		for _, tt := range tests {
			if got := h.signed(t, tt.body, tt.headers); !tt.ok(got) {
				t.Errorf("%s: status %d", tt.name, got)
			}
		}
		h.idle(t)
		if n := len(h.thread.Replies()); n != 0 {
			t.Errorf("%d replies to odd deliveries", n)
		}

		// GitHub redelivers with the same X-GitHub-Delivery: processed once.
		dup := map[string]string{"X-GitHub-Delivery": "redelivered-1"}
		for i := 0; i < 3; i++ {
			if got := h.signed(t, start, dup); got/100 != 2 {
				t.Fatalf("delivery %d: status %d", i+1, got)
			}
		}
		h.idle(t)
		if n := len(h.thread.Replies()); n != 1 {
			t.Errorf("%d replies to one delivery sent three times, want 1", n)
		}
		status := h.payload(t, "/status")
		if got := h.signed(t, status, nil); got/100 != 2 {
			t.Fatalf("later delivery: status %d", got)
		}
		h.idle(t)
		if n := len(h.thread.Replies()); n != 2 {
			t.Errorf("%d replies after a later delivery, want 2", n)
		}
	})
}
