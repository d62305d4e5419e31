package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
)

// Tx is an open transaction handed to callbacks (see Accept) so that other
// packages can add their own writes, such as River job inserts, to the same
// atomic commit. Exactly one of SQLite and Postgres is non-nil, matching
// Dialect.
type Tx struct {
	q     querier
	sqlTx *sql.Tx
	pgTx  pgx.Tx
}

// SQLite returns the underlying database/sql transaction, or nil on PostgreSQL.
func (t Tx) SQLite() *sql.Tx { return t.sqlTx }

// Postgres returns the underlying pgx transaction, or nil on SQLite.
func (t Tx) Postgres() pgx.Tx { return t.pgTx }

// inTx runs fn in one transaction and commits it, or rolls back if fn fails.
// Rollback errors are secondary to fn's error and are dropped on purpose.
func (s *Store) inTx(ctx context.Context, fn func(tx Tx) error) error {
	switch {
	case s.pool != nil:
		ptx, err := s.pool.Begin(ctx)
		if err != nil {
			return fmt.Errorf("begin postgres transaction: %w", err)
		}
		defer func() { _ = ptx.Rollback(context.WithoutCancel(ctx)) }()
		if err := fn(Tx{q: pgxQuerier{ptx}, pgTx: ptx}); err != nil {
			return err
		}
		if err := ptx.Commit(ctx); err != nil {
			return fmt.Errorf("commit postgres transaction: %w", err)
		}
		return nil
	case s.sqlDB != nil:
		stx, err := s.sqlDB.BeginTx(ctx, nil)
		if err != nil {
			return fmt.Errorf("begin sqlite transaction: %w", err)
		}
		defer func() { _ = stx.Rollback() }()
		if err := fn(Tx{q: sqlQuerier{stx}, sqlTx: stx}); err != nil {
			return err
		}
		if err := stx.Commit(); err != nil {
			return fmt.Errorf("commit sqlite transaction: %w", err)
		}
		if s.ckpt != nil {
			s.ckpt.committed()
		}
		return nil
	default:
		return errClosed
	}
}

var errClosed = errors.New("store is closed")
