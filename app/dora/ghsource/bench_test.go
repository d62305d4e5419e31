package ghsource_test

import (
	"context"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/dora"
	"github.com/pipewright/pipewright/app/dora/ghsource"
	"github.com/pipewright/pipewright/app/ghfake"
)

// BenchmarkReadAt100ms measures one baseline measurement of a busy
// repository (sixty production deployments, one a day, each with a merged
// change) against the stand-in answering every call in 100 ms, as
// docs/performance.md reports: wall time and requests per measurement.
func BenchmarkReadAt100ms(b *testing.B) {
	s := ghfake.New()
	base, stop := s.Start()
	defer stop()
	e := &env{s: s, repo: s.AddRepo("acme", "shop", "main"), base: base}
	for i := range 60 {
		_, sha := e.repo.MergePull("Change", "", "dev", day(1, 8, 0).AddDate(0, 0, i))
		e.repo.AddDeployment(ghfake.DeploymentSpec{SHA: sha, Created: day(1, 9, 0).AddDate(0, 0, i), Statuses: ok(day(1, 10, 0).AddDate(0, 0, i))})
	}
	s.SetLatency(100 * time.Millisecond)
	gh := e.client(b)
	before := len(s.Requests())
	b.ResetTimer()
	for b.Loop() {
		in := ghsource.Read(context.Background(), gh, "acme", "shop", ghsource.Options{Window: window})
		_ = dora.Measure(in, window.To)
	}
	b.ReportMetric(float64(len(s.Requests())-before)/float64(b.N), "requests/op")
}
