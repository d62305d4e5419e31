package store

import (
	"context"
	"fmt"
	"time"
)

// Pruned counts what Prune deleted.
type Pruned struct{ Effects, Inbox, Deliveries int64 }

// Prune deletes history finished before the cutoff: done effects, processed
// inbox items with no effect left, and the dedupe rows versions before
// migration 5 wrote to pw_delivery, once no inbox item is left for them.
// Anything pending keeps its whole chain. An inbox item is also its delivery
// id's dedupe: forgetting it means a redelivery of it after the cutoff would
// be applied again, so keep more than GitHub's redelivery window
// (queue.WithRetention defaults to 30 days).
// Drain rows (pw_drain) are kept: resetting a generation could let a new
// delivery be deduplicated onto an old job that already looked.
func (s *Store) Prune(ctx context.Context, before time.Time) (Pruned, error) {
	var p Pruned
	cut := before.UnixMicro()
	err := s.inTx(ctx, func(tx Tx) error {
		var err error
		if p.Effects, err = tx.q.exec(ctx, `DELETE FROM pw_effect
			WHERE done_at IS NOT NULL AND done_at < $1`, cut); err != nil {
			return fmt.Errorf("prune effects: %w", err)
		}
		if p.Inbox, err = tx.q.exec(ctx, `DELETE FROM pw_inbox
			WHERE processed_at IS NOT NULL AND processed_at < $1
			AND NOT EXISTS (SELECT 1 FROM pw_effect e WHERE e.inbox_seq = pw_inbox.seq)`, cut); err != nil {
			return fmt.Errorf("prune inbox: %w", err)
		}
		if p.Deliveries, err = tx.q.exec(ctx, `DELETE FROM pw_delivery
			WHERE received_at < $1
			AND NOT EXISTS (SELECT 1 FROM pw_inbox i WHERE i.delivery_id = pw_delivery.delivery_id)`, cut); err != nil {
			return fmt.Errorf("prune deliveries: %w", err)
		}
		return nil
	})
	if err != nil {
		return Pruned{}, fmt.Errorf("prune history before %s: %w", before.Format(time.RFC3339), err)
	}
	return p, nil
}
