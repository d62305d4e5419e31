package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
)

// A batch's sessions and their drain generations, read in Accept's
// transaction (see Accept for why PostgreSQL locks them and SQLite reads).

// drainGenSQLite and drainGensSQLite read the drain generations of a
// batch's sessions: one session's with an index lookup, several with one
// statement that takes their keys as a JSON array (a batch of 30 deliveries
// over 30 sessions made 30 queries; BenchmarkEnqueue/sqlite, 100 sessions:
// about 22.7 -> 20.6 µs a delivery). A session without a row (before its
// first drain; BeginDrain creates it) is at generation 0. SQLite needs no
// row lock, its writer being the only one, and a read dirties no page: the
// upsert PostgreSQL needs cost every group commit one more WAL frame.
const (
	drainGenSQLite  = `SELECT session_key, gen FROM pw_drain WHERE session_key = $1`
	drainGensSQLite = `SELECT session_key, gen FROM pw_drain WHERE session_key IN (SELECT value FROM json_each($1))`
)

// drainGens reads the generations of keys (sorted, distinct) in tx.
func drainGens(ctx context.Context, tx *sql.Tx, sts *acceptStmts, keys []string) (map[string]int64, error) {
	gens := make(map[string]int64, len(keys))
	var arg string
	var st *sql.Stmt
	switch len(keys) {
	case 0:
		return gens, nil
	case 1:
		st, arg = tx.StmtContext(ctx, sts.gen), keys[0]
	default:
		list, err := json.Marshal(keys)
		if err != nil {
			return nil, fmt.Errorf("read drain generations: %w", err)
		}
		st, arg = tx.StmtContext(ctx, sts.gens), string(list)
	}
	defer st.Close()
	rows, err := st.QueryContext(ctx, arg)
	if err != nil {
		return nil, fmt.Errorf("read drain generations of %d sessions: %w", len(keys), err)
	}
	defer rows.Close()
	for rows.Next() {
		var key string
		var gen int64
		if err := rows.Scan(&key, &gen); err != nil {
			return nil, fmt.Errorf("read drain generations: %w", err)
		}
		gens[key] = gen
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read drain generations of %d sessions: %w", len(keys), err)
	}
	return gens, nil
}

// lockDrainSQL upserts a session's drain row and returns its generation. The
// no-op update is deliberate: on PostgreSQL it takes the row lock.
const lockDrainSQL = `INSERT INTO pw_drain (session_key, gen) VALUES ($1, 0)
	ON CONFLICT (session_key) DO UPDATE SET gen = pw_drain.gen RETURNING gen`

// sessionKeys returns the batch's distinct session keys, sorted: the fixed
// lock order that keeps concurrent batches from deadlocking.
func sessionKeys(ds []Delivery) []string {
	var keys []string
	for _, d := range ds {
		if d.SessionKey != "" {
			keys = append(keys, d.SessionKey)
		}
	}
	slices.Sort(keys)
	return slices.Compact(keys)
}
