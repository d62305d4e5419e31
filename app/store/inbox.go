package store

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Delivery is one webhook delivery as received.
type Delivery struct {
	ID         string // X-GitHub-Delivery: the dedupe key
	Event      string // X-GitHub-Event
	SessionKey string // "" for deliveries that touch no session (installation events…)
	Payload    []byte
	ReceivedAt time.Time

	// Set by Pack: the payload as stored and its format.
	packed bool
	stored []byte
	format int64
}

// InboxItem is an accepted delivery with its place in the arrival order.
type InboxItem struct {
	Seq int64
	Delivery
}

const inboxColumns = `seq, delivery_id, event, session_key, payload, payload_format, received_at`

func scanInbox(r row) (InboxItem, error) {
	var (
		it     InboxItem
		us     int64
		format int64
	)
	if err := r.Scan(&it.Seq, &it.ID, &it.Event, &it.SessionKey, &it.Payload, &format, &us); err != nil {
		return InboxItem{}, err
	}
	return finishInbox(it, format, us)
}

// finishInbox decompresses a scanned item's payload and sets its time.
func finishInbox(it InboxItem, format, us int64) (InboxItem, error) {
	p, err := unpack(it.Payload, format)
	if err != nil {
		return InboxItem{}, fmt.Errorf("inbox item %d: %w", it.Seq, err)
	}
	it.Payload = p
	it.ReceivedAt = time.UnixMicro(us).UTC()
	return it, nil
}

// NextInbox returns the session's lowest unprocessed item; ok is false when
// the session has nothing left to do.
func (s *Store) NextInbox(ctx context.Context, key string) (InboxItem, bool, error) {
	it, err := scanInbox(s.q.queryRow(ctx, `SELECT `+inboxColumns+` FROM pw_inbox
		WHERE session_key = $1 AND processed_at IS NULL ORDER BY seq LIMIT 1`, key))
	switch {
	case errors.Is(err, errNoRows):
		return InboxItem{}, false, nil
	case err != nil:
		return InboxItem{}, false, fmt.Errorf("next inbox item of session %q: %w", key, err)
	}
	return it, true, nil
}

// InboxBySeq returns one item and whether it was processed, or ErrNotFound.
// Sessionless items are worked one by one through it.
func (s *Store) InboxBySeq(ctx context.Context, seq int64) (InboxItem, bool, error) {
	var processedAt *int64
	var it InboxItem
	var us, format int64
	err := s.q.queryRow(ctx, `SELECT `+inboxColumns+`, processed_at FROM pw_inbox WHERE seq = $1`, seq).
		Scan(&it.Seq, &it.ID, &it.Event, &it.SessionKey, &it.Payload, &format, &us, &processedAt)
	switch {
	case errors.Is(err, errNoRows):
		return InboxItem{}, false, fmt.Errorf("inbox item %d: %w", seq, ErrNotFound)
	case err != nil:
		return InboxItem{}, false, fmt.Errorf("inbox item %d: %w", seq, err)
	}
	if it, err = finishInbox(it, format, us); err != nil {
		return InboxItem{}, false, err
	}
	return it, processedAt != nil, nil
}

// MarkProcessed marks an item processed without touching any session, for
// sessionless items. It returns ErrAlreadyProcessed the second time.
func (s *Store) MarkProcessed(ctx context.Context, seq int64) error {
	return s.inTx(ctx, func(tx Tx) error {
		return markProcessed(ctx, tx.q, "", seq)
	})
}

// markProcessed flips processed_at once; it is the idempotency gate of Commit.
func markProcessed(ctx context.Context, q querier, key string, seq int64) error {
	n, err := q.exec(ctx, `UPDATE pw_inbox SET processed_at = $1
		WHERE seq = $2 AND session_key = $3 AND processed_at IS NULL`, time.Now().UnixMicro(), seq, key)
	if err != nil {
		return fmt.Errorf("mark inbox item %d processed: %w", seq, err)
	}
	if n == 1 {
		return nil
	}
	var found int
	err = q.queryRow(ctx, `SELECT 1 FROM pw_inbox WHERE seq = $1 AND session_key = $2`, seq, key).Scan(&found)
	switch {
	case errors.Is(err, errNoRows):
		return fmt.Errorf("inbox item %d of session %q: %w", seq, key, ErrNotFound)
	case err != nil:
		return fmt.Errorf("check inbox item %d: %w", seq, err)
	}
	return ErrAlreadyProcessed
}

// BeginDrain bumps and returns the session's drain generation. A drain job
// calls it after taking the session lock and before reading the inbox, which
// is what makes deduplicating drain jobs by (session, generation) lossless:
// deliveries accepted before the bump are seen by this drain, later ones carry
// the new generation and get a job of their own.
func (s *Store) BeginDrain(ctx context.Context, key string) (int64, error) {
	var gen int64
	err := s.q.queryRow(ctx, `INSERT INTO pw_drain (session_key, gen) VALUES ($1, 1)
		ON CONFLICT (session_key) DO UPDATE SET gen = pw_drain.gen + 1 RETURNING gen`, key).Scan(&gen)
	if err != nil {
		return 0, fmt.Errorf("begin drain of session %q: %w", key, err)
	}
	return gen, nil
}
