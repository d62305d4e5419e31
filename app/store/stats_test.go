package store_test

import (
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// QueueStats counts what is unprocessed and dates the oldest of it; a
// processed item leaves the count.
func TestQueueStatsCountsTheUnprocessed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		empty, err := st.QueueStats(ctxT(t))
		must(t, err)
		if empty != (store.QueueStats{}) {
			t.Fatalf("empty store: %+v", empty)
		}
		before := time.Now().Add(-time.Second)
		acc := accept(t, st, delivery("d1", "github:acme/shop#1"), delivery("d2", "github:acme/shop#1"), delivery("d3", ""))
		got, err := st.QueueStats(ctxT(t))
		must(t, err)
		if got.Unprocessed != 3 || got.OldestReceived.Before(before) || got.OldestReceived.After(time.Now()) {
			t.Errorf("after three deliveries: %+v", got)
		}
		must(t, st.MarkProcessed(ctxT(t), acc[2].Seq))
		got, err = st.QueueStats(ctxT(t))
		must(t, err)
		if got.Unprocessed != 2 || got.PendingEffects != 0 {
			t.Errorf("after processing one: %+v", got)
		}
	})
}
