package dora

import (
	"testing"
	"time"
)

func TestConfig(t *testing.T) {
	off := false
	now := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	if (Config{Baseline: &off}).Enabled() || !(Config{}).Enabled() {
		t.Error("baseline: false turns it off; unset keeps it on")
	}
	for _, tc := range []struct {
		days int
		from time.Time
	}{
		{0, now.AddDate(0, 0, -90)}, {30, now.AddDate(0, 0, -30)}, {3, now.AddDate(0, 0, -90)}, {9999, now.AddDate(0, 0, -90)},
	} {
		if w := (Config{WindowDays: tc.days}).Window(now); !w.From.Equal(tc.from) || !w.To.Equal(now) {
			t.Errorf("window_days %d: %v → %v", tc.days, w.From, w.To)
		}
	}
	for _, tc := range []struct {
		cfg  Config
		seq  []string
		want string
	}{
		{Config{}, nil, "production"},
		{Config{}, []string{"dev", "staging", "Production (approval)"}, "production"},
		{Config{}, []string{"dev", "prod", "dr"}, "prod"},
		{Config{}, []string{"dev", "live"}, "live"},
		{Config{Environment: "prod-eu"}, []string{"dev", "production"}, "prod-eu"},
	} {
		if got := tc.cfg.ProductionEnvironment(tc.seq); got != tc.want {
			t.Errorf("%+v %q: %q, want %q", tc.cfg, tc.seq, got, tc.want)
		}
	}
	if (Config{Source: "Releases"}).SourceOrAuto() != SourceReleases || (Config{Source: "tea leaves"}).SourceOrAuto() != SourceNone {
		t.Error("source: known values case-insensitively, anything else is auto")
	}
}
