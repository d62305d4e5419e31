package store_test

import (
	"testing"

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
		must(t, l.Alive(ctx))
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
