package store

import (
	"context"
	"errors"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// ErrLockLost is the cause of a SessionLock's Done: the database dropped the
// lock (its connection died: a restart, a terminated backend, a network
// cut), so another worker may hold the session now.
var ErrLockLost = errors.New("session lock lost")

// SessionLock is an exclusive hold on one session, taken by the drain worker
// so that one session's items are processed one at a time across all replicas.
//
// On PostgreSQL the lock lives as long as its connection, which the lock
// watches: the moment the connection dies, the context from Context ends
// with ErrLockLost as its cause (never on SQLite, where the lock is in this
// process), and every fenced write (Check, RecordAttempt) fails, since it
// runs on that very connection. A worker that checks before it acts on GitHub therefore never
// acts once another may hold the session.
type SessionLock struct {
	key     string
	release func()
	done    <-chan struct{}
	err     func() error
	fenced  func(ctx context.Context, sql string, args ...any) error
}

// Check returns an error wrapping ErrLockLost unless the lock is still held,
// proven by a round trip on the lock's own connection.
func (l *SessionLock) Check(ctx context.Context) error {
	return l.fenced(ctx, `SELECT 1`)
}

// RecordAttempt notes, through the lock's connection, that a content-
// creating request for effect id is about to be sent and that its outcome
// can be read from GitHub after settles. Nothing may be sent if it fails: the
// record is how a worker that takes the session later knows to wait and look
// before it sends again (see Effect.SettlesAt).
func (l *SessionLock) RecordAttempt(ctx context.Context, id string, settles time.Time) error {
	return l.fenced(ctx, `UPDATE pw_effect SET attempt_settles_at = $1 WHERE effect_id = $2 AND session_key = $3`,
		settles.UnixMicro(), id, l.key)
}

// Release gives the lock up. It is safe to call more than once.
func (l *SessionLock) Release() { l.release() }

// Context returns a context that is cancelled, with the lock's error as its
// cause, the moment the lock is lost; stop releases its resources.
func (l *SessionLock) Context(parent context.Context) (context.Context, func()) {
	held, cancel := context.WithCancelCause(parent)
	quit := make(chan struct{})
	go func() {
		select {
		case <-l.done:
			cancel(l.err())
		case <-quit:
		case <-held.Done():
		}
	}()
	var once sync.Once
	return withSessionLock(held, l), func() {
		once.Do(func() { close(quit); cancel(context.Canceled) })
	}
}

type lockKey struct{}

func withSessionLock(ctx context.Context, l *SessionLock) context.Context {
	return context.WithValue(ctx, lockKey{}, l)
}

// SessionLockFrom returns the lock a drain holds while ctx runs (see
// Context), or nil outside a drain.
func SessionLockFrom(ctx context.Context) *SessionLock {
	l, _ := ctx.Value(lockKey{}).(*SessionLock)
	return l
}

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
		key:     key,
		release: func() { once.Do(func() { s.locks.unlock(key) }) },
		done:    make(chan struct{}),
		err:     func() error { return nil },
		fenced: func(ctx context.Context, sql string, args ...any) error {
			_, err := s.q.exec(ctx, sql, args...)
			return err
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
