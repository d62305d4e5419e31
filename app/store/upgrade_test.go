package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// TestUpgradeToInboxDedupe opens a database written by a version before
// migration 5 (a pw_delivery row and an inbox row per delivery, the inbox's
// foreign key to pw_delivery) and checks that the upgrade loses nothing: old
// rows and their order, their dedupe, the effects that refer to them, and
// the sequence numbers already handed out.
func TestUpgradeToInboxDedupe(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		ctx := ctxT(t)
		old, err := store.OpenAtSchemaVersion(ctx, dsn, 4)
		must(t, err)
		at := time.Now().Add(-time.Minute).UnixMicro()
		for i := 1; i <= 4; i++ {
			id := fmt.Sprintf("old-%d", i)
			must(t, old.ExecRaw(ctx, `INSERT INTO pw_delivery (delivery_id, received_at) VALUES ($1, $2)`, id, at))
			must(t, old.ExecRaw(ctx, `INSERT INTO pw_inbox (delivery_id, session_key, event, payload, payload_format, received_at)
				VALUES ($1, 's', 'issue_comment', $2, 0, $3)`, id, []byte(`{"id":"`+id+`"}`), at))
		}
		// The first is processed with an effect that refers to it; the
		// newest was processed and pruned, so the highest sequence number
		// handed out is no longer in the table.
		must(t, old.ExecRaw(ctx, `UPDATE pw_inbox SET processed_at = $1 WHERE delivery_id IN ('old-1', 'old-4')`, at))
		must(t, old.ExecRaw(ctx, `INSERT INTO pw_effect (effect_id, session_key, inbox_seq, kind, payload, created_at)
			SELECT 'old-1/0', 's', seq, 'reply', $1, $2 FROM pw_inbox WHERE delivery_id = 'old-1'`, []byte("{}"), at))
		must(t, old.ExecRaw(ctx, `DELETE FROM pw_inbox WHERE delivery_id = 'old-4'`))
		must(t, old.Close())

		st := openStore(t, dsn)
		if n, err := st.CountRaw(ctx, `SELECT MAX(version) FROM pw_migration`); err != nil || n != int64(store.SchemaVersions) {
			t.Fatalf("schema version after upgrade = %d, %v; want %d", n, err, store.SchemaVersions)
		}
		// The pending old rows come back in order, byte for byte.
		var version int64
		for _, want := range []string{"old-2", "old-3"} {
			it, ok, err := st.NextInbox(ctx, "s")
			must(t, err)
			if !ok || it.ID != want || string(it.Payload) != `{"id":"`+want+`"}` {
				t.Fatalf("next inbox item = %+v (ok %v), want %s", it, ok, want)
			}
			version, err = st.Commit(ctx, "s", []byte(want), version, it.Seq, nil)
			must(t, err)
		}
		// A new delivery gets a number above every one handed out before,
		// including the pruned old-4's (the first four were 1..4). It is
		// accepted alone: SQLite spends numbers on inserts that turn out to
		// be duplicates, which would hide a lost high-water mark.
		if fresh := accept(t, st, delivery("new-1", "s")); fresh[0].Dup || fresh[0].Seq <= 4 {
			t.Fatalf("new delivery accepted as %+v, want new with a seq above the old high-water mark 4", fresh[0])
		}
		// Delivered again, every id that still has its inbox row is a
		// duplicate; a new id is not.
		acc := accept(t, st, delivery("old-1", "s"), delivery("old-2", "s"), delivery("old-3", "s"), delivery("new-1", "s"), delivery("new-2", "s"))
		if !acc[0].Dup || !acc[1].Dup || !acc[2].Dup || !acc[3].Dup || acc[4].Dup {
			t.Fatalf("dup flags after upgrade = %+v, want every id but new-2 a duplicate", acc)
		}
		if n, err := st.CountRaw(ctx, `SELECT COUNT(*) FROM pw_delivery WHERE delivery_id = 'new-1'`); err != nil || n != 0 {
			t.Fatalf("new delivery wrote %d pw_delivery rows (%v), want none", n, err)
		}
		// The old effect still points at its inbox row, and the foreign key
		// from effects to the inbox is still enforced.
		pending, err := st.PendingEffects(ctx, "s")
		must(t, err)
		if len(pending) != 1 || pending[0].ID != "old-1/0" {
			t.Fatalf("pending effects after upgrade = %+v, want old-1/0", pending)
		}
		if err := st.ExecRaw(ctx, `INSERT INTO pw_effect (effect_id, session_key, inbox_seq, kind, payload, created_at)
			VALUES ('orphan', 's', 999999, 'reply', $1, $2)`, []byte("{}"), at); err == nil {
			t.Fatal("an effect referring to a missing inbox row was accepted: foreign keys are off after the upgrade")
		}
		// Prune empties the legacy ledger once its inbox rows are gone.
		must(t, st.MarkEffectDone(ctx, "old-1/0", "ok"))
		p, err := st.Prune(ctx, time.Now().Add(time.Hour))
		must(t, err)
		if p.Deliveries != 4 {
			t.Fatalf("pruned %+v, want the four legacy pw_delivery rows", p)
		}
	})
}
