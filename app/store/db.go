package store

import (
	"context"
	"database/sql"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgxpool"
)

// querier is the little SQL surface the store needs, implemented once for
// database/sql (SQLite) and once for pgx (PostgreSQL). Every statement in this
// package is written in the common subset of both dialects with $N
// placeholders, which SQLite also accepts, so there is one copy of each query.
type querier interface {
	exec(ctx context.Context, q string, args ...any) (rowsAffected int64, err error)
	queryRow(ctx context.Context, q string, args ...any) row
	query(ctx context.Context, q string, args ...any) (rows, error)
}

type row interface{ Scan(dest ...any) error }

type rows interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
	Close()
}

// errNoRows unifies sql.ErrNoRows and pgx.ErrNoRows.
var errNoRows = errors.New("no rows")

// --- database/sql (SQLite) ---

type sqlRunner interface {
	ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

type sqlQuerier struct{ r sqlRunner }

func (s sqlQuerier) exec(ctx context.Context, q string, args ...any) (int64, error) {
	res, err := s.r.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

func (s sqlQuerier) queryRow(ctx context.Context, q string, args ...any) row {
	return sqlRow{s.r.QueryRowContext(ctx, q, args...)}
}

func (s sqlQuerier) query(ctx context.Context, q string, args ...any) (rows, error) {
	rs, err := s.r.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return sqlRows{rs}, nil
}

type sqlRow struct{ r *sql.Row }

func (r sqlRow) Scan(dest ...any) error {
	if err := r.r.Scan(dest...); errors.Is(err, sql.ErrNoRows) {
		return errNoRows
	} else {
		return err
	}
}

type sqlRows struct{ *sql.Rows }

// Close drops the error: Err() after the loop already reports what matters.
func (r sqlRows) Close() { _ = r.Rows.Close() }

// --- pgx (PostgreSQL) ---

type pgxRunner interface {
	Exec(ctx context.Context, q string, args ...any) (pgconn.CommandTag, error)
	QueryRow(ctx context.Context, q string, args ...any) pgx.Row
	Query(ctx context.Context, q string, args ...any) (pgx.Rows, error)
}

var (
	_ pgxRunner = (*pgxpool.Pool)(nil)
	_ pgxRunner = (pgx.Tx)(nil)
)

type pgxQuerier struct{ r pgxRunner }

func (p pgxQuerier) exec(ctx context.Context, q string, args ...any) (int64, error) {
	tag, err := p.r.Exec(ctx, q, args...)
	if err != nil {
		return 0, err
	}
	return tag.RowsAffected(), nil
}

func (p pgxQuerier) queryRow(ctx context.Context, q string, args ...any) row {
	return pgxRow{p.r.QueryRow(ctx, q, args...)}
}

func (p pgxQuerier) query(ctx context.Context, q string, args ...any) (rows, error) {
	rs, err := p.r.Query(ctx, q, args...)
	if err != nil {
		return nil, err
	}
	return rs, nil
}

type pgxRow struct{ r pgx.Row }

func (r pgxRow) Scan(dest ...any) error {
	if err := r.r.Scan(dest...); errors.Is(err, pgx.ErrNoRows) {
		return errNoRows
	} else {
		return err
	}
}
