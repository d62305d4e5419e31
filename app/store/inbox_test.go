package store_test

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

func TestAcceptDedupesAndOrders(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		ctx := ctxT(t)
		at := time.Date(2025, 5, 1, 12, 0, 0, 123000, time.UTC)
		d1 := delivery("a", "s")
		d1.ReceivedAt = at
		acc := accept(t, st, d1, delivery("b", "s"), delivery("a", "s"), delivery("c", ""))
		if acc[0].Dup || acc[1].Dup || !acc[2].Dup || acc[3].Dup {
			t.Fatalf("dup flags = %+v, want only the repeated id as dup", acc)
		}
		if !(acc[0].Seq < acc[1].Seq) {
			t.Fatalf("seqs %d, %d not in arrival order", acc[0].Seq, acc[1].Seq)
		}
		again := accept(t, st, delivery("b", "s"))
		if !again[0].Dup {
			t.Fatal("redelivery in a later batch not reported as dup")
		}

		it, ok, err := st.NextInbox(ctx, "s")
		must(t, err)
		if !ok || it.ID != "a" || it.Seq != acc[0].Seq || !it.ReceivedAt.Equal(at) || string(it.Payload) != `{"id":"a"}` || it.Event != "issue_comment" {
			t.Fatalf("next inbox = %+v (%v)", it, ok)
		}
		_, err = st.Commit(ctx, "s", []byte("x"), 0, it.Seq, nil)
		must(t, err)
		it, _, err = st.NextInbox(ctx, "s")
		must(t, err)
		if it.ID != "b" {
			t.Fatalf("after committing a, next = %s, want b", it.ID)
		}
		_, ok, err = st.NextInbox(ctx, "empty")
		must(t, err)
		if ok {
			t.Fatal("NextInbox of an unknown session reported an item")
		}
	})
}

func TestAcceptRollsBackWithSchedule(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		ctx := ctxT(t)
		boom := errors.New("boom")
		_, err := st.Accept(ctx, []store.Delivery{delivery("x", "s")},
			func(context.Context, store.Tx, []store.Accepted) error { return boom })
		wantErr(t, err, boom)
		// Nothing was kept: the same id is new again.
		if acc := accept(t, st, delivery("x", "s")); acc[0].Dup {
			t.Fatal("delivery of a rolled-back batch was remembered")
		}
	})
}

func TestDrainGenerations(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		ctx := ctxT(t)
		if acc := accept(t, st, delivery("1", "s")); acc[0].Gen != 0 {
			t.Fatalf("first gen = %d, want 0", acc[0].Gen)
		}
		g, err := st.BeginDrain(ctx, "s")
		must(t, err)
		if g != 1 {
			t.Fatalf("gen after BeginDrain = %d, want 1", g)
		}
		if acc := accept(t, st, delivery("2", "s")); acc[0].Gen != 1 {
			t.Fatalf("gen after drain began = %d, want 1", acc[0].Gen)
		}
		if g, _ := st.BeginDrain(ctx, "fresh"); g != 1 {
			t.Fatalf("BeginDrain of a new session = %d, want 1", g)
		}
		_, err = st.BeginDrain(ctx, "s")
		must(t, err)
		// One batch over several sessions: each delivery gets its own
		// session's generation, whatever the others'.
		acc := accept(t, st, delivery("3", "new"), delivery("4", "s"), delivery("5", ""), delivery("6", "fresh"), delivery("7", "s"))
		var gens []int64
		for _, a := range acc {
			gens = append(gens, a.Gen)
		}
		if want := []int64{0, 2, 0, 1, 2}; !slices.Equal(gens, want) {
			t.Fatalf("gens in a mixed batch = %v, want %v", gens, want)
		}
	})
}
