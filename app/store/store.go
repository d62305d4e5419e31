// Package store is Pipewright's durable state: per-issue sessions with an
// optimistic version, the inbox of accepted webhook deliveries, and the outbox
// of effects still to perform on GitHub. It runs on one SQLite file by default
// and on PostgreSQL when given a postgres:// DSN, so several replicas can share
// the work. River's tables live in the same database, so a delivery, its inbox
// row and its job commit together (see docs/decisions/0002).
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"

	"github.com/jackc/pgx/v5/pgxpool"
	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" database/sql driver
)

// Errors callers branch on.
var (
	ErrNotFound         = errors.New("store: not found")
	ErrConflict         = errors.New("store: version conflict")
	ErrAlreadyProcessed = errors.New("store: inbox item already processed")
)

// defaultPGMaxConns leaves room for River's own connections plus one held
// advisory-lock connection per running drain job; pgxpool's default (4 on a
// 2-core machine) would starve the workers. Override with pool_max_conns.
const defaultPGMaxConns = 32

// Store is safe for concurrent use.
type Store struct {
	dialect string
	q       querier       // pool-level queries
	sqlDB   *sql.DB       // SQLite only
	pool    *pgxpool.Pool // PostgreSQL only
	locks   *sessionLocks // SQLite only: in-process session locks for this file
	lockNS  int32         // PostgreSQL only: advisory-lock namespace of our schema

	acceptMu    sync.Mutex
	acceptStmts *acceptStmts // SQLite only: prepared once, see acceptStatements

	schema []string // our migrations to apply: all of them, except in upgrade tests

	ckpt *checkpointer // SQLite file only: copies the WAL beside the writer
}

// Open connects to dsn ("postgres://…", "postgresql://…", a SQLite file path,
// "sqlite://PATH" or "file:PATH?…") and migrates the schema.
func Open(ctx context.Context, dsn string) (*Store, error) {
	return open(ctx, dsn, migrations)
}

// open is Open migrating only as far as schema goes.
func open(ctx context.Context, dsn string, schema []string) (*Store, error) {
	p, err := parseDSN(dsn)
	if err != nil {
		return nil, fmt.Errorf("open store: %w", err)
	}
	s := &Store{dialect: p.dialect, schema: schema}
	switch p.dialect {
	case DialectPostgres:
		cfg, err := pgxpool.ParseConfig(p.conn)
		if err != nil {
			return nil, fmt.Errorf("open store: parse postgres dsn: %w", err)
		}
		if !hasParam(p.conn, "pool_max_conns") {
			cfg.MaxConns = defaultPGMaxConns
		}
		if s.pool, err = pgxpool.NewWithConfig(ctx, cfg); err != nil {
			return nil, fmt.Errorf("open store: connect postgres: %w", err)
		}
		s.q = pgxQuerier{s.pool}
		if err := s.pool.QueryRow(ctx, `SELECT hashtext('pipewright:' || current_schema())`).Scan(&s.lockNS); err != nil {
			s.pool.Close()
			return nil, fmt.Errorf("open store: read postgres schema: %w", err)
		}
	default:
		if s.sqlDB, err = sql.Open("sqlite", p.conn); err != nil {
			return nil, fmt.Errorf("open store: open sqlite %s: %w", p.path, err)
		}
		// One connection, as riversqlite recommends: SQLite has a single
		// writer anyway, and in-process contention then queues in Go instead
		// of surfacing as SQLITE_BUSY. Group commit keeps throughput up.
		s.sqlDB.SetMaxOpenConns(1)
		s.sqlDB.SetConnMaxLifetime(0)
		s.sqlDB.SetConnMaxIdleTime(0)
		s.q = sqlQuerier{s.sqlDB}
		s.locks = locksFor(p.path)
	}
	if err := s.Migrate(ctx); err != nil {
		_ = s.Close()
		return nil, fmt.Errorf("open store: %w", err)
	}
	if s.sqlDB != nil && p.path != "" {
		if s.ckpt, err = startCheckpointer(p.conn); err != nil {
			_ = s.Close()
			return nil, fmt.Errorf("open store: %w", err)
		}
	}
	return s, nil
}

// Close releases the connections. Stop queues using the store first.
func (s *Store) Close() error {
	switch {
	case s.pool != nil:
		s.pool.Close()
	case s.sqlDB != nil:
		var ckErr error
		if s.ckpt != nil {
			ckErr = s.ckpt.close()
		}
		s.closeAcceptStatements()
		if err := s.sqlDB.Close(); err != nil {
			return fmt.Errorf("close sqlite: %w", err)
		}
		if ckErr != nil {
			return fmt.Errorf("close sqlite: %w", ckErr)
		}
	}
	return nil
}

// Dialect is DialectSQLite or DialectPostgres.
func (s *Store) Dialect() string { return s.dialect }

// Ping checks that the database answers, for readiness probes.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.q.queryRow(ctx, `SELECT 1`).Scan(&one); err != nil {
		return fmt.Errorf("ping %s store: %w", s.dialect, err)
	}
	return nil
}

// SQLDB is the SQLite pool (nil on PostgreSQL), for the River driver.
func (s *Store) SQLDB() *sql.DB { return s.sqlDB }

// PGXPool is the PostgreSQL pool (nil on SQLite), for the River driver.
func (s *Store) PGXPool() *pgxpool.Pool { return s.pool }
