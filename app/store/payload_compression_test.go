package store_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// A large payload comes back byte for byte, and on PostgreSQL the inbox
// compresses payloads with lz4 where the server supports it.
func TestLargePayloadRoundTripAndCompression(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		ctx := ctxT(t)
		payload := []byte(`{"comment":{"body":"` + strings.Repeat("/decide canary -- because ", 700) + `"}}`)
		d := store.Delivery{ID: "big", Event: "issue_comment", SessionKey: "o/r#1", Payload: payload}
		accept(t, st, d)
		got, ok, err := st.NextInbox(ctx, "o/r#1")
		must(t, err)
		if !ok || !bytes.Equal(got.Payload, payload) {
			t.Fatalf("payload of %d bytes came back as %d bytes (found %v)", len(payload), len(got.Payload), ok)
		}
		pool := st.PGXPool()
		if pool == nil {
			return
		}
		var method string
		must(t, pool.QueryRow(ctx, `SELECT attcompression::text FROM pg_attribute
			WHERE attrelid = 'pw_inbox'::regclass AND attname = 'payload'`).Scan(&method))
		tx, err := pool.Begin(ctx)
		must(t, err)
		_, lz4Err := tx.Exec(ctx, `SET LOCAL default_toast_compression = lz4`) // does this server have lz4?
		_ = tx.Rollback(context.Background())
		switch {
		case lz4Err == nil && method != "l":
			t.Fatalf("pw_inbox.payload compression %q, want lz4 (l)", method)
		case lz4Err != nil && method != "":
			t.Fatalf("server without lz4 (%v), yet compression %q", lz4Err, method)
		}
	})
}
