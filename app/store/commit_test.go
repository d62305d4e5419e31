package store_test

import (
	"testing"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

func TestCommitIsAtomicAndIdempotent(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		ctx := ctxT(t)
		const key = "o/r#7"
		acc := accept(t, st, delivery("d1", key), delivery("d2", key))
		seq1, seq2 := acc[0].Seq, acc[1].Seq

		effects := []store.Effect{{ID: "d1/0", Kind: "reply", Payload: []byte("hi")}, {ID: "d1/1", Kind: "react"}}
		v, err := st.Commit(ctx, key, []byte("s1"), 0, seq1, effects)
		must(t, err)

		// Applying the same item again changes nothing, whatever it carries.
		_, err = st.Commit(ctx, key, []byte("again"), v, seq1, []store.Effect{{ID: "d1/9", Kind: "x"}})
		wantErr(t, err, store.ErrAlreadyProcessed)

		// A stale version rolls back everything: item stays pending, no effects.
		_, err = st.Commit(ctx, key, []byte("stale"), 0, seq2, []store.Effect{{ID: "d2/0", Kind: "reply"}})
		wantErr(t, err, store.ErrConflict)
		next, ok, err := st.NextInbox(ctx, key)
		must(t, err)
		if !ok || next.Seq != seq2 {
			t.Fatalf("next inbox = %d (%v), want %d: a failed commit must not mark the item", next.Seq, ok, seq2)
		}

		data, version, err := st.LoadSession(ctx, key)
		must(t, err)
		if string(data) != "s1" || version != v {
			t.Fatalf("session = %s@%d, want s1@%d", data, version, v)
		}
		pending, err := st.PendingEffects(ctx, key)
		must(t, err)
		if len(pending) != 2 || pending[0].ID != "d1/0" || pending[1].ID != "d1/1" || string(pending[0].Payload) != "hi" {
			t.Fatalf("pending effects = %+v, want d1/0 then d1/1", pending)
		}

		must(t, st.MarkEffectDone(ctx, "d1/0", "comment 42"))
		must(t, st.MarkEffectDone(ctx, "d1/0", "second result is ignored"))
		wantErr(t, st.MarkEffectDone(ctx, "nope", ""), store.ErrNotFound)
		pending, err = st.PendingEffects(ctx, key)
		must(t, err)
		if len(pending) != 1 || pending[0].ID != "d1/1" {
			t.Fatalf("pending after done = %+v, want only d1/1", pending)
		}
		all, err := st.Effects(ctx, key)
		must(t, err)
		if len(all) != 2 || !all[0].Done || all[0].Result != "comment 42" || all[1].Done {
			t.Fatalf("effects = %+v", all)
		}

		_, err = st.Commit(ctx, "other", nil, 0, seq2, nil)
		wantErr(t, err, store.ErrNotFound) // an item is committed under its own session only
	})
}

func TestCommitSessionless(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		ctx := ctxT(t)
		acc := accept(t, st, delivery("inst-1", ""))
		if _, err := st.Commit(ctx, "", nil, 0, acc[0].Seq, []store.Effect{{ID: "e"}}); err == nil {
			t.Fatal("sessionless commit with effects succeeded, want refusal")
		}
		_, err := st.Commit(ctx, "", nil, 0, acc[0].Seq, nil)
		must(t, err)
		wantErr(t, st.MarkProcessed(ctx, acc[0].Seq), store.ErrAlreadyProcessed)
		it, processed, err := st.InboxBySeq(ctx, acc[0].Seq)
		must(t, err)
		if !processed || it.ID != "inst-1" {
			t.Fatalf("item %+v processed=%v", it, processed)
		}
	})
}
