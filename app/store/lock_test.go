package store_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

func TestSessionLockExcludesOtherStores(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		a, b := openStore(t, dsn), openStore(t, dsn) // two replicas
		ctx := ctxT(t)
		l, ok, err := a.TryLockSession(ctx, "s")
		must(t, err)
		if !ok {
			t.Fatal("first lock not granted")
		}
		must(t, l.Check(ctx))
		if _, ok, err := b.TryLockSession(ctx, "s"); err != nil || ok {
			t.Fatalf("second holder granted (ok=%v err=%v), want refused", ok, err)
		}
		other, ok, err := b.TryLockSession(ctx, "t")
		must(t, err)
		if !ok {
			t.Fatal("lock on another session refused")
		}
		other.Release()
		l.Release()
		l.Release() // idempotent
		again, ok, err := b.TryLockSession(ctx, "s")
		must(t, err)
		if !ok {
			t.Fatal("lock not granted after release")
		}
		again.Release()
	})
}

// TestLostLockStopsItsHolder: the database ends the connection holding a
// session's lock (a failover, an operator, a restart). The holder hears it
// at once (the context from Context ends), every fenced write fails
// from then on, and another replica can take the session.
func TestLostLockStopsItsHolder(t *testing.T) {
	dsn := storetest.Postgres(t)
	t.Parallel()
	a, b := openStore(t, dsn), openStore(t, dsn)
	ctx := ctxT(t)
	l, ok, err := a.TryLockSession(ctx, "s")
	must(t, err)
	if !ok {
		t.Fatal("lock not granted")
	}
	defer l.Release()
	held, stop := l.Context(ctx)
	defer stop()
	if store.SessionLockFrom(held) != l {
		t.Fatal("the drain's context does not carry its lock")
	}
	must(t, l.Check(ctx))

	n, err := b.CountRaw(ctx, `SELECT count(pg_terminate_backend(pid)) FROM pg_locks
		WHERE locktype = 'advisory' AND objsubid = 2 AND granted
		  AND classid = (hashtext('pipewright:' || current_schema())::bigint & 4294967295)::oid
		  AND objid = (hashtext('s')::bigint & 4294967295)::oid`)
	if err != nil || n != 1 {
		t.Fatalf("terminated %d lock holders (%v), want 1", n, err)
	}
	select {
	case <-held.Done():
	case <-time.After(10 * time.Second):
		t.Fatal("the holder's context lives on after its lock was lost")
	}
	if cause := context.Cause(held); !errors.Is(cause, store.ErrLockLost) {
		t.Errorf("context ended with %v, want ErrLockLost", cause)
	}
	if err := l.Check(ctx); !errors.Is(err, store.ErrLockLost) {
		t.Errorf("Check after the loss: %v, want ErrLockLost", err)
	}
	if err := l.RecordAttempt(ctx, "e", time.Now()); !errors.Is(err, store.ErrLockLost) {
		t.Errorf("RecordAttempt after the loss: %v, want ErrLockLost", err)
	}
	other, ok, err := b.TryLockSession(ctx, "s")
	must(t, err)
	if !ok {
		t.Fatal("another replica cannot take the session after the loss")
	}
	other.Release()
}

// TestFencedWritesTakeTurnsWithTheWatcher: the watcher waits on the lock's
// connection; fenced writes interrupt it, run, and hand it back, however
// many at once, and a released lock refuses them.
func TestFencedWritesTakeTurnsWithTheWatcher(t *testing.T) {
	storetest.Each(t, func(t *testing.T, dsn string) {
		s := openStore(t, dsn)
		ctx := ctxT(t)
		l, ok, err := s.TryLockSession(ctx, "s")
		must(t, err)
		if !ok {
			t.Fatal("lock not granted")
		}
		var wg sync.WaitGroup
		for range 20 {
			wg.Go(func() {
				if err := l.Check(ctx); err != nil {
					t.Error(err)
				}
			})
		}
		wg.Wait()
		l.Release()
		if s.Dialect() == store.DialectPostgres {
			if err := l.Check(ctx); !errors.Is(err, store.ErrLockLost) {
				t.Errorf("Check after Release: %v, want ErrLockLost", err)
			}
		}
		again, ok, err := s.TryLockSession(ctx, "s")
		must(t, err)
		if !ok {
			t.Fatal("lock not granted after release")
		}
		again.Release()
	})
}
