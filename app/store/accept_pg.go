package store

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// acceptInboxSQL is acceptInboxSQLite for PostgreSQL, which reports no
// rowid: the new row's seq comes back with RETURNING, no row back means a
// duplicate.
const acceptInboxSQL = `INSERT INTO pw_inbox (delivery_id, session_key, event, payload, payload_format, received_at)
	VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (delivery_id) DO NOTHING RETURNING seq`

// acceptPipelined is Accept's PostgreSQL path: the same statements as
// acceptEach, in the same order (drain row locks first, sorted), but sent as
// one pipelined batch, so a group commit of N deliveries costs about one
// network round trip instead of 3N.
func acceptPipelined(ctx context.Context, tx pgx.Tx, ds []Delivery, acc []Accepted) error {
	keys := sessionKeys(ds)
	b := &pgx.Batch{}
	for _, k := range keys {
		b.Queue(lockDrainSQL, k)
	}
	for _, d := range ds {
		d = d.Pack()
		b.Queue(acceptInboxSQL, d.ID, d.SessionKey, d.Event, d.stored, d.format, deliveryTime(d).UnixMicro())
	}
	br := tx.SendBatch(ctx, b)
	gens := make(map[string]int64, len(keys))
	for _, k := range keys {
		var gen int64
		if err := br.QueryRow().Scan(&gen); err != nil {
			_ = br.Close()
			return fmt.Errorf("lock drain row of session %q: %w", k, err)
		}
		gens[k] = gen
	}
	for i, d := range ds {
		var seq int64
		err := br.QueryRow().Scan(&seq)
		switch {
		case errors.Is(err, pgx.ErrNoRows):
			acc[i] = Accepted{Dup: true}
		case err != nil:
			_ = br.Close()
			return fmt.Errorf("accept delivery %s: %w", d.ID, err)
		default:
			acc[i] = Accepted{Seq: seq, Gen: gens[d.SessionKey]}
		}
	}
	if err := br.Close(); err != nil {
		return fmt.Errorf("finish accept batch: %w", err)
	}
	return nil
}
