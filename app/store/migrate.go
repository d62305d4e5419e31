package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
)

// quietLogger keeps rivermigrate's per-step info lines out of our output.
var quietLogger = slog.New(slog.DiscardHandler)

// Migrate brings River's tables and ours up to date. It is safe to call
// repeatedly and from replicas starting together.
//
// River's steps commit one by one (they cannot share a transaction: a later
// PostgreSQL step uses an enum value added by an earlier one); ours then
// commit together. On PostgreSQL a session-level advisory lock on a dedicated
// connection makes replicas that start together take turns. SQLite is used
// by one process, whose single connection serialises everything.
func (s *Store) Migrate(ctx context.Context) error {
	var err error
	if s.pool != nil {
		err = s.migratePostgres(ctx)
	} else {
		err = s.migrateAll(ctx)
	}
	if err != nil {
		return fmt.Errorf("migrate %s schema: %w", s.dialect, err)
	}
	return nil
}

func (s *Store) migratePostgres(ctx context.Context) error {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return fmt.Errorf("acquire connection for migration lock: %w", err)
	}
	defer conn.Release()
	// Key (ns, 0) shares the session-lock namespace; a session hashing to 0
	// would merely wait for the migration.
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1, 0)`, s.lockNS); err != nil {
		return fmt.Errorf("take migration lock: %w", err)
	}
	defer s.advisoryUnlockKey(conn, 0)
	return s.migrateAll(ctx)
}

func (s *Store) migrateAll(ctx context.Context) error {
	if err := s.migrateRiver(ctx); err != nil {
		return err
	}
	if s.sqlDB != nil {
		return s.migrateOwnSQLite(ctx)
	}
	return s.inTx(ctx, func(tx Tx) error { return s.migrateOwn(ctx, tx.q) })
}

// migrateOwnSQLite applies our steps in one transaction with foreign-key
// enforcement off, as SQLite's procedure for rebuilding a table requires
// (migration 5 drops pw_inbox, which pw_effect refers to, and renames its
// copy into place). The pragma cannot change inside a transaction, so it is
// set around one on a pinned connection (the pool's only one), and
// PRAGMA foreign_key_check must find nothing before the commit.
func (s *Store) migrateOwnSQLite(ctx context.Context) (err error) {
	conn, err := s.sqlDB.Conn(ctx)
	if err != nil {
		return fmt.Errorf("pin connection for migration: %w", err)
	}
	defer func() { _ = conn.Close() }()
	if _, err := conn.ExecContext(ctx, `PRAGMA foreign_keys = OFF`); err != nil {
		return fmt.Errorf("turn foreign keys off for migration: %w", err)
	}
	defer func() {
		if _, onErr := conn.ExecContext(context.WithoutCancel(ctx), `PRAGMA foreign_keys = ON`); onErr != nil {
			// Never hand the pool a connection that does not enforce them.
			_ = conn.Raw(func(any) error { return driver.ErrBadConn })
			if err == nil {
				err = fmt.Errorf("turn foreign keys back on after migration: %w", onErr)
			}
		}
	}()
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin migration transaction: %w", err)
	}
	defer func() { _ = tx.Rollback() }()
	if err := s.migrateOwn(ctx, sqlQuerier{tx}); err != nil {
		return err
	}
	if err := foreignKeyCheck(ctx, tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit migration: %w", err)
	}
	return nil
}

// foreignKeyCheck fails if any row refers to one that does not exist.
func foreignKeyCheck(ctx context.Context, tx *sql.Tx) error {
	rs, err := tx.QueryContext(ctx, `PRAGMA foreign_key_check`)
	if err != nil {
		return fmt.Errorf("check foreign keys after migration: %w", err)
	}
	defer func() { _ = rs.Close() }()
	if rs.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int64
		if err := rs.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return fmt.Errorf("read foreign key check: %w", err)
		}
		return fmt.Errorf("after migration, row %d of %s refers to a missing %s row", rowid.Int64, table, parent)
	}
	return rs.Err()
}

func (s *Store) migrateRiver(ctx context.Context) error {
	cfg := &rivermigrate.Config{Logger: quietLogger}
	var err error
	if s.pool != nil {
		var m *rivermigrate.Migrator[pgx.Tx]
		if m, err = rivermigrate.New(riverpgxv5.New(s.pool), cfg); err == nil {
			_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
		}
	} else {
		var m *rivermigrate.Migrator[*sql.Tx]
		if m, err = rivermigrate.New(riversqlite.New(s.sqlDB), cfg); err == nil {
			_, err = m.Migrate(ctx, rivermigrate.DirectionUp, nil)
		}
	}
	if err != nil {
		return fmt.Errorf("apply river migrations: %w", err)
	}
	return nil
}

func (s *Store) migrateOwn(ctx context.Context, q querier) error {
	if _, err := q.exec(ctx, migrationTableSQL); err != nil {
		return fmt.Errorf("create pw_migration: %w", err)
	}
	var applied int
	if err := q.queryRow(ctx, `SELECT COALESCE(MAX(version), 0) FROM pw_migration`).Scan(&applied); err != nil {
		return fmt.Errorf("read applied migrations: %w", err)
	}
	if applied > len(s.schema) {
		return fmt.Errorf("database schema version %d is newer than this binary knows (%d)", applied, len(s.schema))
	}
	for i := applied; i < len(s.schema); i++ {
		version := i + 1
		if _, err := q.exec(ctx, dialectSQL(s.dialect, s.schema[i])); err != nil {
			return fmt.Errorf("apply migration %d: %w", version, err)
		}
		if _, err := q.exec(ctx, `INSERT INTO pw_migration (version, applied_at) VALUES ($1, $2)`,
			version, time.Now().UnixMicro()); err != nil {
			return fmt.Errorf("record migration %d: %w", version, err)
		}
	}
	return nil
}
