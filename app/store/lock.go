package store

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// SessionLock is an exclusive hold on one session, taken by the drain worker
// so that one session's items are processed one at a time across all replicas.
type SessionLock struct {
	release func()
	alive   func(ctx context.Context) error
}

// Alive reports whether the lock is still held. On PostgreSQL the lock lives
// as long as its connection; a drain checks it between items so that a dropped
// connection stops the drain instead of racing another replica (Commit's
// version check would still refuse the second writer).
func (l *SessionLock) Alive(ctx context.Context) error { return l.alive(ctx) }

// Release gives the lock up. It is safe to call more than once.
func (l *SessionLock) Release() { l.release() }

// TryLockSession takes the session's lock without waiting; ok is false when
// another drain holds it (the caller should retry later).
//
// PostgreSQL: a session-level advisory lock keyed (schema namespace,
// hashtext(key)) on a connection taken out of the pool for the duration.
// SQLite: a lock in this process, shared by every Store open on the same
// file; SQLite is single-host, so no other process drains it.
func (s *Store) TryLockSession(ctx context.Context, key string) (*SessionLock, bool, error) {
	if s.pool != nil {
		return s.tryAdvisoryLock(ctx, key)
	}
	if !s.locks.tryLock(key) {
		return nil, false, nil
	}
	var once sync.Once
	return &SessionLock{
		release: func() { once.Do(func() { s.locks.unlock(key) }) },
		alive:   func(context.Context) error { return nil },
	}, true, nil
}

func (s *Store) tryAdvisoryLock(ctx context.Context, key string) (*SessionLock, bool, error) {
	conn, err := s.pool.Acquire(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("acquire connection to lock session %q: %w", key, err)
	}
	var ok bool
	err = conn.QueryRow(ctx, `SELECT pg_try_advisory_lock($1, hashtext($2))`, s.lockNS, key).Scan(&ok)
	if err != nil || !ok {
		conn.Release()
		if err != nil {
			return nil, false, fmt.Errorf("try advisory lock for session %q: %w", key, err)
		}
		return nil, false, nil
	}
	var once sync.Once
	return &SessionLock{
		release: func() {
			once.Do(func() {
				s.advisoryUnlock(conn, key)
				conn.Release()
			})
		},
		alive: func(ctx context.Context) error {
			if err := conn.Ping(ctx); err != nil {
				return fmt.Errorf("session %q lock connection lost: %w", key, err)
			}
			return nil
		},
	}, true, nil
}

// advisoryUnlock must not leave a locked connection in the pool: if the
// unlock fails the connection is closed, which drops the lock server-side.
// It runs on a fresh context because the job's may already be cancelled.
func (s *Store) advisoryUnlock(conn *pgxpool.Conn, key string) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_unlock($1, hashtext($2))`, s.lockNS, key); err != nil {
		_ = conn.Conn().Close(ctx)
	}
}

// advisoryUnlockKey is advisoryUnlock for a raw (namespace, id) key.
func (s *Store) advisoryUnlockKey(conn *pgxpool.Conn, id int32) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_unlock($1, $2)`, s.lockNS, id); err != nil {
		_ = conn.Conn().Close(ctx)
	}
}

// sessionLocks is the in-process lock table for one SQLite file.
type sessionLocks struct {
	mu   sync.Mutex
	held map[string]bool
}

func (l *sessionLocks) tryLock(key string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.held[key] {
		return false
	}
	l.held[key] = true
	return true
}

func (l *sessionLocks) unlock(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.held, key)
}

var (
	fileLocksMu sync.Mutex
	fileLocks   = map[string]*sessionLocks{}
)

// locksFor returns the lock table of one SQLite file (by absolute path) so
// two Stores on the same file in one process exclude each other too.
// In-memory databases are private to their Store.
func locksFor(path string) *sessionLocks {
	if path == "" {
		return &sessionLocks{held: map[string]bool{}}
	}
	fileLocksMu.Lock()
	defer fileLocksMu.Unlock()
	if l, ok := fileLocks[path]; ok {
		return l
	}
	l := &sessionLocks{held: map[string]bool{}}
	fileLocks[path] = l
	return l
}
