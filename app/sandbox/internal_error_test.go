package sandbox

import (
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/delivery"
	"github.com/pipewright/pipewright/app/service"
	"github.com/pipewright/pipewright/app/strategy"
)

// A comment that makes the core panic (a bug of ours) is not retried for
// days, holding up the session: the team is told at once that none of its
// commands were applied, the session keeps what it had, and the next
// comment goes through.
func TestPanicInTheCoreSkipsTheCommentAndSaysSo(t *testing.T) {
	buggy := func(s strategy.Session, cmds []strategy.Command, env strategy.Env) (strategy.Session, []strategy.Effect) {
		for _, c := range cmds {
			if strings.HasSuffix(c.Rest, "rolling") {
				var d *strategy.Decision
				_ = d.Option // the kind of bug a fuzzer finds
			}
		}
		return strategy.ApplyAll(s, cmds, env)
	}
	ctx, sb, number := startDemo(t, service.Options{Engine: buggy})
	send := func(body string) string {
		t.Helper()
		c := delivery.Comment{Owner: DemoOwner, Repo: DemoRepo, Branch: "main", Number: number, PullRequest: true, Body: body, Author: "dana"}
		status, id, err := sb.Send(ctx, c)
		if err != nil || status/100 != 2 {
			t.Fatalf("send %q: %d %v", body, status, err)
		}
		if err := sb.WaitIdle(ctx); err != nil {
			t.Fatal(err)
		}
		return id
	}
	last := func() string {
		replies := sb.GitHub.Comments(DemoOwner, DemoRepo, number)
		return replies[len(replies)-1].Body
	}
	send("/decide canary -- per-version metrics")
	failing := send("/decide unleash\n/decide pattern rolling")
	if got := last(); !strings.Contains(got, "internal error") || !strings.Contains(got, "`"+failing+"`") {
		t.Fatalf("want the internal-error notice naming delivery %s, got:\n%s", failing, got)
	}
	send("/status")
	got := last()
	if !strings.Contains(got, "- ✅ Deployment Pattern: Canary Deployment") || !strings.Contains(got, "- ⬜ Feature Flag Strategy: _open_") {
		t.Fatalf("the session did not keep exactly what it had before the failing comment:\n%s", got)
	}
	if n := len(sb.GitHub.Comments(DemoOwner, DemoRepo, number)); n != 3 {
		t.Errorf("%d comments posted, want 3: the first reply, the notice and the status", n)
	}
	fams, err := sb.Service.Metrics().Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	counted := -1.0
	for _, f := range fams {
		if f.GetName() == "pipewright_internal_errors_total" {
			counted = f.GetMetric()[0].GetCounter().GetValue()
		}
	}
	if counted != 1 {
		t.Errorf("pipewright_internal_errors_total = %v, want 1", counted)
	}
}
