package metrics

import (
	"context"
	"errors"
	"maps"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/pipewright/pipewright/app/store"
)

func TestEndpointTemplates(t *testing.T) {
	for _, c := range []struct{ path, want string }{
		{"/repos/acme/shop/contents/_bmad-output/planning-artifacts/pipeline.md", "/repos/{owner}/{repo}/contents/{path}"},
		{"/api/v3/repos/acme/shop/contents/docs/pipeline.md", "/repos/{owner}/{repo}/contents/{path}"},
		{"/repos/acme/shop/issues/12/comments", "/repos/{owner}/{repo}/issues/{number}/comments"},
		{"/repos/acme/shop/issues/comments/99", "/repos/{owner}/{repo}/issues/comments/{id}"},
		{"/repos/acme/shop/issues/comments/99/reactions", "/repos/{owner}/{repo}/issues/comments/{id}/reactions"},
		{"/repos/acme/shop/git/ref/heads/pipewright/deployment-strategy-3", "/repos/{owner}/{repo}/git/ref/{ref}"},
		{"/repos/acme/shop/git/refs", "/repos/{owner}/{repo}/git/refs"},
		{"/repos/acme/shop/collaborators/dana/permission", "/repos/{owner}/{repo}/collaborators/{user}/permission"},
		{"/repos/acme/shop/pulls/7", "/repos/{owner}/{repo}/pulls/{number}"},
		{"/repos/Unleash/unleash/releases/latest", "/repos/{owner}/{repo}/releases/latest"},
		{"/app/installations/4242/access_tokens", "/app/installations/{id}/access_tokens"},
		{"/app-manifests/abc/conversions", "/app-manifests/{code}/conversions"},
		{"/repos/acme/shop/contents/", "other"},
		{"/gists/1", "other"},
		{"/", "other"},
	} {
		if got := Endpoint(c.path); got != c.want {
			t.Errorf("Endpoint(%q) = %q, want %q", c.path, got, c.want)
		}
	}
}

type fakeQueue struct {
	st  store.QueueStats
	err error
}

func (f fakeQueue) QueueStats(context.Context) (store.QueueStats, error) { return f.st, f.err }

func TestQueueGauges(t *testing.T) {
	now := time.Date(2026, 5, 1, 12, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name  string
		src   QueueSource
		want  map[string]float64
		fails bool
	}{
		{"not configured yet", nil, map[string]float64{}, false},
		{"idle", fakeQueue{}, map[string]float64{"pipewright_queue_depth": 0, "pipewright_queue_oldest_unprocessed_age_seconds": 0, "pipewright_queue_pending_effects": 0}, false},
		{"backlog", fakeQueue{st: store.QueueStats{Unprocessed: 3, PendingEffects: 2, OldestReceived: now.Add(-90 * time.Second)}},
			map[string]float64{"pipewright_queue_depth": 3, "pipewright_queue_oldest_unprocessed_age_seconds": 90, "pipewright_queue_pending_effects": 2}, false},
		{"clock behind the store", fakeQueue{st: store.QueueStats{Unprocessed: 1, OldestReceived: now.Add(time.Second)}},
			map[string]float64{"pipewright_queue_depth": 1, "pipewright_queue_oldest_unprocessed_age_seconds": 0, "pipewright_queue_pending_effects": 0}, false},
		{"store down", fakeQueue{err: errors.New("connection refused")}, nil, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			qc := &queueCollector{now: func() time.Time { return now }}
			if c.src != nil {
				qc.src.Store(&c.src)
			}
			reg := prometheus.NewPedanticRegistry()
			reg.MustRegister(qc)
			fams, err := reg.Gather()
			if (err != nil) != c.fails {
				t.Fatalf("gather: %v, want failure %v", err, c.fails)
			}
			if c.fails {
				return
			}
			got := map[string]float64{}
			for _, f := range fams {
				got[f.GetName()] = f.GetMetric()[0].GetGauge().GetValue()
			}
			if !maps.Equal(got, c.want) {
				t.Errorf("gauges %v, want %v", got, c.want)
			}
		})
	}
}

// The event label takes GitHub's event names only: the header is read
// before the signature is checked.
func TestReceivedBoundsTheEventLabel(t *testing.T) {
	m := New()
	for _, e := range []string{"issue_comment", "ping", "", "x-random-1", "x-random-2"} {
		m.Received(e)
	}
	got := map[string]float64{}
	fams, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fams {
		if f.GetName() == "pipewright_webhook_deliveries_received_total" {
			for _, s := range f.GetMetric() {
				got[s.GetLabel()[0].GetValue()] = s.GetCounter().GetValue()
			}
		}
	}
	if want := map[string]float64{"issue_comment": 1, "ping": 1, "other": 3}; !maps.Equal(got, want) {
		t.Errorf("received by event %v, want %v", got, want)
	}
}

// Recording on a nil *Metrics does nothing, so components need no checks.
func TestNilMetricsRecordNothing(t *testing.T) {
	var m *Metrics
	m.Received("issue_comment")
	m.Rejected("signature")
	m.Deduplicated()
	m.Command("decide", "applied")
	m.SaveConflict()
	m.GitHubRequest(httptest.NewRequest("GET", "/repos/a/b", nil), 200, false)
	m.SecondaryWait(time.Second)
	m.WatchQueue(nil)
}
