package store_test

import (
	"crypto/rand"
	"fmt"
	"os"
	"testing"

	"github.com/pipewright/pipewright/app/store"
	"github.com/pipewright/pipewright/app/store/storetest"
)

// TestWALStaysBounded: with the checkpointer copying beside the writer, the
// writer's own checkpoint still lets the WAL start over, so sustained
// writes do not grow it without bound (PASSIVE checkpoints alone never
// would). 4,000 deliveries of 3,000 incompressible bytes write over 16 MB.
func TestWALStaysBounded(t *testing.T) {
	dsn := storetest.SQLite(t)
	st := openStore(t, dsn)
	payload := make([]byte, 3000)
	for b := range 200 {
		batch := make([]store.Delivery, 20)
		for i := range batch {
			_, _ = rand.Read(payload)
			batch[i] = store.Delivery{ID: fmt.Sprintf("d-%d-%d", b, i), Event: "issue_comment", SessionKey: "s", Payload: append([]byte(nil), payload...)}
		}
		accept(t, st, batch...)
	}
	wal := dsn[len("sqlite://"):] + "-wal"
	fi, err := os.Stat(wal)
	if err != nil {
		t.Fatalf("stat the WAL: %v", err)
	}
	if fi.Size() > 8<<20 {
		t.Fatalf("WAL is %d bytes after 16 MB of writes, want it to have started over (at most 8 MB)", fi.Size())
	}
}
