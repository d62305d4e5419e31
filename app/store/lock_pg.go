package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/jackc/pgx/v5/pgxpool"
)

// A terminated backend or a database restart is noticed at once: the
// server's last message (or the closed socket) wakes the watcher, which
// waits on the idle connection. A connection that dies silently (a network
// cut, no FIN) is noticed by a ping every lockHeartbeat, within
// lockPingTimeout. Either way no fenced write succeeds once the lock is gone:
// those run on the connection itself.
const (
	lockHeartbeat   = 2 * time.Second
	lockPingTimeout = 3 * time.Second
)

// advisoryLock owns a lock's dedicated connection. The watcher uses it
// between fenced writes; a fenced write interrupts the watcher's wait and
// takes its turn (pgx connections are not for concurrent use).
type advisoryLock struct {
	st   *Store
	key  string
	conn *pgxpool.Conn

	mu       sync.Mutex
	turn     *sync.Cond // signalled when conn is free or the lock closes
	busy     bool       // conn in use (watcher or a fenced write)
	waiting  int        // fenced writes (or the release) waiting for conn
	stopWait context.CancelFunc
	closed   bool // released or lost: conn is no longer used
	lost     error
	done     chan struct{} // closed when lost
	watched  chan struct{} // closed when the watcher has returned
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
	a := &advisoryLock{st: s, key: key, conn: conn, done: make(chan struct{}), watched: make(chan struct{})}
	a.turn = sync.NewCond(&a.mu)
	go a.watch()
	var once sync.Once
	return &SessionLock{
		key:     key,
		release: func() { once.Do(a.release) },
		done:    a.done,
		err:     a.err,
		fenced:  a.fenced,
	}, true, nil
}

// watch waits on the idle connection until the lock closes or is lost.
func (a *advisoryLock) watch() {
	defer close(a.watched)
	pg := a.conn.Conn().PgConn()
	for {
		a.mu.Lock()
		for !a.closed && (a.busy || a.waiting > 0) {
			a.turn.Wait()
		}
		if a.closed {
			a.mu.Unlock()
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), lockHeartbeat)
		a.busy, a.stopWait = true, cancel
		a.mu.Unlock()

		err := pg.WaitForNotification(ctx) // nil: a notification, which nobody asked for
		heartbeat := errors.Is(ctx.Err(), context.DeadlineExceeded)
		if ctx.Err() != nil && !pg.IsClosed() {
			err = nil // our own deadline or interruption
		}
		cancel()
		if err == nil && heartbeat {
			pctx, pcancel := context.WithTimeout(context.Background(), lockPingTimeout)
			err = a.conn.Ping(pctx)
			pcancel()
		}

		a.mu.Lock()
		a.busy, a.stopWait = false, nil
		if err != nil {
			a.lose(err)
		}
		a.turn.Broadcast()
		a.mu.Unlock()
	}
}

// lose marks the lock lost; a.mu is held.
func (a *advisoryLock) lose(cause error) {
	if a.closed {
		return
	}
	a.closed = true
	a.lost = fmt.Errorf("session %q: %w: its connection failed: %v", a.key, ErrLockLost, cause)
	close(a.done)
}

func (a *advisoryLock) err() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.lost
}

// fenced runs one statement on the lock's connection: it succeeds only while
// the lock is held.
func (a *advisoryLock) fenced(ctx context.Context, sql string, args ...any) error {
	a.mu.Lock()
	a.waiting++
	if a.stopWait != nil {
		a.stopWait()
	}
	for !a.closed && a.busy {
		a.turn.Wait()
	}
	a.waiting--
	if a.closed {
		err := a.lost
		if err == nil {
			err = fmt.Errorf("session %q: %w: already released", a.key, ErrLockLost)
		}
		a.turn.Broadcast()
		a.mu.Unlock()
		return err
	}
	a.busy = true
	a.mu.Unlock()

	_, err := a.conn.Exec(ctx, sql, args...)

	a.mu.Lock()
	defer a.mu.Unlock()
	a.busy = false
	if err != nil && a.conn.Conn().PgConn().IsClosed() {
		a.lose(err)
		err = a.lost
	}
	a.turn.Broadcast()
	return err
}

// release stops the watcher, then unlocks and returns the connection to the
// pool; a lost lock's connection is closed instead (the pool drops it).
func (a *advisoryLock) release() {
	a.mu.Lock()
	a.waiting++
	if a.stopWait != nil {
		a.stopWait()
	}
	for a.busy {
		a.turn.Wait()
	}
	a.waiting--
	lost := a.closed
	a.closed = true
	a.turn.Broadcast()
	a.mu.Unlock()
	<-a.watched
	if lost {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		_ = a.conn.Conn().Close(ctx)
		cancel()
	} else {
		a.st.advisoryUnlock(a.conn, a.key)
	}
	a.conn.Release()
}
