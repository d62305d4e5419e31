package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Accepted tells what Accept did with one delivery.
type Accepted struct {
	Dup bool  // the delivery id was already known; nothing was stored
	Seq int64 // inbox sequence of the new row (0 when Dup)
	Gen int64 // the session's drain generation at insert time (0 if sessionless)
}

// Schedule adds the caller's own writes (River job inserts) to an Accept
// transaction. acc is parallel to the accepted deliveries.
type Schedule func(ctx context.Context, tx Tx, acc []Accepted) error

// Accept durably records a batch of deliveries in one transaction: an inbox
// row per new delivery id (its UNIQUE delivery_id is the dedupe, kept as long
// as the row: see Prune), then runs schedule inside the same transaction.
// Nothing is visible, and nothing is acknowledged, before the whole batch
// commits.
//
// Per-session order: every session's drain generation is read first, in
// sorted key order. On PostgreSQL that read is an upsert of the pw_drain row,
// which holds the row's lock until commit (the sorted order keeps concurrent
// batches from deadlocking), so two replicas' batches for one session commit
// one after the other and their inbox sequence numbers are allocated in
// commit order; a drain never sees seq N+1 before seq N. SQLite has one
// writer, so a plain read does.
func (s *Store) Accept(ctx context.Context, ds []Delivery, schedule Schedule) ([]Accepted, error) {
	for _, d := range ds {
		if d.ID == "" {
			return nil, fmt.Errorf("accept %d deliveries: delivery without id (event %q)", len(ds), d.Event)
		}
	}
	var sts *acceptStmts
	if s.sqlDB != nil {
		// SQLite runs the batch without the caller's deadline: its only wait
		// is for the file lock, which busy_timeout bounds, while a context
		// that can end makes database/sql and the driver start a watcher
		// goroutine for the transaction and for every statement
		// (BenchmarkEnqueue/sqlite: about 42 -> 32 µs a delivery without).
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("accept %d deliveries: %w", len(ds), err)
		}
		ctx = context.WithoutCancel(ctx)
		var err error
		if sts, err = s.acceptStatements(ctx); err != nil {
			return nil, fmt.Errorf("accept %d deliveries: %w", len(ds), err)
		}
	}
	acc := make([]Accepted, len(ds))
	err := s.inTx(ctx, func(tx Tx) error {
		var err error
		if tx.pgTx != nil {
			err = acceptPipelined(ctx, tx.pgTx, ds, acc)
		} else {
			err = acceptEach(ctx, tx.sqlTx, sts, ds, acc)
		}
		if err != nil {
			return err
		}
		if schedule != nil {
			return schedule(ctx, tx, acc)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("accept %d deliveries: %w", len(ds), err)
	}
	return acc, nil
}

// acceptStmts are the SQLite accept statements, prepared once on the
// database: the group-commit writer is the one serial step of the webhook
// route, and parsing them for every batch was a tenth of its time. Each
// batch binds them to its transaction with Tx.StmtContext, which reuses
// the statement already prepared on the (single) connection.
type acceptStmts struct{ gen, gens, inbox *sql.Stmt }

// acceptInboxSQLite stores a delivery unless its id is already in the
// inbox: no row inserted means a duplicate. Until migration 5 a separate
// pw_delivery row carried the dedupe; one insert instead of two is a fifth
// less work for the group-commit writer. It has no RETURNING clause
// (acceptInboxSQL, PostgreSQL's, has): SQLite runs RETURNING as a trigger
// program with an ephemeral table and a statement journal, and the rowid
// and change count that Exec reports say the same for a third less of the
// writer's time (BenchmarkEnqueue/sqlite: about 32 -> 24 µs a delivery).
const acceptInboxSQLite = `INSERT INTO pw_inbox (delivery_id, session_key, event, payload, payload_format, received_at)
	VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (delivery_id) DO NOTHING`

// acceptStatements prepares the accept statements the first time. It must
// not be called inside a transaction: SQLite's pool has one connection.
func (s *Store) acceptStatements(ctx context.Context) (*acceptStmts, error) {
	s.acceptMu.Lock()
	defer s.acceptMu.Unlock()
	if s.acceptStmts != nil {
		return s.acceptStmts, nil
	}
	var st acceptStmts
	for _, p := range []struct {
		dst **sql.Stmt
		q   string
	}{{&st.gen, drainGenSQLite}, {&st.gens, drainGensSQLite}, {&st.inbox, acceptInboxSQLite}} {
		var err error
		if *p.dst, err = s.sqlDB.PrepareContext(ctx, p.q); err != nil {
			closeStmts(st.gen, st.gens, st.inbox)
			return nil, fmt.Errorf("prepare accept statement: %w", err)
		}
	}
	s.acceptStmts = &st
	return s.acceptStmts, nil
}

func (s *Store) closeAcceptStatements() {
	s.acceptMu.Lock()
	defer s.acceptMu.Unlock()
	if st := s.acceptStmts; st != nil {
		closeStmts(st.gen, st.gens, st.inbox)
		s.acceptStmts = nil
	}
}

func closeStmts(sts ...*sql.Stmt) {
	for _, st := range sts {
		if st != nil {
			_ = st.Close()
		}
	}
}

// acceptEach is Accept's SQLite path: the statements run one by one (cheap
// in-process), prepared once (see acceptStmts).
func acceptEach(ctx context.Context, tx *sql.Tx, sts *acceptStmts, ds []Delivery, acc []Accepted) error {
	gens, err := drainGens(ctx, tx, sts, sessionKeys(ds))
	if err != nil {
		return err
	}
	inbox := tx.StmtContext(ctx, sts.inbox)
	defer inbox.Close()
	for i, d := range ds {
		d = d.Pack()
		res, err := inbox.ExecContext(ctx, d.ID, d.SessionKey, d.Event, d.stored, d.format, deliveryTime(d).UnixMicro())
		if err != nil {
			return fmt.Errorf("insert inbox row for delivery %s: %w", d.ID, err)
		}
		// No row inserted means the id was already there. Otherwise seq is
		// the new rowid (pw_inbox.seq is SQLite's INTEGER PRIMARY KEY).
		inserted, err := res.RowsAffected()
		if err != nil {
			return fmt.Errorf("insert inbox row for delivery %s: %w", d.ID, err)
		}
		if inserted == 0 {
			acc[i] = Accepted{Dup: true}
			continue
		}
		seq, err := res.LastInsertId()
		if err != nil {
			return fmt.Errorf("insert inbox row for delivery %s: %w", d.ID, err)
		}
		acc[i] = Accepted{Seq: seq, Gen: gens[d.SessionKey]}
	}
	return nil
}

// deliveryTime defaults a missing receive time to now.
func deliveryTime(d Delivery) time.Time {
	if d.ReceivedAt.IsZero() {
		return time.Now()
	}
	return d.ReceivedAt
}

// orEmpty keeps NOT NULL blob columns from receiving NULL.
func orEmpty(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return b
}
