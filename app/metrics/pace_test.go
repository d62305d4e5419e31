package metrics

import (
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
)

// booked reads the pace gauge by installation from the registry.
func booked(t *testing.T, m *Metrics) map[string]float64 {
	t.Helper()
	families, err := m.Registry().Gather()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]float64{}
	for _, f := range families {
		if f.GetName() != "pipewright_github_pace_booked_ahead_seconds" {
			continue
		}
		for _, s := range f.GetMetric() {
			got[label(s, "installation")] = s.GetGauge().GetValue()
		}
	}
	return got
}

func label(s *dto.Metric, name string) string {
	for _, l := range s.GetLabel() {
		if l.GetName() == name {
			return l.GetValue()
		}
	}
	return ""
}

// TestPaceBookedAhead: the gauge says how far ahead each waiting
// installation's budget is used up, lists only installations that wait
// (so its labels stay few), and never shows a token-derived key.
func TestPaceBookedAhead(t *testing.T) {
	m := New()
	now := time.Date(2026, 12, 3, 20, 0, 0, 0, time.UTC)
	m.pace.now = func() time.Time { return now }
	m.PaceBooked("installation:42", now.Add(45*time.Second))
	m.PaceBooked("installation:7", now) // free now: not listed
	m.PaceBooked("sha256:0123abcd", now.Add(time.Second))
	got := booked(t, m)
	if len(got) != 2 || got["42"] != 45 || got["unknown"] != 1 {
		t.Errorf("booked ahead %v, want 42 at 45 s and unknown at 1 s only", got)
	}
	now = now.Add(30 * time.Second)
	if got := booked(t, m); len(got) != 1 || got["42"] != 15 {
		t.Errorf("30 s later: %v, want only 42 at 15 s", got)
	}
	m.PaceBooked("installation:42", now)
	if got := booked(t, m); len(got) != 0 {
		t.Errorf("once free: %v, want nothing listed", got)
	}
	m.PaceDeferred("installation:42", time.Minute)
	var nilM *Metrics
	nilM.PaceBooked("installation:1", now)
	nilM.PaceDeferred("installation:1", time.Second)
}
