package dora

import (
	"testing"
	"time"
)

// FuzzMeasure feeds Measure histories in any order, with outcomes and
// times anywhere, and checks it never panics nor reports a number it has
// no data for.
func FuzzMeasure(f *testing.F) {
	f.Add([]byte{1, 2, 3, 4, 5, 6, 7, 8, 9}, int64(90))
	f.Add([]byte{0, 0, 0, 255, 255, 255}, int64(-5))
	f.Fuzz(func(t *testing.T, data []byte, days int64) {
		w := Window{From: sep1, To: sep1.Add(time.Duration(days%400) * 24 * time.Hour)}
		var in Input
		in.Window, in.Source = w, Source([]Source{SourceDeployments, SourceReleases, SourceNone}[len(data)%3])
		for i := 0; i+2 < len(data); i += 3 {
			at := sep1.Add(time.Duration(int8(data[i])) * 7 * time.Hour)
			switch data[i+1] % 4 {
			case 0:
				// Commits with any parents (cycles included) and author dates anywhere.
				var commits []Commit
				for k := range int(data[i+1]/4%4) + 1 {
					x := data[i] + byte(k)*data[i+2]
					commits = append(commits, Commit{SHA: fuzzSHA(x), At: at.Add(time.Duration(int8(x)) * time.Hour),
						Parents: []string{fuzzSHA(x / 6), fuzzSHA(x / 36)}[:x%3]})
				}
				in.Deployments = append(in.Deployments, Deployment{Ref: string(rune('a' + data[i+2]%5)), At: at, Failed: data[i+2]%3 == 0,
					Pending: data[i+2]%7 == 0, Compared: data[i+2]%2 == 0, Commits: commits})
			case 1:
				in.Changes = append(in.Changes, Change{SHA: string(rune('a' + data[i+2]%4)), MergedAt: at, Revert: data[i+2]%2 == 0})
			case 2:
				in.Incidents = append(in.Incidents, Incident{OpenedAt: at, ClosedAt: at.Add(time.Duration(int8(data[i+2])) * time.Hour)})
			}
		}
		b := Measure(in, w.To)
		if len(b.Figures) != 4 {
			t.Fatalf("%d figures", len(b.Figures))
		}
		for _, fig := range b.Figures {
			if fig.Known() && fig.Band == "" {
				t.Errorf("%s has a value but no band: %+v", fig.Metric, fig)
			}
			if !fig.Known() && (fig.Median != 0 || fig.Rate != 0 || fig.Band != "") {
				t.Errorf("%s has no data but shows %+v", fig.Metric, fig)
			}
			if fig.Median < 0 || fig.P90 < 0 || fig.Rate < 0 || fig.Rate > 1 {
				t.Errorf("%s is out of range: %+v", fig.Metric, fig)
			}
			if l := fig.FromCommit; l != nil && (l.Median < 0 || l.P90 < l.Median || (!l.Known() && l.Median != 0) || (l.Known() && l.Samples < MinChanges)) {
				t.Errorf("%s from commit is out of range: %+v", fig.Metric, *l)
			}
		}
	})
}

func fuzzSHA(b byte) string { return string(rune('a' + b%6)) }
