package store_test

import (
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// TestReservePaceAcrossReplicas: two stores on one PostgreSQL database (two
// replicas) share an installation's budget: with 60 a minute and a burst of
// 2, two requests go at once, from either replica, and the third waits about
// a second; another installation is not held up.
func TestReservePaceAcrossReplicas(t *testing.T) {
	dsn := storetest.Postgres(t)
	a, b := openStore(t, dsn), openStore(t, dsn)
	ctx := ctxT(t)
	limits := store.PaceLimits{PerMinute: 60, MinuteBurst: 2, PerHour: 3600, HourBurst: 100}
	var waits []time.Duration
	for _, st := range []*store.Store{a, b, a} {
		w, err := st.ReservePace(ctx, "installation:42", limits)
		must(t, err)
		waits = append(waits, w)
	}
	if waits[0] != 0 || waits[1] != 0 {
		t.Errorf("the burst waited: %v", waits)
	}
	if waits[2] < 900*time.Millisecond || waits[2] > time.Second {
		t.Errorf("the third request waits %v, want about a second (60 a minute)", waits[2])
	}
	if w, err := b.ReservePace(ctx, "installation:7", limits); err != nil || w != 0 {
		t.Errorf("another installation waits %v (%v), want 0", w, err)
	}
	// The hour's budget counts too: 3 an hour, no burst.
	hourly := store.PaceLimits{PerMinute: 600, MinuteBurst: 10, PerHour: 3, HourBurst: 1}
	first, err := a.ReservePace(ctx, "installation:9", hourly)
	must(t, err)
	second, err := b.ReservePace(ctx, "installation:9", hourly)
	must(t, err)
	if first != 0 || second < 19*time.Minute || second > 20*time.Minute {
		t.Errorf("hourly budget: waits %v then %v, want 0 then about 20 minutes", first, second)
	}
}

// TestReservePaceOnSQLite: one process paces by itself; nothing is shared.
func TestReservePaceOnSQLite(t *testing.T) {
	st := openStore(t, storetest.SQLite(t))
	for range 3 {
		if w, err := st.ReservePace(ctxT(t), "installation:42", store.PaceLimits{PerMinute: 1, MinuteBurst: 1, PerHour: 1, HourBurst: 1}); err != nil || w != 0 {
			t.Fatalf("SQLite reservation: %v, %v; want 0 and no error", w, err)
		}
	}
}
