package store

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
	"time"
)

// checkpointEvery bounds how often the background checkpointer runs while
// commits keep coming.
const checkpointEvery = 10 * time.Millisecond

// checkpointer copies committed WAL frames into a SQLite database file on a
// connection of its own, beside the writer. SQLite's automatic checkpoint
// runs inside the commit that crosses 1,000 WAL pages: then that commit,
// and every webhook waiting on its group, also waits for ~1,000 page writes
// and the database file's fsync. Copied here first (PASSIVE: it never
// blocks the writer), that in-line checkpoint finds little left to copy;
// it still runs, and is what lets the WAL start over from its beginning, so
// the file stays bounded. pwbench: p99 about a quarter lower, the same rate.
type checkpointer struct {
	db   *sql.DB
	wake chan struct{} // a commit happened; buffered, never blocks
	stop chan struct{}
	done sync.WaitGroup
}

// startCheckpointer opens the second connection (conn is the store's own
// SQLite connection string) and starts the loop.
func startCheckpointer(conn string) (*checkpointer, error) {
	db, err := sql.Open("sqlite", conn)
	if err != nil {
		return nil, fmt.Errorf("open checkpoint connection: %w", err)
	}
	db.SetMaxOpenConns(1)
	c := &checkpointer{db: db, wake: make(chan struct{}, 1), stop: make(chan struct{})}
	c.done.Go(c.loop)
	return c, nil
}

// committed tells the checkpointer there is something to copy.
func (c *checkpointer) committed() {
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *checkpointer) loop() {
	pause := time.NewTimer(0)
	defer pause.Stop()
	for {
		select {
		case <-c.stop:
			return
		case <-c.wake:
		}
		// A failed pass (the writer's own checkpoint holding the lock, a
		// busy file) is harmless: the in-line checkpoint still runs.
		_, _ = c.db.ExecContext(context.Background(), `PRAGMA wal_checkpoint(PASSIVE)`)
		pause.Reset(checkpointEvery)
		select {
		case <-c.stop:
			return
		case <-pause.C:
		}
	}
}

// close stops the loop and closes its connection.
func (c *checkpointer) close() error {
	close(c.stop)
	c.done.Wait()
	return c.db.Close()
}
