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

// Payloads are stored s2-compressed (format 1) when that shrinks them; rows
// stored raw (format 0, as every row before migration 4) still read back,
// by NextInbox and by InboxBySeq alike.
func TestPayloadFormats(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		st := openStore(t, dsn)
		ctx := ctxT(t)
		big := []byte(`{"comment":{"body":"` + strings.Repeat("/decide canary -- because ", 700) + `"}}`)
		small := []byte(`{"action":"created"}`)
		acc := accept(t, st,
			store.Delivery{ID: "packed", Event: "issue_comment", SessionKey: "o/r#1", Payload: big},
			store.Delivery{ID: "tiny", Event: "issue_comment", SessionKey: "o/r#2", Payload: small}.Pack(),
			store.Delivery{ID: "legacy", Event: "issue_comment", SessionKey: "o/r#3", Payload: big})
		exec := func(q string, args ...any) {
			t.Helper()
			if pool := st.PGXPool(); pool != nil {
				_, err := pool.Exec(ctx, q, args...)
				must(t, err)
				return
			}
			_, err := st.SQLDB().ExecContext(ctx, q, args...)
			must(t, err)
		}
		var stored, format int64
		scan := func(seq int64) {
			t.Helper()
			q := `SELECT length(payload), payload_format FROM pw_inbox WHERE seq = $1`
			if pool := st.PGXPool(); pool != nil {
				must(t, pool.QueryRow(ctx, q, seq).Scan(&stored, &format))
				return
			}
			must(t, st.SQLDB().QueryRowContext(ctx, q, seq).Scan(&stored, &format))
		}
		if scan(acc[0].Seq); format != 1 || stored*3 > int64(len(big)) {
			t.Fatalf("big payload stored as %d bytes, format %d; want s2 (1), under a third of %d", stored, format, len(big))
		}
		if scan(acc[1].Seq); format != 0 || stored != int64(len(small)) {
			t.Fatalf("small payload stored as %d bytes, format %d; want raw (0), %d bytes", stored, format, len(small))
		}
		// A row written before payloads were compressed.
		exec(`UPDATE pw_inbox SET payload = $1, payload_format = 0 WHERE seq = $2`, big, acc[2].Seq)
		for key, want := range map[string][]byte{"o/r#1": big, "o/r#2": small, "o/r#3": big} {
			got, ok, err := st.NextInbox(ctx, key)
			must(t, err)
			if !ok || !bytes.Equal(got.Payload, want) {
				t.Fatalf("NextInbox(%s): payload of %d bytes, want %d (found %v)", key, len(got.Payload), len(want), ok)
			}
		}
		for i, want := range [][]byte{big, small, big} {
			got, _, err := st.InboxBySeq(ctx, acc[i].Seq)
			must(t, err)
			if !bytes.Equal(got.Payload, want) {
				t.Fatalf("InboxBySeq(%d): payload of %d bytes, want %d", acc[i].Seq, len(got.Payload), len(want))
			}
		}
		exec(`UPDATE pw_inbox SET payload_format = 9 WHERE seq = $1`, acc[0].Seq)
		if _, _, err := st.InboxBySeq(ctx, acc[0].Seq); err == nil || !strings.Contains(err.Error(), "unknown payload format 9") {
			t.Fatalf("unknown format: err %v", err)
		}
	})
}
