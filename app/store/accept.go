package store

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// Accepted tells what Accept did with one delivery.
type Accepted struct {
	Dup bool  // the delivery id was already known; nothing was stored
	Seq int64 // inbox sequence of the new row (0 when Dup)
	Gen int64 // the session's drain generation at insert time (0 if sessionless)
}

// Schedule adds the caller's own writes (River job inserts) to an Accept
// transaction. acc is parallel to the accepted deliveries.
type Schedule func(ctx context.Context, tx Tx, acc []Accepted) error

// Accept durably records a batch of deliveries in one transaction: a dedupe
// row per new delivery id and an inbox row for it, then runs schedule inside
// the same transaction. Nothing is visible, and nothing is acknowledged,
// before the whole batch commits.
//
// Per-session order: every session's pw_drain row is upserted first, in
// sorted key order (so concurrent batches cannot deadlock). On PostgreSQL the
// upsert holds that row's lock until commit, so two replicas' batches for one
// session commit one after the other and their inbox sequence numbers are
// allocated in commit order; a drain never sees seq N+1 before seq N.
func (s *Store) Accept(ctx context.Context, ds []Delivery, schedule Schedule) ([]Accepted, error) {
	acc := make([]Accepted, len(ds))
	err := s.inTx(ctx, func(tx Tx) error {
		gens, err := lockDrains(ctx, tx.q, ds)
		if err != nil {
			return err
		}
		for i, d := range ds {
			if acc[i], err = acceptOne(ctx, tx.q, d); err != nil {
				return err
			}
			acc[i].Gen = gens[d.SessionKey]
		}
		if schedule != nil {
			return schedule(ctx, tx, acc)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("accept %d deliveries: %w", len(ds), err)
	}
	return acc, nil
}

// lockDrains upserts (and on PostgreSQL row-locks) the drain row of each
// session in the batch and returns the current generations.
func lockDrains(ctx context.Context, q querier, ds []Delivery) (map[string]int64, error) {
	var keys []string
	for _, d := range ds {
		if d.SessionKey != "" {
			keys = append(keys, d.SessionKey)
		}
	}
	slices.Sort(keys)
	keys = slices.Compact(keys)
	gens := make(map[string]int64, len(keys))
	for _, k := range keys {
		var gen int64
		// The no-op update is deliberate: it takes the row lock.
		err := q.queryRow(ctx, `INSERT INTO pw_drain (session_key, gen) VALUES ($1, 0)
			ON CONFLICT (session_key) DO UPDATE SET gen = pw_drain.gen RETURNING gen`, k).Scan(&gen)
		if err != nil {
			return nil, fmt.Errorf("lock drain row of session %q: %w", k, err)
		}
		gens[k] = gen
	}
	return gens, nil
}

func acceptOne(ctx context.Context, q querier, d Delivery) (Accepted, error) {
	if d.ID == "" {
		return Accepted{}, fmt.Errorf("delivery without id (event %q)", d.Event)
	}
	at := d.ReceivedAt
	if at.IsZero() {
		at = time.Now()
	}
	n, err := q.exec(ctx, `INSERT INTO pw_delivery (delivery_id, received_at) VALUES ($1, $2)
		ON CONFLICT (delivery_id) DO NOTHING`, d.ID, at.UnixMicro())
	if err != nil {
		return Accepted{}, fmt.Errorf("record delivery %s: %w", d.ID, err)
	}
	if n == 0 {
		return Accepted{Dup: true}, nil
	}
	payload := d.Payload
	if payload == nil {
		payload = []byte{}
	}
	var seq int64
	err = q.queryRow(ctx, `INSERT INTO pw_inbox (delivery_id, session_key, event, payload, received_at)
		VALUES ($1, $2, $3, $4, $5) RETURNING seq`, d.ID, d.SessionKey, d.Event, payload, at.UnixMicro()).Scan(&seq)
	if err != nil {
		return Accepted{}, fmt.Errorf("insert inbox row for delivery %s: %w", d.ID, err)
	}
	return Accepted{Seq: seq}, nil
}
