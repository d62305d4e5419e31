package store

import (
	"context"
	"fmt"
	"time"
)

// QueueStats is what waits in the store right now, for metrics.
type QueueStats struct {
	Unprocessed    int64     // accepted deliveries not yet processed
	PendingEffects int64     // effects committed but not yet carried out on GitHub
	OldestReceived time.Time // when the oldest unprocessed delivery arrived; zero when none
}

// QueueStats counts the unprocessed inbox and the pending outbox. Both
// queries use the partial "pending" indexes, so they stay cheap however long
// the processed history grows.
func (s *Store) QueueStats(ctx context.Context) (QueueStats, error) {
	var st QueueStats
	var oldest *int64
	if err := s.q.queryRow(ctx, `SELECT COUNT(*), MIN(received_at) FROM pw_inbox WHERE processed_at IS NULL`).
		Scan(&st.Unprocessed, &oldest); err != nil {
		return st, fmt.Errorf("count unprocessed inbox: %w", err)
	}
	if oldest != nil {
		st.OldestReceived = time.UnixMicro(*oldest).UTC()
	}
	if err := s.q.queryRow(ctx, `SELECT COUNT(*) FROM pw_effect WHERE done_at IS NULL`).Scan(&st.PendingEffects); err != nil {
		return st, fmt.Errorf("count pending effects: %w", err)
	}
	return st, nil
}
