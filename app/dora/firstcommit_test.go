package dora

import (
	"testing"
	"time"
)

func commit(sha string, at time.Time, parents ...string) Commit {
	return Commit{SHA: sha, At: at, Parents: parents}
}

func shipped(ref string, at time.Time, commits ...Commit) Deployment {
	return Deployment{Ref: ref, At: at, Compared: true, Commits: commits}
}

// Lead time from first commit, by the shape of the history shipped.
func TestLeadTimeFromFirstCommit(t *testing.T) {
	window := Window{From: sep1, To: sep1.AddDate(0, 0, 30)}
	before := Deployment{Ref: "base", At: sep1.Add(-time.Hour), Compared: true, Commits: []Commit{commit("old", at(-3, 0))}}
	h := time.Hour
	for _, tc := range []struct {
		name        string
		deployments []Deployment
		want        Lead
	}{{
		// Two pull requests merged with merge commits, then a direct push.
		// #1's branch b1, b2 (first commit day 1 09:00) lands as m1; #2's c1
		// as m2; both ship on day 4 12:00, p1 on day 6. Per change: 75 h,
		// 28 h, 2 h (each commit on its own would be five more samples).
		name: "merge commits", deployments: []Deployment{before,
			shipped("m2", at(4, 12),
				commit("b1", at(1, 9), "base"), commit("b2", at(2, 9), "b1"), commit("m1", at(3, 10), "base", "b2"),
				commit("c1", at(3, 8), "base"), commit("m2", at(3, 12), "m1", "c1")),
			shipped("p1", at(6, 12), commit("p1", at(6, 10), "m2")),
		},
		want: Lead{Median: 28 * h, P90: 75 * h, Samples: 3},
	}, {
		// #2's branch (c1, c2) merged main in midway: #1's b1 and m1 stay
		// #1's (51 h), #2's first commit is c1 (72 h); then a push p1 (2 h).
		name: "branch with main merged in", deployments: []Deployment{before,
			shipped("p1", at(4, 12),
				commit("c1", at(1, 12), "base"), commit("b1", at(2, 9), "base"), commit("m1", at(2, 12), "base", "b1"),
				commit("c2", at(3, 9), "c1", "m1"), commit("m2", at(4, 9), "m1", "c2"), commit("p1", at(4, 10), "m2")),
		},
		want: Lead{Median: 51 * h, P90: 72 * h, Samples: 3},
	}, {
		// Squash merges: one commit each on the line, each its own change.
		name: "squash merges", deployments: []Deployment{before,
			shipped("s3", at(3, 12), commit("s1", at(1, 10), "base"), commit("s2", at(2, 10), "s1"), commit("s3", at(3, 10), "s2")),
		},
		want: Lead{Median: 26 * h, P90: 50 * h, Samples: 3},
	}, {
		name: "too few", deployments: []Deployment{before,
			shipped("s2", at(3, 12), commit("s1", at(1, 10), "base"), commit("s2", at(2, 10), "s1")),
		},
		want: Lead{Samples: 2, Missing: "too-few-commits", Need: MinChanges},
	}, {
		// A commit written before the window counts when it ships in it;
		// the deployment before the window ships nothing that counts.
		name: "commit older than the window", deployments: []Deployment{before,
			shipped("s3", at(2, 12), commit("s1", at(-10, 12), "base"), commit("s2", at(1, 12), "s1"), commit("s3", at(2, 10), "s2")),
		},
		want: Lead{Median: 24 * h, P90: 12 * 24 * h, Samples: 3},
	}, {
		// f1 is in a failed deployment, then in the next successful one:
		// it counts there, once. The rollback to s0 and the redeploy of f2
		// ship nothing new.
		name: "failed then successful", deployments: []Deployment{before,
			shipped("s0", at(1, 12), commit("s0", at(1, 10), "base")),
			{Ref: "f1", At: at(2, 12), Failed: true, Compared: true, Commits: []Commit{commit("f1", at(2, 10), "s0")}},
			shipped("f2", at(3, 12), commit("f1", at(2, 10), "s0"), commit("f2", at(3, 11), "f1")),
			{Ref: "s0", At: at(3, 13), Compared: true},
			shipped("f2", at(3, 14), commit("f1", at(2, 10), "s0"), commit("f2", at(3, 11), "f1")),
		},
		want: Lead{Median: 2 * h, P90: 26 * h, Samples: 3},
	}, {
		// A listing cut short (two tips): each commit counts on its own.
		name: "listing cut short", deployments: []Deployment{before,
			shipped("x", at(3, 12), commit("b1", at(1, 12), "base"), commit("b2", at(2, 12), "b1"), commit("c1", at(3, 6), "base")),
		},
		want: Lead{Median: 24 * h, P90: 48 * h, Samples: 3},
	}, {
		// A listing no git history can give (a cycle) ends, each commit on its own.
		name: "cycle", deployments: []Deployment{before,
			shipped("c", at(3, 12), commit("c", at(3, 6), "a"), commit("a", at(2, 12), "b"), commit("b", at(1, 12), "a")),
		},
		want: Lead{Median: 24 * h, P90: 48 * h, Samples: 3},
	}, {
		// An author date after the deployment is the author's clock, not a
		// negative lead time: left out.
		name: "dated after its deployment", deployments: []Deployment{before,
			shipped("s3", at(3, 12), commit("s1", at(1, 12), "base"), commit("s2", at(2, 12), "s1"), commit("s3", at(9, 0), "s2")),
		},
		want: Lead{Samples: 2, Missing: "too-few-commits", Need: MinChanges},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			b := Measure(Input{Window: window, Source: SourceDeployments, Deployments: tc.deployments}, window.To)
			f := figure(t, b, LeadTime)
			if f.FromCommit == nil || *f.FromCommit != tc.want {
				t.Errorf("from first commit = %+v, want %+v", f.FromCommit, tc.want)
			}
			if f.Known() || f.Band != "" {
				t.Errorf("lead time = %+v: no merged pull requests, so no band (it stays on the from-merge median)", f)
			}
		})
	}
}

// The from-merge figure and its band do not move; without deployment data
// there is no from-commit figure either.
func TestLeadTimeFromCommitBesideFromMerge(t *testing.T) {
	window := Window{From: sep1, To: sep1.AddDate(0, 0, 30)}
	in := Input{Window: window, Source: SourceDeployments, Deployments: []Deployment{
		{Ref: "base", At: sep1.Add(-time.Hour)},
		shipped("s3", at(3, 12), commit("s1", at(1, 10), "base"), commit("s2", at(2, 10), "s1"), commit("s3", at(3, 10), "s2")),
	}}
	for i, sha := range []string{"s1", "s2", "s3"} {
		in.Changes = append(in.Changes, Change{Number: i + 1, SHA: sha, MergedAt: at(3, 11)})
	}
	f := figure(t, Measure(in, window.To), LeadTime)
	if f.Median != time.Hour || f.Band != Elite || f.Samples != 3 {
		t.Errorf("from merge = %+v, want 1h from 3, elite", f)
	}
	if l := f.FromCommit; l == nil || l.Median != 26*time.Hour || l.Samples != 3 {
		t.Errorf("from first commit = %+v, want 26h from 3", l)
	}
	in.Source = SourceNone
	if f := figure(t, Measure(in, window.To), LeadTime); f.FromCommit != nil {
		t.Errorf("without deployment data: from first commit = %+v, want none", *f.FromCommit)
	}
}
