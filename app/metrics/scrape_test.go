package metrics_test

import (
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/sandbox"
)

// A whole scripted session (the demo, with a human pushing between the
// save's read and write), a command from someone without write access, a
// redelivery and three refused deliveries; then every series the operations
// guide promises is on /metrics with a plausible value.
func TestMetricsAfterAScriptedSession(t *testing.T) {
	sb, ctx := startSandbox(t)
	pushBetweenReadAndWrite(sb)
	if err := sb.PlayDemo(ctx, io.Discard); err != nil {
		t.Fatal(err)
	}
	th := sb.Issue(sandbox.DemoOwner, sandbox.DemoRepo, 77, "Deployment strategy")
	if err := th.Say(ctx, "mallory", "/decide canary"); err != nil {
		t.Fatal(err)
	}
	sendRefusals(t, ctx, sb, th)
	if err := sb.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}

	families := parse(t, scrape(t, ctx, sb.HookURL))
	atLeast := func(n float64) func(float64) bool { return func(v float64) bool { return v >= n } }
	between := func(lo, hi float64) func(float64) bool { return func(v float64) bool { return v >= lo && v <= hi } }
	contents := "/repos/{owner}/{repo}/contents/{path}"
	for _, c := range []struct {
		name   string
		labels map[string]string
		ok     func(float64) bool
		want   string
	}{
		{"pipewright_webhook_deliveries_received_total", map[string]string{"event": "issue_comment"}, atLeast(float64(len(sandbox.DemoScript) + 5)), "every delivery sent"},
		{"pipewright_webhook_deliveries_rejected_total", map[string]string{"reason": "signature"}, between(1, 1), "one bad signature"},
		{"pipewright_webhook_deliveries_rejected_total", map[string]string{"reason": "too_large"}, between(1, 1), "one oversized body"},
		{"pipewright_webhook_deliveries_rejected_total", map[string]string{"reason": "malformed"}, between(1, 1), "one delivery without an id"},
		{"pipewright_webhook_deliveries_deduplicated_total", nil, between(1, 1), "one redelivery"},
		{"pipewright_queue_depth", nil, between(0, 0), "an idle queue"},
		{"pipewright_queue_oldest_unprocessed_age_seconds", nil, between(0, 0), "nothing waiting"},
		{"pipewright_queue_pending_effects", nil, between(0, 0), "every effect done"},
		{"pipewright_commands_total", map[string]string{"kind": "decide", "outcome": "applied"}, atLeast(6), "the demo's decisions"},
		{"pipewright_commands_total", map[string]string{"kind": "target", "outcome": "applied"}, between(4, 4), "four targets"},
		{"pipewright_commands_total", map[string]string{"kind": "menu", "outcome": "applied"}, between(3, 3), "the demo's A, C and /menu C"},
		{"pipewright_commands_total", map[string]string{"kind": "accept", "outcome": "applied"}, between(1, 1), "the demo's y"},
		{"pipewright_commands_total", map[string]string{"kind": "decide", "outcome": "denied"}, between(1, 1), "mallory's /decide"},
		{"pipewright_github_requests_total", map[string]string{"method": "GET", "endpoint": contents, "status": "200"}, atLeast(2), "document reads"},
		{"pipewright_github_requests_total", map[string]string{"method": "PUT", "endpoint": contents, "status": "409"}, between(1, 1), "the conflicting write"},
		{"pipewright_github_requests_total", map[string]string{"method": "PUT", "endpoint": contents, "status": "200"}, between(1, 1), "the save"},
		{"pipewright_github_requests_total", map[string]string{"method": "POST", "endpoint": "/repos/{owner}/{repo}/issues/{number}/comments", "status": "201"}, atLeast(float64(len(sandbox.DemoScript))), "replies"},
		{"pipewright_github_content_creating_requests_total", nil, atLeast(float64(len(sandbox.DemoScript) + 2)), "replies and writes"},
		{"pipewright_github_secondary_limit_wait_seconds_total", nil, between(0, 60), "little or no pacing"},
		{"pipewright_github_rate_limit_remaining", map[string]string{"installation": "4242"}, between(1, 4999), "a spent but not empty budget"},
		{"pipewright_save_conflicts_retried_total", nil, between(1, 1), "the human's push"},
		{"pipewright_enqueue_group_commit_deliveries_count", nil, atLeast(1), "group commits"},
		{"pipewright_enqueue_group_commit_deliveries_sum", nil, atLeast(float64(len(sandbox.DemoScript) + 2)), "every stored delivery, in some commit"},
		{"pipewright_enqueue_group_commit_seconds_count", nil, atLeast(1), "timed group commits"},
		{"pipewright_enqueue_group_commit_failures_total", nil, between(0, 0), "no failed commit"},
		{"pipewright_internal_errors_total", nil, between(0, 0), "no bug met"},
	} {
		v, found := value(families, c.name, c.labels)
		if !found {
			t.Errorf("%s%v missing (%s)", c.name, c.labels, c.want)
			continue
		}
		if !c.ok(v) {
			t.Errorf("%s%v = %v, implausible for %s", c.name, c.labels, v, c.want)
		}
	}
}

// sendRefusals posts a redelivery and one delivery of each refused kind.
func sendRefusals(t *testing.T, ctx context.Context, sb *sandbox.Sandbox, th *sandbox.Thread) {
	t.Helper()
	c := th.Comment("mallory", "/status")
	c.Installation = sb.Installation
	body, err := c.Payload()
	if err != nil {
		t.Fatal(err)
	}
	signed := map[string]string{"X-GitHub-Event": "issue_comment", "X-GitHub-Delivery": "metrics-dup", "X-Hub-Signature-256": delivery.Sign(sb.Secret, body)}
	noID := map[string]string{"X-GitHub-Event": "issue_comment", "X-Hub-Signature-256": delivery.Sign(sb.Secret, body)}
	forged := map[string]string{"X-GitHub-Event": "issue_comment", "X-GitHub-Delivery": "forged", "X-Hub-Signature-256": delivery.Sign("guess", body)}
	for _, s := range []struct {
		name    string
		headers map[string]string
		want    int
	}{
		{"first copy", signed, http.StatusAccepted},
		{"redelivery", signed, http.StatusAccepted},
		{"no delivery id", noID, http.StatusBadRequest},
		{"bad signature", forged, http.StatusUnauthorized},
	} {
		status, err := post(ctx, sb.HookURL, body, s.headers)
		if err != nil {
			t.Fatalf("%s: %v", s.name, err)
		}
		if status != s.want && !(s.want == http.StatusAccepted && status/100 == 2) {
			t.Errorf("%s: answered %d, want %d", s.name, status, s.want)
		}
	}
	if status, err := postTooLarge(sb.HookURL); err != nil || status != http.StatusRequestEntityTooLarge {
		t.Errorf("oversized body: answered %d (%v), want 413", status, err)
	}
}

func parse(t *testing.T, text string) map[string]*dto.MetricFamily {
	t.Helper()
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(strings.NewReader(text))
	if err != nil {
		t.Fatalf("parse /metrics: %v\n%s", err, text)
	}
	return fams
}

// value finds the series of name whose labels include want.
// value reads a counter or gauge; name_count and name_sum read a histogram.
func value(fams map[string]*dto.MetricFamily, name string, want map[string]string) (float64, bool) {
	f, ok := fams[name]
	part := ""
	if !ok {
		for _, suffix := range []string{"_count", "_sum"} {
			if base, cut := strings.CutSuffix(name, suffix); cut && fams[base] != nil {
				f, part = fams[base], suffix
			}
		}
		if f == nil {
			return 0, false
		}
	}
next:
	for _, m := range f.GetMetric() {
		have := map[string]string{}
		for _, l := range m.GetLabel() {
			have[l.GetName()] = l.GetValue()
		}
		for k, v := range want {
			if have[k] != v {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.GetCounter().GetValue(), true
		case m.Gauge != nil:
			return m.GetGauge().GetValue(), true
		case m.Histogram != nil && part == "_count":
			return float64(m.GetHistogram().GetSampleCount()), true
		case m.Histogram != nil && part == "_sum":
			return m.GetHistogram().GetSampleSum(), true
		}
	}
	return 0, false
}
