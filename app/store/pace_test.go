package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/pace"
	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

var paceT0 = time.Date(2026, 12, 3, 20, 0, 0, 0, time.UTC)

// small are limits scaled down (the windows stay 60 s and 3600 s) so that
// the store tests claim a few hundred times rather than thousands;
// package pace proves GitHub's own numbers on the same code.
var small = pace.Limits{PerMinute: 8, PerHour: 50}

// TestPaceWindowsAcrossReplicas: two stores on one database (two replicas)
// take turns claiming one installation's budget under unlimited demand for
// two hours of a fake clock (each jumps to the time the budget names). The
// grants of both together never exceed the limit in any sliding minute or
// hour, and use all of it; another installation is untouched. On SQLite the
// two stores are one file opened twice, as a restart does.
func TestPaceWindowsAcrossReplicas(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		replicas := []*store.Store{openStore(t, dsn), openStore(t, dsn)}
		ctx := ctxT(t)
		var grants []time.Time
		perReplica := map[int]int{}
		for i, now := 0, paceT0; now.Before(paceT0.Add(2 * time.Hour)); i++ {
			c, err := replicas[i%2].ClaimPace(ctx, "installation:42", now, small)
			must(t, err)
			if c.Granted {
				grants = append(grants, now)
				perReplica[i%2]++
			}
			// A replica that finds its slot taken comes back when told.
			now = c.Next
		}
		if got := pace.MostInWindow(grants, time.Minute); got != small.PerMinute {
			t.Errorf("most in a sliding minute = %d, want %d", got, small.PerMinute)
		}
		if got := pace.MostInWindow(grants, time.Hour); got != small.PerHour {
			t.Errorf("most in a sliding hour = %d, want %d", got, small.PerHour)
		}
		if len(grants) != 2*small.PerHour || perReplica[0] == 0 || perReplica[1] == 0 {
			t.Errorf("%d granted in two hours (%v by replica), want %d from both", len(grants), perReplica, 2*small.PerHour)
		}
		c, err := replicas[1].ClaimPace(ctx, "installation:7", paceT0.Add(time.Hour), pace.GitHub)
		if err != nil || !c.Granted {
			t.Errorf("another installation: %+v, %v; want granted", c, err)
		}
	})
}

// TestPaceClaimsAtOnceAcrossReplicas: 40 claims at the same instant from
// two replicas at once grant exactly the minute's limit; the
// installation's row lock orders them.
func TestPaceClaimsAtOnceAcrossReplicas(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		replicas := []*store.Store{openStore(t, dsn), openStore(t, dsn)}
		ctx := ctxT(t)
		var mu sync.Mutex
		granted := 0
		var wg sync.WaitGroup
		for i := range 40 {
			wg.Go(func() {
				c, err := replicas[i%2].ClaimPace(ctx, "installation:42", paceT0, small)
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				defer mu.Unlock()
				if c.Granted {
					granted++
				} else if !c.Next.Equal(paceT0.Add(time.Minute + pace.Margin)) {
					t.Errorf("refused claim names %s, want a minute (and the margin) later", c.Next)
				}
			})
		}
		wg.Wait()
		if granted != small.PerMinute {
			t.Errorf("%d of 40 simultaneous claims granted, want %d", granted, small.PerMinute)
		}
	})
}

// TestPaceSurvivesRestart: on SQLite (one replica) the budget is in the
// file, so a restart does not grant a fresh minute: before, every start of
// the process began with a full burst (119 requests in one minute when
// restarted 12 times in 90 s).
func TestPaceSurvivesRestart(t *testing.T) {
	dsn := storetest.SQLite(t)
	ctx := context.Background()
	st, err := store.Open(ctx, dsn)
	must(t, err)
	for range small.PerMinute {
		if c, err := st.ClaimPace(ctx, "installation:42", paceT0, small); err != nil || !c.Granted {
			t.Fatalf("claim before the restart: %+v, %v", c, err)
		}
	}
	must(t, st.Close())
	restarted := openStore(t, dsn)
	c, err := restarted.ClaimPace(ctx, "installation:42", paceT0.Add(10*time.Second), small)
	must(t, err)
	if c.Granted || !c.Next.Equal(paceT0.Add(time.Minute+pace.Margin)) {
		t.Errorf("after a restart: %+v, want refused until a minute after the first grants", c)
	}
}

// TestPaceForgetsOldGrants: grants older than an hour are deleted as the
// installation claims again, so the log stays at most an hour long.
func TestPaceForgetsOldGrants(t *testing.T) {
	st := openStore(t, storetest.SQLite(t))
	ctx := ctxT(t)
	for i := range 3 {
		_, err := st.ClaimPace(ctx, "installation:42", paceT0.Add(time.Duration(i)*time.Second), pace.GitHub)
		must(t, err)
	}
	_, err := st.ClaimPace(ctx, "installation:42", paceT0.Add(time.Hour+time.Second), pace.GitHub)
	must(t, err)
	n, err := st.CountRaw(ctx, `SELECT COUNT(*) FROM pw_pace_slot WHERE pace_key = $1`, "installation:42")
	must(t, err)
	if n != 2 {
		t.Errorf("%d grants kept, want 2: the one at %s and the new one", n, paceT0.Add(2*time.Second))
	}
}

// TestHoldPaceAcrossReplicas: one replica told by GitHub to wait holds the
// installation's budget shut for the other replica too, and for a replica
// started later; a shorter hold does not shorten it.
func TestHoldPaceAcrossReplicas(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		told, other := openStore(t, dsn).PaceBudget(), openStore(t, dsn).PaceBudget()
		ctx := ctxT(t)
		holder, ok := told.(pace.Holder)
		if !ok {
			t.Fatal("the store's budget cannot hold")
		}
		must(t, holder.Hold(ctx, "installation:42", paceT0.Add(45*time.Second)))
		must(t, holder.Hold(ctx, "installation:42", paceT0.Add(10*time.Second)))
		for _, tt := range []struct {
			b       pace.Budget
			at      time.Duration
			granted bool
		}{
			{other, 0, false},
			{openStore(t, dsn).PaceBudget(), 44 * time.Second, false},
			{other, 45 * time.Second, true},
		} {
			c, err := tt.b.Claim(ctx, "installation:42", paceT0.Add(tt.at), small)
			must(t, err)
			if c.Granted != tt.granted || (!c.Granted && !c.Next.Equal(paceT0.Add(45*time.Second))) {
				t.Errorf("claim at +%s: %+v, want granted %v (else back at +45s)", tt.at, c, tt.granted)
			}
		}
		c, err := other.Claim(ctx, "installation:7", paceT0, small)
		if err != nil || !c.Granted {
			t.Errorf("another installation: %+v, %v; want granted", c, err)
		}
	})
}
