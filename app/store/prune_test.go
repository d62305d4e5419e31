package store_test

import (
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

func TestPruneKeepsPendingWork(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		ctx := ctxT(t)
		acc := accept(t, st, delivery("done", "s"), delivery("effect-pending", "s"), delivery("waiting", "s"))
		v, err := st.Commit(ctx, "s", []byte("1"), 0, acc[0].Seq, []store.Effect{{ID: "done/0", Kind: "reply"}})
		must(t, err)
		must(t, st.MarkEffectDone(ctx, "done/0", "ok"))
		_, err = st.Commit(ctx, "s", []byte("2"), v, acc[1].Seq, []store.Effect{{ID: "effect-pending/0", Kind: "reply"}})
		must(t, err)

		if p, err := st.Prune(ctx, time.Now().Add(-time.Hour)); err != nil || p != (store.Pruned{}) {
			t.Fatalf("prune before anything finished = %+v, %v; want nothing", p, err)
		}
		p, err := st.Prune(ctx, time.Now().Add(time.Hour))
		must(t, err)
		if p != (store.Pruned{Effects: 1, Inbox: 1}) {
			t.Fatalf("pruned %+v, want exactly the finished chain", p)
		}
		again := accept(t, st, delivery("done", "s"), delivery("effect-pending", "s"), delivery("waiting", "s"))
		if again[0].Dup || !again[1].Dup || !again[2].Dup {
			t.Fatalf("dup flags after prune = %+v: only the pruned id may be new", again)
		}
		pending, err := st.PendingEffects(ctx, "s")
		must(t, err)
		if len(pending) != 1 || pending[0].ID != "effect-pending/0" {
			t.Fatalf("pending effects after prune = %+v", pending)
		}
	})
}
